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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kamaelia.internet.Fixtures.WAIT;
import static org.kamaelia.internet.Fixtures.pattern;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.internet.Fixtures.ByteSink;
import org.kamaelia.internet.Fixtures.Probe;
import org.kamaelia.ipc.SocketConnected;
import org.kamaelia.ipc.SocketShutdown;

/** Points 1, 2, 3 and 6 of the issue: connecting, inbox to socket, socket to outbox, the server closing. */
@Timeout(120)
class ThreadedTCPClientDataTest {
    private final Scheduler scheduler;

    ThreadedTCPClientDataTest(TestInfo info) {
        this.scheduler = new Scheduler(info.getDisplayName());
    }

    @Test
    void sendsTheInitialMessageCompletelyBeforeAnythingFromTheInbox() throws Exception {
        byte[] initial = pattern(0, 3 * 1024 * 1024); // larger than one write can take
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", server.port(), initial);
            Probe p = new Probe(client);
            client.deliver("after".getBytes(StandardCharsets.US_ASCII), "inbox"); // waiting before activation
            p.activate(scheduler);
            Socket s = server.accept(WAIT);
            assertThat(TestServer.readExactly(s, initial.length, WAIT)).isEqualTo(initial);
            assertThat(TestServer.readExactly(s, 5, WAIT)).asString(StandardCharsets.US_ASCII).isEqualTo("after");
            p.handle.put(new ShutdownMicroprocess(), "control");
            SocketShutdown end = p.awaitShutdown();
            assertThat(end.bytesSent()).isEqualTo(initial.length + 5);
            p.awaitFinished();
        }
    }

    @Test
    void announcesTheConnectionOnSignalWhenAskedAndOnlyThen() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe announcing = new Probe(ThreadedTCPClient.builder("127.0.0.1", server.port())
                    .announceConnection(true).build()).activate(scheduler);
            Socket s = server.accept(WAIT);
            Object first = announcing.handle.get("signal", WAIT);
            assertThat(first).isInstanceOf(SocketConnected.class);
            SocketConnected c = (SocketConnected) first;
            assertThat(c.caller()).isSameAs(announcing.client);
            assertThat(c.remote().getPort()).isEqualTo(server.port());
            assertThat(c.local().getPort()).isEqualTo(s.getPort()); // the server sees our local port
            assertThat(c).isNotInstanceOf(ProducerFinished.class); // not an end message
            s.close();
            assertThat(announcing.awaitShutdown().isClean()).isTrue();
            assertThat(announcing.signals).hasSize(1).first().isInstanceOf(SocketShutdown.class);
            announcing.awaitFinished();

            Probe quiet = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            server.accept(WAIT).close();
            assertThat(quiet.awaitShutdown().isClean()).isTrue();
            assertThat(quiet.signals).as("no announcement by default").hasSize(1);
            quiet.awaitFinished();
        }
    }

    @Test
    void acceptsTheInitialMessageAsAStringSentAsUtf8() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port(), "héllo €")).activate(scheduler);
            Socket s = server.accept(WAIT);
            byte[] expected = "héllo €".getBytes(StandardCharsets.UTF_8);
            assertThat(TestServer.readExactly(s, expected.length, WAIT)).isEqualTo(expected);
            p.handle.put(new ShutdownMicroprocess(), "control");
            p.awaitShutdown();
            p.awaitFinished();
        }
    }

    @Test
    void writesEveryByteOfEveryAcceptedMessageTypeInInboxOrder() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        List<Object> messages = new ArrayList<>();
        byte[] a = pattern(0, 100);
        messages.add(a);
        expected.writeBytes(a);
        ByteBuffer heap = ByteBuffer.wrap(pattern(1000, 50));
        heap.position(10).limit(40); // only the remaining bytes go
        messages.add(heap);
        expected.writeBytes(pattern(1010, 30));
        ByteBuffer direct = ByteBuffer.allocateDirect(20_000);
        direct.put(pattern(5000, 20_000)).flip();
        messages.add(direct);
        expected.writeBytes(pattern(5000, 20_000));
        ByteBuffer readOnly = ByteBuffer.wrap(pattern(9000, 300)).asReadOnlyBuffer();
        messages.add(readOnly);
        expected.writeBytes(pattern(9000, 300));
        messages.add("naïve ✓");
        expected.writeBytes("naïve ✓".getBytes(StandardCharsets.UTF_8));
        messages.add(new StringBuilder("sb"));
        expected.writeBytes("sb".getBytes(StandardCharsets.UTF_8));
        byte[] big = pattern(7, 1_500_000); // several segments of a gathering write
        messages.add(big);
        expected.writeBytes(big);
        messages.add(new byte[0]);
        for (int i = 0; i < 5000; i++) {
            byte[] small = pattern(i * 7L, 1 + i % 37);
            messages.add(small);
            expected.writeBytes(small);
        }
        byte[] want = expected.toByteArray();
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port()).build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT);
            for (Object m : messages) {
                assertThat(p.handle.put(m, "inbox", WAIT)).isTrue();
            }
            assertThat(TestServer.readExactly(s, want.length, WAIT)).isEqualTo(want);
            p.handle.put(new ProducerFinished(), "control");
            assertThat(TestServer.readToEnd(s, WAIT)).as("nothing more, then end of stream").isEmpty();
            s.close();
            SocketShutdown end = p.awaitShutdown();
            assertThat(end.isClean()).isTrue();
            assertThat(end.bytesSent()).isEqualTo(want.length);
            assertThat(end.unsentMessages()).isZero();
            assertThat(heap.position()).as("the sender's buffer is not moved").isEqualTo(10);
            assertThat(direct.position()).isZero();
            p.awaitFinished();
        }
    }

    @Test
    void sendsMessagesThatArrivedBeforeTheConnectionOnceItIsMade() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", server.port());
            Probe p = new Probe(client);
            for (int i = 0; i < 10; i++) {
                client.deliver(("m" + i + ";").getBytes(StandardCharsets.US_ASCII), "inbox");
            }
            p.activate(scheduler);
            Socket s = server.accept(WAIT);
            assertThat(new String(TestServer.readExactly(s, 30, WAIT), StandardCharsets.US_ASCII))
                    .isEqualTo("m0;m1;m2;m3;m4;m5;m6;m7;m8;m9;");
            p.handle.put(new ShutdownMicroprocess(), "control");
            p.awaitShutdown();
            p.awaitFinished();
        }
    }

    @Test
    void sendsSeveralWaitingMessagesInOneGatheringWrite() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port()).inboxCapacity(2000).build();
            Probe p = new Probe(client);
            for (int i = 0; i < 1000; i++) {
                client.deliver(pattern(i * 10L, 10), "inbox");
            }
            p.activate(scheduler);
            Socket s = server.accept(WAIT);
            assertThat(TestServer.readExactly(s, 10_000, WAIT)).isEqualTo(pattern(0, 10_000));
            p.handle.put(new ShutdownMicroprocess(), "control");
            SocketShutdown end = p.awaitShutdown();
            p.awaitFinished();
            assertThat(end.bytesSent()).isEqualTo(10_000);
            assertThat(client.writeCalls()).as("write calls for 1000 waiting messages").isEqualTo(1);
        }
    }

    @Test
    void reportsAMessageOfAnotherTypeOnSignalNamingItAndCarriesOn() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            p.handle.put("a", "inbox");
            p.handle.put(42, "inbox");
            p.handle.put("b", "inbox");
            assertThat(new String(TestServer.readExactly(s, 2, WAIT), StandardCharsets.US_ASCII)).isEqualTo("ab");
            Object err = p.handle.get("signal", WAIT);
            assertThat(err).isInstanceOf(ErrorInformation.class);
            Throwable e = ((ErrorInformation) err).exception();
            assertThat(e).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.Integer")
                    .hasMessageContaining("expected: byte[], ByteBuffer or CharSequence")
                    .hasMessageContaining(p.client.name());
            p.handle.put("c", "inbox");
            assertThat(new String(TestServer.readExactly(s, 1, WAIT), StandardCharsets.US_ASCII)).isEqualTo("c");
            p.handle.put(new ProducerFinished(), "control");
            assertThat(TestServer.readToEnd(s, WAIT)).isEmpty();
            s.close();
            SocketShutdown end = p.awaitShutdown();
            assertThat(end.isClean()).isTrue();
            assertThat(end.bytesSent()).isEqualTo(3);
            assertThat(p.signals).hasSize(1); // only the SocketShutdown after the error
            p.awaitFinished();
        }
    }

    @Test
    void deliversEveryByteFromTheServerAsByteArrayChunksInOrder() throws Exception {
        int total = 8 * 1024 * 1024;
        try (TestServer server = TestServer.serving(s -> {
            try {
                var out = s.getOutputStream();
                for (int off = 0; off < total; off += 100_000) {
                    out.write(pattern(off, Math.min(100_000, total - off)));
                }
                s.shutdownOutput();
                s.getInputStream().read(); // until the client closes
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port())
                    .receiveChunkSize(10_000).build();
            ByteSink sink = new ByteSink(0, true);
            new Pipeline(client, sink).activate(scheduler);
            assertThat(sink.finished.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(sink.received.get()).isEqualTo(total);
            assertThat(sink.patternOk).as("bytes in order, none lost or duplicated").isTrue();
            assertThat(sink.largestChunk).isLessThanOrEqualTo(10_000);
            assertThat(sink.control).hasSize(1).first().isInstanceOf(SocketShutdown.class);
            SocketShutdown end = (SocketShutdown) sink.control.get(0);
            assertThat(end.isClean()).isTrue();
            assertThat(end.bytesReceived()).isEqualTo(total);
            assertThat(end.caller()).isSameAs(client);
        }
    }

    @Test
    void endsWhenTheServerClosesAfterEveryReceivedByteHasGoneOut() throws Exception {
        byte[] reply = pattern(0, 300_000);
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", server.port());
            ByteSink sink = new ByteSink(0, false);
            new Pipeline(client, sink).activate(scheduler);
            Socket s = server.accept(WAIT);
            s.getOutputStream().write(reply);
            s.close();
            assertThat(sink.finished.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(sink.bytes()).isEqualTo(reply);
            assertThat(sink.control).singleElement().isInstanceOf(SocketShutdown.class);
            SocketShutdown end = (SocketShutdown) sink.control.get(0);
            assertThat(end.isClean()).isTrue();
            assertThat(end.bytesReceived()).isEqualTo(reply.length);
            assertThat(client.join(WAIT)).isTrue();
        }
    }

    @Test
    void countsInboxDataThatCouldNotBeSentWhenTheServerCloses() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port()).inboxCapacity(4).build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT); // never reads: the client's writes block, its inbox fills
            long handedOver = 0;
            int messages = 0;
            byte[] m = pattern(0, 64 * 1024);
            // hand messages over until the inbox stays full for a second: the client is stuck in a write
            while (p.handle.put(m, "inbox", java.time.Duration.ofSeconds(1))) {
                handedOver += m.length;
                messages++;
            }
            s.shutdownOutput(); // the server closes its side without reading
            SocketShutdown end = p.awaitShutdown();
            assertThat(end.isClean()).as("the server closing is a clean end: %s", end).isTrue();
            assertThat(end.unsentMessages()).isGreaterThanOrEqualTo(4);
            assertThat(end.bytesSent() + end.unsentBytes()).isEqualTo(handedOver);
            assertThat(p.signals).singleElement().isSameAs(end);
            p.awaitFinished();
            assertThat(messages).isGreaterThan(4);
            s.close();
        }
    }

    @Test
    void refusesAnInitialMessageOfAnotherType() {
        assertThatThrownBy(() -> new ThreadedTCPClient("localhost", 80, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialMessage: a java.lang.Integer (expected: byte[], ByteBuffer or CharSequence)");
    }
}
