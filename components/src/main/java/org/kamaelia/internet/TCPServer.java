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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ComponentInterruptedException;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.internal.Preload;
import org.kamaelia.internal.SafeLog;
import org.kamaelia.ipc.NewCSA;
import org.kamaelia.ipc.ServerShutdown;
import org.kamaelia.ipc.ShutdownCSA;
import org.kamaelia.ipc.SocketShutdown;

/**
 * Listens on a TCP port and makes a {@link ConnectedSocketAdapter} for every connection it accepts.
 * The original's {@code TCPServer}, without a Selector: a virtual thread blocks in {@code accept()}.
 *
 * <h2>Example</h2>
 * Most programs use {@link org.kamaelia.chassis.ServerCore} or {@link org.kamaelia.chassis.SimpleServer},
 * which hold one of these. On its own:
 * <pre>{@code
 * TCPServer server = TCPServer.builder().port(0).maxConnections(100).build(); // bound here
 * int port = server.port();                    // readable at once: no waiting, no sleeping
 * link(server, "protocolHandlerSignal", this, "connections");
 * server.activate();
 * // for each NewCSA on "connections": wire msg.csa() to something, then msg.csa().activate()
 * // ...
 * server.close();                              // or deliver a ServerShutdown to its "control"
 * }</pre>
 *
 * <h2>Binding</h2>
 * The listening socket is bound when the server is built ({@link Builder#build()} or the constructor),
 * as the original TCPServer did in its constructor. So the bound address, port 0 included, can be read
 * with {@link #localAddress()} and {@link #port()} before or right after activation, and a port that is
 * in use is reported at once by an exception, not later. Connections that arrive before activation
 * wait in the backlog. A server that is built but never activated holds its port until {@link #close()}.
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": not used (anything sent here is discarded).</li>
 * <li>inbox "control": a {@link ShutdownMicroprocess} ({@link ServerShutdown} included) stops it; other
 *     messages are ignored.</li>
 * <li>outbox "protocolHandlerSignal": a {@link NewCSA} for each accepted connection, carrying its socket
 *     component (not yet activated: the receiver wires and activates it, or closes it), and a
 *     {@link ShutdownCSA} when that connection has closed.</li>
 * <li>outbox "outbox": not used.</li>
 * <li>outbox "signal": the stop message it received, when it has finished.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * An acceptor thread (virtual) blocks in {@code accept()}. For each connection it makes a socket
 * component, links that component's "CreatorFeedback" to this server, and sends a {@link NewCSA},
 * waiting for room when the receiver's box is full (backpressure: while the handler is behind nothing
 * is accepted, and new connections wait in the listen backlog; a shutdown ends the wait). When a
 * socket component reports its final {@link SocketShutdown}, the server forgets it and sends a
 * {@link ShutdownCSA}; notices that do not fit in the receiver's box wait, in order, in main() (which
 * never blocks on them), and are sent as the receiver takes messages. While {@link Builder#maxConnections(int) maxConnections} connections are open,
 * a new connection is accepted and closed at once: the peer reads end of stream (or gets a reset if
 * it had already sent data); it is never left waiting in the backlog. Those are counted in
 * {@link #refusedCount()}. The listening socket has SO_REUSEADDR on by default, so a restarted server
 * can bind its port again while old connections are in TIME_WAIT.
 *
 * <p>Running out of file descriptors (EMFILE/ENFILE) pauses accepting, never ends it: an error from
 * {@code accept()} while the socket is open, or from setting up one connection, is counted in
 * {@link #acceptErrorCount()} and logged (the first of a run, and then the recovery, at WARNING, at
 * most one run per 10 s; the rest at DEBUG), and accepting resumes after a pause of 10 ms that doubles, up to 1 s, while
 * it keeps failing; meanwhile new connections wait in the backlog. Every log call on the accept and
 * cleanup paths is guarded: a logger or handler that throws, whatever it throws, ends neither the
 * acceptor nor a connection's cleanup (the failure is counted and reported on standard error). The
 * classes those paths need are loaded when the class is, since loading a class needs a descriptor.
 *
 * <p>Optional timeouts evict connections: {@link Builder#idleTimeout idleTimeout} (no byte read or
 * written for that long) and {@link Builder#firstByteTimeout firstByteTimeout} (no byte from the
 * client that long after accepting it); both are off by default. An evicted connection ends with a
 * SocketShutdown whose cause is a {@link java.net.SocketTimeoutException} naming the timeout, and is
 * counted ({@link #idleTimeoutCount()}, {@link #firstByteTimeoutCount()}).
 *
 * <h2>Termination</h2>
 * On a {@link ShutdownMicroprocess} on "control" it closes the listening socket (new connections are
 * then refused by the operating system), closes every connection it made (a ShutdownMicroprocess to
 * each socket component; one that was never activated is closed directly), waits until every one of
 * them has reported, sends the stop message on "signal" and finishes. If the listening socket fails
 * for good, it closes its connections the same way and then fails: the runtime sends an
 * ErrorInformation and a ProducerFinished on "signal".
 *
 * <h2>Thread safety</h2>
 * Public methods may be called from any thread. The listening channel is written once in the
 * constructor and closed by main() or {@link #close()}; the set of live connections is concurrent
 * (added to by the acceptor thread, removed from by main()); the counters are atomic.
 *
 * <h2>Differences from the original</h2>
 * Binds to the loopback address by default (the original bound every interface), with SO_REUSEADDR on
 * by default (the original needed socketOptions for it), and reports a bind failure as an exception
 * (the original gave up silently). Its listen backlog is the system's maximum by default (it was
 * fixed at 128 here). It has a maximum number of connections. On shutdown it closes its
 * connections and waits for them before it finishes.
 */
public final class TCPServer extends Component implements AutoCloseable {
    /**
     * The listen backlog used when none is given and the system's maximum cannot be read (4096). When
     * it can be read ({@code /proc/sys/net/core/somaxconn} on Linux), the default is that maximum
     * instead: see {@link #systemBacklog()}. Linux caps any backlog at that maximum anyway.
     */
    public static final int DEFAULT_BACKLOG = 4096;
    /** Maximum number of open connections used when none is given. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    private static final System.Logger LOG = System.getLogger("org.kamaelia.internet");
    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");
    /** Read once: the backlog a builder uses when none is given. */
    private static final int SYSTEM_BACKLOG = readSystemBacklog();
    /** The first pause after an accept error; it doubles while accept keeps failing. */
    private static final long ACCEPT_PAUSE_MIN_MILLIS = 10;
    /** The longest pause between attempts while accept keeps failing. */
    private static final long ACCEPT_PAUSE_MAX_MILLIS = 1000;
    /** At most one accept-error warning (and one recovery warning) per this long; the rest at DEBUG. */
    private static final Duration ACCEPT_WARNING_INTERVAL = Duration.ofSeconds(10);
    private static final Duration ACCEPTOR_JOIN_TIMEOUT = Duration.ofSeconds(10);
    private static final String FEEDBACK = "_csaFeedback";
    private static final String ACCEPTOR = "_acceptor";

    /*
     * Implementation note: the server's phase moves forward only, through advance():
     *
     *   BOUND (built) --main() starts the acceptor--> LISTENING
     *   LISTENING --ShutdownMicroprocess, or the listener failed--> STOPPING (listener closed,
     *              acceptor joined, every connection asked to close)
     *   STOPPING --every connection has reported--> STOPPED
     *   BOUND --close() before activation--> STOPPED (listener closed)
     */
    private enum Phase { BOUND, LISTENING, STOPPING, STOPPED }

    private record AcceptorEnded(Throwable failure) {
    }

    static {
        // The failure and closing paths' classes, loaded now rather than when they are first needed,
        // which may be while the process is out of descriptors (see Preload).
        Preload.classes(SafeLog.class, AcceptorEnded.class, Phase.class, ConnectedSocketAdapter.class,
                ConnectionInfo.class, NewCSA.class, ShutdownCSA.class, SocketShutdown.class, ServerShutdown.class,
                ProducerFinished.class, ShutdownMicroprocess.class, ComponentInterruptedException.class,
                EvictionException.class, EvictionException.Kind.class);
    }

    private final ServerSocketChannel listener;
    private final InetSocketAddress localAddress;
    private final int maxConnections;
    private final boolean tcpNoDelay;
    private final int readBufferSize;
    private final int socketInboxCapacity;
    private final Duration closeTimeout;
    private final Duration idleTimeout;
    private final Duration firstByteTimeout;
    private final AtomicLong idleEvictions = new AtomicLong();
    private final AtomicLong firstByteEvictions = new AtomicLong();
    private final Set<ConnectedSocketAdapter> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong acceptErrors = new AtomicLong();
    /** When the acceptor last logged at WARNING (System.nanoTime(); 0: never). Acceptor thread only. */
    private long lastAcceptWarning;
    /** Whether the current run of accept errors was logged at WARNING (so its end is too). Acceptor only. */
    private boolean runWarned;
    /** ShutdownCSA notices waiting for room in the protocol handler's box (main). */
    private final ArrayDeque<ShutdownCSA> notices = new ArrayDeque<>();
    /** Set by whichever comes first: main() starting, or close() before activation. */
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile Phase phase = Phase.BOUND;

    /**
     * A server on the loopback address with the default options, bound now.
     *
     * @param port the port to listen on; 0 for any free port (read it with {@link #port()})
     * @throws IllegalArgumentException when the port is out of range
     * @throws UncheckedIOException     when the port cannot be bound (its cause says why)
     */
    public TCPServer(int port) {
        this(builder().port(port));
    }

    private TCPServer(Builder b) {
        this.maxConnections = b.maxConnections;
        this.tcpNoDelay = b.tcpNoDelay;
        this.readBufferSize = b.readBufferSize;
        this.socketInboxCapacity = b.socketInboxCapacity;
        this.closeTimeout = b.closeTimeout;
        this.idleTimeout = b.idleTimeout;
        this.firstByteTimeout = b.firstByteTimeout;
        InetSocketAddress wanted = new InetSocketAddress(b.bindAddress, b.port);
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, b.reuseAddress);
            if (b.receiveBufferSize > 0) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, b.receiveBufferSize);
            }
            ch.bind(wanted, b.backlog);
            this.localAddress = (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException(name() + ": cannot listen on " + wanted + ": " + e.getMessage(), e);
        }
        this.listener = ch;
        declareInbox(FEEDBACK, "internal: each socket component's final SocketShutdown");
        declareInbox(ACCEPTOR, "internal: the acceptor thread's end");
        declareOutbox("protocolHandlerSignal", "NewCSA for each accepted connection, ShutdownCSA when it closes");
    }

    /**
     * The listen backlog a builder uses when none is given: the system's maximum
     * ({@code /proc/sys/net/core/somaxconn} on Linux, read once), or {@link #DEFAULT_BACKLOG} when that
     * cannot be read. A burst of connections up to this size waits in the kernel's queue instead of
     * having its SYNs dropped (and retried a second or more later) while the acceptor catches up.
     * Any thread.
     */
    public static int systemBacklog() {
        return SYSTEM_BACKLOG;
    }

    private static int readSystemBacklog() {
        // A line reader, not Files.readString: /proc files report size 0, and readString then reads only
        // the first byte on some kernels (gVisor gives "4" for "4096").
        try (BufferedReader r = Files.newBufferedReader(SOMAXCONN, StandardCharsets.US_ASCII)) {
            String line = r.readLine();
            int n = line == null ? 0 : Integer.parseInt(line.trim());
            return n > 0 ? n : DEFAULT_BACKLOG;
        } catch (IOException | RuntimeException e) { // not Linux, no /proc, not a number
            return DEFAULT_BACKLOG;
        }
    }

    /**
     * A builder with the defaults: loopback, any free port, the system's maximum backlog
     * ({@link #systemBacklog()}), 10,000 connections.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The address and port the server listens on. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The port the server listens on (the one chosen when 0 was asked for). */
    public int port() {
        return localAddress.getPort();
    }

    /** The most connections open at once; more are refused. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Connections accepted and not yet closed. Any thread. */
    public int connectionCount() {
        return live.size();
    }

    /** Connections accepted since the start (refused ones not included). Any thread. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** Connections refused because {@link #maxConnections()} were open. Any thread. */
    public long refusedCount() {
        return refused.get();
    }

    /**
     * Errors from {@code accept()} while listening (e.g. too many open files) and failures to set up an
     * accepted connection; after each, accepting resumes after a pause (10 ms doubling to 1 s while it
     * keeps failing). Any thread.
     */
    public long acceptErrorCount() {
        return acceptErrors.get();
    }

    /**
     * Connections closed because they were idle for the {@link Builder#idleTimeout idle timeout}.
     * Counted when the connection has reported its end. Any thread.
     */
    public long idleTimeoutCount() {
        return idleEvictions.get();
    }

    /**
     * Connections closed because the client sent nothing within the
     * {@link Builder#firstByteTimeout first-byte timeout}. Counted when the connection has reported its
     * end. Any thread.
     */
    public long firstByteTimeoutCount() {
        return firstByteEvictions.get();
    }

    /**
     * Stops the server. When it is running, this delivers a {@link ServerShutdown} to its "control";
     * when it was never activated, this closes the listening socket now. Does not wait: use
     * {@link #join(Duration)}. Idempotent; any thread.
     */
    @Override
    public void close() {
        if (claimed.compareAndSet(false, true)) {
            advance(Phase.STOPPED);
        } else if (!isFinished()) {
            deliver(new ServerShutdown(this), "control");
        }
    }

    @Override
    protected void main() throws Exception {
        if (!claimed.compareAndSet(false, true)) {
            send(new ProducerFinished(this, "closed before it was activated"), "signal");
            return;
        }
        advance(Phase.LISTENING);
        Thread acceptor = Thread.ofVirtual().name(name() + "-acceptor").start(this::acceptLoop);
        Object stop = null;
        Throwable failure = null;
        try {
            while (stop == null && failure == null) {
                relayFeedback();
                while (dataReady(ACCEPTOR)) {
                    AcceptorEnded end = (AcceptorEnded) recv(ACCEPTOR);
                    failure = end.failure != null ? end.failure
                            : new IllegalStateException("the listening socket was closed from outside");
                }
                while (dataReady("control")) {
                    Object m = recv("control");
                    if (m instanceof ShutdownMicroprocess && stop == null) {
                        stop = m;
                    }
                }
                while (dataReady("inbox")) {
                    recv("inbox"); // not used
                }
                if (stop == null && failure == null) {
                    pause();
                }
            }
        } finally {
            advance(Phase.STOPPING);
            acceptor.interrupt();
            if (!acceptor.join(ACCEPTOR_JOIN_TIMEOUT)) {
                SafeLog.log(LOG, System.Logger.Level.WARNING, name() + ": acceptor did not stop within " + ACCEPTOR_JOIN_TIMEOUT);
            }
            closeConnections();
        }
        advance(Phase.STOPPED);
        if (failure != null) {
            throw new IOException(name() + ": listening on " + localAddress + " failed: " + failure, failure);
        }
        send(stop, "signal");
    }

    /** The one place the phase changes. */
    private void advance(Phase to) {
        Phase from = phase;
        if (to.compareTo(from) <= 0) {
            throw new AssertionError(name() + ": phase " + from + " -> " + to);
        }
        phase = to;
        if (to.compareTo(Phase.STOPPING) >= 0) {
            closeListener(); // idempotent
        }
    }

    /** Asks every connection to close and waits until each has reported (main). */
    private void closeConnections() {
        for (ConnectedSocketAdapter csa : List.copyOf(live)) {
            if (csa.closeIfNotStarted()) {
                live.remove(csa); // never activated: it will not report
            } else {
                csa.deliver(new ShutdownMicroprocess(this), "control");
            }
        }
        relayFeedback();
        while (!live.isEmpty()) {
            pause();
            relayFeedback();
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        while (!notices.isEmpty() && deadline - System.nanoTime() > 0) {
            pause(Duration.ofNanos(deadline - System.nanoTime()));
            relayFeedback();
        }
        if (!notices.isEmpty()) {
            SafeLog.log(LOG, System.Logger.Level.WARNING, name() + ": the protocol handler did not take the last "
                    + notices.size() + " ShutdownCSA notices within " + closeTimeout + "; dropped");
            notices.clear();
        }
    }

    /**
     * Forgets each socket component that reported its end, and tells the protocol handler (main). A
     * notice that does not fit in the handler's box waits in {@code notices}, in order, and goes when
     * the handler has taken something (this component is woken then), so a slow handler never makes
     * main() block or fail.
     */
    private void relayFeedback() {
        while (dataReady(FEEDBACK)) {
            SocketShutdown s = (SocketShutdown) recv(FEEDBACK);
            ConnectedSocketAdapter csa = (ConnectedSocketAdapter) s.caller();
            live.remove(csa);
            if (s.cause() instanceof EvictionException e) {
                (e.kind == EvictionException.Kind.IDLE ? idleEvictions : firstByteEvictions).incrementAndGet();
            }
            notices.addLast(new ShutdownCSA(this, csa, s));
        }
        while (!notices.isEmpty() && sendBlocking(notices.peekFirst(), "protocolHandlerSignal", Duration.ZERO)) {
            notices.removeFirst();
        }
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": close: " + e);
        }
    }

    // ------------------------------------------------------------------ acceptor thread

    /*
     * The acceptor never ends for a failure that may pass: an error from accept() (EMFILE/ENFILE: too
     * many open files; ENOBUFS...) or from setting up one connection is counted, logged (at WARNING
     * for the first of a run, then at DEBUG until accepting works again), and accepting resumes after
     * a pause that starts at 10 ms and doubles up to 1 s, reset by the next successful accept. Every
     * log call goes through SafeLog, so a throwing logger or handler cannot end it either. It ends
     * only when the listening socket is closed (by main, or from outside) or main interrupts it.
     */
    private void acceptLoop() {
        Throwable failure = null;
        long pauseMillis = 0; // 0: no error run in progress
        long runErrors = 0;
        long runStart = 0;
        try {
            for (;;) {
                SocketChannel ch;
                try {
                    ch = listener.accept();
                } catch (ClosedChannelException e) {
                    break; // closed by main (or interrupted): stopping
                } catch (IOException | RuntimeException | Error e) {
                    if (!listener.isOpen()) {
                        break;
                    }
                    if (runErrors++ == 0) {
                        runStart = System.nanoTime();
                    }
                    pauseMillis = nextPause(pauseMillis);
                    if (!acceptFailed("accept failed", e, runErrors, pauseMillis)) {
                        break;
                    }
                    continue;
                }
                if (runErrors > 0) {
                    long errors = runErrors;
                    long millis = (System.nanoTime() - runStart) / 1_000_000;
                    SafeLog.log(LOG, runWarned ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                            () -> name() + ": accepting again after " + errors + " failed accepts over "
                                    + millis + " ms (" + acceptErrors.get() + " in all)");
                    runErrors = 0;
                    runWarned = false;
                    pauseMillis = 0;
                }
                try {
                    onAccepted(ch);
                } catch (ComponentInterruptedException e) {
                    break; // main is stopping while the handler was behind
                } catch (RuntimeException | Error e) {
                    closeQuietly(ch);
                    if (!acceptFailed("could not set up an accepted connection", e, 1, ACCEPT_PAUSE_MIN_MILLIS)) {
                        break;
                    }
                }
            }
        } catch (RuntimeException | Error e) { // cannot happen: every step above is guarded
            failure = e;
        }
        if (phase == Phase.LISTENING) {
            deliver(new AcceptorEnded(failure), ACCEPTOR);
        }
    }

    /**
     * True when the acceptor has not logged the start of a run of errors at WARNING for
     * {@link #ACCEPT_WARNING_INTERVAL}, and then counts this one: under sustained exhaustion runs of
     * failures end and start again often, and each would otherwise log two warnings (acceptor).
     */
    private boolean warningDue() {
        long now = System.nanoTime();
        if (lastAcceptWarning != 0 && now - lastAcceptWarning < ACCEPT_WARNING_INTERVAL.toNanos()) {
            return false;
        }
        lastAcceptWarning = now;
        return true;
    }

    private static long nextPause(long millis) {
        return millis == 0 ? ACCEPT_PAUSE_MIN_MILLIS : Math.min(ACCEPT_PAUSE_MAX_MILLIS, millis * 2);
    }

    /**
     * Counts and logs an accept error, then pauses (acceptor).
     *
     * @return false when interrupted during the pause (main is stopping)
     */
    private boolean acceptFailed(String what, Throwable e, long runErrors, long pauseMillis) {
        acceptErrors.incrementAndGet();
        if (runErrors == 1 && warningDue()) {
            runWarned = true;
            SafeLog.log(LOG, System.Logger.Level.WARNING, name() + ": " + what + ": " + e + "; pausing "
                    + pauseMillis + " ms (up to " + ACCEPT_PAUSE_MAX_MILLIS + " ms while it keeps failing)"
                    + " and accepting again");
        } else {
            SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": " + what + " (" + runErrors
                    + " in a row): " + e + "; pausing " + pauseMillis + " ms");
        }
        try {
            Thread.sleep(pauseMillis);
            return true;
        } catch (InterruptedException ie) {
            return false;
        }
    }

    private void onAccepted(SocketChannel ch) {
        if (live.size() >= maxConnections) {
            refused.incrementAndGet();
            SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": refused a connection: " + maxConnections
                    + " open");
            closeQuietly(ch);
            return;
        }
        ConnectedSocketAdapter csa;
        ConnectionInfo info;
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, tcpNoDelay);
            info = new ConnectionInfo(ids.incrementAndGet(), (InetSocketAddress) ch.getRemoteAddress(),
                    (InetSocketAddress) ch.getLocalAddress());
            csa = new ConnectedSocketAdapter(ch, info, readBufferSize, socketInboxCapacity, closeTimeout,
                    idleTimeout, firstByteTimeout);
        } catch (IOException | IllegalArgumentException e) {
            SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": connection lost while accepting it: " + e);
            closeQuietly(ch);
            return;
        }
        live.add(csa);
        accepted.incrementAndGet();
        try {
            csa.link(csa, "CreatorFeedback", this, FEEDBACK); // the socket component's own link: it goes when that ends
            // Waits while the handler is behind: meanwhile nothing is accepted and new connections wait
            // in the backlog. Interrupted by main when stopping.
            sendBlocking(new NewCSA(this, csa, info), "protocolHandlerSignal");
        } catch (RuntimeException | Error e) {
            csa.closeIfNotStarted(); // never handed over: it will not report
            live.remove(csa);
            throw e;
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to do for a connection we are dropping
        }
    }

    @Override
    public String toString() {
        return name() + " (" + localAddress + ", " + phase + ")";
    }

    /**
     * Options for a {@link TCPServer}; {@link #build()} binds the socket. Not thread-safe; each
     * {@code build()} makes an independent server.
     */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private int backlog = SYSTEM_BACKLOG;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private boolean reuseAddress = true;
        private int receiveBufferSize;
        private boolean tcpNoDelay = true;
        private int readBufferSize = ConnectedSocketAdapter.DEFAULT_READ_BUFFER_SIZE;
        private int socketInboxCapacity = ConnectedSocketAdapter.DEFAULT_INBOX_CAPACITY;
        private Duration closeTimeout = ConnectedSocketAdapter.DEFAULT_CLOSE_TIMEOUT;
        private Duration idleTimeout = Duration.ZERO;
        private Duration firstByteTimeout = Duration.ZERO;

        private Builder() {
        }

        /**
         * The address to listen on; the loopback address by default. Use
         * {@code InetAddress.getByName("0.0.0.0")} (or "::") to accept connections from other hosts.
         *
         * @throws NullPointerException when {@code address} is null
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /**
         * The port to listen on; 0 (the default) for any free port.
         *
         * @throws IllegalArgumentException when it is not in 0..65535
         */
        public Builder port(int port) {
            this.port = ServerChecks.port(port);
            return this;
        }

        /**
         * How many connections the operating system may hold before they are accepted; by default the
         * system's maximum ({@link TCPServer#systemBacklog()}: /proc/sys/net/core/somaxconn, else
         * {@link TCPServer#DEFAULT_BACKLOG}). A larger value is capped by the system.
         *
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder backlog(int backlog) {
            this.backlog = ServerChecks.positive(backlog, "backlog");
            return this;
        }

        /**
         * The most connections open at once; beyond it new connections are accepted and closed at once.
         * 10,000 by default.
         *
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = ServerChecks.positive(maxConnections, "maxConnections");
            return this;
        }

        /** SO_REUSEADDR on the listening socket; on by default. */
        public Builder reuseAddress(boolean on) {
            this.reuseAddress = on;
            return this;
        }

        /**
         * SO_RCVBUF for accepted connections, set on the listening socket before it binds; 0 (the
         * default) leaves the operating system's choice.
         *
         * @throws IllegalArgumentException when it is negative
         */
        public Builder receiveBufferSize(int bytes) {
            this.receiveBufferSize = ServerChecks.nonNegative(bytes, "receiveBufferSize");
            return this;
        }

        /** TCP_NODELAY on accepted connections; on by default (writes are already gathered). */
        public Builder tcpNoDelay(boolean on) {
            this.tcpNoDelay = on;
            return this;
        }

        /**
         * The largest chunk read from a peer at once; 8 KiB by default.
         *
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder readBufferSize(int bytes) {
            this.readBufferSize = ServerChecks.positive(bytes, "readBufferSize");
            return this;
        }

        /**
         * The capacity of each socket component's "inbox" (messages waiting to be written); 64 by default.
         *
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder socketInboxCapacity(int messages) {
            this.socketInboxCapacity = ServerChecks.positive(messages, "socketInboxCapacity");
            return this;
        }

        /**
         * How long a closing connection waits for the peer to close its side after everything was
         * written; 5 s by default; zero closes right after flushing.
         *
         * @throws NullPointerException     when {@code timeout} is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = ServerChecks.nonNegative(timeout, "closeTimeout");
            return this;
        }

        /**
         * Closes a connection on which no byte was read and none written for this long (a silent
         * client, or one that sends more slowly than this, and nothing being sent to it). It ends with
         * a SocketShutdown whose cause is a {@link java.net.SocketTimeoutException} saying
         * "idle for 30s (idle timeout)", also given to the protocol as the end of its input, and is
         * counted in {@link TCPServer#idleTimeoutCount()}. Checked while the connection is open or
         * flushing (a closing connection has the close timeout). {@link Duration#ZERO} (the default)
         * turns it off. Bytes the server does not read because its protocol is behind do not count
         * as activity.
         *
         * @throws NullPointerException     when {@code timeout} is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = ServerChecks.nonNegative(timeout, "idleTimeout");
            return this;
        }

        /**
         * Closes a connection whose client has not sent its first byte this long after it was
         * accepted. It ends with a SocketShutdown whose cause is a
         * {@link java.net.SocketTimeoutException} saying "no first byte within 5s (first-byte
         * timeout)", and is counted in {@link TCPServer#firstByteTimeoutCount()}. {@link Duration#ZERO}
         * (the default) turns it off: clients of servers that speak first (daytime, chargen) may never
         * send anything.
         *
         * @throws NullPointerException     when {@code timeout} is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder firstByteTimeout(Duration timeout) {
            this.firstByteTimeout = ServerChecks.nonNegative(timeout, "firstByteTimeout");
            return this;
        }

        /**
         * Binds the listening socket and returns the server, not yet activated.
         *
         * @throws UncheckedIOException when the address cannot be bound (the cause says why, e.g. a
         *                              BindException for a port in use)
         */
        public TCPServer build() {
            return new TCPServer(this);
        }
    }
}
