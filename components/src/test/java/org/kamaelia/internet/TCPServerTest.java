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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kamaelia.internet.ServerTestSupport.WAIT;
import static org.kamaelia.internet.ServerTestSupport.await;
import static org.kamaelia.internet.ServerTestSupport.connect;
import static org.kamaelia.internet.ServerTestSupport.awaitNoThreadsNamed;
import static org.kamaelia.internet.ServerTestSupport.openSockets;
import static org.kamaelia.internet.ServerTestSupport.readExactly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.ipc.NewCSA;
import org.kamaelia.ipc.ServerShutdown;
import org.kamaelia.ipc.ShutdownCSA;
import org.kamaelia.ipc.SocketShutdown;

@Timeout(60)
class TCPServerTest {
    private Scheduler scheduler;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void newScheduler(TestInfo info) {
        scheduler = new Scheduler(info.getDisplayName());
    }

    @AfterEach
    void closeClients() throws IOException {
        for (Socket c : clients) {
            c.close();
        }
        assertThat(scheduler.awaitTermination(WAIT)).as("every component finished").isTrue();
        assertThat(scheduler.failures()).isEmpty();
    }

    private Socket client(int port) throws IOException {
        Socket s = connect(port);
        clients.add(s);
        return s;
    }

    /** Wires a new connection's socket component to a fresh handle and activates it. */
    private Handle accept(Handle server) throws Exception {
        NewCSA n = (NewCSA) server.get("protocolHandlerSignal", WAIT);
        Handle h = new Handle(n.csa(), "outbox", "signal");
        n.csa().activate(scheduler);
        return h;
    }

    private static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void withPortZeroTheBoundPortIsReadableAsSoonAsItIsBuilt() throws Exception {
        TCPServer server = TCPServer.builder().port(0).build();

        assertThat(server.port()).isPositive();
        assertThat(server.localAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        Handle h = new Handle(server, "protocolHandlerSignal", "signal");
        server.activate(scheduler);
        Socket c = client(server.port()); // no waiting: it was listening before activation

        NewCSA n = (NewCSA) h.get("protocolHandlerSignal", WAIT);
        assertThat(n.connection().peer().getPort()).isEqualTo(c.getLocalPort());
        assertThat(n.connection().local().getPort()).isEqualTo(server.port());
        assertThat(n.connection().id()).isEqualTo(1);
        assertThat(n.csa().connection()).isEqualTo(n.connection());
        n.csa().close();
        n.csa().activate(scheduler);
        server.close();
        assertThat(h.get("signal", WAIT)).isInstanceOf(ServerShutdown.class);
    }

    @Test
    void aPortInUseFailsAtOnceWithTheAddressInTheMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new TCPServer(taken.getLocalPort()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on")
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                    .hasCauseInstanceOf(BindException.class);
        }
    }

    @Test
    void eachConnectionArrivesAsNewCSAAndItsEndAsShutdownCSA() throws Exception {
        TCPServer server = TCPServer.builder().build();
        Handle h = new Handle(server, "protocolHandlerSignal");
        server.activate(scheduler);
        Socket c = client(server.port());
        Handle conn = accept(h);

        c.getOutputStream().write("ping".getBytes(UTF_8));
        assertThat(new String((byte[]) conn.get("outbox", WAIT), UTF_8)).isEqualTo("ping");
        assertThat(server.connectionCount()).isEqualTo(1);
        conn.put(new ProducerFinished(), "control");
        c.close();

        ShutdownCSA closed = (ShutdownCSA) h.get("protocolHandlerSignal", WAIT);
        assertThat(closed.reason().isClean()).isTrue();
        assertThat(closed.reason().bytesReceived()).isEqualTo(4);
        assertThat(closed.reason()).isSameAs(conn.get("signal", WAIT));
        await("the connection is forgotten", () -> server.connectionCount() == 0);
        assertThat(server.acceptedCount()).isEqualTo(1);
        assertThat(server.linkages()).as("no link per connection is kept").isEmpty();
        server.close();
    }

    @Test
    void beyondMaxConnectionsNewConnectionsAreAcceptedAndClosedAtOnce() throws Exception {
        TCPServer server = TCPServer.builder().maxConnections(2).build();
        Handle h = new Handle(server, "protocolHandlerSignal");
        server.activate(scheduler);
        Socket a = client(server.port());
        Handle first = accept(h);
        client(server.port());
        accept(h);

        Socket refused = client(server.port());

        assertThat(closedByServer(refused)).isTrue();
        assertThat(server.refusedCount()).isEqualTo(1);
        assertThat(server.connectionCount()).isEqualTo(2);

        first.put(new ShutdownMicroprocess(), "control");
        assertThat(h.get("protocolHandlerSignal", WAIT)).isInstanceOf(ShutdownCSA.class);
        assertThat(closedByServer(a)).isTrue();
        await("a slot is free", () -> server.connectionCount() == 1);
        Socket again = client(server.port());
        Handle third = accept(h);
        third.put("welcome", "inbox");
        assertThat(new String(readExactly(again, 7), UTF_8)).isEqualTo("welcome");
        server.close();
    }

    @Test
    void aReadingConnectionHoldsNoMoreThanItsReceiverWillTake() throws Exception {
        TCPServer server = TCPServer.builder().readBufferSize(512).build();
        Handle h = new Handle(server, "protocolHandlerSignal");
        server.activate(scheduler);
        Socket c = client(server.port());
        NewCSA n = (NewCSA) h.get("protocolHandlerSignal", WAIT);
        GatedSink sink = new GatedSink(3);
        sink.link(n.csa(), "outbox", sink, "inbox");
        sink.activate(scheduler);
        n.csa().activate(scheduler);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                c.getOutputStream().write(new byte[16 * 1024 * 1024]);
            } catch (IOException expected) {
                // the server closes the connection at the end of the test
            }
        });

        await("the receiver is full", () -> sink.queued() == 3);
        assertThat(writer.join(Duration.ofSeconds(1))).as("the client is held back").isFalse();
        assertThat(n.csa().bytesReceived()).isLessThanOrEqualTo(4 * 512);

        server.close();
        assertThat(server.join(WAIT)).isTrue();
        assertThat(writer.join(WAIT)).isTrue();
        sink.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void shutdownClosesTheListenerAndEveryConnectionThenPassesTheMessageOn() throws Exception {
        long socketsBefore = openSockets();
        TCPServer server = TCPServer.builder().build();
        Handle h = new Handle(server, "protocolHandlerSignal", "signal");
        server.activate(scheduler);
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(client(server.port()));
            accept(h);
        }
        Socket notActivated = client(server.port());
        await("six connections", () -> server.connectionCount() == 6);
        ShutdownMicroprocess stop = new ShutdownMicroprocess();

        server.deliver(stop, "control");

        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        assertThat(server.join(WAIT)).isTrue();
        for (Socket s : open) {
            assertThat(closedByServer(s)).isTrue();
        }
        assertThat(closedByServer(notActivated)).as("the connection nobody activated").isTrue();
        assertThatThrownBy(() -> connect(server.port())).isInstanceOf(ConnectException.class);
        assertThat(server.connectionCount()).isZero();
        for (Socket c : clients) {
            c.close();
        }
        await("no socket of the server is left", () -> openSockets() <= socketsBefore);
        awaitNoThreadsNamed(server.name());
        awaitNoThreadsNamed("ConnectedSocketAdapter");
    }

    @Test
    void closingBeforeActivationReleasesThePort() throws Exception {
        TCPServer server = TCPServer.builder().build();
        int port = server.port();
        server.close();
        server.close(); // idempotent

        TCPServer again = TCPServer.builder().port(port).build(); // the same port binds again
        assertThat(again.port()).isEqualTo(port);
        again.close();
        Handle h = new Handle(server, "signal");
        server.activate(scheduler);
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
    }

    @Test
    void aShutdownRequestIsHonouredOnlyForTheShutdownMessagesAndInboxIsNotUsed() throws Exception {
        TCPServer server = TCPServer.builder().build();
        Handle h = new Handle(server, "signal");
        server.activate(scheduler);
        h.put(new ProducerFinished(), "control");
        h.put("something", "inbox");
        Socket c = client(server.port());
        await("it still accepts", () -> server.acceptedCount() == 1);
        assertThat(server.isFinished()).isFalse();

        ServerShutdown stop = new ServerShutdown();
        h.put(stop, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        assertThat(closedByServer(c)).as("the unclaimed connection is closed").isTrue();
    }

    @Test
    void builderRejectsBadValuesWithMessagesNamingThem() {
        assertThatThrownBy(() -> TCPServer.builder().port(65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 65536 (expected: 0 to 65535, 0 = any free port)");
        assertThatThrownBy(() -> TCPServer.builder().port(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TCPServer.builder().backlog(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backlog: 0 (expected: > 0)");
        assertThatThrownBy(() -> TCPServer.builder().maxConnections(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConnections: 0 (expected: > 0)");
        assertThatThrownBy(() -> TCPServer.builder().receiveBufferSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("receiveBufferSize: -1 (expected: >= 0)");
        assertThatThrownBy(() -> TCPServer.builder().readBufferSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TCPServer.builder().socketInboxCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TCPServer.builder().closeTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TCPServer.builder().closeTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("closeTimeout");
        assertThatThrownBy(() -> TCPServer.builder().bindAddress(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("bindAddress");
    }

    @Test
    void itCanListenOnAnotherAddressWhenAsked() throws Exception {
        TCPServer server = TCPServer.builder().bindAddress(InetAddress.getByName("0.0.0.0")).build();
        assertThat(server.localAddress().getAddress().isAnyLocalAddress()).isTrue();
        server.activate(scheduler);
        try (Socket c = new Socket()) {
            c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
            await("it accepted", () -> server.acceptedCount() == 1);
        }
        server.close();
    }

    @Test
    void twoHundredSimultaneousConnectsAllCompleteBeforeAnythingIsAccepted() throws Exception {
        TCPServer server = TCPServer.builder().build(); // built, so listening, but never activated
        List<SocketChannel> pending = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < 200; i++) {
                SocketChannel ch = SocketChannel.open();
                pending.add(ch);
                ch.configureBlocking(false);
                if (!ch.connect(server.localAddress())) {
                    ch.register(selector, SelectionKey.OP_CONNECT);
                }
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            int waiting = selector.keys().size();
            while (waiting > 0 && System.nanoTime() < deadline) {
                selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                for (SelectionKey k : selector.selectedKeys()) {
                    if (((SocketChannel) k.channel()).finishConnect()) {
                        k.cancel();
                        waiting--;
                    }
                }
                selector.selectedKeys().clear();
            }
            assertThat(pending).as("connected while the server has accepted nothing")
                    .allMatch(SocketChannel::isConnected);
            assertThat(server.acceptedCount()).isZero();
        } finally {
            for (SocketChannel ch : pending) {
                ch.close();
            }
            server.close();
        }
    }

    @Test
    void theDefaultBacklogIsTheSystemsMaximum() throws IOException {
        Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
        int expected = Files.isReadable(somaxconn)
                ? Integer.parseInt(Files.readAllLines(somaxconn).get(0).trim()) : TCPServer.DEFAULT_BACKLOG;
        assertThat(TCPServer.systemBacklog()).isEqualTo(expected);
    }

    /**
     * A slow connection handler: a "inbox" of one message, taken only as the test allows ({@link #allow}),
     * each taken message handed to the test on {@link #taken}. Stops on a ShutdownMicroprocess.
     */
    static final class Allowance extends Component {
        final BlockingQueue<Object> taken = new LinkedBlockingQueue<>();
        private final AtomicInteger permits = new AtomicInteger();

        Allowance() {
            setInboxSize("inbox", 1);
            declareInbox("_allow", "test: wakes it after allow()");
        }

        /** Lets it take {@code n} more messages. Any thread. */
        void allow(int n) {
            permits.addAndGet(n);
            deliver(Boolean.TRUE, "_allow");
        }

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("_allow")) {
                    recv("_allow");
                }
                while (permits.get() > 0 && dataReady("inbox")) {
                    permits.decrementAndGet();
                    taken.add(recv("inbox"));
                }
                while (dataReady("control")) {
                    if (recv("control") instanceof ShutdownMicroprocess) {
                        return;
                    }
                }
                pause();
            }
        }
    }

    /** A slow handler linked to the server's "protocolHandlerSignal"; both activated. */
    private Allowance slowHandlerOf(TCPServer server) {
        Allowance handler = new Allowance();
        handler.link(server, "protocolHandlerSignal", handler, "inbox");
        handler.activate(scheduler);
        server.activate(scheduler);
        return handler;
    }

    private static Object take(Allowance a) throws InterruptedException {
        Object m = a.taken.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(m).as("a message taken within " + WAIT).isNotNull();
        return m;
    }

    @Test
    void theAcceptorWaitsForASlowConnectionHandlerInsteadOfFailing() throws Exception {
        TCPServer server = TCPServer.builder().build();
        Allowance handler = slowHandlerOf(server);

        for (int i = 0; i < 3; i++) {
            client(server.port());
        }
        await("the second connection is accepted and waits for room", () -> server.acceptedCount() == 2);
        handler.allow(3);

        List<NewCSA> handed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            handed.add((NewCSA) take(handler));
        }
        assertThat(handed).extracting(n -> n.connection().id()).containsExactly(1L, 2L, 3L);
        assertThat(server.isFinished()).isFalse();
        server.close();
        assertThat(server.join(WAIT)).isTrue();
        assertThat(server.failure()).isEmpty();
        handler.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void connectionEndsWaitForASlowConnectionHandlerInsteadOfFailingTheServer() throws Exception {
        TCPServer server = TCPServer.builder().build();
        Allowance handler = slowHandlerOf(server);
        client(server.port());
        handler.allow(1);
        NewCSA first = (NewCSA) take(handler);
        Handle conn = new Handle(first.csa(), "signal");
        first.csa().activate(scheduler);
        client(server.port());
        await("the second NewCSA fills the handler's box", () -> server.acceptedCount() == 2);

        conn.put(new ShutdownMicroprocess(), "control");
        assertThat(conn.get("signal", WAIT)).isInstanceOf(SocketShutdown.class);
        await("the first connection is forgotten", () -> server.connectionCount() == 1);
        handler.allow(2);

        assertThat(take(handler)).isInstanceOfSatisfying(NewCSA.class, n -> assertThat(n.connection().id()).isEqualTo(2));
        assertThat(take(handler)).isInstanceOfSatisfying(ShutdownCSA.class, c -> assertThat(c.csa()).isSameAs(first.csa()));
        assertThat(server.isFinished()).isFalse();
        server.close();
        assertThat(server.join(WAIT)).isTrue();
        handler.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void shutdownEndsAnAcceptorWaitingForASlowConnectionHandler() throws Exception {
        TCPServer server = TCPServer.builder().build();
        Handle h = new Handle(server, "signal");
        Allowance handler = slowHandlerOf(server);
        client(server.port());
        Socket waiting = client(server.port());
        await("the second connection is accepted and waits for room", () -> server.acceptedCount() == 2);

        ServerShutdown stop = new ServerShutdown();
        h.put(stop, "control");

        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        assertThat(server.join(WAIT)).isTrue();
        assertThat(closedByServer(waiting)).as("the connection never handed over is closed").isTrue();
        assertThat(server.connectionCount()).isZero();
        handler.deliver(new ShutdownMicroprocess(), "control");
    }
}
