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
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ComponentInterruptedException;
import org.kamaelia.axon.ThreadedComponent;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.internal.Threads;
import org.kamaelia.ipc.SocketConnected;
import org.kamaelia.ipc.SocketShutdown;

/**
 * A component holding one TCP connection: what arrives on its "inbox" goes to the server, what the
 * server sends comes out of its "outbox". Kamaelia's {@code ThreadedTCPClient}, doing what its
 * documentation promised.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * // netcat: stdin to the server, the server's answer to stdout; ends when both sides are done
 * new Pipeline(new ConsoleReader(), new ThreadedTCPClient("localhost", 1601), new ConsoleEchoer()).run();
 *
 * // with options
 * ThreadedTCPClient c = ThreadedTCPClient.builder("example.org", 80)
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .idleTimeout(Duration.ofMinutes(2))
 *         .initialMessage("GET / HTTP/1.0\r\nHost: example.org\r\n\r\n")
 *         .build();
 * }</pre>
 * A complete program: two lines sent to an echo server started in the same process, and the lines
 * that come back (the README's client example; compiled and run by the tests):
 * {@snippet class=org.kamaelia.examples.EchoClient region=echo}
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": data to send to the server: {@code byte[]}, {@code ByteBuffer} (its remaining bytes)
 *     or {@code CharSequence} (sent as UTF-8). Bounded (see "Backpressure").</li>
 * <li>inbox "control": ProducerFinished (send what is queued, half-close, read to the end) or
 *     ShutdownMicroprocess (close now).</li>
 * <li>outbox "outbox": bytes received from the server, as {@code byte[]} chunks.</li>
 * <li>outbox "signal": errors ({@link ErrorInformation} carrying the exception), then exactly one
 *     {@link SocketShutdown}, always last.</li>
 * <li>inbox "_events" (internal): control messages passed on by the control watcher, and wake-ups. Do
 *     not send to it.</li>
 * </ul>
 * <pre>
 *               +-------------------------- ThreadedTCPClient ---------------------------+
 *   inbox   --&gt; | main(): drains the inbox, copies small messages into one array, writes | --&gt; socket
 *               |   them with one gathering write; half-closes on ProducerFinished       |
 *   control --&gt; | control watcher: ShutdownMicroprocess closes the socket at once;       |
 *               |   runs the timers (idle, graceful close); passes control to main()     |
 *   socket  --&gt; | reader: reads chunks, sendBlocking on "outbox" (a full inbox           | --&gt; outbox
 *               |   downstream stops the reading: TCP flow control slows the server)     |
 *               | errors: ErrorInformation, then exactly one SocketShutdown              | --&gt; signal
 *               +------------------------------------------------------------------------+
 * </pre>
 *
 * <h2>How it works</h2>
 * Activation starts {@code main()} on a virtual thread (see "Threads"). It resolves the host (or takes the addresses
 * given to the builder) and tries each address in order until one accepts, all within the connect
 * timeout. Then it sends the initial message, if any, and everything that reached the inbox meanwhile,
 * in inbox order. A virtual reader thread reads the socket into {@code byte[]} chunks of at most the
 * receive chunk size (it starts small and grows while reads fill it, so idle connections stay cheap)
 * and sends each on "outbox" with a blocking send.
 * <p>Writing: {@code main()} takes every message waiting in the inbox, copies messages under 8 KiB into
 * one staging array (from a pool shared by all clients), passes larger ones as they are, and
 * writes the lot with one gathering write; so a stream of small messages costs one system call per
 * few thousand messages rather than one each. Small messages are taken from the inbox up to
 * {@value #TAKE_BATCH} at a time ({@code recvBatch}), which wakes waiting senders once per batch.
 * <p>Control: a small internal component (the control watcher) receives what is sent to "control", so
 * that a ShutdownMicroprocess is honoured at once even while {@code main()} is blocked in a write to a
 * stalled server or the reader in a read from a silent one: it closes the socket, which ends both.
 * <p>Latency: a virtual thread blocked in a read is woken through the JDK's poller, two or three thread
 * wake-ups that cost tens of microseconds on a small machine. So after a short read whose data came
 * quickly (a conversation of small messages) the reader polls for the next data for up to 150 µs,
 * yielding its carrier thread between polls, before it blocks; at most half the processors' worth of
 * readers in the process poll at once. The system properties {@code kamaelia.tcp.spinNanos} (0 turns
 * polling off) and {@code kamaelia.tcp.maxSpinners} tune this. (The polling was taken out once because
 * it made a hang appear now and then; the cause was a lost wake-up in Axon's Parker, since fixed, which
 * the polling's timing made likelier.)
 *
 * <h2>Backpressure</h2>
 * Both directions have bounded memory. A slow or stalled server fills the inbox: senders then get
 * {@link org.kamaelia.axon.BoxFullException} from {@code send}, or wait in {@code sendBlocking}. By
 * default the inbox holds about {@value #DEFAULT_INBOX_BYTES} bytes of messages: its capacity in
 * messages is recomputed from the average message size seen so far, between
 * {@value #MIN_INBOX_CAPACITY} and {@value #MAX_INBOX_CAPACITY} messages (it starts at the minimum); so
 * 64 KiB messages queue 64 deep and 100-byte messages tens of thousands deep, which is what lets small
 * messages leave in large writes. Besides the inbox, {@code main()} holds at most {@value #TAKE_BATCH}
 * small messages it has taken and not yet written. {@link Builder#inboxCapacity(int)} fixes the capacity instead. A slow
 * consumer downstream (a bounded inbox) blocks the reader in its send, so it stops reading, the
 * kernel's buffers fill, and TCP flow control slows the server.
 *
 * <h2>Termination</h2>
 * <ul>
 * <li>ProducerFinished (or a subclass, such as a SocketShutdown from an upstream socket component) on
 *     "control": everything that reached the inbox before it is sent, then the output is shut down
 *     (the server reads end of file), then what the server still sends is delivered until it closes,
 *     or until the graceful-close timeout (none by default), like {@code nc -N}. It finishes with a
 *     clean SocketShutdown (or, when the timeout ran out, an error and a SocketShutdown carrying it).
 *     Messages sent to the inbox after the half-close are counted as unsent.</li>
 * <li>ShutdownMicroprocess (or a subclass) on "control": the socket is closed at once, whatever is in
 *     progress; it finishes with a SocketShutdown whose cause is null and which counts what was not
 *     sent.</li>
 * <li>The server closing the connection: every byte received goes out of "outbox", then it finishes
 *     with a clean SocketShutdown; inbox data not yet sent is counted in it, not dropped silently.</li>
 * <li>Any failure (refused, unresolvable host, connect timeout, reset, broken pipe, idle timeout): one
 *     ErrorInformation carrying the exception on "signal", then a SocketShutdown carrying the same
 *     exception. Nothing else in the graph is affected.</li>
 * </ul>
 * Other control messages are ignored. "signal" always ends with exactly one SocketShutdown, which is-a
 * ProducerFinished, so the next stage of a Pipeline finishes by the usual convention. Messages sent to
 * the inbox after the component finished are dropped and counted by the runtime
 * ({@code droppedCount("inbox")}). When it has finished, its threads have ended and its socket is
 * closed.
 *
 * <h2>How it differs from the original ThreadedTCPClient</h2>
 * The original (Kamaelia.Internet.ThreadedTCPClient) was receive-only and fragile (axon-semantics.md
 * §3.4). Here:
 * <ul>
 * <li>The inbox is read and written to the socket (the original never read it).</li>
 * <li>Errors go on "signal" as ErrorInformation carrying the exception, followed by a SocketShutdown;
 *     the original's error paths raised NameError (a missing {@code import sys}), which stopped every
 *     component in the process.</li>
 * <li>Control is honoured at once even while the server is silent (the original looked at control only
 *     after a recv returned), ShutdownMicroprocess is honoured (the original dropped it), and every
 *     control message is looked at (the original took one per received chunk).</li>
 * <li>No status strings ("Thread running", "socket object created", "socket connected") on "signal":
 *     only typed messages. The final SocketShutdown names its caller and says why the connection
 *     ended and how many bytes went each way (the original sent {@code socketShutdown()} with no
 *     caller). A typed {@link SocketConnected} announces the connection when the builder asks for it
 *     ({@link Builder#announceConnection}).</li>
 * <li>The control message that stopped it is not passed on: the SocketShutdown takes its place (the
 *     issue requires it to be the last and only end message), so a ShutdownMicroprocess from upstream
 *     reaches the next stage as a SocketShutdown, that is a ProducerFinished.</li>
 * <li>The initial message is sent completely (the original used {@code send()}, which may send part).</li>
 * <li>Connect has a timeout (30 s by default; the original had none), tries every address of the host,
 *     IPv6 and IPv4 (the original: IPv4 only), and reads up to 256 KiB at a time (the original: 1024).</li>
 * <li>The unused {@code chargen} constructor parameter is dropped.</li>
 * <li>The server closing its side while data is still queued ends the component, and the unsent data
 *     is counted in the SocketShutdown.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Three virtual threads: {@code main()} (connects, writes; may block in connect and write), the reader
 * (may block in read and in its send on "outbox"), and the control watcher (waits for control messages
 * and timers; never blocks on the socket). {@link Builder#threadType} can put {@code main()} and the
 * reader on platform threads instead, for lower latency with a platform-thread peer. Shutdown reaches
 * them by closing the socket, which ends a blocked connect, write or read, and by interrupting the
 * reader, which ends its blocking send.
 * {@code main()} waits for the reader and the watcher to end before it sends the SocketShutdown.
 *
 * <h2>Thread safety</h2>
 * Configuration fields are final, written before {@code activate()}. {@code channel}, {@code reader}
 * and {@code state} are volatile, written by {@code main()} only; {@code abort} is set once (compare and
 * set) by whichever thread ends the connection first. The write path ({@code carry}, the batch, the
 * counters of sent bytes) is confined to {@code main()}; the receive buffer and the received-byte count
 * to the reader (read by {@code main()} after joining it); timers to the watcher. {@code lastActivity}
 * is volatile, written by {@code main()} and the reader, read by the watcher.
 */
public final class ThreadedTCPClient extends ThreadedComponent {

    /** Default time allowed to connect, across all addresses tried. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Default largest chunk sent on "outbox" (bytes). */
    public static final int DEFAULT_RECEIVE_CHUNK_SIZE = 256 * 1024;
    /** By default the inbox holds about this many bytes of messages. */
    public static final int DEFAULT_INBOX_BYTES = 4 * 1024 * 1024;
    /** Least capacity (messages) of the inbox when it is sized by bytes (the default). */
    public static final int MIN_INBOX_CAPACITY = 64;
    /** Greatest capacity (messages) of the inbox when it is sized by bytes (the default). */
    public static final int MAX_INBOX_CAPACITY = 65536;

    /** Messages shorter than this are copied into the staging buffer; longer ones are written as they are. */
    static final int COPY_THRESHOLD = 8 * 1024;
    /** Most buffers in one gathering write. */
    static final int MAX_IOV = 64;
    /** Most bytes of one message in one entry of a gathering write (the JDK copies heap entries whole). */
    static final int MAX_SEGMENT = 256 * 1024;
    /**
     * Most small messages taken from the inbox at once (see {@link #nextMessage}): the inbox wakes its
     * waiting senders once per take, at the cost of a memory fence, so taking many at once is cheaper.
     */
    static final int TAKE_BATCH = 64;
    /** Most bytes in one gathering write (4 MiB sends 12-22% faster than 1 MiB: bench/TCP-BENCHMARKS.md). */
    static final int MAX_BATCH = 4 * 1024 * 1024;
    /** First size of the reader's buffer; it grows while reads fill it. */
    static final int FIRST_READ_SIZE = 4 * 1024;
    /** How long the reader polls for more data before it parks in a blocking read. */
    static final long SPIN_NANOS = Long.getLong("kamaelia.tcp.spinNanos", 150_000);
    /** The reader polls only after reads shorter than this (a conversation, not a bulk stream). */
    static final int SPIN_READ_LIMIT = 4096;
    /** Most readers polling at once, in the whole process (see {@link #awaitReadable}). */
    static final int MAX_SPINNERS = Integer.getInteger("kamaelia.tcp.maxSpinners",
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    private static final AtomicInteger SPINNERS = new AtomicInteger();

    /*
     * Implementation note: the connection's states, which only move forward, all by advance() on main():
     *   CREATED     --main() starts------------------------------> CONNECTING
     *   CONNECTING  --an address accepted--------------------------> CONNECTED
     *   CONNECTED   --ProducerFinished: queue sent, output shut----> OUTPUT_SHUT
     *   any         --finish(): socket closed, threads joined------> CLOSED
     * What ends the connection is recorded once in `abort`: by the watcher (ShutdownMicroprocess: null
     * cause; idle or graceful-close timeout), by the reader (end of stream: null cause; a read error), or
     * by main() itself in finish() (its own failure, or null). The first one wins; the others are ignored.
     */

    /** Where the connection is; moves forward only, see {@link #advance}. */
    enum ConnectionState { CREATED, CONNECTING, CONNECTED, OUTPUT_SHUT, CLOSED }

    /**
     * Why the connection is being ended, set once. A null cause is a clean end; {@code endOfStream} says
     * the reader read the end of the server's stream.
     */
    private record Abort(Throwable cause, boolean endOfStream) {
    }

    private static final Object WAKE = new Object() {
        @Override
        public String toString() {
            return "ThreadedTCPClient.WAKE";
        }
    };

    // Configuration: written once, before activate().
    private final String host;
    private final int port;
    private final Object initialMessage;
    private final Duration connectTimeout;
    private final boolean tcpNoDelay;
    private final boolean keepAlive;
    private final int receiveChunkSize;
    private final Duration idleTimeout;          // null: none
    private final Duration gracefulCloseTimeout; // null: unlimited
    private final int fixedInboxCapacity;        // -1: sized by bytes
    private final List<InetAddress> addresses;   // null: resolve host
    private final boolean announceConnection;

    private final ControlWatcher watcher;
    private final AtomicReference<Abort> abort = new AtomicReference<>();
    private volatile SocketChannel channel;
    private volatile Thread reader;
    private volatile ConnectionState state = ConnectionState.CREATED;
    private volatile long lastActivity;

    // main()'s write path.
    private final ByteBuffer[] iov = new ByteBuffer[MAX_IOV];
    private int iovCount;
    private long batchBytes;
    private byte[] stage;
    private int stagePos;
    private int segmentStart;
    private ByteBuffer carry;
    private final LongRing pendingEnds = new LongRing();
    /** Messages taken from the inbox in one batch and not yet handled: took[tookPos..tookEnd). main() only. */
    private Object[] took;
    private int tookPos;
    private int tookEnd;
    private long queuedBytes;
    private long bytesSent;
    private long writeCalls;
    private boolean initialTaken;
    private long unsentMessages;
    private long unsentBytes;
    private long windowMessages;
    private long windowBytes;
    private int inboxCapacity;

    // The reader's.
    private long bytesReceived;

    /**
     * A client for {@code host:port} with the default options.
     *
     * @throws NullPointerException     when host is null
     * @throws IllegalArgumentException when host is empty or port is not 1 to 65535
     */
    public ThreadedTCPClient(String host, int port) {
        this(builder(host, port));
    }

    /**
     * A client for {@code host:port} that sends {@code initialSendMessage} first, before anything from
     * its inbox (the original's {@code initialsendmessage}; its unused {@code chargen} parameter is gone).
     *
     * @param initialSendMessage a {@code byte[]}, {@code ByteBuffer} or {@code CharSequence}, or null for none
     * @throws IllegalArgumentException when the message is of another type, or host or port is bad
     */
    public ThreadedTCPClient(String host, int port, Object initialSendMessage) {
        this(builder(host, port).initialMessage(initialSendMessage));
    }

    private ThreadedTCPClient(Builder b) {
        super(b.threadType);
        this.host = b.host;
        this.port = b.port;
        this.initialMessage = b.initialMessage;
        this.connectTimeout = b.connectTimeout;
        this.tcpNoDelay = b.tcpNoDelay;
        this.keepAlive = b.keepAlive;
        this.receiveChunkSize = b.receiveChunkSize;
        this.idleTimeout = b.idleTimeout;
        this.gracefulCloseTimeout = b.gracefulCloseTimeout;
        this.fixedInboxCapacity = b.inboxCapacity;
        this.addresses = b.addresses;
        this.announceConnection = b.announceConnection;
        this.inboxCapacity = fixedInboxCapacity >= 0 ? fixedInboxCapacity : MIN_INBOX_CAPACITY;
        setInboxSize("inbox", inboxCapacity);
        declareInbox("_events", "internal: control messages passed on by the control watcher, and wake-ups");
        this.watcher = new ControlWatcher(this);
        linkInbox("control", watcher, "inbox");
    }

    /**
     * A builder for a client of {@code host:port}.
     *
     * @throws NullPointerException     when host is null
     * @throws IllegalArgumentException when host is empty or port is not 1 to 65535
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** The host name (or address literal) given. */
    public String host() {
        return host;
    }

    /** The port given. */
    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return name() + " (TCP client of " + host + ":" + port + ", " + state + ")";
    }

    // ------------------------------------------------------------------ main()

    @Override
    protected void main() {
        watcher.activate();
        Throwable failure = null;
        try {
            advance(ConnectionState.CONNECTING);
            SocketChannel ch = connect();
            advance(ConnectionState.CONNECTED);
            if (announceConnection) {
                signal(new SocketConnected(this, (InetSocketAddress) ch.getLocalAddress(),
                        (InetSocketAddress) ch.getRemoteAddress()));
            }
            lastActivity = System.nanoTime();
            if (idleTimeout != null) {
                watcher.deliver(WAKE, "control"); // arm the idle timer
            }
            Thread.Builder tb = threadType() == ThreadType.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
            Thread r = tb.name(name() + "-reader").unstarted(() -> readLoop(ch));
            r.start();
            reader = r;
            if (abort.get() != null) {
                r.interrupt(); // abort() may have looked for the reader before it was published
            }
            converse(ch);
        } catch (Aborted e) {
            // the abort says why
        } catch (Throwable t) {
            failure = t;
        }
        finish(failure);
    }

    /** Moves the connection state forward. main() only. */
    private void advance(ConnectionState next) {
        if (next.ordinal() <= state.ordinal()) {
            throw new IllegalStateException(name() + ": connection state " + state + " cannot go to " + next);
        }
        state = next;
    }

    /** Thrown inside main() when an abort (ShutdownMicroprocess, a timer) has ended the connection. */
    private static final class Aborted extends Exception {
        Aborted() {
            super(null, null, false, false);
        }
    }

    private void checkAbort() throws Aborted {
        if (abort.get() != null) {
            throw new Aborted();
        }
    }

    /** Tries each address in order until one accepts, all within the connect timeout. */
    private SocketChannel connect() throws IOException, Aborted {
        List<InetAddress> targets = addresses != null ? addresses : List.of(InetAddress.getAllByName(host));
        checkAbort();
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        List<String> tried = new ArrayList<>();
        List<IOException> failures = new ArrayList<>();
        boolean timedOut = false;
        for (InetAddress a : targets) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                timedOut = true;
                break;
            }
            SocketChannel ch = SocketChannel.open();
            channel = ch;
            try {
                checkAbort();
                ch.setOption(StandardSocketOptions.TCP_NODELAY, tcpNoDelay);
                ch.setOption(StandardSocketOptions.SO_KEEPALIVE, keepAlive);
                long millis = Math.max(1, (left + 999_999) / 1_000_000);
                ch.socket().connect(new InetSocketAddress(a, port), (int) Math.min(Integer.MAX_VALUE, millis));
                checkAbort();
                return ch;
            } catch (IOException e) {
                closeQuietly(ch);
                checkAbort();
                tried.add(a.getHostAddress() + ": " + e.getMessage());
                failures.add(e);
                if (e instanceof SocketTimeoutException) {
                    timedOut = true;
                }
            } catch (Aborted e) {
                closeQuietly(ch);
                throw e;
            }
        }
        IOException e;
        String where = host + ":" + port;
        if (timedOut) {
            e = new SocketTimeoutException(where + ": connect timed out after " + connectTimeout
                    + (tried.isEmpty() ? "" : " (tried " + String.join("; ", tried) + ")"));
        } else {
            e = new ConnectException(where + ": could not connect (tried " + String.join("; ", tried) + ")");
        }
        if (!failures.isEmpty()) {
            e.initCause(failures.get(failures.size() - 1));
            for (int i = 0; i < failures.size() - 1; i++) {
                e.addSuppressed(failures.get(i));
            }
        }
        throw e;
    }

    /**
     * The connected phase: writes what arrives, acts on control messages. It ends only by an exception:
     * {@link Aborted} when the connection was ended elsewhere (the server closed it, the reader failed,
     * a ShutdownMicroprocess, a timer), or the IOException of a failed write.
     */
    private void converse(SocketChannel ch) throws IOException, Aborted {
        if (initialMessage != null) {
            initialTaken = true;
            carry = take(initialMessage);
        }
        boolean finishing = false;
        for (;;) {
            while (dataReady("_events")) {
                Object ev = recv("_events");
                if (ev instanceof ProducerFinished && !finishing) {
                    finishing = true;
                    // send what reached the inbox before the ProducerFinished, then half-close
                    writeQueued(ch, queuedCount());
                    ch.shutdownOutput();
                    advance(ConnectionState.OUTPUT_SHUT);
                }
            }
            checkAbort();
            if (state == ConnectionState.CONNECTED) {
                writeQueued(ch, Long.MAX_VALUE);
            } else {
                discardInbox();
            }
            pause();
        }
    }

    /**
     * Writes the carried-over message and up to {@code limit} messages from the inbox, stopping early
     * when an event arrives (so a ProducerFinished or the reader's end is looked at in time).
     */
    private void writeQueued(SocketChannel ch, long limit) throws IOException {
        if (carry == null && !hasQueued()) {
            return;
        }
        long left = limit;
        try {
            while (carry != null || (left > 0 && hasQueued())) {
                left -= fillBatch(left);
                flushBatch(ch);
                if (dataReady("_events") && limit == Long.MAX_VALUE) {
                    break;
                }
            }
        } finally {
            if (stage != null) {
                StagingBuffers.release(stage);
                stage = null;
            }
            stagePos = 0;
            segmentStart = 0;
        }
    }

    /**
     * Builds one gathering write from the carried-over message and the inbox.
     *
     * @return how many messages it took from the inbox
     */
    private long fillBatch(long limit) {
        long taken = 0;
        if (carry != null) {
            ByteBuffer c = carry;
            carry = null;
            if (!add(c)) {
                closeSegment();
                return 0;
            }
        }
        while (taken < limit) {
            Object m = nextMessage(limit - taken);
            if (m == null) {
                break;
            }
            taken++;
            if (m instanceof byte[] a && a.length < COPY_THRESHOLD) { // the common small message: no wrapper
                int n = a.length;
                queuedBytes += n;
                pendingEnds.add(queuedBytes);
                windowMessages++;
                windowBytes += n;
                if (stage == null) {
                    stage = StagingBuffers.acquire(wantLargeStage());
                }
                if (stage.length - stagePos < n) {
                    carry = ByteBuffer.wrap(a);
                    break;
                }
                System.arraycopy(a, 0, stage, stagePos, n);
                stagePos += n;
                batchBytes += n;
                continue;
            }
            ByteBuffer b = take(m);
            if (b == null) {
                continue;
            }
            if (!add(b) || batchBytes >= MAX_BATCH) {
                break;
            }
        }
        closeSegment();
        if (fixedInboxCapacity < 0) {
            resizeInbox();
        }
        return taken;
    }

    /** True when a message waits: taken from the inbox already, or still in it. main() only. */
    private boolean hasQueued() {
        return tookPos < tookEnd || dataReady();
    }

    /** Messages waiting: taken from the inbox already, and still in it. */
    private long queuedCount() {
        return (tookEnd - tookPos) + dataCount("inbox");
    }

    /**
     * The next message to write, or null when none waits; takes at most {@code most} from the inbox.
     * While the messages are small it takes up to {@link #TAKE_BATCH} at once (they are held here until
     * written, so the inbox's capacity is exceeded by at most that many small messages); large ones it
     * takes one at a time, where the per-take cost does not matter. main() only.
     */
    private Object nextMessage(long most) {
        if (tookPos == tookEnd) {
            long avg = windowMessages == 0 ? COPY_THRESHOLD : windowBytes / windowMessages;
            int want = avg < COPY_THRESHOLD ? (int) Math.min(TAKE_BATCH, most) : 1;
            if (want <= 0) {
                return null;
            }
            if (took == null) {
                took = new Object[TAKE_BATCH];
            }
            tookPos = 0;
            tookEnd = recvBatch("inbox", took, want);
            if (tookEnd == 0) {
                return null;
            }
        }
        Object m = took[tookPos];
        took[tookPos++] = null;
        return m;
    }

    /** Counts every waiting message as unsent: those taken already, then the inbox's. */
    private void countAllUnsent() {
        while (tookPos < tookEnd) {
            countUnsent(took[tookPos]);
            took[tookPos++] = null;
        }
        while (dataReady()) {
            countUnsent(recv());
        }
    }

    /**
     * Turns an inbox message into the bytes to send and records where it ends in the stream, or reports
     * a message of the wrong type on "signal" and returns null.
     */
    private ByteBuffer take(Object m) {
        ByteBuffer b;
        if (m instanceof byte[] a) {
            b = ByteBuffer.wrap(a);
        } else if (m instanceof ByteBuffer bb) {
            b = bb.duplicate();
        } else if (m instanceof CharSequence cs) {
            b = ByteBuffer.wrap(cs.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            IllegalArgumentException e = new IllegalArgumentException(name() + ": inbox: cannot send a "
                    + m.getClass().getName() + " (expected: byte[], ByteBuffer or CharSequence); message dropped");
            signal(new ErrorInformation(this, e, e.getMessage()));
            return null;
        }
        int n = b.remaining();
        queuedBytes += n;
        pendingEnds.add(queuedBytes);
        windowMessages++;
        windowBytes += n;
        return b;
    }

    /**
     * Adds a message's bytes to the batch: copied into the staging buffer when short, else as entries of
     * their own.
     *
     * @return false when the batch is full; what did not fit is in {@link #carry}
     */
    private boolean add(ByteBuffer b) {
        int n = b.remaining();
        if (n < COPY_THRESHOLD && !b.isDirect()) {
            if (stage == null) {
                stage = StagingBuffers.acquire(wantLargeStage());
            }
            if (stage.length - stagePos < n) {
                carry = b;
                return false;
            }
            b.get(stage, stagePos, n);
            stagePos += n;
            batchBytes += n;
            return true;
        }
        closeSegment();
        while (b.hasRemaining()) {
            if (iovCount >= MAX_IOV - 1 || batchBytes >= MAX_BATCH) {
                carry = b;
                return false;
            }
            int k = Math.min(b.remaining(), MAX_SEGMENT);
            int p = b.position();
            iov[iovCount++] = b.slice(p, k);
            b.position(p + k);
            batchBytes += k;
        }
        return true;
    }

    /** Whether a backlog of small messages is waiting, worth the large staging buffer. */
    private boolean wantLargeStage() {
        long waiting = queuedCount();
        long avg = windowMessages == 0 ? 64 : Math.max(1, windowBytes / windowMessages);
        return waiting * avg > StagingBuffers.SMALL;
    }

    /** Ends the staging buffer's open segment as one entry of the batch. */
    private void closeSegment() {
        if (stagePos > segmentStart) {
            iov[iovCount++] = ByteBuffer.wrap(stage, segmentStart, stagePos - segmentStart);
            segmentStart = stagePos;
        }
    }

    /** Writes the batch completely; blocks while the server does not read. */
    private void flushBatch(SocketChannel ch) throws IOException {
        int first = 0;
        try {
            long left = batchBytes;
            while (left > 0) {
                long n = ch.write(iov, first, iovCount - first);
                writeCalls++;
                left -= n;
                bytesSent += n;
                while (first < iovCount && !iov[first].hasRemaining()) {
                    first++;
                }
            }
            lastActivity = System.nanoTime();
            pendingEnds.removeUpTo(bytesSent);
        } finally {
            Arrays.fill(iov, 0, iovCount, null);
            iovCount = 0;
            batchBytes = 0;
            if (stage != null && stage.length == StagingBuffers.SMALL && stagePos > StagingBuffers.SMALL / 2) {
                StagingBuffers.release(stage); // a backlog of small messages: the next batch takes a large one
                stage = null;
            }
            stagePos = 0;
            segmentStart = 0;
        }
    }

    /** Sizes the inbox by bytes: capacity = DEFAULT_INBOX_BYTES / average message size, within bounds. */
    private void resizeInbox() {
        if (windowMessages < 32) {
            return;
        }
        long avg = Math.max(1, windowBytes / windowMessages);
        int want = (int) Math.max(MIN_INBOX_CAPACITY, Math.min(MAX_INBOX_CAPACITY, DEFAULT_INBOX_BYTES / avg));
        if (want >= 2 * inboxCapacity || want <= inboxCapacity / 2) {
            inboxCapacity = want;
            setInboxSize("inbox", want);
        }
        if (windowMessages > 1 << 20) { // keep the average recent
            windowMessages >>= 1;
            windowBytes >>= 1;
        }
    }

    /** After the half-close: whatever arrives cannot be sent; count it. */
    private void discardInbox() {
        countAllUnsent();
    }

    private void countUnsent(Object m) {
        unsentMessages++;
        if (m instanceof byte[] a) {
            unsentBytes += a.length;
        } else if (m instanceof ByteBuffer b) {
            unsentBytes += b.remaining();
        } else if (m instanceof CharSequence cs) {
            unsentBytes += cs.toString().getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /**
     * Ends everything: closes the socket, waits for the reader and the watcher, counts what was not
     * sent, and sends the error (if any) and the SocketShutdown. main() only.
     */
    private void finish(Throwable failure) {
        Abort prev = abort.compareAndExchange(null, new Abort(failure, false));
        Throwable cause = prev == null ? failure : prev.cause();
        if (prev != null && prev.endOfStream() && failure instanceof IOException
                && !(failure instanceof ClosedChannelException)) {
            // Linux reports a reset once, to the first call that asks: when a write took it, the reader then
            // read a plain end of stream. The write's error is what happened. (A write failing only because
            // the reader closed the channel at the end of stream throws ClosedChannelException: clean.)
            cause = failure;
        }
        advance(ConnectionState.CLOSED);
        closeQuietly(channel);
        Thread r = reader;
        if (r != null) {
            r.interrupt();
            Threads.joinUninterruptibly(r);
        }
        watcher.deliver(ControlWatcher.STOP, "control");
        watcher.join();
        if (stage != null) {
            StagingBuffers.release(stage);
            stage = null;
        }
        pendingEnds.removeUpTo(bytesSent);
        unsentMessages += pendingEnds.size();
        unsentBytes += queuedBytes - bytesSent;
        if (initialMessage != null && !initialTaken) {
            countUnsent(initialMessage); // never connected
        }
        countAllUnsent();
        if (cause != null) {
            signal(new ErrorInformation(this, cause, name() + " (" + host + ":" + port + "): " + cause));
        }
        signal(new SocketShutdown(this, cause, bytesSent, bytesReceived, unsentMessages, unsentBytes));
    }

    private void signal(Object m) {
        sendBlocking(m, "signal");
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing: nothing more can be done with it
            }
        }
    }

    // ------------------------------------------------------------------ aborting (any thread)

    /**
     * Ends the connection at once: closes the socket (which ends a blocked connect, write or read),
     * interrupts the reader (which ends a blocked send on "outbox") and wakes main(). Only the first
     * call (or main() finishing) counts. Called by the watcher (control, timers) and the reader (end of
     * stream, read errors).
     *
     * @param cause null for a clean end (requested, or the server closed), else why (a timeout, an error)
     */
    void abort(Throwable cause) {
        end(new Abort(cause, false));
    }

    /** The reader read the end of the server's stream: a clean end, unless main()'s write says otherwise. */
    private void endOfStream() {
        end(new Abort(null, true));
    }

    private void end(Abort why) {
        if (!abort.compareAndSet(null, why)) {
            return;
        }
        closeQuietly(channel);
        Thread r = reader;
        if (r != null) {
            r.interrupt();
        }
        deliver(WAKE, "_events");
    }

    /** For tests: write system calls made so far (read after the component finished). */
    long writeCalls() {
        return writeCalls;
    }

    /** For tests: how many messages wait in the inbox (approximate while senders are active). */
    int queuedInInbox() {
        return dataCount("inbox");
    }

    /** For tests: where the connection is. */
    ConnectionState connectionState() {
        return state;
    }

    /** For tests: the reader thread, or null before the connection was made. */
    Thread readerThread() {
        return reader;
    }

    /** For tests: the internal component that receives "control". */
    Component controlWatcher() {
        return watcher;
    }

    boolean isConnectedOrClosing() {
        ConnectionState s = state;
        return s == ConnectionState.CONNECTED || s == ConnectionState.OUTPUT_SHUT;
    }

    boolean isAborted() {
        return abort.get() != null;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    Duration gracefulCloseTimeout() {
        return gracefulCloseTimeout;
    }

    long lastActivity() {
        return lastActivity;
    }

    // ------------------------------------------------------------------ the reader thread

    /**
     * The reader: reads chunks and sends them on "outbox" until end of stream or an error, then ends the
     * connection through {@code abort} (end of stream is a clean end, so main() stops writing at once and
     * counts what it could not send).
     */
    private void readLoop(SocketChannel ch) {
        int max = receiveChunkSize;
        int size = Math.min(FIRST_READ_SIZE, max);
        byte[] buf = new byte[size];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        int shortReads = 0;
        boolean spin = SPIN_NANOS > 0;
        try {
            InputStream probe = ch.socket().getInputStream();
            while (abort.get() == null) {
                bb.clear();
                long idleSince = System.nanoTime();
                if (spin) {
                    awaitReadable(probe, idleSince);
                }
                int n = ch.read(bb);
                // poll before the next read only in a conversation of small messages that answer quickly;
                // in a bulk stream the blocking read rarely waits, and polling would take the CPU the sender needs
                spin = SPIN_NANOS > 0 && n < SPIN_READ_LIMIT && System.nanoTime() - idleSince < SPIN_NANOS;
                if (n < 0) {
                    endOfStream(); // the server closed: every byte received has gone out of "outbox"
                    return;
                }
                if (n == 0) {
                    continue;
                }
                lastActivity = System.nanoTime();
                bytesReceived += n;
                byte[] chunk;
                if (n == size) {
                    chunk = buf; // hand the full buffer over, read into a new one
                    if (size < max) {
                        size = (int) Math.min(max, (long) size * 4);
                    }
                    buf = new byte[size];
                    bb = ByteBuffer.wrap(buf);
                    shortReads = 0;
                } else {
                    chunk = Arrays.copyOf(buf, n);
                    if (n <= size / 4 && size > FIRST_READ_SIZE && ++shortReads >= 16) {
                        size /= 2; // mostly short reads: give memory back
                        buf = new byte[size];
                        bb = ByteBuffer.wrap(buf);
                        shortReads = 0;
                    }
                }
                sendBlocking(chunk, "outbox");
            }
        } catch (ComponentInterruptedException e) {
            // aborted while waiting for space downstream
        } catch (Throwable t) {
            abort(t); // ignored when the connection was already being ended (the socket closed under us)
        }
    }

    /**
     * Polls for readable data for up to {@link #SPIN_NANOS} before the caller's blocking read, yielding
     * the carrier thread between polls. Why: a virtual thread blocked in a read is woken through the
     * JDK's poller, which costs two or three thread wake-ups (tens of microseconds on a small machine);
     * a request/response exchange whose answer comes within the window skips them. The reader only
     * calls this when the previous read was short (under {@link #SPIN_READ_LIMIT} bytes) and its data came
     * within the window, so neither an idle connection nor a bulk stream polls, and at most
     * {@link #MAX_SPINNERS} readers in the process poll at once, which bounds the CPU spent.
     */
    private static void awaitReadable(InputStream probe, long since) throws IOException {
        if (SPINNERS.incrementAndGet() > MAX_SPINNERS) {
            SPINNERS.decrementAndGet();
            return;
        }
        try {
            while (probe.available() == 0 && System.nanoTime() - since < SPIN_NANOS) {
                Thread.yield(); // lets other virtual threads (the component that will answer) run here
            }
        } finally {
            SPINNERS.decrementAndGet();
        }
    }

    // ------------------------------------------------------------------ the control watcher

    /**
     * Receives what is sent to the client's "control" (its "control" is linked through to this
     * component's "inbox"), so control is honoured even while the client's main() is blocked in a write:
     * a ShutdownMicroprocess closes the socket at once. It also runs the timers (idle, graceful close),
     * and passes every control message on to the client's "_events". It ends when the client, finishing,
     * sends it {@link #STOP} on its own "control".
     */
    static final class ControlWatcher extends Component {
        static final Object STOP = new Object() {
            @Override
            public String toString() {
                return "ControlWatcher.STOP";
            }
        };

        private final ThreadedTCPClient client;

        ControlWatcher(ThreadedTCPClient client) {
            this.client = client;
        }

        @Override
        protected void main() {
            Duration graceful = client.gracefulCloseTimeout();
            Duration idle = client.idleTimeout();
            long gracefulDeadline = 0;
            boolean gracefulArmed = false;
            for (;;) {
                while (dataReady("inbox")) {
                    Object m = recv("inbox");
                    if (m instanceof ShutdownMicroprocess) {
                        client.abort(null);
                    } else if (m instanceof ProducerFinished && graceful != null && !gracefulArmed) {
                        gracefulArmed = true;
                        gracefulDeadline = System.nanoTime() + graceful.toNanos();
                    }
                    client.deliver(m, "_events");
                }
                while (dataReady("control")) {
                    if (recv("control") == STOP) {
                        return;
                    }
                }
                long wait = Long.MAX_VALUE;
                if (!client.isAborted()) {
                    long now = System.nanoTime();
                    if (gracefulArmed) {
                        long left = gracefulDeadline - now;
                        if (left <= 0) {
                            client.abort(new SocketTimeoutException(client.name() + ": the server did not close within "
                                    + graceful + " of the ProducerFinished (graceful-close timeout)"));
                            continue;
                        }
                        wait = left;
                    }
                    if (idle != null && client.isConnectedOrClosing()) {
                        long left = client.lastActivity() + idle.toNanos() - now;
                        if (left <= 0) {
                            client.abort(new SocketTimeoutException(client.name() + ": nothing sent or received for "
                                    + idle + " (idle timeout)"));
                            continue;
                        }
                        wait = Math.min(wait, left);
                    }
                }
                if (wait == Long.MAX_VALUE) {
                    pause();
                } else {
                    pause(Duration.ofNanos(wait));
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A growable FIFO of longs: the stream offsets where queued messages end. main() only. */
    private static final class LongRing {
        private long[] a = new long[16];
        private int head;
        private int size;

        void add(long v) {
            if (size == a.length) {
                long[] b = new long[a.length * 2];
                for (int i = 0; i < size; i++) {
                    b[i] = a[(head + i) & (a.length - 1)];
                }
                a = b;
                head = 0;
            }
            a[(head + size) & (a.length - 1)] = v;
            size++;
        }

        /** Drops the entries up to and including {@code offset}: those messages are fully sent. */
        void removeUpTo(long offset) {
            int mask = a.length - 1;
            int lo = 0;
            int hi = size; // entries are increasing: find how many are <= offset
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[(head + mid) & mask] <= offset) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            head = (head + lo) & mask;
            size -= lo;
        }

        int size() {
            return size;
        }
    }

    // ------------------------------------------------------------------ builder

    /**
     * Options for a {@link ThreadedTCPClient}. Each setter checks its argument and returns this builder;
     * {@link #build()} may be called more than once, each time making a new client.
     */
    public static final class Builder {
        private final String host;
        private final int port;
        private Object initialMessage;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean tcpNoDelay = true;
        private boolean keepAlive;
        private int receiveChunkSize = DEFAULT_RECEIVE_CHUNK_SIZE;
        private Duration idleTimeout;
        private Duration gracefulCloseTimeout;
        private int inboxCapacity = -1;
        private List<InetAddress> addresses;
        private ThreadType threadType = ThreadType.VIRTUAL;
        private boolean announceConnection;

        private Builder(String host, int port) {
            Objects.requireNonNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host: \"\" (expected: a host name or address)");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
            }
            this.host = host;
            this.port = port;
        }

        /**
         * A message sent first, before anything from the inbox. Default: none.
         *
         * @param message a {@code byte[]}, {@code ByteBuffer} or {@code CharSequence}, or null for none
         * @throws IllegalArgumentException when it is of another type
         */
        public Builder initialMessage(Object message) {
            if (message != null && !(message instanceof byte[] || message instanceof ByteBuffer
                    || message instanceof CharSequence)) {
                throw new IllegalArgumentException("initialMessage: a " + message.getClass().getName()
                        + " (expected: byte[], ByteBuffer or CharSequence)");
            }
            this.initialMessage = message;
            return this;
        }

        /**
         * How long connecting may take, across every address tried. Default 30 s.
         *
         * @throws NullPointerException     when timeout is null
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Whether to disable Nagle's algorithm (TCP_NODELAY). Default true: small writes leave at once. */
        public Builder tcpNoDelay(boolean on) {
            this.tcpNoDelay = on;
            return this;
        }

        /** Whether to enable TCP keep-alive probes (SO_KEEPALIVE). Default false. */
        public Builder keepAlive(boolean on) {
            this.keepAlive = on;
            return this;
        }

        /**
         * The largest chunk sent on "outbox", in bytes. Default 256 KiB (measured: 1.44 times the
         * receive rate of 64 KiB chunks; bench/TCP-BENCHMARKS.md). Reads start smaller and grow
         * while they fill the buffer, so an idle connection holds only a few KiB.
         *
         * @throws IllegalArgumentException when it is not 1 to 16 MiB
         */
        public Builder receiveChunkSize(int bytes) {
            if (bytes < 1 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("receiveChunkSize: " + bytes + " (expected: 1 to 16777216)");
            }
            this.receiveChunkSize = bytes;
            return this;
        }

        /**
         * Ends the connection with a SocketTimeoutException when nothing has been read from or written to
         * the socket for this long. Default: no idle timeout.
         *
         * @throws NullPointerException     when timeout is null
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * How long a graceful close (a ProducerFinished on "control") waits, counted from that message,
         * for the queued data to go and the server to close its side; then the socket is closed and the
         * component ends with a SocketTimeoutException. Default: as long as the server takes, like
         * {@code nc -N}.
         *
         * @throws NullPointerException     when timeout is null
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder gracefulCloseTimeout(Duration timeout) {
            this.gracefulCloseTimeout = positive(timeout, "gracefulCloseTimeout");
            return this;
        }

        /**
         * Fixes the inbox's capacity at this many messages ({@link Component#UNBOUNDED}, 0, for no
         * limit). Default: sized by bytes, about {@value ThreadedTCPClient#DEFAULT_INBOX_BYTES} bytes of
         * messages (see the class documentation).
         *
         * @throws IllegalArgumentException when it is negative
         */
        public Builder inboxCapacity(int messages) {
            if (messages < 0) {
                throw new IllegalArgumentException("inboxCapacity: " + messages
                        + " (expected: >= 1, or 0 for unbounded)");
            }
            this.inboxCapacity = messages;
            return this;
        }

        /**
         * The addresses to try, in this order, instead of resolving the host name (the host is then only
         * used in messages). Default: every address the host name resolves to, in the resolver's order.
         *
         * @throws NullPointerException     when the array or an element is null
         * @throws IllegalArgumentException when it is empty
         */
        public Builder addresses(InetAddress... addresses) {
            Objects.requireNonNull(addresses, "addresses");
            return addresses(Arrays.asList(addresses));
        }

        /** As {@link #addresses(InetAddress...)}. */
        public Builder addresses(List<InetAddress> addresses) {
            Objects.requireNonNull(addresses, "addresses");
            for (int i = 0; i < addresses.size(); i++) {
                Objects.requireNonNull(addresses.get(i), "addresses[" + i + "]");
            }
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("addresses: [] (expected: at least one address)");
            }
            this.addresses = List.copyOf(addresses);
            return this;
        }

        /**
         * The kind of thread that runs {@code main()} (which writes) and the reader. Default
         * {@link ThreadType#VIRTUAL}: a connection then costs a few KiB and ten thousand fit in one JVM.
         * {@link ThreadType#PLATFORM} wakes faster when the component talking to the client runs on a
         * platform thread too (a {@link org.kamaelia.axon.Handle} from application code): a 1-byte echo
         * round trip measured about 28 µs here against about 50 µs with virtual threads; it costs two
         * platform threads per connection.
         *
         * @throws NullPointerException when type is null
         */
        public Builder threadType(ThreadType type) {
            this.threadType = Objects.requireNonNull(type, "threadType");
            return this;
        }

        /**
         * Whether to send a {@link SocketConnected} on "signal" once the connection is made, before
         * anything is written (default: no). Components downstream that do not look for it ignore it;
         * the command line's {@code --verbose} uses it.
         */
        public Builder announceConnection(boolean announce) {
            this.announceConnection = announce;
            return this;
        }

        /** A new client with these options. */
        public ThreadedTCPClient build() {
            return new ThreadedTCPClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
            }
            return d;
        }
    }
}
