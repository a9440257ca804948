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

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Writes what it receives to an output stream, standard output by default: the end of a pipeline
 * that shows its result, and the last stage of {@code kamaelia connect}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ConsoleReader(), new ThreadedTCPClient("localhost", 1601), new ConsoleEchoer()).run();
 * new Pipeline(DataSource.of(1, 2, 3), ConsoleEchoer.builder().newlineAfterText(true).build()).run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": byte[] or ByteBuffer (written as they are), anything else (written as text)</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>outbox "outbox": with {@link Builder#forward(boolean) forward(true)}, every message, unchanged,
 *     after it has been written; otherwise not used</li>
 * <li>outbox "signal": the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * A {@code byte[]} is written exactly as it is, and a {@link java.nio.ByteBuffer} as its remaining
 * bytes (its position is not moved), so binary data passes through unchanged. Any other message is
 * written as text: {@code String.valueOf(message)} encoded in the chosen charset (UTF-8 by default),
 * followed by a line feed ({@code "\n"}) when {@link Builder#newlineAfterText(boolean)
 * newlineAfterText(true)} was chosen. Bytes are never followed by a line feed.
 *
 * <p>Output goes through a 64 KiB buffer, which is flushed to the stream (and the stream flushed) each
 * time the inbox runs dry after something was written, not after every message: bulk data costs few
 * system calls, and what was received is visible as soon as nothing more is waiting. The stream is
 * never closed (standard output belongs to the process). A write that fails ({@link IOException}, or
 * a {@link PrintStream} reporting {@link PrintStream#checkError()}, such as a closed pipe) ends the
 * component as a failure: the runtime sends an ErrorInformation (an IOException naming the stream
 * and how many bytes had been written) and a ProducerFinished on "signal".
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} or a {@link ShutdownMicroprocess} on "control": it first writes
 * everything still in "inbox" and flushes, then passes the message on out of "signal" and stops.
 * Other control messages are ignored. Divergence from the original: Axon's ConsoleEchoer stopped on
 * any control message (so a status string on "control" ended it); it also wrote everything with
 * {@code str()} and flushed after every message.
 */
public final class ConsoleEchoer extends UtilComponent {
    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final BufferedOutputStream buffered;
    private final Charset charset;
    private final boolean newlineAfterText;
    private final boolean forward;
    private volatile long written;
    /** Whether anything was written since the last flush. Own thread only. */
    private boolean dirty;

    /** An echoer writing to {@link System#out} (as it is when this is made), text in UTF-8, no line feeds added. */
    public ConsoleEchoer() {
        this(builder());
    }

    /**
     * An echoer writing to {@code out}, text in UTF-8, no line feeds added.
     *
     * @throws NullPointerException when out is null
     */
    public ConsoleEchoer(OutputStream out) {
        this(builder().output(out));
    }

    private ConsoleEchoer(Builder b) {
        this.out = b.out != null ? b.out : System.out;
        this.buffered = new BufferedOutputStream(out, BUFFER);
        this.charset = b.charset;
        this.newlineAfterText = b.newlineAfterText;
        this.forward = b.forward;
    }

    /** A builder for an echoer with options. */
    public static Builder builder() {
        return new Builder();
    }

    /** How many bytes it has written so far (into its buffer). Any thread, approximate while running. */
    public long bytesWritten() {
        return written;
    }

    /** Options for a {@link ConsoleEchoer}. Not thread-safe; each {@link #build()} makes a new echoer. */
    public static final class Builder {
        private OutputStream out;
        private Charset charset = StandardCharsets.UTF_8;
        private boolean newlineAfterText;
        private boolean forward;

        private Builder() {
        }

        /** The stream to write to; {@link System#out} when not set. */
        public Builder output(OutputStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** The charset for text (messages that are not bytes); UTF-8 when not set. */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /** Whether a line feed follows each text message; false when not set. */
        public Builder newlineAfterText(boolean newlineAfterText) {
            this.newlineAfterText = newlineAfterText;
            return this;
        }

        /**
         * Whether each message is also sent on "outbox" after it is written (the original's forwarder);
         * false when not set.
         */
        public Builder forward(boolean forward) {
            this.forward = forward;
            return this;
        }

        public ConsoleEchoer build() {
            return new ConsoleEchoer(this);
        }
    }

    @Override
    boolean drainsOnShutdown() {
        return true;
    }

    @Override
    void onMessage(Object message) throws IOException {
        dirty = true;
        try {
            if (Bytes.accepts(message)) {
                Bytes b = Bytes.of(message);
                buffered.write(b.array(), b.offset(), b.length());
                written += b.length();
            } else {
                byte[] text = String.valueOf(message).getBytes(charset);
                buffered.write(text);
                written += text.length;
                if (newlineAfterText) {
                    buffered.write('\n');
                    written++;
                }
            }
        } catch (IOException e) {
            throw failed(e);
        }
        if (forward) {
            sendOrAbort(message, "outbox");
        }
    }

    @Override
    void onDrained() throws IOException {
        if (!dirty) {
            return;
        }
        dirty = false;
        try {
            buffered.flush();
        } catch (IOException e) {
            throw failed(e);
        }
        if (out instanceof PrintStream ps && ps.checkError()) {
            throw failed(new IOException("the PrintStream reports an error (checkError() is true)"));
        }
    }

    private IOException failed(IOException e) {
        String target = out == System.out ? "standard output" : out.getClass().getName();
        return new IOException(name() + ": writing to " + target + " failed after " + written + " bytes: "
                + e.getMessage(), e);
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
