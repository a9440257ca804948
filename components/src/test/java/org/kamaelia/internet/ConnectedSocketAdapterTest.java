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
import static org.kamaelia.internet.ServerTestSupport.liveThreadsNamed;
import static org.kamaelia.internet.ServerTestSupport.readExactly;
import static org.kamaelia.internet.ServerTestSupport.readToEnd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.ipc.SocketShutdown;

@Timeout(60)
class ConnectedSocketAdapterTest {
    private Scheduler scheduler;
    private ServerSocketChannel listener;
    private Socket peer;
    private SocketChannel accepted;

    @BeforeEach
    void connectAPair(TestInfo info) throws IOException {
        scheduler = new Scheduler(info.getDisplayName());
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = connect(((InetSocketAddress) listener.getLocalAddress()).getPort());
        accepted = listener.accept();
    }

    @AfterEach
    void closeEverything() throws IOException {
        peer.close();
        accepted.close();
        listener.close();
        assertThat(scheduler.awaitTermination(WAIT)).as("every component finished").isTrue();
        assertThat(scheduler.failures()).isEmpty();
    }

    private Handle start(ConnectedSocketAdapter csa) {
        return start(csa, "outbox", "signal", "inputEnded", "CreatorFeedback");
    }

    private Handle start(ConnectedSocketAdapter csa, String... watched) {
        Handle h = new Handle(csa, watched);
        csa.activate(scheduler);
        return h;
    }

    private ConnectedSocketAdapter csa() {
        return new ConnectedSocketAdapter(accepted);
    }

    private static SocketShutdown lastSignal(Handle h) throws TimeoutException {
        Object m = h.get("signal", WAIT);
        assertThat(m).isInstanceOf(SocketShutdown.class);
        return (SocketShutdown) m;
    }

    @Test
    void writesByteArraysByteBuffersAndTextAsUtf8InOrder() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa, "signal");
        ByteBuffer buffer = ByteBuffer.wrap("-buffer-".getBytes(UTF_8));
        h.put("first".getBytes(UTF_8), "inbox");
        h.put(buffer, "inbox");
        h.put(new StringBuilder("h\u00e9llo \u2603"), "inbox");
        h.put(new byte[0], "inbox");
        h.put(new ProducerFinished(), "control");

        byte[] got = readToEnd(peer);

        assertThat(new String(got, UTF_8)).isEqualTo("first-buffer-h\u00e9llo \u2603");
        assertThat(buffer.position()).as("the sender's buffer is not consumed").isZero();
        peer.close();
        SocketShutdown end = lastSignal(h);
        assertThat(end.isClean()).isTrue();
        assertThat(end.bytesSent()).isEqualTo(got.length);
        assertThat(end.unsentMessages()).isZero();
    }

    @Test
    void bytesFromThePeerComeOutOfOutboxAsChunksNoBiggerThanTheReadBuffer() throws Exception {
        ConnectedSocketAdapter csa = new ConnectedSocketAdapter(accepted, 1000, 8, Duration.ofSeconds(5));
        Handle h = start(csa);
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        peer.getOutputStream().write(data);
        peer.shutdownOutput();

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < data.length) {
            byte[] chunk = (byte[]) h.get("outbox", WAIT);
            assertThat(chunk.length).isBetween(1, 1000);
            got.write(chunk);
        }
        SocketShutdown ended = (SocketShutdown) h.get("inputEnded", WAIT);

        assertThat(got.toByteArray()).isEqualTo(data);
        assertThat(ended.isClean()).isTrue();
        assertThat(ended.bytesReceived()).isEqualTo(data.length);
        assertThat(csa.bytesReceived()).isEqualTo(data.length);
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(lastSignal(h).bytesReceived()).isEqualTo(data.length);
    }

    @Test
    void thePeersEndOfStreamIsReportedOnInputEndedAndTheConnectionStaysWritable() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa);
        peer.getOutputStream().write("question".getBytes(UTF_8));
        peer.shutdownOutput();

        assertThat(new String((byte[]) h.get("outbox", WAIT), UTF_8)).isEqualTo("question");
        SocketShutdown ended = (SocketShutdown) h.get("inputEnded", WAIT);
        assertThat(ended.isClean()).isTrue();
        assertThat(csa.isOpen()).isTrue();

        h.put("the answer", "inbox");
        assertThat(new String(readExactly(peer, 10), UTF_8)).isEqualTo("the answer");
        h.put(new ProducerFinished(), "control");

        assertThat(peer.getInputStream().read()).as("end of stream after the answer").isEqualTo(-1);
        SocketShutdown last = lastSignal(h);
        assertThat(last.isClean()).isTrue();
        assertThat(last.bytesSent()).isEqualTo(10);
        assertThat(last.bytesReceived()).isEqualTo(8);
        assertThat(h.get("CreatorFeedback", WAIT)).isSameAs(last);
        assertThat(h.poll("inputEnded")).as("inputEnded is sent once").isNull();
    }

    @Test
    void producerFinishedWritesEverythingQueuedThenClosesOnceThePeerHasClosed() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] m = ("message " + i + ";").getBytes(UTF_8);
            expected.write(m);
            assertThat(h.put(m, "inbox", WAIT)).isTrue();
        }
        h.put(new ProducerFinished(), "control");

        assertThat(readToEnd(peer)).isEqualTo(expected.toByteArray());
        assertThat(csa.isFinished()).as("still waiting for the peer to close its side").isFalse();
        peer.close();

        SocketShutdown last = lastSignal(h);
        assertThat(last.isClean()).isTrue();
        assertThat(last.bytesSent()).isEqualTo(expected.size());
        assertThat(last.unsentMessages()).isZero();
        assertThat(last.unsentBytes()).isZero();
    }

    @Test
    void eitherShutdownMessageOnProducerSignalFlushesBeforeClosing() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa);
        h.put("written before the stop", "inbox");
        h.put(new ShutdownMicroprocess(), "producerSignal");

        assertThat(new String(readToEnd(peer), UTF_8)).isEqualTo("written before the stop");
        peer.close();
        assertThat(lastSignal(h).isClean()).isTrue();
    }

    @Test
    void shutdownMicroprocessClosesAtOnceAndCountsWhatWasNotSent() throws Exception {
        ConnectedSocketAdapter csa = new ConnectedSocketAdapter(accepted, 8192, 4, Duration.ofSeconds(5));
        Handle h = start(csa);
        int size = 2 * 1024 * 1024;
        long total = 0;
        for (int i = 0; i < 5; i++) { // 10 MiB: more than the socket buffers hold, and the peer never reads
            assertThat(h.put(new byte[size], "inbox", WAIT)).isTrue();
            total += size;
        }
        h.put(new ShutdownMicroprocess(), "control");

        SocketShutdown last = lastSignal(h);

        assertThat(last.isClean()).as("closed on request, not by an error").isTrue();
        assertThat(last.unsentMessages()).isPositive();
        assertThat(last.bytesSent() + last.unsentBytes()).isEqualTo(total);
        assertThat(csa.isOpen()).isFalse();
    }

    @Test
    void aResetByThePeerEndsItAtOnceWithTheCause() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa);
        peer.getOutputStream().write("partial".getBytes(UTF_8));
        assertThat(new String((byte[]) h.get("outbox", WAIT), UTF_8)).isEqualTo("partial");
        peer.setSoLinger(true, 0);
        peer.close(); // RST

        SocketShutdown last = lastSignal(h);

        assertThat(last.cause()).isInstanceOf(IOException.class);
        assertThat(((SocketShutdown) h.get("inputEnded", WAIT)).cause()).isSameAs(last.cause());
        assertThat(last.bytesReceived()).isEqualTo(7);
    }

    @Test
    void anUnsupportedMessageClosesTheConnectionAfterWhatCameBeforeItWithACauseNamingIt() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa);
        h.put("before", "inbox");
        h.put(42, "inbox");
        h.put("after", "inbox");

        assertThat(new String(readToEnd(peer), UTF_8)).isEqualTo("before");
        peer.close();
        SocketShutdown last = lastSignal(h);

        assertThat(last.cause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(csa.name()).hasMessageContaining("inbox")
                .hasMessageContaining("java.lang.Integer").hasMessageContaining("expected: byte[], ByteBuffer or CharSequence");
        assertThat(last.unsentMessages()).isEqualTo(2);
        assertThat(last.unsentBytes()).isEqualTo(5);
    }

    @Test
    void aFullReceiverStopsTheReadingFromThePeerAndMemoryStaysBounded() throws Exception {
        int readBuffer = 1024;
        int capacity = 4;
        ConnectedSocketAdapter csa = new ConnectedSocketAdapter(accepted, readBuffer, 8, Duration.ofSeconds(5));
        GatedSink sink = new GatedSink(capacity);
        sink.link(csa, "outbox", sink, "inbox");
        sink.link(csa, "inputEnded", sink, "control");
        Handle h = new Handle(csa, "signal");
        sink.activate(scheduler);
        csa.activate(scheduler);
        int total = 32 * 1024 * 1024;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = peer.getOutputStream();
                byte[] block = new byte[64 * 1024];
                for (int sent = 0; sent < total; sent += block.length) {
                    out.write(block);
                }
                peer.shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        await("the receiver's inbox is full", () -> sink.queued() == capacity);
        assertThatThrownBy(() -> writer.get(2, TimeUnit.SECONDS))
                .as("the peer is held back by TCP flow control").isInstanceOf(TimeoutException.class);
        assertThat(sink.queued()).isEqualTo(capacity);
        assertThat(csa.bytesReceived()).as("read at most the full inbox plus the chunk waiting to go in")
                .isLessThanOrEqualTo((long) (capacity + 1) * readBuffer);

        sink.open();
        writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await("the receiver has every byte", () -> sink.bytes() == total);
        assertThat(sink.mostQueued()).isLessThanOrEqualTo(capacity);
        await("the sink has the end of input", () -> sink.isFinished());
        h.put(new ProducerFinished(), "control");
        assertThat(lastSignal(h).bytesReceived()).isEqualTo(total);
    }

    @Test
    void whenThePeerNeverClosesItsSideTheCloseTimeoutEndsTheLingeringClose() throws Exception {
        ConnectedSocketAdapter csa = new ConnectedSocketAdapter(accepted, 8192, 8, Duration.ofMillis(200));
        Handle h = start(csa);
        h.put("bye", "inbox");
        h.put(new ProducerFinished(), "control");

        assertThat(new String(readToEnd(peer), UTF_8)).isEqualTo("bye");
        SocketShutdown last = lastSignal(h); // the peer is still open

        assertThat(last.isClean()).isTrue();
        assertThat(csa.isOpen()).isFalse();
    }

    @Test
    void closingBeforeActivationClosesTheSocketAndItReportsOnceActivated() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = new Handle(csa, "signal", "inputEnded", "CreatorFeedback");
        h.put("never sent", "inbox");
        csa.close();
        csa.close(); // idempotent

        assertThat(peer.getInputStream().read()).isEqualTo(-1);
        csa.activate(scheduler);
        SocketShutdown last = lastSignal(h);
        assertThat(last.unsentMessages()).isEqualTo(1);
        assertThat(h.get("inputEnded", WAIT)).isInstanceOf(SocketShutdown.class);
        assertThat(h.get("CreatorFeedback", WAIT)).isSameAs(last);
    }

    @Test
    void aShutdownDeliveredBeforeActivationClosesWithoutReadingOrWriting() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = new Handle(csa, "signal");
        peer.getOutputStream().write("ignored".getBytes(UTF_8));
        csa.deliver(new ShutdownMicroprocess(), "control");
        csa.activate(scheduler);

        SocketShutdown last = lastSignal(h);

        assertThat(last.bytesReceived()).isZero();
        assertThat(csa.isOpen()).isFalse();
    }

    @Test
    void controlMessagesOtherThanTheTwoShutdownsAreIgnored() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa);
        h.put("not a shutdown", "control");
        h.put(new ErrorInformation(this), "control");
        h.put("still open", "inbox");

        assertThat(new String(readExactly(peer, 10), UTF_8)).isEqualTo("still open");
        assertThat(csa.isOpen()).isTrue();
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(lastSignal(h).isClean()).isTrue();
    }

    @Test
    void itsThreadsEndWithIt() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa);
        await("its reader and writer threads run", () -> liveThreadsNamed(csa.name() + "-") == 2);
        h.put(new ShutdownMicroprocess(), "control");
        lastSignal(h);
        assertThat(h.awaitFinished(WAIT)).isTrue();
        awaitNoThreadsNamed(csa.name());
    }

    @Test
    void badArgumentsAreRejectedWithMessagesNamingThem() throws IOException {
        assertThatThrownBy(() -> new ConnectedSocketAdapter(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("channel");
        try (SocketChannel unconnected = SocketChannel.open()) {
            assertThatThrownBy(() -> new ConnectedSocketAdapter(unconnected))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: a connected SocketChannel");
        }
        assertThatThrownBy(() -> new ConnectedSocketAdapter(accepted, 0, 8, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("readBufferSize: 0 (expected: > 0)");
        assertThatThrownBy(() -> new ConnectedSocketAdapter(accepted, 10, -1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inboxCapacity: -1 (expected: > 0)");
        assertThatThrownBy(() -> new ConnectedSocketAdapter(accepted, 10, 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout: PT-1S");
        accepted.configureBlocking(false);
        assertThatThrownBy(() -> new ConnectedSocketAdapter(accepted))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: blocking mode");
    }

    /** A CharSequence that throws while being encoded: a failure inside the adapter's own main(). */
    private static final class Exploding implements CharSequence {
        @Override
        public int length() {
            throw new IllegalStateException("exploding text");
        }

        @Override
        public char charAt(int index) {
            throw new IllegalStateException("exploding text");
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new IllegalStateException("exploding text");
        }

        @Override
        public String toString() {
            return "Exploding";
        }
    }

    @Test
    void aFailureInsideItsOwnMainStillEndsWithTheFinalReportOnCreatorFeedbackAndSignal() throws Exception {
        ConnectedSocketAdapter csa = csa();
        Handle h = start(csa);
        h.put("before".getBytes(UTF_8), "inbox");
        assertThat(new String(readExactly(peer, 6), UTF_8)).isEqualTo("before");

        h.put(new Exploding(), "inbox");

        Object feedback = h.get("CreatorFeedback", WAIT);
        assertThat(feedback).isInstanceOfSatisfying(SocketShutdown.class, s -> assertThat(s.cause())
                .isInstanceOf(IllegalStateException.class).hasMessage("exploding text"));
        assertThat(lastSignal(h)).isSameAs(feedback);
        assertThat(h.awaitFinished(WAIT)).isTrue();
        assertThat(h.drain("signal")).as("nothing after the SocketShutdown").isEmpty();
        assertThat(csa.failure()).as("the failure is reported in the SocketShutdown").isEmpty();
        assertThat(readToEnd(peer)).as("the connection is closed").isEmpty();
    }

    @Test
    void theEndOfInputNoticeWaitsForRoomInAFullReceiverInsteadOfBeingLost() throws Exception {
        ConnectedSocketAdapter csa = csa();
        TCPServerTest.Allowance receiver = new TCPServerTest.Allowance();
        receiver.deliver("filler", "inbox"); // its box of one is full
        receiver.link(csa, "inputEnded", receiver, "inbox");
        receiver.activate(scheduler);
        Handle h = start(csa, "outbox", "signal");

        peer.shutdownOutput();
        await("the reader has read the end of stream and tried to report it", () -> {
            Thread r = csa.readerThread();
            return r != null && (!r.isAlive() || Arrays.stream(r.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("sendBlocking")));
        });
        receiver.allow(2);

        assertThat(receiver.taken.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("filler");
        Object notice = receiver.taken.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(notice).as("the end-of-input notice").isInstanceOfSatisfying(SocketShutdown.class,
                s -> assertThat(s.isClean()).isTrue());
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(lastSignal(h).isClean()).isTrue();
        assertThat(h.awaitFinished(WAIT)).isTrue();
        assertThat(receiver.taken).as("exactly one notice").isEmpty();
        receiver.deliver(new ShutdownMicroprocess(), "control");
    }
}
