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
import static org.kamaelia.internet.Fixtures.patternAt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.BoxFullException;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.internet.Fixtures.ByteSink;
import org.kamaelia.internet.Fixtures.PatternSource;
import org.kamaelia.internet.Fixtures.Probe;
import org.kamaelia.ipc.SocketShutdown;

/** Point 4: backpressure both ways, with bounded memory. */
@Timeout(300)
class ThreadedTCPClientBackpressureTest {
    /** Kernel socket buffers on loopback can grow to tens of MiB (tcp_rmem max is 32 MiB here). */
    private static final long KERNEL_SLACK = 80L << 20;
    private final Scheduler scheduler;

    ThreadedTCPClientBackpressureTest(TestInfo info) {
        this.scheduler = new Scheduler(info.getDisplayName());
    }

    @Test
    void aStalledServerFillsTheInboxAndSendersGetBoxFullException() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port()).inboxCapacity(8).build();
            Probe p = new Probe(client).activate(scheduler);
            Socket s = server.accept(WAIT); // does not read for now
            long handedOver = 0;
            byte[] m = pattern(0, 64 * 1024);
            while (p.handle.put(m, "inbox", Duration.ofSeconds(1))) { // the blocking put waits for space...
                handedOver += m.length;
            }
            long stuck = handedOver;
            assertThatThrownBy(() -> p.handle.put(m, "inbox")) // ...and the plain one is refused
                    .isInstanceOf(BoxFullException.class);
            assertThat(stuck).as("bytes held by the client and the kernel").isLessThan(KERNEL_SLACK);
            // the server reads again: everything arrives, in order
            byte[] all = TestServer.readExactly(s, (int) stuck, WAIT);
            for (int i = 0; i < all.length; i += m.length) {
                assertThat(java.util.Arrays.copyOfRange(all, i, i + m.length)).isEqualTo(m);
            }
            p.handle.put(new ShutdownMicroprocess(), "control");
            assertThat(p.awaitShutdown().bytesSent()).isEqualTo(stuck);
            p.awaitFinished();
        }
    }

    @Test
    void aSenderThatWaitsIsHeldBackByAStalledServerWithBoundedMemory() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong read = new AtomicLong();
        try (TestServer server = TestServer.serving(s -> {
            try {
                InputStream in = s.getInputStream();
                byte[] b = new byte[64 * 1024];
                long off = 0;
                boolean ok = true;
                int n;
                while ((n = in.read(b)) >= 0) {
                    for (int i = 0; i < n && ok; i++) {
                        ok = b[i] == patternAt(off + i);
                    }
                    off += n;
                    read.set(ok ? off : -1);
                    if (off >= (4 << 20) && release.getCount() > 0) {
                        release.await(); // stall after 4 MiB until the test says so
                    }
                }
            } catch (IOException | InterruptedException e) {
                read.set(-2);
            }
        })) {
            long total = 256L << 20;
            PatternSource source = new PatternSource(total, 64 * 1024);
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", server.port());
            ByteSink sink = new ByteSink(0, false);
            new Pipeline(source, client, sink).activate(scheduler);
            // the source ends up parked in its blocking send, waiting for space in the client's inbox
            assertThat(Fixtures.eventually(WAIT, () -> scheduler.blockedOnFullInboxes().contains(source))).isTrue();
            long inFlight = source.sent.get() - read.get();
            assertThat(inFlight).as("bytes between the source and the stalled server").isLessThan(KERNEL_SLACK);
            release.countDown();
            assertThat(sink.finished.await(120, TimeUnit.SECONDS)).isTrue();
            assertThat(read.get()).as("every byte, in order").isEqualTo(total);
            SocketShutdown end = (SocketShutdown) sink.control.get(0);
            assertThat(end.isClean()).isTrue();
            assertThat(end.bytesSent()).isEqualTo(total);
        }
    }

    @Test
    void aSlowConsumerStopsTheReadingAndTcpFlowControlHoldsTheServerBack() throws Exception {
        AtomicLong written = new AtomicLong();
        CountDownLatch serverStalled = new CountDownLatch(1);
        long total = 512L << 20;
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            Thread server = Thread.ofPlatform().start(() -> {
                try (SocketChannel c = listener.accept(); Selector sel = Selector.open()) {
                    c.configureBlocking(false);
                    SelectionKey key = c.register(sel, SelectionKey.OP_WRITE);
                    byte[] chunk = new byte[64 * 1024];
                    long off = 0;
                    while (off < total) {
                        if (sel.select(1000) == 0) {
                            serverStalled.countDown(); // not writable for a second: flow control holds it
                            continue;
                        }
                        sel.selectedKeys().clear();
                        for (int i = 0; i < chunk.length; i++) {
                            chunk[i] = patternAt(off + i);
                        }
                        ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, total - off));
                        off += c.write(b); // the next chunk starts at the first byte not written
                        written.set(off);
                    }
                    c.shutdownOutput();
                    key.interestOps(SelectionKey.OP_READ); // until the client closes its side
                    ByteBuffer one = ByteBuffer.allocate(1);
                    while (sel.select(WAIT.toMillis()) > 0 && c.read(one.clear()) >= 0) {
                        sel.selectedKeys().clear();
                    }
                } catch (IOException e) {
                    written.set(-1);
                }
            });
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1",
                    ((java.net.InetSocketAddress) listener.getLocalAddress()).getPort());
            ByteSink sink = new ByteSink(4, true);
            sink.stall();
            new Pipeline(client, sink).activate(scheduler);
            assertThat(serverStalled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the server was held back").isTrue();
            assertThat(written.get()).as("bytes the server got out while the consumer took nothing")
                    .isLessThan(KERNEL_SLACK);
            assertThat(sink.received.get()).isZero();
            sink.resume();
            assertThat(sink.finished.await(120, TimeUnit.SECONDS)).isTrue();
            assertThat(sink.received.get()).isEqualTo(total);
            assertThat(sink.patternOk).isTrue();
            server.join(WAIT);
        }
    }

    @Test
    void aGibibyteEachWayThroughAnEchoServerKeepsWhatIsInFlightBounded() throws Exception {
        long total = 1L << 30;
        try (TestServer echo = TestServer.serving(s -> {
            try {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] b = new byte[256 * 1024];
                int n;
                while ((n = in.read(b)) >= 0) {
                    out.write(b, 0, n);
                }
                s.shutdownOutput();
            } catch (IOException e) {
                // the client went away
            }
        })) {
            PatternSource source = new PatternSource(total, 64 * 1024);
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", echo.port());
            ByteSink sink = new ByteSink(16, true); // checks every byte: slower than the socket
            new Pipeline(source, client, sink).activate(scheduler);
            long maxInFlight = 0;
            while (!sink.finished.await(20, TimeUnit.MILLISECONDS)) {
                maxInFlight = Math.max(maxInFlight, source.sent.get() - sink.received.get());
                assertThat(maxInFlight).as("bytes between the source and the sink").isLessThan(2 * KERNEL_SLACK);
            }
            assertThat(sink.received.get()).isEqualTo(total);
            assertThat(sink.patternOk).isTrue();
            SocketShutdown end = (SocketShutdown) sink.control.get(0);
            assertThat(end.bytesSent()).isEqualTo(total);
            assertThat(end.bytesReceived()).isEqualTo(total);
            System.out.printf("1 GiB each way: most bytes in flight %.1f MiB%n", maxInFlight / 1048576.0);
        }
    }
}
