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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kamaelia.internet.ServerTestSupport.WAIT;
import static org.kamaelia.internet.ServerTestSupport.await;
import static org.kamaelia.internet.ServerTestSupport.connect;
import static org.kamaelia.internet.ServerTestSupport.awaitNoThreadsNamed;
import static org.kamaelia.internet.ServerTestSupport.liveThreadsNamed;
import static org.kamaelia.internet.ServerTestSupport.openSockets;
import static org.kamaelia.internet.ServerTestSupport.readExactly;
import static org.kamaelia.internet.ServerTestSupport.readToEnd;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ComponentFailure;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.internet.ConnectionInfo;
import org.kamaelia.internet.GatedSink;
import org.kamaelia.ipc.ProtocolFailure;
import org.kamaelia.ipc.ServerShutdown;
import org.kamaelia.ipc.SocketShutdown;
import org.kamaelia.protocol.ChargenProtocol;

@Timeout(120)
class ServerCoreTest {
    private Scheduler scheduler;
    private final List<Socket> clients = new ArrayList<>();
    private final List<ServerCore> servers = new ArrayList<>();

    @BeforeEach
    void newScheduler(TestInfo info) {
        scheduler = new Scheduler(info.getDisplayName());
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket c : clients) {
            c.close();
        }
        for (ServerCore s : servers) {
            s.close();
        }
        assertThat(scheduler.awaitTermination(WAIT)).as("every component finished: " + scheduler).isTrue();
    }

    /** Hands a protocol the factory just made to the test, through {@code made}, and returns it. */
    private static <P> P record(P protocol, BlockingQueue<? super P> made) {
        made.add(protocol);
        return protocol;
    }

    private <S extends ServerCore> S start(S server) {
        servers.add(server);
        server.activate(scheduler);
        return server;
    }

    private Socket client(ServerCore server) throws IOException {
        Socket s = connect(server.port());
        clients.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(UTF_8));
    }

    private static String read(Socket s, int n) throws IOException {
        return new String(readExactly(s, n), UTF_8);
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

    // ------------------------------------------------------------------ test protocols

    /** Echoes, and records every control message it gets; stops on either shutdown message. */
    static final class Recorder extends Component {
        final BlockingQueue<Object> controls = new LinkedBlockingQueue<>();

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    sendBlocking(recv("inbox"), "outbox");
                }
                while (dataReady("control")) {
                    Object m = recv("control");
                    controls.add(m);
                    if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
                        while (dataReady("inbox")) {
                            sendBlocking(recv("inbox"), "outbox");
                        }
                        send(m, "signal");
                        return;
                    }
                }
                pause();
            }
        }
    }

    /** Echoes until it receives "boom", then throws. */
    static final class Thrower extends Component {
        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    byte[] b = (byte[]) recv("inbox");
                    if (new String(b, UTF_8).contains("boom")) {
                        throw new IllegalStateException("boom from " + name());
                    }
                    sendBlocking(b, "outbox");
                }
                if (dataReady("control")) {
                    Object m = recv("control");
                    if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
                        send(m, "signal");
                        return;
                    }
                }
                pause();
            }
        }
    }

    /** Sends {@code size} bytes of a pattern in chunks, then its end message on signal. */
    static final class Bulk extends Component {
        private final int size;
        private final Object end;

        Bulk(int size, Object end) {
            this.size = size;
            this.end = end;
        }

        @Override
        protected void main() {
            for (int sent = 0; sent < size; sent += 1000) {
                sendBlocking(pattern(sent, Math.min(1000, size - sent)), "outbox");
            }
            send(end, "signal");
        }
    }

    static byte[] pattern(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((from + i) % 251);
        }
        return b;
    }

    /** Sends a greeting and returns without signalling anything (against the convention). */
    static final class Quitter extends Component {
        @Override
        protected void main() {
            send("bye".getBytes(UTF_8), "outbox");
        }
    }

    /** Shuts the whole server down through its "serversignal" outbox when it receives anything. */
    static final class ServerStopper extends Component {
        ServerStopper() {
            declareOutbox("serversignal", "ServerShutdown for the server");
        }

        @Override
        protected void main() {
            while (!dataReady("inbox") && !dataReady("control")) {
                pause();
            }
            if (dataReady("inbox")) {
                send(new ServerShutdown(this), "serversignal");
            }
            while (!dataReady("control")) {
                pause();
            }
            send(recv("control"), "signal");
        }
    }

    /** Sends forever, ignoring ProducerFinished (so its client's end of stream); stops on ShutdownMicroprocess. */
    static final class Firehose extends Component {
        final BlockingQueue<Object> controls = new LinkedBlockingQueue<>();

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("control")) {
                    Object m = recv("control");
                    controls.add(m);
                    if (m instanceof ShutdownMicroprocess) {
                        send(m, "signal");
                        return;
                    }
                }
                sendBlocking(new byte[4096], "outbox", Duration.ofMillis(50));
            }
        }
    }

    /** Ignores control messages until released. */
    static final class Stubborn extends Component {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected void main() throws InterruptedException {
            release.await();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theFactorySeesThePeersAndTheLocalAddress() throws Exception {
        BlockingQueue<ConnectionInfo> seen = new LinkedBlockingQueue<>();
        ServerCore server = start(ServerCore.builder(c -> {
            seen.add(c);
            return new Recorder();
        }).build());
        Socket c = client(server);

        ConnectionInfo info = seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(info).isNotNull();
        assertThat(info.peer().getPort()).isEqualTo(c.getLocalPort());
        assertThat(info.local().getPort()).isEqualTo(server.port());
        assertThat(info.peer().getAddress()).isEqualTo(c.getLocalAddress());
        send(c, "hi");
        assertThat(read(c, 2)).isEqualTo("hi");
    }

    @Test
    void twoHundredClientsAtOnceEachGetTheirOwnDataBack() throws Exception {
        int n = 200;
        ServerCore server = start(SimpleServer.builder(Recorder::new).backlog(n).build());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> results = new ArrayList<>();
        List<byte[]> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                byte[] data = ("client " + i + " says: " + "x".repeat(20_000 + i) + " end " + i).getBytes(UTF_8);
                sent.add(data);
                results.add(pool.submit(() -> {
                    try (Socket s = connect(server.port())) {
                        go.await();
                        s.getOutputStream().write(data);
                        s.shutdownOutput();
                        return readToEnd(s);
                    }
                }));
            }
            await("all " + n + " connections are open at once", () -> server.connectionCount() == n);
            go.countDown();
            for (int i = 0; i < n; i++) {
                assertThat(results.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("client " + i)
                        .isEqualTo(sent.get(i));
            }
        }
        assertThat(server.acceptedCount()).isEqualTo(n);
        await("every connection has closed", () -> server.connectionCount() == 0);
        assertThat(server.protocolFailures()).isEmpty();
        await("nothing per connection is kept", () -> server.childComponents().size() == 1);
        assertThat(server.linkages()).as("only its link from the TCPServer").hasSize(1);
    }

    @Test
    void aClientThatClosesMidStreamEndsOnlyItsOwnConnection() throws Exception {
        BlockingQueue<Recorder> made = new LinkedBlockingQueue<>();
        ServerCore server = start(SimpleServer.builder(() -> record(new Recorder(), made)).build());
        Socket leaving = client(server);
        Recorder leavingProtocol = made.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        Socket staying = client(server);
        send(leaving, "half a mess");

        leaving.close(); // gone without reading the echo

        Object ended = leavingProtocol.controls.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(ended).isInstanceOf(SocketShutdown.class);
        await("the connection is gone", () -> server.connectionCount() == 1);
        send(staying, "still here");
        assertThat(read(staying, 10)).isEqualTo("still here");
    }

    @Test
    void aClientThatResetsTheConnectionIsReportedToItsProtocolWithTheCause() throws Exception {
        BlockingQueue<Recorder> made = new LinkedBlockingQueue<>();
        ServerCore server = start(SimpleServer.builder(() -> record(new Recorder(), made)).build());
        Socket resetting = client(server);
        Recorder protocol = made.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        Socket staying = client(server);
        send(resetting, "abc");
        assertThat(read(resetting, 3)).isEqualTo("abc");

        resetting.setSoLinger(true, 0);
        resetting.close();

        SocketShutdown ended = (SocketShutdown) protocol.controls.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(ended).isNotNull();
        assertThat(ended.cause()).isInstanceOf(IOException.class);
        assertThat(ended.bytesReceived()).isEqualTo(3);
        await("the connection is gone", () -> server.connectionCount() == 1);
        send(staying, "fine");
        assertThat(read(staying, 4)).isEqualTo("fine");
        assertThat(server.protocolFailures()).isEmpty();
    }

    @Test
    void aProtocolThatThrowsClosesOnlyItsOwnConnectionAndTheFailureCanBeRead() throws Exception {
        ServerCore server = start(SimpleServer.builder(Thrower::new).build());
        Socket doomed = client(server);
        Socket fine = client(server);
        send(fine, "one");
        assertThat(read(fine, 3)).isEqualTo("one");

        send(doomed, "boom");

        assertThat(closedByServer(doomed)).isTrue();
        await("the failure is recorded", () -> server.protocolFailures().size() == 1);
        ComponentFailure f = server.protocolFailures().get(0);
        assertThat(f.component()).isInstanceOf(Thrower.class);
        assertThat(f.error()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("boom from Thrower_");
        // the scheduler records it a moment after the component counts as finished
        await("the scheduler has the failure too", () -> scheduler.failures().stream().anyMatch(x -> x.error() == f.error()));
        send(fine, "two");
        assertThat(read(fine, 3)).isEqualTo("two");
        assertThat(server.isFinished()).isFalse();
    }

    @Test
    void aProtocolThatThrowsIsReportedOnTheServersSignalNamingItsConnectionWhileTheServerGoesOn() throws Exception {
        ServerCore server = SimpleServer.builder(Thrower::new).build();
        Handle h = new Handle(server, "signal");
        start(server);
        Socket doomed = client(server);
        send(doomed, "boom");

        Object report = h.get("signal", WAIT);

        assertThat(report).isInstanceOfSatisfying(ProtocolFailure.class, f -> {
            assertThat(f.connection().peer().getPort()).isEqualTo(doomed.getLocalPort());
            assertThat(f.protocol()).isInstanceOf(Thrower.class);
            assertThat(f.exception()).hasMessageStartingWith("boom from Thrower_");
            assertThat(f.message()).contains("connection #1").contains("protocol Thrower_").contains("boom from");
        });
        assertThat(server.isFinished()).isFalse();
        assertThat(server.droppedFailureReports()).isZero();
    }

    @Test
    void failureReportsNeverMakeTheServerWaitAndThoseNotSentAreCounted() throws Exception {
        ServerCore server = SimpleServer.builder(Thrower::new).build();
        GatedSink reports = new GatedSink(1); // never opened: takes one report, then its inbox is full
        reports.link(server, "signal", reports, "inbox");
        reports.activate(scheduler);
        start(server);
        for (int i = 0; i < 3; i++) {
            Socket doomed = client(server);
            send(doomed, "boom");
            assertThat(closedByServer(doomed)).isTrue();
        }
        await("three failures are recorded", () -> server.protocolFailures().size() == 3);
        Socket fine = client(server);
        send(fine, "still serving");
        assertThat(read(fine, 13)).isEqualTo("still serving");
        assertThat(server.droppedFailureReports()).isEqualTo(2);
        reports.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void aProtocolThatDoesNotReadStopsTheReadingFromItsClientWithItsInboxBounded() throws Exception {
        BlockingQueue<GatedSink> made = new LinkedBlockingQueue<>();
        ServerCore server = start(ServerCore.builder(c -> record(new GatedSink(4), made))
                .readBufferSize(1024).build());
        Socket c = client(server);
        GatedSink protocol = made.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        int total = 64 * 1024 * 1024;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = c.getOutputStream();
                byte[] block = new byte[64 * 1024];
                for (int sent = 0; sent < total; sent += block.length) {
                    out.write(block);
                }
                c.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        await("the protocol's inbox is full", () -> protocol.queued() == 4);
        assertThatThrownBy(() -> writer.get(2, TimeUnit.SECONDS)).as("the client is held back")
                .isInstanceOf(TimeoutException.class);
        assertThat(protocol.queued()).isEqualTo(4);
        assertThat(protocol.bytes()).isZero();

        protocol.open();
        writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await("the protocol has every byte", () -> protocol.bytes() == total);
        assertThat(protocol.mostQueued()).isLessThanOrEqualTo(4);
        assertThat(closedByServer(c)).as("its SocketShutdown ended it, and that closed the connection").isTrue();
    }

    @Test
    void aProtocolWhoseOwnInboxIsBoundedKeepsItsCapacity() throws Exception {
        BlockingQueue<GatedSink> made = new LinkedBlockingQueue<>();
        ServerCore server = start(ServerCore.builder(c -> record(new GatedSink(2), made))
                .protocolInboxCapacity(50).build());
        client(server);
        GatedSink protocol = made.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        await("it runs", () -> protocol.state() == Component.State.ACTIVE);
        assertThat(protocol.inboxSize("inbox")).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("endMessages")
    void eitherShutdownMessageOnTheProtocolsSignalClosesTheConnectionAfterEverythingWasSent(Object end)
            throws Exception {
        int size = 3 * 1024 * 1024;
        ServerCore server = start(SimpleServer.builder(() -> new Bulk(size, end)).build());
        Socket c = client(server);

        byte[] got = readToEnd(c);

        assertThat(got.length).isEqualTo(size);
        assertThat(got).isEqualTo(pattern(0, size));
    }

    static Stream<Object> endMessages() {
        return Stream.of(new ProducerFinished(), new ShutdownMicroprocess());
    }

    @Test
    void aProtocolThatFinishesWithoutSignallingStillHasItsConnectionClosed() throws Exception {
        ServerCore server = start(SimpleServer.builder(Quitter::new).build());
        Socket c = client(server);

        assertThat(new String(readToEnd(c), UTF_8)).isEqualTo("bye");
        c.close();
        await("the connection is gone", () -> server.connectionCount() == 0);
    }

    @Test
    void aProtocolThatIgnoresItsClientsEndIsStoppedOnceTheSocketHasClosed() throws Exception {
        BlockingQueue<Firehose> made = new LinkedBlockingQueue<>();
        ServerCore server = start(SimpleServer.builder(() -> record(new Firehose(), made)).build());
        Socket c = client(server);
        Firehose firehose = made.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        readExactly(c, 10_000);

        c.close(); // with unread data: a reset; later writes fail

        assertThat(firehose.join(WAIT)).isTrue();
        assertThat(firehose.controls).first().isInstanceOf(SocketShutdown.class);
        assertThat(firehose.controls).last().isInstanceOf(ShutdownMicroprocess.class);
        await("the connection is gone", () -> server.connectionCount() == 0);
    }

    @Test
    void aProtocolCanShutTheWholeServerDownThroughServersignal() throws Exception {
        ServerCore server = start(SimpleServer.builder(ServerStopper::new).build());
        Handle h = new Handle(server, "signal");
        Socket other = client(server);
        Socket c = client(server);
        await("both are connected", () -> server.connectionCount() == 2);

        send(c, "stop everything");

        assertThat(h.get("signal", WAIT)).isInstanceOf(ServerShutdown.class);
        assertThat(server.join(WAIT)).isTrue();
        assertThat(closedByServer(other)).isTrue();
    }

    @Test
    void aFactoryThatFailsClosesOnlyThatConnectionAndTheFailureCanBeRead() throws Exception {
        List<Integer> calls = new CopyOnWriteArrayList<>();
        Component reused = new Recorder();
        ServerCore server = start(ServerCore.builder(c -> {
            calls.add(calls.size());
            return switch (calls.size()) {
                case 1 -> throw new IllegalArgumentException("no protocol today");
                case 2 -> null;
                case 3, 4 -> reused; // the second time it is already running
                default -> new Recorder();
            };
        }).build());
        Socket thrown = client(server);
        assertThat(closedByServer(thrown)).isTrue();
        Socket nulled = client(server);
        assertThat(closedByServer(nulled)).isTrue();
        Socket first = client(server);
        send(first, "ok");
        assertThat(read(first, 2)).isEqualTo("ok");
        Socket second = client(server);
        assertThat(closedByServer(second)).isTrue();
        Socket fine = client(server);
        send(fine, "fine");
        assertThat(read(fine, 4)).isEqualTo("fine");

        List<ComponentFailure> failures = server.protocolFailures();
        assertThat(failures).hasSize(3);
        assertThat(failures).allSatisfy(f -> assertThat(f.component()).isSameAs(server));
        assertThat(failures.get(0).error()).hasMessageContaining("no protocol today")
                .hasMessageContaining("connection #1");
        assertThat(failures.get(1).error()).hasMessageContaining("returned null");
        assertThat(failures.get(2).error()).hasMessageContaining("expected: a new component for each connection");
    }

    @ParameterizedTest
    @MethodSource("stopMessages")
    void shutdownClosesEveryConnectionAndTheListenerAndLeavesNoThreadsOrSockets(ShutdownMicroprocess stop)
            throws Exception {
        long socketsBefore = openSockets();
        ServerCore server = start(SimpleServer.builder(Recorder::new).build());
        Handle h = new Handle(server, "signal");
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket c = client(server);
            send(c, "c" + i);
            assertThat(read(c, 2 + (i >= 10 ? 1 : 0))).isEqualTo("c" + i);
            open.add(c);
        }
        await("three threads for each connection", () -> liveThreadsNamed("ConnectedSocketAdapter") == 20 * 3);

        server.deliver(stop, "control");

        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        assertThat(server.join(WAIT)).isTrue();
        for (Socket c : open) {
            assertThat(closedByServer(c)).isTrue();
        }
        assertThatThrownBy(() -> connect(server.port())).isInstanceOf(ConnectException.class);
        for (Socket c : clients) {
            c.close();
        }
        await("no socket is left open", () -> openSockets() <= socketsBefore);
        awaitNoThreadsNamed("ConnectedSocketAdapter");
        awaitNoThreadsNamed("Recorder");
        awaitNoThreadsNamed("TCPServer");
        awaitNoThreadsNamed(server.name());
        assertThat(server.childComponents()).as("no connection is left").allSatisfy(
                child -> assertThat(child).isInstanceOf(org.kamaelia.internet.TCPServer.class));
    }

    static Stream<ShutdownMicroprocess> stopMessages() {
        return Stream.of(new ShutdownMicroprocess(), new ServerShutdown());
    }

    @Test
    void aProducerFinishedOnControlIsIgnoredAsInTheOriginal() throws Exception {
        ServerCore server = start(SimpleServer.builder(Recorder::new).build());
        server.deliver(new ProducerFinished(), "control");
        server.deliver("not for me", "inbox");
        Socket c = client(server);
        send(c, "up");
        assertThat(read(c, 2)).isEqualTo("up");
        assertThat(server.isFinished()).isFalse();
    }

    @Test
    void protocolsThatIgnoreTheShutdownAreGivenUpAfterTheShutdownTimeout() throws Exception {
        BlockingQueue<Stubborn> made = new LinkedBlockingQueue<>();
        ServerCore server = start(SimpleServer.builder(() -> record(new Stubborn(), made))
                .shutdownTimeout(Duration.ofMillis(300)).build());
        Socket c = client(server);
        Stubborn stubborn = made.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

        server.close();

        assertThat(server.join(WAIT)).isTrue();
        assertThat(closedByServer(c)).isTrue();
        assertThat(stubborn.isFinished()).isFalse();
        stubborn.release.countDown();
        assertThat(stubborn.join(WAIT)).isTrue();
    }

    @Test
    void aHalfClosingClientReceivesTheWholeAnswerBeforeTheServerCloses() throws Exception {
        ServerCore server = start(SimpleServer.builder(Recorder::new).build());
        Socket c = client(server);
        byte[] request = new byte[500_000];
        Arrays.fill(request, (byte) 'q');
        c.getOutputStream().write(request);
        c.shutdownOutput();

        assertThat(readToEnd(c)).isEqualTo(request);
    }

    @Test
    void aPipelineOfComponentsCanBeTheProtocol() throws Exception {
        ServerCore server = start(SimpleServer.builder(() -> new Pipeline(new Recorder(), new Recorder())).build());
        Socket c = client(server);
        send(c, "through two stages");
        c.shutdownOutput();

        assertThat(new String(readToEnd(c), UTF_8)).isEqualTo("through two stages");
        await("the connection is gone", () -> server.connectionCount() == 0);
    }

    @Test
    void theSimpleServerConstructorBindsTheGivenPortOnLoopback() throws Exception {
        SimpleServer first = new SimpleServer(Recorder::new, 0);
        int port = first.port();
        first.close(); // never activated: releases the port
        SimpleServer server = start(new SimpleServer(Recorder::new, port));
        assertThat(server.port()).isEqualTo(port);
        assertThat(server.localAddress().getAddress().isLoopbackAddress()).isTrue();
        Socket c = client(server);
        send(c, "x");
        assertThat(read(c, 1)).isEqualTo("x");
        ServerCore core = start(new ServerCore(info -> new Recorder(), 0));
        assertThat(core.port()).isPositive().isNotEqualTo(port);
    }

    @Test
    void maxConnectionsRefusesTheNextConnectionCleanlyUntilOneCloses() throws Exception {
        ServerCore server = start(SimpleServer.builder(Recorder::new).maxConnections(2).build());
        Socket a = client(server);
        Socket b = client(server);
        send(a, "a");
        send(b, "b");
        assertThat(read(a, 1) + read(b, 1)).isEqualTo("ab");

        Socket refused = client(server);
        assertThat(closedByServer(refused)).isTrue();
        assertThat(server.refusedCount()).isEqualTo(1);

        a.shutdownOutput();
        assertThat(closedByServer(a)).isTrue();
        await("a slot is free", () -> server.connectionCount() == 1);
        Socket c = client(server);
        send(c, "c");
        assertThat(read(c, 1)).isEqualTo("c");
    }

    @Test
    void builderAndConstructorsRejectBadArguments() {
        assertThatThrownBy(() -> ServerCore.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("factory");
        assertThatThrownBy(() -> SimpleServer.builder((java.util.function.Supplier<Component>) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("protocol");
        assertThatThrownBy(() -> new SimpleServer((java.util.function.Supplier<Component>) null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ServerCore(null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SimpleServer.builder(Recorder::new).protocolInboxCapacity(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("protocolInboxCapacity: 0 (expected: > 0)");
        assertThatThrownBy(() -> SimpleServer.builder(Recorder::new).shutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("shutdownTimeout: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> SimpleServer.builder(Recorder::new).port(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("port: 70000");
        assertThatThrownBy(() -> new SimpleServer(Recorder::new, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("port: -5");
    }

    @Test
    void tidyingUpAfterAClosedConnectionLooksAtThatConnectionOnlyNotAtEveryOpenOne() throws Exception {
        ServerCore server = start(SimpleServer.builder(Recorder::new).build());
        int held = 200;
        for (int i = 0; i < held; i++) {
            client(server);
        }
        await("every held connection is open", () -> server.connectionCount() == held);
        long before = server.connectionsExamined();

        int churned = 100;
        for (int i = 0; i < churned; i++) {
            try (Socket c = connect(server.port())) {
                send(c, "x");
                assertThat(read(c, 1)).isEqualTo("x");
                c.shutdownOutput();
                assertThat(readToEnd(c)).isEmpty();
            }
        }
        await("every churned connection is closed", () -> server.connectionCount() == held);
        long examined = server.connectionsExamined() - before;

        // O(1) per closed connection (plus the rare orphan); before, every open connection was looked at on
        // every wake-up: at least held x churned = 20,000 here.
        assertThat(examined).as("connections examined for %d closed ones among %d open", churned, held)
                .isLessThanOrEqualTo(4L * churned);
    }

    // ------------------------------------------------------------------ idle and first-byte timeouts

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    /** True when the server neither sends anything nor closes within {@code d}. */
    private static boolean staysOpenAndSilent(Socket s, Duration d) throws IOException {
        int old = s.getSoTimeout();
        s.setSoTimeout((int) d.toMillis());
        try {
            s.getInputStream().read();
            return false;
        } catch (java.net.SocketTimeoutException expected) {
            return true;
        } finally {
            s.setSoTimeout(old);
        }
    }

    private static void assertEvictedWith(Recorder protocol, String message) throws InterruptedException {
        Object end = protocol.controls.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(end).isInstanceOfSatisfying(SocketShutdown.class, s -> assertThat(s.cause())
                .isInstanceOf(java.net.SocketTimeoutException.class).hasMessage(message));
    }

    @Test
    void aSilentClientIsEvictedAfterTheIdleTimeout() throws Exception {
        BlockingQueue<Recorder> made = new LinkedBlockingQueue<>();
        ServerCore server = start(SimpleServer.builder(() -> record(new Recorder(), made)).idleTimeout(TIMEOUT).build());
        long t0 = System.nanoTime(); // before connecting: the server's idle clock starts after it accepts
        Socket c = client(server);

        assertThat(closedByServer(c)).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(TIMEOUT);
        assertEvictedWith(made.take(), "idle for 300ms (idle timeout)");
        await("the eviction is counted", () -> server.idleTimeoutCount() == 1);
        assertThat(server.firstByteTimeoutCount()).isZero();
    }

    @Test
    void aClientThatSendsMoreSlowlyThanTheIdleTimeoutIsEvicted() throws Exception {
        BlockingQueue<Recorder> made = new LinkedBlockingQueue<>();
        ServerCore server = start(SimpleServer.builder(() -> record(new Recorder(), made)).idleTimeout(TIMEOUT).build());
        Socket c = client(server);
        long sent = System.nanoTime(); // before sending: the server's last activity (the echo) comes after it
        send(c, "a");
        assertThat(read(c, 1)).isEqualTo("a");

        assertThat(closedByServer(c)).as("closed before its next byte was due").isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(TIMEOUT);
        assertEvictedWith(made.take(), "idle for 300ms (idle timeout)");
        await("the eviction is counted", () -> server.idleTimeoutCount() == 1);
    }

    @Test
    void aClientThatKeepsSendingWithinTheIdleTimeoutIsKept() throws Exception {
        ServerCore server = start(SimpleServer.builder(Recorder::new).idleTimeout(TIMEOUT).build());
        Socket c = client(server);
        for (int i = 0; i < 12; i++) { // 12 x 75 ms of silence: three times the timeout in all, with 225 ms to spare
            send(c, "k");                // each round for a busy machine
            assertThat(read(c, 1)).isEqualTo("k");
            assertThat(staysOpenAndSilent(c, TIMEOUT.dividedBy(4))).as("still open after round %d", i).isTrue();
        }
        assertThat(server.idleTimeoutCount()).isZero();
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aServerThatWritesConstantlyIsNotIdleThoughItsClientNeverSpeaks() throws Exception {
        ServerCore server = start(SimpleServer.builder(() -> new ChargenProtocol()).idleTimeout(TIMEOUT).build());
        Socket c = client(server);
        long until = System.nanoTime() + TIMEOUT.multipliedBy(3).toNanos();
        byte[] buf = new byte[64 * 1024];
        long got = 0;
        while (System.nanoTime() < until) {
            int n = c.getInputStream().read(buf);
            assertThat(n).as("the server is still sending").isPositive();
            got += n;
        }
        assertThat(got).isPositive();
        assertThat(server.idleTimeoutCount()).isZero();
    }

    @Test
    void aClientThatSendsNothingWithinTheFirstByteTimeoutIsEvicted() throws Exception {
        BlockingQueue<Recorder> made = new LinkedBlockingQueue<>();
        ServerCore server = start(SimpleServer.builder(() -> record(new Recorder(), made))
                .firstByteTimeout(TIMEOUT).build());
        Socket c = client(server);

        assertThat(closedByServer(c)).isTrue();

        assertEvictedWith(made.take(), "no first byte within 300ms (first-byte timeout)");
        await("the eviction is counted", () -> server.firstByteTimeoutCount() == 1);
        assertThat(server.idleTimeoutCount()).isZero();
    }

    @Test
    void aClientWhoseFirstByteCameInTimeIsNotEvictedByTheFirstByteTimeout() throws Exception {
        ServerCore server = start(SimpleServer.builder(Recorder::new).firstByteTimeout(TIMEOUT).build());
        Socket c = client(server);
        send(c, "hi");
        assertThat(read(c, 2)).isEqualTo("hi");

        assertThat(staysOpenAndSilent(c, TIMEOUT.multipliedBy(2))).isTrue();
        assertThat(server.firstByteTimeoutCount()).isZero();
    }

    @Test
    void theTimeoutsAreOffByDefaultAndRejectBadValues() {
        assertThatThrownBy(() -> SimpleServer.builder(Recorder::new).idleTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idleTimeout: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> SimpleServer.builder(Recorder::new).firstByteTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("firstByteTimeout");
    }
}
