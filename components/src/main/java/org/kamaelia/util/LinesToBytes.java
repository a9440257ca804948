/*
 * Copyright 2026 The Kamaelia for Java authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.kamaelia.util;

import java.nio.charset.StandardCharsets;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Turns lines of text into bytes: each line encoded in UTF-8 and followed by a terminator (LF by
 * default, CRLF or any other on request). The inverse of {@link BytesToLines}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(DataSource.of("HELO example.org", "QUIT"), new LinesToBytes(LinesToBytes.CRLF),
 *         new ThreadedTCPClient("localhost", 25), new ConsoleEchoer()).run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": lines, as any CharSequence (String, StringBuilder...), without terminator</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>outbox "outbox": one byte[] per line: its UTF-8 bytes, then the terminator</li>
 * <li>outbox "signal": ErrorInformation carrying a {@link FramingException} for each bad input, then the
 *     control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Each line becomes one byte[] (so each line is one write downstream), sent with a blocking send.
 * By default a line that contains a CR, an LF or the terminator itself, which would not come back as
 * the same line from {@link BytesToLines}, is reported (naming the line's number, counting from 0, and
 * the index of the character) and dropped, rather than silently split. Made with
 * {@link #allowingCarriageReturns(String)}, it sends a CR inside a line as it is, as {@code nc -C} and
 * {@code ncat -C} do: text from a terminal or a file may hold CRs that are not line breaks (old Mac line
 * ends, a CR typed by hand, a line of {@code CR CR LF} whose first CR is content), and a netcat must
 * not lose it; an LF is still refused, and so is the terminator when it contains no CR or LF.
 * A line ending in CR is sent as it is too, then the terminator: {@code "a\r"} with CRLF gives
 * {@code a CR CR LF}. (A line read by {@link ConsoleReader} or {@link BytesToLines} has already lost the
 * CR of its own CR LF: {@code "a\r\n"} becomes the line {@code "a"}, sent as {@code a CR LF}.) A message
 * that is not a CharSequence is
 * reported (naming its type) and dropped. An unpaired surrogate in a String is encoded as '?', as
 * {@link String#getBytes(java.nio.charset.Charset)} does.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it encodes everything left in "inbox", passes the message
 * on out of "signal" and stops. A {@link ShutdownMicroprocess}: it stops at once and passes the
 * message on. Other control messages are ignored.
 */
public final class LinesToBytes extends UtilComponent {
    /** A line feed, the default terminator. */
    public static final String LF = "\n";
    /** Carriage return and line feed, the terminator of most Internet text protocols. */
    public static final String CRLF = "\r\n";

    private final String terminator;
    private final byte[] terminatorBytes;
    private final boolean carriageReturnsAllowed;
    private long index;

    /** Lines ended by {@link #LF}; a line containing a CR is reported and dropped. */
    public LinesToBytes() {
        this(LF);
    }

    /**
     * Lines ended by the given terminator; a line containing a CR, an LF or the terminator is reported
     * and dropped.
     *
     * @throws NullPointerException when terminator is null
     * @throws IllegalArgumentException when terminator is empty
     */
    public LinesToBytes(String terminator) {
        this(terminator, false);
    }

    private LinesToBytes(String terminator, boolean carriageReturnsAllowed) {
        this.terminator = Checks.nonEmpty(terminator, "terminator");
        this.terminatorBytes = terminator.getBytes(StandardCharsets.UTF_8);
        this.carriageReturnsAllowed = carriageReturnsAllowed;
    }

    /**
     * Lines ended by the given terminator, a CR inside a line (or at its end) sent as it is: what a
     * netcat's line mode needs ({@code kamaelia connect --lines} uses it). A line containing an LF, or
     * the terminator when that has no CR or LF in it, is still reported and dropped.
     *
     * @throws NullPointerException when terminator is null
     * @throws IllegalArgumentException when terminator is empty
     */
    public static LinesToBytes allowingCarriageReturns(String terminator) {
        return new LinesToBytes(terminator, true);
    }

    /** The terminator written after each line. */
    public String terminator() {
        return terminator;
    }

    /** True when a CR inside a line is sent as it is ({@link #allowingCarriageReturns}), false when refused. */
    public boolean allowsCarriageReturns() {
        return carriageReturnsAllowed;
    }

    @Override
    void onMessage(Object message) {
        long n = index++;
        if (!(message instanceof CharSequence cs)) {
            report(new FramingException(name() + ": line " + n + ": " + Checks.describe(message)
                    + " (expected: a CharSequence such as String); dropped"));
            return;
        }
        String line = cs.toString();
        int bad = badCharacter(line);
        if (bad >= 0) {
            String what = line.charAt(bad) == '\n' ? "a line feed" : line.charAt(bad) == '\r' ? "a carriage return"
                    : "the terminator";
            report(new FramingException(name() + ": line " + n + " contains " + what + " at index " + bad
                    + " (expected: no CR, LF or terminator inside a line); dropped"));
            return;
        }
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + terminatorBytes.length];
        System.arraycopy(text, 0, out, 0, text.length);
        System.arraycopy(terminatorBytes, 0, out, text.length, terminatorBytes.length);
        sendOrAbort(out, "outbox");
    }

    private int badCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n' || c == '\r' && !carriageReturnsAllowed) {
                return i;
            }
        }
        // a terminator holding a CR may appear only as a CR (an LF was caught above): that is allowed too
        return carriageReturnsAllowed && terminator.indexOf('\r') >= 0 ? -1 : line.indexOf(terminator);
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
