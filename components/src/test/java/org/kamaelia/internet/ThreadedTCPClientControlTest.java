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
import static org.kamaelia.internet.Fixtures.pattern;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.Shutdown;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.internet.Fixtures.ByteSink;
import org.kamaelia.internet.Fixtures.Probe;
import org.kamaelia.ipc.ServerShutdown;
import org.kamaelia.ipc.SocketShutdown;

/** Point 5: ProducerFinished (the graceful close, like nc -N) and ShutdownMicroprocess (close now). */
@Timeout(120)
class ThreadedTCPClientControlTest {
    private static final Duration PROMPT = Duration.ofSeconds(5);
    private final Scheduler scheduler;

    ThreadedTCPClientControlTest(TestInfo info) {
        this.scheduler = new Scheduler(info.getDisplayName());
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void producerFinishedSendsWhatIsQueuedHalfClosesAndDeliversTheRestOfTheServersData() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            p.handle.put("one ", "inbox");
            p.handle.put("two ", "inbox");
            p.handle.put(new ProducerFinished(), "control");
            // everything sent before the ProducerFinished, then end of stream: the client half-closed
            assertThat(ascii(TestServer.readToEnd(s, WAIT))).isEqualTo("one two ");
            // the client still reads what the server sends after that, until the server closes
            s.getOutputStream().write("late reply".getBytes(StandardCharsets.US_ASCII));
            assertThat(ascii(p.read(10))).isEqualTo("late reply");
            assertThat(p.client.isFinished()).isFalse();
            s.close();
            SocketShutdown end = p.awaitShutdown();
            assertThat(end.isClean()).isTrue();
            assertThat(end.bytesSent()).isEqualTo(8);
            assertThat(end.bytesReceived()).isEqualTo(10);
            assertThat(p.signals).singleElement().isSameAs(end);
            p.awaitFinished();
        }
    }

    @Test
    void producerFinishedIsHonouredWhileTheServerIsSilent() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            assertThat(Fixtures.eventually(WAIT, () -> p.client.readerThread() != null)).isTrue();
            long t0 = System.nanoTime();
            p.handle.put(new ProducerFinished(), "control");
            assertThat(TestServer.readToEnd(s, PROMPT)).isEmpty(); // end of stream while the reader was blocked
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(PROMPT);
            s.close();
            assertThat(p.awaitShutdown().isClean()).isTrue();
            p.awaitFinished();
        }
    }

    @Test
    void producerFinishedBeforeTheConnectionSendsTheQueuedDataThenHalfCloses() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", server.port(), "first;");
            client.deliver("queued;", "inbox");
            client.deliver(new ProducerFinished(), "control");
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT);
            assertThat(ascii(TestServer.readToEnd(s, WAIT))).isEqualTo("first;queued;");
            s.close();
            assertThat(p.awaitShutdown().isClean()).isTrue();
            p.awaitFinished();
        }
    }

    @Test
    void messagesSentAfterTheHalfCloseAreCountedAsUnsent() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            p.handle.put(new ProducerFinished(), "control");
            assertThat(TestServer.readToEnd(s, WAIT)).isEmpty();
            p.handle.put("too late", "inbox");
            p.handle.put(new byte[5], "inbox");
            assertThat(Fixtures.eventually(WAIT, () -> p.client.queuedInInbox() == 0)).isTrue();
            s.close();
            SocketShutdown end = p.awaitShutdown();
            assertThat(end.isClean()).isTrue();
            assertThat(end.unsentMessages()).isEqualTo(2);
            assertThat(end.unsentBytes()).isEqualTo(13);
            p.awaitFinished();
        }
    }

    @Test
    void aGracefulCloseEndsWithATimeoutWhenTheServerNeverCloses() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port())
                    .gracefulCloseTimeout(Duration.ofMillis(300)).build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT);
            p.handle.put("bye", "inbox");
            p.handle.put(new ProducerFinished(), "control");
            assertThat(ascii(TestServer.readToEnd(s, WAIT))).isEqualTo("bye");
            SocketShutdown end = p.awaitShutdown(); // the server keeps its side open
            assertThat(p.signals).hasSize(2);
            assertThat(((ErrorInformation) p.signals.get(0)).exception())
                    .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("graceful-close timeout");
            assertThat(end.cause()).isInstanceOf(SocketTimeoutException.class);
            assertThat(end.bytesSent()).isEqualTo(3);
            p.awaitFinished();
            s.close();
        }
    }

    @Test
    void shutdownMicroprocessClosesAtOnceWhileTheReaderIsBlockedOnASilentServer() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            assertThat(Fixtures.eventually(WAIT, () -> p.client.readerThread() != null)).isTrue();
            long t0 = System.nanoTime();
            p.handle.put(new ShutdownMicroprocess(), "control");
            SocketShutdown end = p.awaitShutdown();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(PROMPT);
            assertThat(end.isClean()).isTrue();
            assertThat(p.signals).singleElement().isSameAs(end);
            assertThat(TestServer.readToEnd(s, WAIT)).isEmpty(); // the server sees the connection closed
            p.awaitFinished();
        }
    }

    @Test
    void shutdownMicroprocessClosesAtOnceWhileAWriteIsBlockedOnAStalledServer() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port()).inboxCapacity(4).build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT); // never reads
            byte[] m = pattern(0, 256 * 1024);
            long handedOver = 0;
            while (p.handle.put(m, "inbox", Duration.ofSeconds(1))) { // until the client is stuck in a write
                handedOver += m.length;
            }
            long t0 = System.nanoTime();
            p.handle.put(new ShutdownMicroprocess(), "control");
            SocketShutdown end = p.awaitShutdown();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(PROMPT);
            assertThat(end.isClean()).isTrue();
            assertThat(end.unsentMessages()).isGreaterThanOrEqualTo(4);
            assertThat(end.bytesSent() + end.unsentBytes()).isEqualTo(handedOver);
            assertThat(p.signals).singleElement().isSameAs(end);
            p.awaitFinished();
            s.close();
        }
    }

    @Test
    void shutdownMicroprocessStopsAReaderWaitingForASlowConsumer() throws Exception {
        try (TestServer server = TestServer.serving(s -> {
            try {
                var out = s.getOutputStream();
                byte[] b = new byte[64 * 1024];
                for (;;) {
                    out.write(b);
                }
            } catch (java.io.IOException e) {
                // the client closed
            }
        })) {
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", server.port());
            ByteSink sink = new ByteSink(2, false);
            sink.stall();
            Pipeline pipe = new Pipeline(client, sink);
            pipe.activate(scheduler);
            // the reader fills the sink's inbox and then waits in its blocking send
            assertThat(Fixtures.eventually(WAIT, () -> sink.waiting() >= 2 && client.readerThread() != null
                    && client.readerThread().getState() == Thread.State.WAITING)).isTrue();
            long t0 = System.nanoTime();
            client.deliver(new ShutdownMicroprocess(), "control");
            assertThat(client.join(PROMPT)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(PROMPT);
            sink.resume();
            assertThat(sink.finished.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(sink.control).singleElement().isInstanceOf(SocketShutdown.class);
        }
    }

    @Test
    void subclassesOfTheShutdownMessagesActLikeThem() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            p.handle.put("x", "inbox");
            p.handle.put(new SocketShutdown(), "control"); // is-a ProducerFinished: a graceful close
            assertThat(ascii(TestServer.readToEnd(s, WAIT))).isEqualTo("x");
            p.handle.put(new ServerShutdown(), "control"); // is-a ShutdownMicroprocess: close now
            assertThat(p.awaitShutdown().isClean()).isTrue();
            p.awaitFinished();
            s.close();
        }
    }

    @Test
    void ignoresOtherControlMessages() throws Exception {
        try (TestServer server = TestServer.echo()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            p.handle.put("a string", "control");
            p.handle.put(new Shutdown(), "control"); // Axon's old "shutdown": not one of the two that stop it
            p.handle.put(17, "control");
            p.handle.put("ping", "inbox");
            assertThat(ascii(p.read(4))).isEqualTo("ping");
            assertThat(p.client.isFinished()).isFalse();
            assertThat(p.handle.poll("signal")).isNull();
            p.handle.put(new ProducerFinished(), "control");
            assertThat(p.awaitShutdown().isClean()).isTrue();
            p.awaitFinished();
        }
    }

    @Test
    void theIdleTimeoutEndsAConnectionOnWhichNothingHappens() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port())
                    .idleTimeout(Duration.ofMillis(400)).build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT);
            s.getOutputStream().write('a'); // activity moves the deadline
            assertThat(p.read(1)).containsExactly('a');
            long t0 = System.nanoTime();
            SocketShutdown end = p.awaitShutdown();
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertThat(p.signals).hasSize(2);
            assertThat(((ErrorInformation) p.signals.get(0)).exception())
                    .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("idle timeout");
            assertThat(end.cause()).isInstanceOf(SocketTimeoutException.class);
            assertThat(took).isBetween(200L, 10_000L);
            p.awaitFinished();
            s.close();
        }
    }
}
