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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Reads an input stream, standard input by default, and sends what it reads on "outbox": as lines of
 * text, or as raw byte chunks for binary data. The first stage of {@code kamaelia connect}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ConsoleReader(), new PureTransformer<String, String>(String::toUpperCase),
 *         new LinesToBytes(), new ConsoleEchoer()).run();                     // an upper-casing cat
 * new Pipeline(ConsoleReader.builder().bytes().build(),
 *         new ThreadedTCPClient("localhost", 1601), new ConsoleEchoer()).run(); // netcat
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": not used</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it, even while a read is
 *     blocked; other messages are ignored</li>
 * <li>inbox "_fromReader": internal, from its reader thread (chunks read, end of stream, read errors)</li>
 * <li>outbox "outbox": {@link Mode#LINES}: each line as a String without its terminator;
 *     {@link Mode#BYTES}: each chunk read as a byte[], exactly as read</li>
 * <li>outbox "signal": {@code ProducerFinished(this)} at the end of the input; ErrorInformation for a
 *     read error or (lines mode) a bad line; the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * <pre>
 *   input stream --read()--> reader thread --chunks (at most 4 ahead)--> main() --lines or chunks--> outbox
 *                            (platform, daemon;                          watches "control" too
 *                             blocks in read)
 * </pre>
 * A blocking read on standard input cannot be interrupted, so the reads happen on a daemon platform
 * thread of its own, which hands each chunk (up to the chunk size, 32 KiB by default) to main()
 * through the internal inbox. main() never blocks in a read: it waits for either a chunk or a
 * control message, so it can stop at any time. The reader takes a permit before each read and
 * main() gives it back once that chunk has been sent on, so at most four chunks are read ahead:
 * when the next component's inbox is bounded and full, main() waits in a blocking send and the
 * reader soon stops reading, so memory stays bounded and the stream is not drained faster than it is
 * consumed.
 *
 * <p>In {@link Mode#BYTES} each chunk goes out as a new byte[], byte for byte: binary-safe. In
 * {@link Mode#LINES} (the default) the bytes are split into lines exactly as {@link BytesToLines}
 * does: LF or CRLF terminators, UTF-8 (malformed bytes become U+FFFD), a maximum line length (64 KiB
 * by default) whose breach is reported as an ErrorInformation carrying a {@link FramingException}
 * (line number, limit, length) and skipped; bytes after the last line feed are sent as a last line at
 * the end of the input.
 *
 * <h2>Termination</h2>
 * <ul>
 * <li>End of input: what remains is sent, then {@code ProducerFinished(this)} on "signal"; the reader
 *     thread has ended.</li>
 * <li>A read that throws: the chunks read before it are sent, then an ErrorInformation carrying the
 *     IOException (and how many bytes had been read) and {@code ProducerFinished(this, exception)}.</li>
 * <li>{@link ProducerFinished} on "control": chunks the reader has already handed over are sent on,
 *     in lines mode with the unfinished last line as at the end of input (a ShutdownMicroprocess
 *     arriving meanwhile cuts that short), then the message is passed on out of "signal" and it
 *     stops, whether or not a read is blocked.</li>
 * <li>{@link ShutdownMicroprocess} on "control": it stops at once, dropping chunks already handed over
 *     and an unfinished line, and passes the message on.</li>
 * </ul>
 * <b>What happens to the stream when it stops before the end of input.</b> The stream is not closed
 * (standard input belongs to the process, and closing it would not wake a blocked read anyway). If
 * the reader thread is waiting for a permit it ends at once, having read nothing more. If it is blocked
 * in {@code read()}, it stays blocked, abandoned, until that read returns: then whatever the read
 * returned (one chunk, at most the chunk size, already taken out of the stream) is discarded, and the
 * thread ends without reading again; if the read returns end of input or throws, the thread just ends.
 * The thread is a daemon, so it never keeps the JVM from exiting. Whoever owns a stream other than
 * standard input can close it (or its writing end) after the component has finished to make such a
 * thread end sooner. Nothing is sent on any box after the stop message.
 *
 * <h2>Thread safety</h2>
 * Two threads: main() (a virtual thread, like every component's) and the reader thread (a daemon
 * platform thread named after the component, started by main()). The reader thread touches only the
 * stream, its own buffer, {@code permits} (a Semaphore: it takes one before each read, main() gives
 * it back after sending that chunk on, and gives back all of them when it stops) and {@code stopped}
 * (volatile, written by main() before it gives the permits back, read by the reader thread after each
 * permit and after each read); it hands chunks over with {@code deliver}, which is thread-safe, so a
 * chunk's bytes are visible to main() once received. Everything else is confined to main().
 *
 * <p>Divergences from the original: Axon's ConsoleReader printed a prompt, appended an end-of-line
 * string to each line, never stopped (it read one more line after a control message, and never
 * signalled end of input), and sent without backpressure. This one prints nothing, sends lines
 * without their terminator, signals end of input, stops promptly, and can read raw bytes.
 */
public final class ConsoleReader extends UtilComponent {

    /** How the input is sent on. */
    public enum Mode {
        /** Lines of UTF-8 text, as Strings without their LF or CRLF terminator. */
        LINES,
        /** Raw chunks, as byte[] exactly as read. */
        BYTES
    }

    /** The default chunk size: 32 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 32 * 1024;
    /** How many chunks the reader thread may have read ahead of what main() has sent on. */
    static final int READ_AHEAD = 4;

    private static final String FROM_READER = "_fromReader";
    private static final Object END_OF_INPUT = new Object() {
        @Override
        public String toString() {
            return "end of input";
        }
    };

    /** A read that threw, handed over by the reader thread. */
    private record ReadFailed(Throwable error, long bytesRead) {
    }

    private final InputStream in;
    private final Mode mode;
    private final int chunkSize;
    private final LineSplitter splitter;
    private final Semaphore permits = new Semaphore(READ_AHEAD);
    /** Set by main() when it stops: the reader thread must not read again. Read by the reader thread. */
    private volatile boolean stopped;
    private volatile Thread reader;
    private final LineSplitter.Sink sink = linesToOutbox();

    /** Reads lines from {@link System#in} (as it is when this is made). */
    public ConsoleReader() {
        this(builder());
    }

    /**
     * Reads lines from {@code in}.
     *
     * @throws NullPointerException when in is null
     */
    public ConsoleReader(InputStream in) {
        this(builder().input(in));
    }

    private ConsoleReader(Builder b) {
        this.in = b.in != null ? b.in : System.in;
        this.mode = b.mode;
        this.chunkSize = b.chunkSize;
        this.splitter = b.mode == Mode.LINES
                ? new LineSplitter(name(), b.maxLineLength, CodingErrorAction.REPLACE) : null;
        declareInbox(FROM_READER, "internal: chunks, end of input and read errors from the reader thread");
    }

    /** A builder for a reader with options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for a {@link ConsoleReader}. Not thread-safe; each {@link #build()} makes a new reader. */
    public static final class Builder {
        private InputStream in;
        private Mode mode = Mode.LINES;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private int maxLineLength = BytesToLines.DEFAULT_MAX_LINE_LENGTH;

        private Builder() {
        }

        /** The stream to read; {@link System#in} when not set. */
        public Builder input(InputStream in) {
            this.in = Objects.requireNonNull(in, "in");
            return this;
        }

        /** Send lines (the default) or raw chunks. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@code mode(Mode.BYTES)}. */
        public Builder bytes() {
            return mode(Mode.BYTES);
        }

        /** {@code mode(Mode.LINES)}. */
        public Builder lines() {
            return mode(Mode.LINES);
        }

        /**
         * The most bytes one read asks for (and so the largest chunk);
         * {@link ConsoleReader#DEFAULT_CHUNK_SIZE} when not set.
         *
         * @throws IllegalArgumentException when chunkSize &lt;= 0
         */
        public Builder chunkSize(int chunkSize) {
            this.chunkSize = Checks.positive(chunkSize, "chunkSize");
            return this;
        }

        /**
         * The longest line, in bytes without terminator, in lines mode;
         * {@link BytesToLines#DEFAULT_MAX_LINE_LENGTH} when not set.
         *
         * @throws IllegalArgumentException when maxLineLength &lt;= 0
         */
        public Builder maxLineLength(int maxLineLength) {
            this.maxLineLength = Checks.positive(maxLineLength, "maxLineLength");
            return this;
        }

        public ConsoleReader build() {
            return new ConsoleReader(this);
        }
    }

    /** The mode it sends in. */
    public Mode mode() {
        return mode;
    }

    /** The reader thread, once started (for tests: it is a daemon platform thread). */
    Thread readerThread() {
        return reader;
    }

    /** Whether the reader thread is waiting for a permit: it has read as far ahead as it may (for tests). */
    boolean readerWaitingForPermit() {
        return permits.hasQueuedThreads();
    }

    @Override
    protected void main() {
        Thread t = Thread.ofPlatform().daemon(true).name(name() + "-reader").unstarted(this::readLoop);
        reader = t;
        t.start();
        try {
            loop();
        } finally {
            stopped = true;
            permits.release(READ_AHEAD); // a reader waiting for a permit wakes, sees stopped, and ends
        }
    }

    private void loop() {
        for (;;) {
            while (!stopNow() && dataReady(FROM_READER)) {
                Object event = recv(FROM_READER);
                if (event instanceof byte[] chunk) {
                    forward(chunk);
                    permits.release();
                } else if (event == END_OF_INPUT) {
                    if (splitter != null) {
                        splitter.end(sink);
                    }
                    endOfInput(new ProducerFinished(this));
                    return;
                } else if (event instanceof ReadFailed f) {
                    if (splitter != null) {
                        splitter.end(sink);
                    }
                    report("reading the input failed after " + f.bytesRead() + " bytes: " + f.error(),
                            f.error());
                    endOfInput(new ProducerFinished(this, f.error()));
                    return;
                }
                if (dataReady("control")) {
                    checkControl();
                }
            }
            if (stopNow() || checkControl()) {
                if (!stopNow()) {
                    // ProducerFinished: send on what the reader has already handed over, no more.
                    while (!stopNow() && dataReady(FROM_READER)) {
                        Object event = recv(FROM_READER);
                        if (event instanceof byte[] chunk) {
                            forward(chunk);
                        } else if (event instanceof ReadFailed f) {
                            report("reading the input failed after " + f.bytesRead() + " bytes: " + f.error(),
                                    f.error());
                        }
                    }
                    if (splitter != null && !stopNow()) {
                        splitter.end(sink);
                    }
                }
                stopped = true;
                sendSignal(pendingStop());
                return;
            }
            pause();
        }
    }

    private void forward(byte[] chunk) {
        if (splitter != null) {
            splitter.feed(chunk, 0, chunk.length, sink);
        } else {
            sendOrAbort(chunk, "outbox");
        }
    }

    /** The input ended (or failed): its own end message, unless a ShutdownMicroprocess cut the last sends short. */
    private void endOfInput(ProducerFinished own) {
        stopped = true;
        sendSignal(stopNow() ? pendingStop() : own);
    }

    /** The reader thread's body: read, hand over, repeat; never blocks main(). */
    private void readLoop() {
        byte[] buf = new byte[chunkSize];
        long total = 0;
        try {
            for (;;) {
                permits.acquireUninterruptibly();
                if (stopped) {
                    return;
                }
                int n = in.read(buf, 0, buf.length);
                if (stopped) {
                    return; // abandoned: what this read returned is discarded
                }
                if (n < 0) {
                    deliver(END_OF_INPUT, FROM_READER);
                    return;
                }
                if (n == 0) {
                    permits.release();
                    continue;
                }
                total += n;
                deliver(Arrays.copyOf(buf, n), FROM_READER);
            }
        } catch (IOException | RuntimeException | Error e) {
            if (!stopped) {
                deliver(new ReadFailed(e, total), FROM_READER);
            }
        }
    }
}
