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
package org.kamaelia.chassis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ComponentFailure;
import org.kamaelia.axon.Linkage;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.internal.Preload;
import org.kamaelia.internal.SafeLog;
import org.kamaelia.internal.Threads;
import org.kamaelia.internet.ConnectedSocketAdapter;
import org.kamaelia.internet.ConnectionInfo;
import org.kamaelia.internet.TCPServer;
import org.kamaelia.ipc.NewCSA;
import org.kamaelia.ipc.ProtocolFailure;
import org.kamaelia.ipc.ServerShutdown;
import org.kamaelia.ipc.ShutdownCSA;
import org.kamaelia.ipc.SocketShutdown;

/**
 * A TCP server that gives every connection a protocol component of its own: the original's
 * {@code ServerCore}. {@link SimpleServer} is the same with a factory that takes no arguments.
 *
 * <h2>Example</h2>
 * An echo server on a free loopback port, a client talking to it in the same process (what the CLI's
 * embedded demo does), then shutdown; {@code port()} is readable at once (the port is bound when the
 * server is built: no sleeping, no polling), and {@code close()} delivers a ServerShutdown to its
 * "control" (the README's client example; compiled and run by the tests):
 * {@snippet class=org.kamaelia.examples.EchoClient region=echo}
 * With a factory that looks at the client:
 * <pre>{@code
 * ServerCore server = ServerCore.builder(c -> new GreetingProtocol(c.peer()))
 *         .port(1601).maxConnections(100).build();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": not used (anything sent here is discarded).</li>
 * <li>inbox "control": a {@link ShutdownMicroprocess} ({@link ServerShutdown} included) shuts the
 *     server down; anything else is ignored. A protocol that declares an outbox "serversignal" has it
 *     linked here, so it can shut the whole server down.</li>
 * <li>outbox "outbox": not used.</li>
 * <li>outbox "signal": while it runs, a {@link ProtocolFailure} (an ErrorInformation) for each protocol
 *     or factory failure, naming the connection (never waited for: when the receiver's inbox is full it
 *     is dropped and counted in {@link #droppedFailureReports()}); the stop message, once the server
 *     has finished.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * <pre>
 *                     +---------------------------- ServerCore -----------------------------+
 *                     |  TCPServer --NewCSA / ShutdownCSA--> main(): makes and wires, per   |
 *                     |                                      connection:                     |
 *   client &lt;--TCP--&gt;  |  ConnectedSocketAdapter [outbox] --------------&gt; [inbox]   protocol    |
 *                     |                         [inputEnded] ----------&gt; [control]            |
 *                     |                         [inbox]    &lt;------------ [outbox]             |
 *                     |                         [producerSignal] &lt;------ [signal]             |
 *                     +---------------------------------------------------------------------+
 * </pre>
 * The listening socket is bound when the server is built, so {@link #port()} is known before it is
 * activated (see {@link TCPServer}). For each connection the server calls the factory with the
 * connection's addresses, gives the protocol's "inbox" a capacity (16 messages by default) unless it
 * already has one, wires it as above, and activates it and the socket component. A protocol may be a
 * {@link Pipeline} or {@link Graphline}; as those pass their "inbox" on to a child, bound that child's
 * inbox to keep the backpressure.
 * <ul>
 * <li>bytes from the client arrive on the protocol's "inbox" as {@code byte[]} chunks; when the
 *     protocol does not keep up, its full inbox stops the reading from that client, and TCP flow
 *     control then slows the client: memory per connection is bounded;</li>
 * <li>what the protocol sends on its "outbox" ({@code byte[]}, ByteBuffer or text as UTF-8) goes to
 *     the client; the socket component's inbox is bounded too (64 messages by default), so a protocol
 *     should send with {@code sendBlocking} and slows down to a client that reads slowly;</li>
 * <li>a ProducerFinished or ShutdownMicroprocess on the protocol's "signal" closes the connection
 *     after everything it sent has been written (and the client has closed its side, or the close
 *     timeout has passed);</li>
 * <li>the client closing its side (or the connection failing) reaches the protocol's "control" as a
 *     {@link SocketShutdown} (is-a ProducerFinished), after the last chunk: the protocol finishes its
 *     work, answers if it wants (the client may still be reading), and passes it on out of "signal".</li>
 * </ul>
 * Connections are isolated: a protocol that throws ends only itself; the runtime's ProducerFinished
 * on its "signal" closes its connection, and the failure can be read with {@link #protocolFailures()}
 * (and {@link Scheduler#failures()}). A factory that throws or returns null or a used component closes
 * that connection only, also recorded there. A protocol that finishes without signalling gets its
 * connection closed anyway (each protocol is tied to its socket component with
 * {@link ConnectedSocketAdapter#closeWhenFinished}). Tidying up costs O(1) per closed connection: the
 * TCPServer's ShutdownCSA names it, and only connections whose socket closed before their protocol
 * finished (usually none) are looked at again. Beyond {@link Builder#maxConnections(int) maxConnections} open connections
 * new ones are accepted and closed at once.
 *
 * <h2>Termination</h2>
 * On a {@link ShutdownMicroprocess} on "control" it stops listening (connecting is then refused),
 * sends a ShutdownMicroprocess to every protocol, closes every connection at once, waits until the
 * sockets are closed and the protocols have finished (protocols that ignore the request are given up
 * after the shutdown timeout, 5 s by default, and logged), sends the stop message on "signal" and
 * finishes. A ProducerFinished on "control" is ignored, as in the original. If the listening socket
 * fails for good, it closes every connection the same way and then fails (the runtime sends an
 * ErrorInformation and a ProducerFinished on "signal").
 *
 * <h2>Thread safety</h2>
 * Public methods may be called from any thread. The connection table is confined to main()'s thread;
 * the recorded failures are in a concurrent deque; the rest is written once in the constructor.
 *
 * <h2>Differences from the original</h2>
 * It binds when built, to the loopback address by default (the original bound every interface when it
 * first ran, so tests had to wait); the factory is a {@link ProtocolFactory} given a
 * {@link ConnectionInfo} rather than keyword arguments; protocol inboxes are bounded (backpressure);
 * a peer's half-close leaves the connection writable until the protocol finishes; the protocol's
 * failure ends its connection only (the original's crashed the whole system); it has a maximum
 * number of connections; and it waits for its connections to close before it finishes.
 */
public class ServerCore extends Component implements AutoCloseable {
    /** Capacity given to each protocol's "inbox" (in chunks) when it has none. */
    public static final int DEFAULT_PROTOCOL_INBOX_CAPACITY = 16;
    /** How long a shutdown waits for protocols to finish, when none is given. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger("org.kamaelia.chassis");
    private static final int MAX_RECORDED_FAILURES = 100;
    private static final String SOCKET_ACTIVITY = "_socketactivity";

    /** One connection: main() only. {@code protocol} is null for a connection closed at once. */
    private static final class Connection {
        final ConnectionInfo info;
        final ConnectedSocketAdapter csa;
        final Component protocol;
        boolean protocolStopped;

        Connection(ConnectionInfo info, ConnectedSocketAdapter csa, Component protocol) {
            this.info = info;
            this.csa = csa;
            this.protocol = protocol;
        }

        boolean protocolFinished() {
            return protocol == null || protocol.isFinished();
        }
    }

    static {
        // Loaded now rather than on the closing paths, which may run while the process is out of
        // descriptors (see Preload).
        Preload.classes(SafeLog.class, Connection.class, ComponentFailure.class, NewCSA.class, ShutdownCSA.class,
                SocketShutdown.class, ServerShutdown.class, ProducerFinished.class, ShutdownMicroprocess.class,
                ErrorInformation.class);
    }

    private final ProtocolFactory factory;
    private final TCPServer tcpServer;
    private final int protocolInboxCapacity;
    private final Duration shutdownTimeout;
    private final Map<ConnectedSocketAdapter, Connection> connections = new LinkedHashMap<>();
    /**
     * Connections whose socket component has reported (or, once the TCPServer has finished, every one
     * left) while their protocol still runs: the only ones looked at on a wake-up that names no
     * connection (main).
     */
    private final Set<Connection> orphans = new LinkedHashSet<>();
    /** Connections looked at while tidying up, for tests (written by main only). */
    private volatile long examined;
    /** Failure reports dropped because "signal"'s receiver was full (written by main only). */
    private volatile long droppedReports;
    private final ConcurrentLinkedDeque<ComponentFailure> failures = new ConcurrentLinkedDeque<>();

    /**
     * A server on the loopback address with the default options, bound now.
     *
     * @param factory makes the protocol component for each connection
     * @param port    the port; 0 for any free port (read it with {@link #port()})
     * @throws NullPointerException     when {@code factory} is null
     * @throws IllegalArgumentException when the port is out of range
     * @throws UncheckedIOException     when the port cannot be bound
     */
    public ServerCore(ProtocolFactory factory, int port) {
        this(factory, new Builder<ServerCore>(null).port(port));
    }

    /**
     * For subclasses: a server with the options of {@code settings}, bound now.
     *
     * @throws NullPointerException when an argument is null
     * @throws UncheckedIOException when the address cannot be bound
     */
    @SuppressWarnings("this-escape") // declareInbox only records the box; subclasses have no state it reads
    protected ServerCore(ProtocolFactory factory, Builder<?> settings) {
        this.factory = Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(settings, "settings");
        this.protocolInboxCapacity = settings.protocolInboxCapacity;
        this.shutdownTimeout = settings.shutdownTimeout;
        this.tcpServer = settings.tcp.build();
        declareInbox(SOCKET_ACTIVITY, "internal: NewCSA and ShutdownCSA from the TCPServer");
    }

    /** A builder for a server whose protocols are made by {@code factory}. */
    public static Builder<ServerCore> builder(ProtocolFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return new Builder<>(b -> new ServerCore(factory, b));
    }

    /** The address and port the server listens on. */
    public InetSocketAddress localAddress() {
        return tcpServer.localAddress();
    }

    /** The port the server listens on (the one chosen when 0 was asked for). */
    public int port() {
        return tcpServer.port();
    }

    /** Connections open now (accepted and not yet closed). Any thread. */
    public int connectionCount() {
        return tcpServer.connectionCount();
    }

    /** Connections accepted since the start. Any thread. */
    public long acceptedCount() {
        return tcpServer.acceptedCount();
    }

    /** Connections refused because the maximum was open. Any thread. */
    public long refusedCount() {
        return tcpServer.refusedCount();
    }

    /** Connections closed by the idle timeout: see {@link TCPServer#idleTimeoutCount()}. Any thread. */
    public long idleTimeoutCount() {
        return tcpServer.idleTimeoutCount();
    }

    /** Connections closed by the first-byte timeout: see {@link TCPServer#firstByteTimeoutCount()}. Any thread. */
    public long firstByteTimeoutCount() {
        return tcpServer.firstByteTimeoutCount();
    }

    /**
     * Errors from accepting connections (e.g. too many open files), each followed by a pause and a new
     * attempt: see {@link TCPServer#acceptErrorCount()}. Any thread.
     */
    public long acceptErrorCount() {
        return tcpServer.acceptErrorCount();
    }

    /**
     * The most recent failures of protocols (their main() threw) and of the factory (it threw or
     * returned something unusable; recorded against this server), oldest first, at most 100. Any thread.
     */
    public List<ComponentFailure> protocolFailures() {
        return List.copyOf(failures);
    }

    /**
     * Shuts the server down: delivers a {@link ServerShutdown} to its "control", or, when it was never
     * activated, closes the listening socket now. Does not wait: use {@link #join(Duration)}.
     * Idempotent; any thread.
     */
    @Override
    public void close() {
        if (state() == State.CREATED) {
            tcpServer.close();
        }
        if (!isFinished()) {
            deliver(new ServerShutdown(this), "control");
        }
    }

    @Override
    protected void main() throws Exception {
        addChildren(tcpServer);
        link(tcpServer, "protocolHandlerSignal", this, SOCKET_ACTIVITY);
        tcpServer.activate();
        Object stop = null;
        while (stop == null && !tcpServer.isFinished()) {
            while (dataReady(SOCKET_ACTIVITY)) {
                Object m = recv(SOCKET_ACTIVITY);
                if (m instanceof NewCSA n) {
                    open(n);
                } else if (m instanceof ShutdownCSA c) {
                    socketEnded(c.csa());
                }
            }
            while (dataReady("control") && stop == null) {
                Object m = recv("control");
                if (m instanceof ShutdownMicroprocess) {
                    stop = m;
                }
            }
            while (dataReady("inbox")) {
                recv("inbox"); // not used
            }
            reapOrphans();
            if (stop == null && !tcpServer.isFinished()) {
                pause();
            }
        }
        shutdown();
        if (stop == null) {
            Throwable f = tcpServer.failure().orElse(null);
            if (f != null) {
                throw new IOException(name() + ": the listening socket failed: " + f.getMessage(), f);
            }
            stop = new ProducerFinished(this, "the listening socket was closed");
        }
        send(stop, "signal");
    }

    /** Makes, wires and starts the protocol for a new connection (main). */
    private void open(NewCSA n) {
        ConnectedSocketAdapter csa = n.csa();
        ConnectionInfo info = n.connection();
        List<Map.Entry<Component, Linkage>> made = new ArrayList<>(5);
        Component p;
        try {
            p = factory.create(info);
            if (p == null) {
                throw new NullPointerException("the protocol factory returned null for " + info);
            }
            if (p.state() != State.CREATED) {
                throw new IllegalStateException("the protocol factory returned " + p.name() + " in state "
                        + p.state() + " for " + info + " (expected: a new component for each connection)");
            }
            if (p.hasDefaultInboxSize("inbox")) {
                p.setInboxSize("inbox", protocolInboxCapacity);
            }
            // Each link belongs to the component it starts from, so it goes when that component
            // finishes, and this server holds no per-connection links to search when tidying up.
            made.add(Map.entry(csa, csa.link(csa, "outbox", p, "inbox")));
            made.add(Map.entry(csa, csa.link(csa, "inputEnded", p, "control")));
            made.add(Map.entry(p, p.link(p, "outbox", csa, "inbox")));
            made.add(Map.entry(p, p.link(p, "signal", csa, "producerSignal")));
            if (p.outboxNames().contains("serversignal")) {
                made.add(Map.entry(p, p.link(p, "serversignal", this, "control")));
            }
        } catch (RuntimeException e) {
            for (Map.Entry<Component, Linkage> l : made) {
                l.getKey().unlink(l.getValue()); // only the links made here: the component may be in use elsewhere
            }
            record(new ComponentFailure(this, new IllegalStateException(name() + ": no protocol for " + info
                    + ": " + e.getMessage(), e)), info);
            closeAtOnce(csa, info);
            return;
        }
        csa.closeWhenFinished(p); // a protocol that ends, however it ends, closes its connection
        addChildren(csa, p);
        connections.put(csa, new Connection(info, csa, p));
        activateAll(p, csa);
    }

    /** Starts a socket component that closes as soon as it runs, so that it reports (main). */
    private void closeAtOnce(ConnectedSocketAdapter csa, ConnectionInfo info) {
        csa.deliver(new ShutdownMicroprocess(this), "control");
        addChildren(csa);
        connections.put(csa, new Connection(info, csa, null));
        activateAll(csa);
    }

    /**
     * Activates per-connection components from a short-lived thread of their own rather than from
     * main(): what a component's main() activates counts as started by it, and {@link #join} waits for
     * all of that, while a server must be able to finish after giving up on a protocol that ignores
     * its shutdown. They are this server's children instead, removed once finished.
     */
    private void activateAll(Component... cs) {
        Scheduler s = scheduler();
        AtomicReference<RuntimeException> err = new AtomicReference<>();
        Thread t = Thread.ofVirtual().name(name() + "-activate").start(() -> {
            for (Component c : cs) {
                try {
                    c.activate(s);
                } catch (RuntimeException e) {
                    err.compareAndSet(null, e);
                }
            }
        });
        Threads.joinUninterruptibly(t);
        if (err.get() != null) {
            throw err.get();
        }
    }

    /*
     * Tidying up is O(1) per event: the TCPServer's ShutdownCSA names the connection whose socket
     * component has reported. Its protocol has usually finished by then (its end closes the connection:
     * see ConnectedSocketAdapter.closeWhenFinished), and the connection is forgotten at once. A protocol
     * still running is asked to stop and the connection becomes an orphan; orphans (usually none or a
     * few) are the only connections looked at when a wake-up names none (a protocol, a child, has
     * finished). Before, every connection was looked at on every wake-up: quadratic under churn.
     */

    /** The socket component of {@code csa} has reported its end (main). */
    private void socketEnded(ConnectedSocketAdapter csa) {
        Connection c = connections.get(csa);
        if (c == null) {
            return;
        }
        examined++;
        if (c.protocolFinished()) {
            forget(c);
            return;
        }
        // The socket is closed: whatever the protocol still sends goes nowhere. One that ignored the
        // SocketShutdown on its control (its client's end of stream) is asked to stop now.
        stopProtocol(c);
        orphans.add(c);
    }

    /** Forgets the orphans whose socket and protocol have both finished (main). */
    private void reapOrphans() {
        if (orphans.isEmpty()) {
            return;
        }
        for (Iterator<Connection> it = orphans.iterator(); it.hasNext(); ) {
            Connection c = it.next();
            examined++;
            if (c.csa.isFinished() && c.protocolFinished()) {
                it.remove();
                forget(c);
            }
        }
    }

    private void stopProtocol(Connection c) {
        if (c.protocol == null || c.protocolStopped) {
            return;
        }
        c.protocolStopped = true;
        try {
            c.protocol.deliver(new ShutdownMicroprocess(this), "control");
        } catch (RuntimeException e) { // its control is bounded and full: it is given up at shutdown
            SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": " + c.info + ": could not ask protocol "
                    + c.protocol.name() + " to stop: " + e);
        }
    }

    /** Records the protocol's failure, if any, and drops the connection (main). */
    private void forget(Connection c) {
        connections.remove(c.csa);
        if (c.protocol != null) {
            c.protocol.failure().ifPresent(f -> {
                SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": " + c.info + ": protocol "
                        + c.protocol.name() + " failed: " + f);
                record(new ComponentFailure(c.protocol, f), c.info);
            });
            removeChild(c.protocol);
        }
        removeChild(c.csa);
    }

    /** Connections looked at while tidying up since the start: one per event, plus the orphans. Tests. */
    long connectionsExamined() {
        return examined;
    }

    /** Keeps a failure and reports it on "signal", without waiting for room there (main). */
    private void record(ComponentFailure f, ConnectionInfo info) {
        failures.addLast(f);
        while (failures.size() > MAX_RECORDED_FAILURES) {
            failures.pollFirst();
        }
        Component protocol = f.component() == this ? null : f.component();
        String what = info + ": " + (protocol == null ? "" : "protocol " + protocol.name() + " failed: ")
                + SafeLog.describe(f.error());
        if (!sendBlocking(new ProtocolFailure(this, info, protocol, f.error(), what), "signal", Duration.ZERO)) {
            droppedReports++;
        }
    }

    /**
     * Failure reports not sent on "signal" because the receiver's inbox was full (a server never waits
     * for its failure reports to be read). Any thread.
     */
    public long droppedFailureReports() {
        return droppedReports;
    }

    /** Stops listening, closes every connection, and waits for the sockets and protocols (main). */
    private void shutdown() {
        tcpServer.deliver(new ServerShutdown(this), "control");
        for (Connection c : connections.values()) {
            stopProtocol(c);
            c.csa.close();
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        boolean allOrphaned = false;
        for (;;) {
            while (dataReady(SOCKET_ACTIVITY)) {
                Object m = recv(SOCKET_ACTIVITY);
                if (m instanceof NewCSA n) {
                    closeAtOnce(n.csa(), n.connection()); // accepted just before the listener closed
                    orphans.add(connections.get(n.csa())); // its report may never be relayed: look at it
                } else if (m instanceof ShutdownCSA c) {
                    socketEnded(c.csa());
                } else {
                    SafeLog.log(LOG, System.Logger.Level.DEBUG, () -> name() + ": ignored " + m);
                }
            }
            if (tcpServer.isFinished() && !allOrphaned) {
                // Every report it had to relay is in SOCKET_ACTIVITY (taken above) or was dropped: look
                // at what is left directly from now on.
                allOrphaned = true;
                for (Connection c : connections.values()) {
                    stopProtocol(c);
                    orphans.add(c);
                }
            }
            reapOrphans();
            if (connections.isEmpty() && tcpServer.isFinished()) {
                break;
            }
            boolean socketsClosed = allOrphaned && orphans.stream().allMatch(c -> c.csa.isFinished());
            long left = deadline - System.nanoTime();
            if (socketsClosed && left <= 0) {
                List<String> stuck = new ArrayList<>();
                for (Connection c : connections.values()) {
                    if (c.protocol != null) {
                        stuck.add(c.protocol.name() + " (" + c.info + ")");
                        removeChild(c.protocol);
                    }
                    removeChild(c.csa);
                }
                connections.clear();
                orphans.clear();
                SafeLog.log(LOG, System.Logger.Level.WARNING, name() + ": protocols still running " + shutdownTimeout
                        + " after a ShutdownMicroprocess, given up: " + stuck);
                break;
            }
            if (socketsClosed) {
                pause(Duration.ofNanos(left));
            } else {
                pause();
            }
        }
        while (dataReady("control")) {
            recv("control"); // the shutdown is done; later requests have nothing left to stop
        }
    }

    @Override
    public String toString() {
        return name() + " (" + tcpServer.localAddress() + ")";
    }

    /**
     * Options for a {@link ServerCore} or {@link SimpleServer}; {@link #build()} binds the socket. Not
     * thread-safe; each {@code build()} makes an independent server.
     *
     * @param <S> the kind of server it builds
     */
    public static final class Builder<S extends ServerCore> {
        private final TCPServer.Builder tcp = TCPServer.builder();
        private final Function<Builder<S>, S> maker;
        private int protocolInboxCapacity = DEFAULT_PROTOCOL_INBOX_CAPACITY;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        Builder(Function<Builder<S>, S> maker) {
            this.maker = maker;
        }

        /** The address to listen on; the loopback address by default. See {@link TCPServer.Builder#bindAddress}. */
        public Builder<S> bindAddress(InetAddress address) {
            tcp.bindAddress(address);
            return this;
        }

        /** The port; 0 (the default) for any free port. See {@link TCPServer.Builder#port}. */
        public Builder<S> port(int port) {
            tcp.port(port);
            return this;
        }

        /**
         * The listen backlog; the system's maximum by default ({@link TCPServer#systemBacklog()}). See
         * {@link TCPServer.Builder#backlog}.
         */
        public Builder<S> backlog(int backlog) {
            tcp.backlog(backlog);
            return this;
        }

        /** The most connections open at once; 10,000 by default. See {@link TCPServer.Builder#maxConnections}. */
        public Builder<S> maxConnections(int maxConnections) {
            tcp.maxConnections(maxConnections);
            return this;
        }

        /** SO_REUSEADDR on the listening socket; on by default. */
        public Builder<S> reuseAddress(boolean on) {
            tcp.reuseAddress(on);
            return this;
        }

        /** SO_RCVBUF for accepted connections; 0 (the default) leaves the system's choice. */
        public Builder<S> receiveBufferSize(int bytes) {
            tcp.receiveBufferSize(bytes);
            return this;
        }

        /** TCP_NODELAY on accepted connections; on by default. */
        public Builder<S> tcpNoDelay(boolean on) {
            tcp.tcpNoDelay(on);
            return this;
        }

        /** The largest chunk read from a client at once; 8 KiB by default. */
        public Builder<S> readBufferSize(int bytes) {
            tcp.readBufferSize(bytes);
            return this;
        }

        /** The capacity of each socket component's "inbox" (messages to write); 64 by default. */
        public Builder<S> socketInboxCapacity(int messages) {
            tcp.socketInboxCapacity(messages);
            return this;
        }

        /** How long a closing connection waits for the client to close its side; 5 s by default. */
        public Builder<S> closeTimeout(Duration timeout) {
            tcp.closeTimeout(timeout);
            return this;
        }

        /**
         * Closes a connection with no byte read or written for this long; off ({@link Duration#ZERO})
         * by default. See {@link TCPServer.Builder#idleTimeout}.
         *
         * @throws NullPointerException     when {@code timeout} is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder<S> idleTimeout(Duration timeout) {
            tcp.idleTimeout(timeout);
            return this;
        }

        /**
         * Closes a connection whose client sends nothing this long after it was accepted; off
         * ({@link Duration#ZERO}) by default. See {@link TCPServer.Builder#firstByteTimeout}.
         *
         * @throws NullPointerException     when {@code timeout} is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder<S> firstByteTimeout(Duration timeout) {
            tcp.firstByteTimeout(timeout);
            return this;
        }

        /**
         * The capacity given to each protocol's "inbox" (in chunks of at most the read buffer size) when
         * the protocol has not set one; 16 by default.
         *
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder<S> protocolInboxCapacity(int chunks) {
            if (chunks <= 0) {
                throw new IllegalArgumentException("protocolInboxCapacity: " + chunks + " (expected: > 0)");
            }
            this.protocolInboxCapacity = chunks;
            return this;
        }

        /**
         * How long a shutdown waits for protocols to finish after the sockets are closed; 5 s by default.
         *
         * @throws NullPointerException     when {@code timeout} is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder<S> shutdownTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "shutdownTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout: " + timeout + " (expected: >= 0)");
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Binds the listening socket and returns the server, not yet activated.
         *
         * @throws UncheckedIOException when the address cannot be bound (the cause says why)
         */
        public S build() {
            return maker.apply(this);
        }
    }
}
