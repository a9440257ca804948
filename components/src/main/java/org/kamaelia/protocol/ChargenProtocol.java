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
package org.kamaelia.protocol;

import java.util.Arrays;

/**
 * Sends the classic character-generator pattern until told to stop: the Character Generator protocol
 * (RFC 864). Lines of 72 characters taken from the 95 printable ASCII characters (space to tilde) seen
 * as a ring, each line starting one character further on, each ending with CR LF.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * SimpleServer server = SimpleServer.builder(ChargenProtocol::new).port(19).build();
 * server.activate();
 * // a bounded stream, e.g. for a test or a demo: 1000 lines, then it finishes
 * Component first1000 = new ChargenProtocol(1000);
 * }</pre>
 * The first lines are:
 * <pre>
 *  !"#$%&amp;'()*+,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefg
 * !"#$%&amp;'()*+,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefgh
 * "#$%&amp;'()*+,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghi
 * </pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": anything; discarded, as the RFC says.</li>
 * <li>inbox "control": ProducerFinished (e.g. the client's end of stream) or ShutdownMicroprocess:
 *     stop.</li>
 * <li>outbox "outbox": {@code byte[]} messages of 16 whole lines each (fewer at the end of a limited
 *     stream).</li>
 * <li>outbox "signal": the control message that stopped it, or its own ProducerFinished after a
 *     limited stream.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It sends as fast as the receiver takes: each send waits while the receiver's inbox is full, so in a
 * server TCP flow control sets the pace (the RFC's "normal TCP flow control"), and memory stays
 * bounded. Waiting for space does not stop it hearing "control".
 *
 * <h2>Termination</h2>
 * On a ProducerFinished or ShutdownMicroprocess on "control" (checked between messages, and while
 * waiting for space) it passes that message on out of "signal" and finishes. With a line limit it
 * sends a ProducerFinished of its own after the last line. Other control messages are ignored. In a
 * server the client's end of stream arrives as such a ProducerFinished, so a client that half-closes
 * (stops sending) also stops the stream; a client that closes or resets the connection stops it too.
 * (inetd's chargen ignored input altogether and wrote until a write failed; the original Kamaelia
 * Chargen, in Kamaelia.Util, sent "Hello World" forever and ignored control.)
 */
public class ChargenProtocol extends ProtocolComponent {
    /** Characters per line, without the CR LF. */
    public static final int LINE_LENGTH = 72;
    /** How many characters the pattern cycles through: ASCII 32 (space) to 126 (tilde). */
    public static final int CHARACTERS = 95;
    private static final int LINE_BYTES = LINE_LENGTH + 2;
    private static final int LINES_PER_MESSAGE = 16;
    /** Two full cycles of lines, so any run of up to 95 lines is one contiguous range. */
    private static final byte[] TWO_CYCLES = buildCycles();

    private final long lineLimit;

    /** Sends lines until told to stop. */
    public ChargenProtocol() {
        this.lineLimit = Long.MAX_VALUE;
    }

    /**
     * Sends {@code lines} lines, then finishes with a ProducerFinished (unless told to stop before).
     *
     * @throws IllegalArgumentException when {@code lines} is negative
     */
    public ChargenProtocol(long lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines: " + lines + " (expected: >= 0)");
        }
        this.lineLimit = lines;
    }

    /**
     * Line {@code n} of the pattern (0 is the first), without its CR LF.
     *
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public static String line(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
        }
        int start = (int) (n % CHARACTERS) * LINE_BYTES;
        return new String(TWO_CYCLES, start, LINE_LENGTH, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] buildCycles() {
        byte[] b = new byte[2 * CHARACTERS * LINE_BYTES];
        int i = 0;
        for (int line = 0; line < 2 * CHARACTERS; line++) {
            for (int c = 0; c < LINE_LENGTH; c++) {
                b[i++] = (byte) (' ' + (line + c) % CHARACTERS);
            }
            b[i++] = '\r';
            b[i++] = '\n';
        }
        return b;
    }

    @Override
    protected void main() {
        long sent = 0;
        while (sent < lineLimit) {
            discardInput();
            if (checkControl() || finishRequest() != null) {
                signalEnd();
                return;
            }
            int n = (int) Math.min(LINES_PER_MESSAGE, lineLimit - sent);
            int from = (int) (sent % CHARACTERS) * LINE_BYTES;
            if (!sendOrStop(Arrays.copyOfRange(TWO_CYCLES, from, from + n * LINE_BYTES))) {
                signalEnd();
                return;
            }
            sent += n;
        }
        discardInput();
        checkControl();
        signalEnd();
    }
}
