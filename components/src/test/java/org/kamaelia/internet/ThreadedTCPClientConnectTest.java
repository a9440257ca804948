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

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamaelia.internet.Fixtures.WAIT;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.internet.Fixtures.Probe;
import org.kamaelia.ipc.SocketShutdown;

/** Point 1 (connecting, the order of addresses) and the connect failures of point 7. */
@Timeout(120)
class ThreadedTCPClientConnectTest {
    private final Scheduler scheduler;

    ThreadedTCPClientConnectTest(TestInfo info) {
        this.scheduler = new Scheduler(info.getDisplayName());
    }

    /** A port on 127.0.0.1 with nothing listening (bound, then closed). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, TestServer.address("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Fills the accept queue of a listener that never accepts, so that further connects hang. */
    static List<Socket> fillBacklog(TestServer server) throws IOException {
        List<Socket> fillers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 250);
                fillers.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return fillers;
            }
        }
        throw new IllegalStateException("the backlog did not fill after 64 connections");
    }

    /** Asserts the failure sequence on signal: one ErrorInformation, then the SocketShutdown carrying it. */
    static Throwable assertFailedWith(Probe p, Class<? extends Throwable> type) throws Exception {
        SocketShutdown end = p.awaitShutdown();
        assertThat(p.signals).hasSize(2);
        assertThat(p.signals.get(0)).isInstanceOf(ErrorInformation.class);
        ErrorInformation err = (ErrorInformation) p.signals.get(0);
        assertThat(err.exception()).isInstanceOf(type);
        assertThat(err.caller()).isSameAs(p.client);
        assertThat(end.cause()).isSameAs(err.exception());
        assertThat(end.isClean()).isFalse();
        p.awaitFinished();
        return err.exception();
    }

    @Test
    void connectsOnActivationToAHostName() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("localhost", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            s.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
            assertThat(p.read(2)).asString(StandardCharsets.US_ASCII).isEqualTo("hi");
            s.close();
            assertThat(p.awaitShutdown().isClean()).isTrue();
            p.awaitFinished();
        }
    }

    @Test
    void triesTheAddressesInOrderAndUsesTheFirstThatAccepts() throws Exception {
        // two listeners on one port, on 127.0.0.2 and 127.0.0.1; nothing on 127.0.0.3
        try (TestServer second = TestServer.scripted(TestServer.address("127.0.0.2"), 0);
             TestServer third = TestServer.scripted(TestServer.address("127.0.0.1"), second.port())) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("test-host", second.port())
                    .addresses(TestServer.address("127.0.0.3"), TestServer.address("127.0.0.2"),
                            TestServer.address("127.0.0.1"))
                    .build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = second.accept(WAIT);
            assertThat(s.getLocalAddress()).isEqualTo(TestServer.address("127.0.0.2"));
            p.handle.put("x", "inbox");
            assertThat(TestServer.readExactly(s, 1, WAIT)).containsExactly('x');
            p.handle.put(new ShutdownMicroprocess(), "control");
            assertThat(p.awaitShutdown().isClean()).isTrue();
            p.awaitFinished();
            assertThat(third.acceptedCount()).isZero();
        }
    }

    @Test
    void fallsBackFromIpv6ToIpv4WhenTheFirstAddressRefuses() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("test-host", server.port())
                    .addresses(TestServer.address("::1"), TestServer.address("127.0.0.1"))
                    .build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT);
            p.handle.put(new ShutdownMicroprocess(), "control");
            assertThat(p.awaitShutdown().isClean()).isTrue();
            p.awaitFinished();
            s.close();
        }
    }

    @Test
    void reportsARefusedConnectionOnceThenTheSocketShutdown() throws Exception {
        int port = freePort();
        ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", port, "hello");
        client.deliver(new byte[7], "inbox");
        Probe p = new Probe(client).activate(scheduler);
        Throwable e = assertFailedWith(p, ConnectException.class);
        assertThat(e).hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("refused");
        assertThat(e.getCause()).isInstanceOf(ConnectException.class);
        SocketShutdown end = (SocketShutdown) p.signals.get(1);
        assertThat(end.unsentMessages()).as("the initial message and the inbox's").isEqualTo(2);
        assertThat(end.unsentBytes()).isEqualTo(12);
        assertThat(end.bytesSent()).isZero();
    }

    @Test
    void reportsEveryAddressTriedWhenAllRefuse() throws Exception {
        int port = freePort();
        ThreadedTCPClient client = ThreadedTCPClient.builder("test-host", port)
                .addresses(TestServer.address("127.0.0.3"), TestServer.address("127.0.0.1")).build();
        Probe p = new Probe(client).activate(scheduler);
        Throwable e = assertFailedWith(p, ConnectException.class);
        assertThat(e).hasMessageContaining("test-host:" + port)
                .hasMessageContaining("127.0.0.3").hasMessageContaining("127.0.0.1");
        assertThat(e.getSuppressed()).hasSize(1);
    }

    @Test
    void reportsAHostNameThatDoesNotResolve() throws Exception {
        Probe p = new Probe(new ThreadedTCPClient("no-such-host.invalid", 80)).activate(scheduler);
        Throwable e = assertFailedWith(p, UnknownHostException.class);
        assertThat(e).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void givesUpAfterTheConnectTimeoutWhenTheServerNeverAccepts() throws Exception {
        try (TestServer server = TestServer.neverAccepting(1)) {
            List<Socket> fillers = fillBacklog(server);
            try {
                ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port())
                        .connectTimeout(Duration.ofMillis(500)).build();
                long t0 = System.nanoTime();
                Probe p = new Probe(client).activate(scheduler);
                Throwable e = assertFailedWith(p, SocketTimeoutException.class);
                long took = (System.nanoTime() - t0) / 1_000_000;
                assertThat(e).hasMessageContaining("connect timed out after PT0.5S");
                assertThat(took).isBetween(400L, 10_000L);
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void theConnectTimeoutCoversEveryAddressTried() throws Exception {
        try (TestServer server = TestServer.neverAccepting(1)) {
            List<Socket> fillers = fillBacklog(server);
            try {
                InetAddress a = TestServer.address("127.0.0.1");
                ThreadedTCPClient client = ThreadedTCPClient.builder("test-host", server.port())
                        .addresses(a, a, a).connectTimeout(Duration.ofMillis(1500)).build();
                long t0 = System.nanoTime();
                Probe p = new Probe(client).activate(scheduler);
                assertFailedWith(p, SocketTimeoutException.class);
                long took = (System.nanoTime() - t0) / 1_000_000;
                assertThat(took).as("one timeout for all three addresses").isBetween(1400L, 4000L);
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aShutdownMicroprocessStopsAConnectAttemptAtOnce() throws Exception {
        try (TestServer server = TestServer.neverAccepting(1)) {
            List<Socket> fillers = fillBacklog(server);
            try {
                ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", server.port()); // 30 s timeout
                client.deliver("never sent", "inbox");
                Probe p = new Probe(client).activate(scheduler);
                assertThat(Fixtures.eventually(WAIT,
                        () -> client.connectionState() == ThreadedTCPClient.ConnectionState.CONNECTING)).isTrue();
                long t0 = System.nanoTime();
                p.handle.put(new ShutdownMicroprocess(), "control");
                SocketShutdown end = p.awaitShutdown();
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000L);
                assertThat(end.isClean()).isTrue();
                assertThat(end.unsentMessages()).isEqualTo(1);
                assertThat(end.unsentBytes()).isEqualTo(10);
                assertThat(p.signals).singleElement().isSameAs(end);
                p.awaitFinished();
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}
