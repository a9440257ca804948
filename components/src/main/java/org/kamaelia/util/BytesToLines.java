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

import java.nio.charset.CodingErrorAction;
import java.util.Objects;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Turns a byte stream, arriving in chunks of any size, into lines of text: UTF-8, ended by LF or CRLF,
 * with a maximum line length so a peer that never sends a line feed cannot fill memory.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ThreadedTCPClient("localhost", 1601), new BytesToLines(1024),
 *         new PureTransformer<String, String>(String::toUpperCase), new LinesToBytes(), new ConsoleEchoer()).run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": byte[] or ByteBuffer chunks of a byte stream</li>
 * <li>inbox "control": ProducerFinished (end of the stream) or ShutdownMicroprocess stops it; other
 *     messages are ignored</li>
 * <li>outbox "outbox": each line as a String, without its terminator</li>
 * <li>outbox "signal": ErrorInformation carrying a {@link FramingException} for each bad input, then the
 *     control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * A line ends at a line feed; a carriage return right before it is part of the terminator, so LF and
 * CRLF input both work (and may be mixed); a CR anywhere else stays in the line. Chunk boundaries do
 * not matter: a line, a CRLF, or a multi-byte UTF-8 character may be split across chunks. Each line is
 * decoded as UTF-8 once it is complete; malformed bytes become U+FFFD by default
 * ({@link CodingErrorAction#REPLACE}), or are left out ({@code IGNORE}), or make the line an error
 * ({@code REPORT}). Lines go out with a blocking send.
 *
 * <p>Bad input is reported on "signal" as an {@link org.kamaelia.axon.ipc.ErrorInformation} carrying a
 * {@link FramingException}, and the component carries on:
 * <ul>
 * <li>a line longer than the limit (in bytes, terminator excluded): reported as soon as more than the
 *     limit has arrived without a line feed, naming the line number, its first byte's offset in the
 *     stream, the limit and the length so far, then skipped up to the next line feed; or, when the
 *     whole line came in one chunk, reported with its exact length and skipped. At most
 *     {@code maxLineLength + 1} bytes are ever buffered;</li>
 * <li>a line that is not valid UTF-8 with {@code REPORT}: reported (line number and byte) and skipped;</li>
 * <li>a message that is neither byte[] nor ByteBuffer: reported (its type) and dropped.</li>
 * </ul>
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control" ends the stream: everything left in "inbox" is split, bytes
 * after the last line feed are sent as a last line (as {@code BufferedReader.readLine} does), and the
 * message is passed on out of "signal". A {@link ShutdownMicroprocess} stops it at once: an
 * unfinished line it holds is dropped and reported (how many bytes), then the message is passed on.
 * Other control messages are ignored. The original's LineSplit split each message on its own (a line
 * split between two messages became two lines) with no limit; this one treats the input as a stream.
 */
public final class BytesToLines extends UtilComponent {
    /** The default maximum line length: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    private final LineSplitter splitter;
    private final LineSplitter.Sink sink = linesToOutbox();

    /** Lines of at most {@link #DEFAULT_MAX_LINE_LENGTH} bytes; malformed UTF-8 replaced by U+FFFD. */
    public BytesToLines() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * Lines of at most {@code maxLineLength} bytes; malformed UTF-8 replaced by U+FFFD.
     *
     * @throws IllegalArgumentException when maxLineLength &lt;= 0
     */
    public BytesToLines(int maxLineLength) {
        this(maxLineLength, CodingErrorAction.REPLACE);
    }

    /**
     * Lines of at most {@code maxLineLength} bytes, with the given action for malformed UTF-8.
     *
     * @throws IllegalArgumentException when maxLineLength &lt;= 0
     * @throws NullPointerException when onMalformed is null
     */
    public BytesToLines(int maxLineLength, CodingErrorAction onMalformed) {
        Checks.positive(maxLineLength, "maxLineLength");
        Objects.requireNonNull(onMalformed, "onMalformed");
        this.splitter = new LineSplitter(name(), maxLineLength, onMalformed);
    }

    @Override
    void onMessage(Object message) {
        Bytes b = bytesOrReport(message);
        if (b == null) {
            return;
        }
        splitter.feed(b.array(), b.offset(), b.length(), sink);
    }

    @Override
    void onStop(Object stopMessage) {
        if (!stopNow()) {
            splitter.end(sink);
        } else if (splitter.pendingBytes() > 0) {
            FramingException e = new FramingException(name() + ": stopped by " + stopMessage
                    + " with an unfinished line " + splitter.lineNumber() + " of " + splitter.pendingBytes()
                    + " bytes (no line feed yet); dropped");
            sink.error(e);
        }
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
