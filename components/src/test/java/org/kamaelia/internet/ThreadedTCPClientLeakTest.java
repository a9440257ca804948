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

import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.internet.Fixtures.Probe;

/**
 * Point 9: once a client has finished, none of its threads, sockets or file descriptors is left,
 * however it ended. Each test counts /proc/self/fd with its server running, runs a client to its end,
 * closes the server's side, and waits for the count to come back.
 */
@Timeout(120)
class ThreadedTCPClientLeakTest {
    private final Scheduler scheduler;

    ThreadedTCPClientLeakTest(TestInfo info) {
        this.scheduler = new Scheduler(info.getDisplayName());
    }

    @BeforeAll
    static void warmUp() throws Exception {
        // load the classes and open the JDK's own descriptors (epoll pollers, jars) before counting
        try (TestServer echo = TestServer.echo()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", echo.port())).activate(new Scheduler("warm-up"));
            p.handle.put("x", "inbox");
            p.read(1);
            p.handle.put(new ProducerFinished(), "control");
            p.awaitShutdown();
            p.awaitFinished();
        }
    }

    private void assertNothingLeft(Probe p, int fdsBefore) throws Exception {
        Fixtures.assertThreadsEnded(p.client);
        assertThat(scheduler.awaitTermination(WAIT)).isTrue();
        assertThat(scheduler.liveComponents()).isEmpty();
        Fixtures.assertFdsBackTo(fdsBefore);
    }

    @Test
    void aCleanCloseLeavesNothing() throws Exception {
        try (TestServer echo = TestServer.echo()) {
            int before = Fixtures.openFds();
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", echo.port())).activate(scheduler);
            p.handle.put("data", "inbox");
            p.read(4);
            p.handle.put(new ProducerFinished(), "control");
            assertThat(p.awaitShutdown().isClean()).isTrue();
            p.awaitFinished();
            assertThat(Fixtures.eventually(WAIT, () -> echo.acceptedCount() == 1)).isTrue();
            echo.close(); // its side of the connection too
            assertNothingLeft(p, before);
        }
    }

    @Test
    void itsThreadsAreVirtualByDefaultAndPlatformWhenAskedAndEndEitherWay() throws Exception {
        for (ThreadedTCPClient.ThreadType type : ThreadedTCPClient.ThreadType.values()) {
            try (TestServer echo = TestServer.echo()) {
                int before = Fixtures.openFds();
                ThreadedTCPClient.Builder b = ThreadedTCPClient.builder("127.0.0.1", echo.port());
                ThreadedTCPClient client = type == ThreadedTCPClient.ThreadType.VIRTUAL ? b.build()
                        : b.threadType(type).build();
                Probe p = new Probe(client).activate(scheduler);
                p.handle.put("abc", "inbox");
                assertThat(p.read(3)).asString().isEqualTo("abc");
                boolean virtual = type == ThreadedTCPClient.ThreadType.VIRTUAL;
                assertThat(client.thread().isVirtual()).isEqualTo(virtual);
                assertThat(client.readerThread().isVirtual()).isEqualTo(virtual);
                p.handle.put(new ProducerFinished(), "control");
                assertThat(p.awaitShutdown().isClean()).isTrue();
                p.awaitFinished();
                echo.close();
                assertNothingLeft(p, before);
            }
        }
    }

    @Test
    void aShutdownWhileReadingAndWritingLeavesNothing() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            int before = Fixtures.openFds();
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port()).inboxCapacity(2).build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT);
            byte[] m = new byte[1 << 20];
            while (p.handle.put(m, "inbox", Duration.ofSeconds(1))) {
                // until main() is stuck in a write (the server does not read) while the reader waits
            }
            p.handle.put(new ShutdownMicroprocess(), "control");
            p.awaitShutdown();
            p.awaitFinished();
            s.close();
            server.close();
            assertNothingLeft(p, before);
        }
    }

    @Test
    void aRefusedConnectionLeavesNothing() throws Exception {
        int port = ThreadedTCPClientConnectTest.freePort();
        int before = Fixtures.openFds();
        Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", port)).activate(scheduler);
        assertThat(p.awaitShutdown().isClean()).isFalse();
        p.awaitFinished();
        assertNothingLeft(p, before);
    }

    @Test
    void aResetLeavesNothing() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            int before = Fixtures.openFds();
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            TestServer.reset(s);
            assertThat(p.awaitShutdown().isClean()).isFalse();
            p.awaitFinished();
            server.close();
            assertNothingLeft(p, before);
        }
    }

    @Test
    void anIdleTimeoutLeavesNothing() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            int before = Fixtures.openFds();
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port())
                    .idleTimeout(Duration.ofMillis(200)).build();
            Probe p = new Probe(client).activate(scheduler);
            server.accept(WAIT);
            assertThat(p.awaitShutdown().isClean()).isFalse();
            p.awaitFinished();
            server.close();
            assertNothingLeft(p, before);
        }
    }
}
