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
package org.kamaelia.internet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ComponentInterruptedException;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.internal.Preload;
import org.kamaelia.internal.SafeLog;
import org.kamaelia.ipc.SocketShutdown;

/**
 * One connected TCP socket as a component: bytes from the peer come out of "outbox", what is sent to
 * "inbox" goes to the peer. The original's {@code ConnectedSocketAdapter} (CSA), without a Selector:
 * blocking I/O on virtual threads.
 *
 * <h2>Example</h2>
 * {@link TCPServer} makes one for every connection it accepts, and
 * {@link org.kamaelia.chassis.ServerCore} wires it to a protocol component like this:
 * <pre>{@code
 * link(csa, "outbox", protocol, "inbox");          // bytes from the peer
 * link(csa, "inputEnded", protocol, "control");    // the peer has finished sending
 * link(protocol, "outbox", csa, "inbox");          // bytes to the peer
 * link(protocol, "signal", csa, "producerSignal"); // the protocol has finished: flush and close
 * protocol.activate();
 * csa.activate();
 * }</pre>
 * It can wrap any connected, blocking {@link SocketChannel}, e.g. one a program opened itself.
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": data to send to the peer: {@code byte[]}, {@link ByteBuffer} (its remaining bytes;
 *     the buffer itself is not changed) or {@link CharSequence} (encoded as UTF-8). Bounded (64 messages
 *     by default), so a producer that uses {@code sendBlocking} slows down to the peer's pace.</li>
 * <li>inbox "control": {@link ProducerFinished} (a {@link SocketShutdown} included): write everything
 *     received, then close; {@link ShutdownMicroprocess}: close at once.</li>
 * <li>inbox "producerSignal": the "signal" of the component feeding "inbox": a ProducerFinished or a
 *     ShutdownMicroprocess here both mean "write everything it sent, then close". That component
 *     finishing means the same when it was given to {@link #closeWhenFinished}.</li>
 * <li>outbox "outbox": the bytes read from the peer, as {@code byte[]} chunks of at most the read buffer
 *     size (8 KiB by default).</li>
 * <li>outbox "inputEnded": exactly one {@link SocketShutdown} once the peer's data has ended, after the
 *     last chunk on "outbox": cause null when the peer closed its side (or the socket was closed here
 *     on request), else the exception. When the receiving box is full the notice waits for room (it is
 *     never dropped), unless the receiver has finished.</li>
 * <li>outbox "CreatorFeedback": the final {@link SocketShutdown}, for whoever made this component
 *     ({@link TCPServer} counts connections with it).</li>
 * <li>outbox "signal": the final {@link SocketShutdown}, exactly one, the last thing this component
 *     sends: cause ({@code null} for a clean close), bytes sent and received, and what was handed over
 *     for sending but not sent.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * <pre>
 *   inbox --> main(): gathers waiting messages --batch--> writer thread: one gathering write --> socket
 *   control, producerSignal --> main(): PF = flush, half-close, close; SM = close now
 *   socket --> reader thread: read a chunk --sendBlocking--> outbox   (a full receiver stops the reading,
 *                                                                       and TCP then slows the peer)
 * </pre>
 * Three virtual threads: {@code main()} takes messages from "inbox" and watches "control"; a writer
 * thread writes each batch of messages with one gathering write; a reader thread reads chunks and sends
 * them with {@code sendBlocking}, so a receiver with a bounded inbox that does not keep up stops the
 * reading from this peer, and memory per connection stays bounded (read buffer + the receiver's inbox).
 * While the writer is busy, new messages wait in "inbox" and are gathered into the next write.
 *
 * <p>When the peer closes its sending side (end of stream), "inputEnded" says so, and the connection
 * stays open for writing: a client that half-closes after its request still receives the whole answer.
 * Closing after a ProducerFinished is a lingering close: everything received on "inbox" is written, the
 * sending side is shut down (the peer reads end of stream), and the socket is closed once the peer has
 * closed its side too, or after the close timeout (5 s by default), so the last bytes are not lost to a
 * reset.
 *
 * <h2>Termination</h2>
 * It finishes when the socket is closed: after a ProducerFinished on "control" (or anything on
 * "producerSignal") once everything is written and the peer has closed its side or the close timeout
 * has passed; at once on a ShutdownMicroprocess on "control", on a read or write error (a reset, a
 * broken pipe), or on a message of an unsupported type in "inbox" (what came before it is written
 * first; the cause then names the type and where it came). It always ends by sending one
 * {@link SocketShutdown} on "CreatorFeedback" and then one on "signal"; messages left unsent are
 * counted in it. That holds also when its own code fails (an exception or Error, a message whose
 * encoding throws, an interrupt): the failure is then the SocketShutdown's cause and is logged, and
 * nothing follows the SocketShutdown on "signal". The peer closing alone does not end it (see above).
 *
 * <h2>Thread safety</h2>
 * Public methods may be called from any thread. Fields marked "main" are confined to {@code main()}'s
 * thread; the channel is shared by the three threads (reads by the reader, writes by the writer,
 * shutdown and close by main, which NIO allows); the byte counters are atomic; {@code closing} and
 * {@code cause} are volatile, written by main before it closes the socket so the reader can tell a
 * local close from a peer's error.
 *
 * <h2>Differences from the original</h2>
 * No Selector: blocking I/O on virtual threads. Strings are accepted (as UTF-8) instead of jamming the
 * send queue; other types end the connection with a clear cause. A peer's end of stream is a
 * half-close (the original closed both directions at once). Errors are carried in the final
 * {@link SocketShutdown} (the original's write-error path crashed). Its "signal" carries that
 * SocketShutdown rather than a {@code shutdownCSA} notice.
 */
public final class ConnectedSocketAdapter extends Component implements AutoCloseable {
    /** Read buffer size used when none is given: the largest chunk on "outbox". */
    public static final int DEFAULT_READ_BUFFER_SIZE = 8 * 1024;
    /** Capacity of "inbox" used when none is given. */
    public static final int DEFAULT_INBOX_CAPACITY = 64;
    /** How long a lingering close waits for the peer to close its side, when none is given. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger("org.kamaelia.internet");
    private static final int MAX_BATCH_MESSAGES = 64;
    private static final long MAX_BATCH_BYTES = 256 * 1024;
    private static final Duration HELPER_JOIN_TIMEOUT = Duration.ofSeconds(10);
    private static final String WRITER = "_writer";
    private static final String READER = "_reader";
    /** How long main(), finishing, waits for room for the "inputEnded" notice the reader could not send. */
    private static final Duration FINAL_NOTICE_WAIT = Duration.ofSeconds(10);
    private static final int NOTICE_NOT_SENT = 0;
    private static final int NOTICE_SENDING = 1;
    private static final int NOTICE_SENT = 2;

    /*
     * Implementation note: the connection's phase moves forward only, on main()'s thread, through
     * advance():
     *
     *   OPEN --ProducerFinished, producerSignal, bad message--> FLUSHING
     *   FLUSHING --inbox empty and writer idle: shutdownOutput--> LINGERING
     *   LINGERING --peer's end of stream, or close timeout--> CLOSED
     *   any --ShutdownMicroprocess, I/O error--> CLOSED        (FLUSHING --peer already done--> CLOSED)
     *
     * CLOSED closes the channel; main() then stops the helper threads, counts what was not sent and
     * reports.
     */
    private enum Phase { OPEN, FLUSHING, LINGERING, CLOSED }

    private record WriterReport(Throwable error) {
    }

    private record ReaderReport(Throwable error) {
    }

    static {
        // Loaded now rather than on the closing path, which may run while the process is out of
        // descriptors (see Preload).
        Preload.classes(SafeLog.class, WriterReport.class, ReaderReport.class, Phase.class, SocketShutdown.class,
                ComponentInterruptedException.class, ShutdownMicroprocess.class, ProducerFinished.class);
    }

    private final SocketChannel channel;
    private final ConnectionInfo connection;
    private final int readBufferSize;
    private final Duration closeTimeout;
    private final Duration idleTimeout;
    private final Duration firstByteTimeout;
    private final long idleNanos;
    private final long firstByteNanos;
    /** System.nanoTime() of the last byte read or written (or of the start); reader and writer write it. */
    private volatile long lastActivity;
    /** Set by the reader when the peer's first byte arrives. */
    private volatile boolean firstByteSeen;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    /** Set by whichever comes first: main() starting, or closing before activation. */
    private final AtomicBoolean claimed = new AtomicBoolean();
    /** The "inputEnded" notice: NOTICE_NOT_SENT, NOTICE_SENDING (a thread is delivering it) or NOTICE_SENT. */
    private final AtomicInteger inputEndedState = new AtomicInteger();
    /** Hands one batch at a time from main to the writer thread. */
    private final BlockingQueue<ByteBuffer[]> handoff = new ArrayBlockingQueue<>(1);
    /** Set once before activation by {@link #closeWhenFinished}; null when not tied to a producer. */
    private volatile Component producer;
    private volatile boolean closing;
    private volatile Throwable cause;
    private volatile boolean open = true;

    // main
    private Phase phase = Phase.OPEN;
    private boolean writerBusy;
    private ByteBuffer[] inFlight;
    private boolean takeInbox = true;
    private boolean readerEnded;
    private long lingerDeadline;
    private long unsentMessages;
    private long unsentBytes;
    private volatile Thread reader; // written by main before it starts; read by tests
    private Thread writer;

    /**
     * Wraps a connected, blocking socket channel with the default sizes and close timeout.
     *
     * @throws NullPointerException     when {@code channel} is null
     * @throws IllegalArgumentException when it is not connected or not in blocking mode
     */
    public ConnectedSocketAdapter(SocketChannel channel) {
        this(channel, DEFAULT_READ_BUFFER_SIZE, DEFAULT_INBOX_CAPACITY, DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Wraps a connected, blocking socket channel.
     *
     * @param channel        the connected socket, in blocking mode; this component closes it
     * @param readBufferSize the largest chunk read at once and sent on "outbox"
     * @param inboxCapacity  how many messages "inbox" holds at most
     * @param closeTimeout   how long a lingering close waits for the peer to close its side (zero:
     *                       close right after flushing)
     * @throws NullPointerException     when {@code channel} or {@code closeTimeout} is null
     * @throws IllegalArgumentException when the channel is not connected or not blocking, a size is
     *                                  not positive, or the timeout is negative
     */
    public ConnectedSocketAdapter(SocketChannel channel, int readBufferSize, int inboxCapacity,
                                  Duration closeTimeout) {
        this(channel, null, readBufferSize, inboxCapacity, closeTimeout);
    }

    ConnectedSocketAdapter(SocketChannel channel, ConnectionInfo connection, int readBufferSize,
                           int inboxCapacity, Duration closeTimeout) {
        this(channel, connection, readBufferSize, inboxCapacity, closeTimeout, Duration.ZERO, Duration.ZERO);
    }

    /** As above, with an idle and a first-byte timeout (ZERO: off), for TCPServer. */
    ConnectedSocketAdapter(SocketChannel channel, ConnectionInfo connection, int readBufferSize,
                           int inboxCapacity, Duration closeTimeout, Duration idleTimeout,
                           Duration firstByteTimeout) {
        this.idleNanos = ServerChecks.nonNegative(idleTimeout, "idleTimeout").toNanos();
        this.firstByteNanos = ServerChecks.nonNegative(firstByteTimeout, "firstByteTimeout").toNanos();
        this.idleTimeout = idleTimeout;
        this.firstByteTimeout = firstByteTimeout;
        this.channel = Objects.requireNonNull(channel, "channel");
        if (!channel.isConnected()) {
            throw new IllegalArgumentException("channel: " + channel + " (expected: a connected SocketChannel)");
        }
        if (!channel.isBlocking()) {
            throw new IllegalArgumentException("channel: " + channel + " (expected: blocking mode)");
        }
        this.readBufferSize = ServerChecks.positive(readBufferSize, "readBufferSize");
        this.closeTimeout = ServerChecks.nonNegative(closeTimeout, "closeTimeout");
        ServerChecks.positive(inboxCapacity, "inboxCapacity");
        this.connection = connection != null ? connection : infoOf(channel);
        setInboxSize("inbox", inboxCapacity);
        declareInbox("producerSignal",
                "signal of the component feeding inbox: ProducerFinished or ShutdownMicroprocess = flush, then close");
        declareInbox(WRITER, "internal: the writer thread's reports");
        declareInbox(READER, "internal: the reader thread's reports");
        declareOutbox("inputEnded", "one SocketShutdown when the peer's data has ended, after the last chunk");
        declareOutbox("CreatorFeedback", "the final SocketShutdown, for whoever made this component");
    }

    private static ConnectionInfo infoOf(SocketChannel ch) {
        try {
            return new ConnectionInfo(0, (InetSocketAddress) ch.getRemoteAddress(),
                    (InetSocketAddress) ch.getLocalAddress());
        } catch (IOException e) {
            throw new IllegalArgumentException("channel: " + ch + " (expected: a connected SocketChannel)", e);
        }
    }

    /** The two ends of the connection. */
    public ConnectionInfo connection() {
        return connection;
    }

    /** Bytes written to the peer so far. Any thread. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Bytes read from the peer so far (sent on "outbox" or on their way there). Any thread. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** False once the socket has been closed. Any thread. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Ties this connection to the component that feeds its "inbox": once {@code producer} has
     * finished, for any reason (it returned, with or without a message on its "signal", or it threw),
     * this connection closes as after a ProducerFinished on "producerSignal" (everything received is
     * written first). {@link org.kamaelia.chassis.ServerCore} ties each protocol to its connection this
     * way, so that it learns a protocol's end from the connection's own report. The producer becomes a
     * child of this component (a child that finishes wakes it; {@link #join} waits for it too).
     * Not tied by default. Call it at most once, before activation; any thread.
     *
     * @throws NullPointerException  when {@code producer} is null
     * @throws IllegalStateException when this component was activated already, or is tied already
     */
    public void closeWhenFinished(Component producer) {
        Objects.requireNonNull(producer, "producer");
        if (state() != State.CREATED) {
            throw new IllegalStateException(name() + ": closeWhenFinished after activation (state " + state() + ")");
        }
        if (this.producer != null) {
            throw new IllegalStateException(name() + ": already closes when " + this.producer.name()
                    + " finishes (expected: one producer)");
        }
        this.producer = producer;
        addChildren(producer);
    }

    /**
     * Closes the connection at once. When this component is running, this delivers a
     * {@link ShutdownMicroprocess} to its "control"; when it was never activated, this closes the
     * socket now, and if it is activated later it reports at once and finishes. Idempotent; any thread.
     */
    @Override
    public void close() {
        if (!closeIfNotStarted() && !isFinished()) {
            deliver(new ShutdownMicroprocess(this), "control");
        }
    }

    /**
     * Closes the socket when main() has not started yet (and makes it finish at once if it does
     * later).
     *
     * @return true when this call closed it; false when main() had started (or it was closed before)
     */
    boolean closeIfNotStarted() {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        closing = true;
        closeChannel();
        return true;
    }

    /*
     * Whatever happens in serve() or while stopping the helpers (a bug, an Error, an interrupt, a
     * message that throws while being encoded), the final SocketShutdown is sent: TCPServer waits for it
     * on "CreatorFeedback" before it can finish. Such a failure becomes the SocketShutdown's cause.
     */
    @Override
    protected void main() {
        Throwable unexpected = null;
        if (claimed.compareAndSet(false, true)) {
            try {
                serve();
            } catch (RuntimeException | Error e) {
                unexpected = e;
            }
            try {
                closeChannel();
                stopHelpers();
            } catch (RuntimeException | Error | InterruptedException e) {
                unexpected = withSuppressed(unexpected, e);
            }
        }
        report(unexpected);
    }

    private static Throwable withSuppressed(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
        }
        return first;
    }

    private void serve() {
        handleControl(); // a ShutdownMicroprocess delivered before activation closes before any I/O
        if (phase == Phase.CLOSED) {
            return;
        }
        long started = System.nanoTime();
        lastActivity = started;
        reader = Thread.ofVirtual().name(name() + "-reader").start(this::readLoop);
        writer = Thread.ofVirtual().name(name() + "-writer").start(this::writeLoop);
        for (;;) {
            while (dataReady(WRITER)) {
                onWriterReport((WriterReport) recv(WRITER));
            }
            while (dataReady(READER)) {
                onReaderReport((ReaderReport) recv(READER));
            }
            if (phase == Phase.CLOSED) {
                return;
            }
            if (!writerBusy && takeInbox && phase.compareTo(Phase.FLUSHING) <= 0 && dataReady("inbox")) {
                startWrite();
            }
            handleControl();
            if (phase == Phase.FLUSHING && !writerBusy && !(takeInbox && dataReady("inbox"))) {
                advance(readerEnded || closeTimeout.isZero() ? Phase.CLOSED : Phase.LINGERING);
            }
            if (phase == Phase.LINGERING && readerEnded) {
                advance(Phase.CLOSED);
            }
            if (phase == Phase.CLOSED) {
                return;
            }
            if (phase == Phase.LINGERING) {
                long left = lingerDeadline - System.nanoTime();
                if (left <= 0) {
                    SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": peer did not close within "
                            + closeTimeout + "; closing");
                    advance(Phase.CLOSED);
                    return;
                }
                pause(Duration.ofNanos(left));
            } else if (idleNanos > 0 || (firstByteNanos > 0 && !firstByteSeen)) {
                long now = System.nanoTime();
                long wake = Long.MAX_VALUE;
                if (firstByteNanos > 0 && !firstByteSeen) {
                    long left = started + firstByteNanos - now;
                    if (left <= 0) {
                        fail(new EvictionException(EvictionException.Kind.FIRST_BYTE, firstByteTimeout));
                        return;
                    }
                    wake = left;
                }
                if (idleNanos > 0) {
                    long left = lastActivity + idleNanos - now;
                    if (left <= 0) {
                        fail(new EvictionException(EvictionException.Kind.IDLE, idleTimeout));
                        return;
                    }
                    wake = Math.min(wake, left);
                }
                pause(Duration.ofNanos(wake)); // woken early by messages; the deadlines are checked again
            } else {
                pause();
            }
        }
    }

    /** The one place the phase changes (main). */
    private void advance(Phase to) {
        if (to.compareTo(phase) <= 0) {
            throw new AssertionError(name() + ": phase " + phase + " -> " + to);
        }
        phase = to;
        switch (to) {
            case FLUSHING -> { }
            case LINGERING -> {
                lingerDeadline = System.nanoTime() + closeTimeout.toNanos();
                try {
                    channel.shutdownOutput();
                } catch (IOException e) {
                    fail(e);
                }
            }
            case CLOSED -> {
                closing = true;
                closeChannel();
            }
            default -> throw new AssertionError(to);
        }
    }

    /** Records the first failure and closes at once (main). */
    private void fail(Throwable t) {
        if (cause == null) {
            cause = t;
        }
        if (phase != Phase.CLOSED) {
            advance(Phase.CLOSED);
        }
    }

    private void handleControl() {
        while (phase != Phase.CLOSED && dataReady("control")) {
            Object m = recv("control");
            if (m instanceof ShutdownMicroprocess) {
                advance(Phase.CLOSED);
            } else if (m instanceof ProducerFinished && phase == Phase.OPEN) {
                advance(Phase.FLUSHING);
            }
        }
        while (phase != Phase.CLOSED && dataReady("producerSignal")) {
            Object m = recv("producerSignal");
            if ((m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) && phase == Phase.OPEN) {
                advance(Phase.FLUSHING);
            }
        }
        Component p = producer;
        if (p != null && phase == Phase.OPEN && p.isFinished()) {
            advance(Phase.FLUSHING); // its end wakes this component: it is a child
        }
    }

    private void onWriterReport(WriterReport r) {
        writerBusy = false;
        inFlight = null;
        if (r.error != null && phase != Phase.CLOSED) {
            fail(r.error);
        }
    }

    private void onReaderReport(ReaderReport r) {
        readerEnded = true;
        if (r.error != null && phase != Phase.CLOSED) {
            fail(r.error);
        }
    }

    /** Gathers waiting messages into one batch and hands it to the writer (main). */
    private void startWrite() {
        List<ByteBuffer> batch = new ArrayList<>();
        long bytes = 0;
        while (batch.size() < MAX_BATCH_MESSAGES && bytes < MAX_BATCH_BYTES && dataReady("inbox")) {
            Object m = recv("inbox");
            ByteBuffer b = toBuffer(m);
            if (b == null) {
                unsentMessages++;
                if (cause == null) {
                    cause = new IllegalArgumentException(name() + ": inbox: " + m.getClass().getName()
                            + " " + abbreviate(m) + " (expected: byte[], ByteBuffer or CharSequence); "
                            + "what came before it was sent, the connection is closed");
                }
                SafeLog.log(LOG, System.Logger.Level.WARNING, () -> String.valueOf(cause.getMessage()));
                takeInbox = false;
                if (phase == Phase.OPEN) {
                    advance(Phase.FLUSHING);
                }
                break;
            }
            if (b.hasRemaining()) {
                batch.add(b);
                bytes += b.remaining();
            }
        }
        if (!batch.isEmpty()) {
            inFlight = batch.toArray(new ByteBuffer[0]);
            writerBusy = true;
            handoff.add(inFlight);
        }
    }

    /** The reader thread, once started (tests). */
    Thread readerThread() {
        return reader;
    }

    private static String abbreviate(Object m) {
        String s;
        try {
            s = String.valueOf(m);
        } catch (RuntimeException e) {
            return "(toString failed: " + e + ")";
        }
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** The bytes of a message, or null when its type is not supported. */
    private static ByteBuffer toBuffer(Object m) {
        if (m instanceof byte[] a) {
            return ByteBuffer.wrap(a);
        }
        if (m instanceof ByteBuffer b) {
            return b.duplicate();
        }
        if (m instanceof CharSequence s) {
            return StandardCharsets.UTF_8.encode(CharBuffer.wrap(s));
        }
        return null;
    }

    /** The size in bytes of a message, 0 when its type is not supported or it cannot be encoded. */
    private static long sizeOf(Object m) {
        try {
            ByteBuffer b = toBuffer(m);
            return b == null ? 0 : b.remaining();
        } catch (RuntimeException e) { // a CharSequence that throws: counted as a message of 0 bytes
            return 0;
        }
    }

    // ------------------------------------------------------------------ helper threads

    private void writeLoop() {
        try {
            for (;;) {
                ByteBuffer[] batch = handoff.take();
                int first = 0;
                while (first < batch.length) {
                    long n = channel.write(batch, first, batch.length - first);
                    bytesSent.addAndGet(n);
                    if (n > 0 && idleNanos > 0) { // the clock is read only when an idle timeout runs
                        lastActivity = System.nanoTime();
                    }
                    while (first < batch.length && !batch[first].hasRemaining()) {
                        first++;
                    }
                }
                deliver(new WriterReport(null), WRITER);
            }
        } catch (InterruptedException e) {
            // main is closing
        } catch (IOException e) {
            deliver(new WriterReport(closing ? null : e), WRITER);
        }
    }

    private void readLoop() {
        Throwable error = null;
        try {
            ByteBuffer buf = ByteBuffer.allocate(readBufferSize);
            for (;;) {
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    bytesReceived.addAndGet(n);
                    if (idleNanos > 0) {
                        lastActivity = System.nanoTime();
                    }
                    if (!firstByteSeen) {
                        firstByteSeen = true; // written once: not a volatile store per chunk
                    }
                    sendBlocking(Arrays.copyOf(buf.array(), n), "outbox");
                }
            }
        } catch (ComponentInterruptedException e) {
            // main is closing while the receiver was full
        } catch (IOException e) {
            if (!closing) {
                error = e;
            }
        }
        try {
            endInput(closing ? cause : error, null);
        } catch (ComponentInterruptedException e) {
            // main is closing while the receiver's box was full: main sends the notice when it finishes
        }
        deliver(new ReaderReport(error), READER);
    }

    /**
     * Sends the one "inputEnded" notice, waiting for room in the receiver's box (its "control", for a
     * protocol of ServerCore) up to {@code wait} (null: as long as it takes, until interrupted). The
     * reader sends it after the last chunk; main sends it when finishing if the reader could not
     * (it never ran, or was interrupted while waiting). A receiver that has finished drops it at once.
     *
     * @return true when it was delivered now or before
     */
    private boolean endInput(Throwable why, Duration wait) {
        if (!inputEndedState.compareAndSet(NOTICE_NOT_SENT, NOTICE_SENDING)) {
            return true; // sent, or being sent by the other thread
        }
        boolean sent = false;
        try {
            SocketShutdown notice = new SocketShutdown(this, why, bytesSent.get(), bytesReceived.get(), 0, 0);
            if (wait == null) {
                sendBlocking(notice, "inputEnded");
                sent = true;
            } else {
                sent = sendBlocking(notice, "inputEnded", wait);
            }
        } finally {
            inputEndedState.set(sent ? NOTICE_SENT : NOTICE_NOT_SENT);
        }
        return sent;
    }

    private void closeChannel() {
        open = false;
        try {
            channel.close();
        } catch (IOException e) {
            SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": close: " + e);
        }
    }

    private void stopHelpers() throws InterruptedException {
        for (Thread t : new Thread[] {reader, writer}) {
            if (t != null) {
                t.interrupt();
            }
        }
        for (Thread t : new Thread[] {reader, writer}) {
            if (t != null && !t.join(HELPER_JOIN_TIMEOUT)) {
                SafeLog.log(LOG, System.Logger.Level.WARNING, name() + ": " + t.getName() + " did not stop within "
                        + HELPER_JOIN_TIMEOUT);
            }
        }
    }

    /**
     * Counts what was not sent, then sends the final reports (main, after the socket is closed). Sends
     * them whatever fails on the way: {@code unexpected} (what ended serve() abnormally, or null) and
     * anything thrown here become the cause, or are suppressed by it.
     */
    private void report(Throwable unexpected) {
        boolean interrupted = Thread.interrupted(); // an interrupt must not refuse the final reports
        try {
            if (unexpected != null) {
                if (cause == null) {
                    cause = unexpected;
                } else if (cause != unexpected) {
                    cause.addSuppressed(unexpected);
                }
                SafeLog.log(LOG, System.Logger.Level.WARNING, name() + " " + connection + ": ended by " + unexpected,
                        unexpected);
            }
            try {
                countUnsent();
            } catch (RuntimeException | Error e) {
                cause = withSuppressed(cause, e);
            }
            try {
                if (!endInput(cause, FINAL_NOTICE_WAIT)) {
                    SafeLog.log(LOG, System.Logger.Level.WARNING, name() + " " + connection + ": the end-of-input notice"
                            + " was not taken within " + FINAL_NOTICE_WAIT + " (its receiver's box stayed full)");
                }
            } catch (RuntimeException | Error e) {
                cause = withSuppressed(cause, e);
            }
            SocketShutdown last = new SocketShutdown(this, cause, bytesSent.get(), bytesReceived.get(),
                    unsentMessages, unsentBytes);
            if (cause != null) {
                SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + " " + connection + " ended: " + last);
            }
            try {
                sendBlocking(last, "CreatorFeedback");
            } finally {
                sendBlocking(last, "signal");
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counts the messages handed over for sending that were not sent (main, after the socket is closed). */
    private void countUnsent() {
        setInboxSize("inbox", UNBOUNDED); // wakes producers blocked on a full inbox: nothing blocks on it now
        if (inFlight != null) {
            for (ByteBuffer b : inFlight) {
                if (b.hasRemaining()) {
                    unsentMessages++;
                    unsentBytes += b.remaining();
                }
            }
            inFlight = null;
        }
        while (dataReady("inbox")) {
            unsentMessages++;
            unsentBytes += sizeOf(recv("inbox"));
        }
    }

    @Override
    public String toString() {
        return name() + " (" + connection + ")";
    }
}
