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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.ipc.SocketShutdown;

/**
 * Point 10: many clients connected at once in one JVM, each sending and receiving, to an echo server in
 * another process on loopback.
 *
 * <p>The default run uses {@value #DEFAULT_CLIENTS} clients so the suite stays quick; the full 10,000
 * with {@code -Xmx1g} is {@code scripts/many-clients.sh} (it runs this test with
 * {@code -Dkamaelia.manyClients=10000 -Dsurefire.extraArgs=-Xmx1g}). It prints the heap and RSS per
 * connection.
 */
@Timeout(900)
class ThreadedTCPClientManyClientsTest {
    static final int DEFAULT_CLIENTS = 1000;
    static final int MESSAGE = 32;

    static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    static long heapUsed() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void manyClientsAtOnceEachSendAndReceiveThroughAServerInAnotherProcess() throws Exception {
        int n = Integer.getInteger("kamaelia.manyClients", DEFAULT_CLIENTS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Path.of(EchoServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process server = new ProcessBuilder(java, "-Xmx256m", "-cp", cp, EchoServerMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
            String first = out.readLine();
            assertThat(first).startsWith("PORT ");
            int port = Integer.parseInt(first.substring(5));

            Scheduler s = new Scheduler("many-clients");
            EchoGather gather = new EchoGather(n);
            gather.activate(s);
            long heap0 = heapUsed();
            long rss0 = rssKiB();
            long t0 = System.nanoTime();
            List<ThreadedTCPClient> clients = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ThreadedTCPClient c = new ThreadedTCPClient("127.0.0.1", port);
                gather.link(c, "outbox", gather, "inbox");
                gather.link(c, "signal", gather, "ends");
                byte[] msg = String.format("client %24d\n", i).getBytes(StandardCharsets.US_ASCII);
                assertThat(msg).hasSize(MESSAGE);
                c.deliver(msg, "inbox");
                clients.add(c);
                c.activate(s);
            }
            long want = (long) n * MESSAGE;
            boolean allEchoed = Fixtures.eventually(Duration.ofSeconds(300), () -> gather.bytes.get() == want);
            assertThat(allEchoed).as("echoes: %d of %d bytes, ends so far %s", gather.bytes.get(), want,
                    gather.firstEnd()).isTrue();
            long connectedAfter = (System.nanoTime() - t0) / 1_000_000;
            assertThat(gather.ends).as("no client ended while all were connected").isEmpty();
            long heap1 = heapUsed();
            long rss1 = rssKiB();

            for (ThreadedTCPClient c : clients) {
                c.deliver(new ProducerFinished(), "control");
            }
            assertThat(gather.join(Duration.ofSeconds(300))).as("every client ended").isTrue();
            assertThat(gather.ends).hasSize(n).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(SocketShutdown.class, ss -> {
                assertThat(ss.isClean()).as("%s", ss).isTrue();
                assertThat(ss.bytesSent()).isEqualTo(MESSAGE);
                assertThat(ss.bytesReceived()).isEqualTo(MESSAGE);
            }));
            assertThat(s.awaitTermination(Duration.ofSeconds(60))).isTrue();
            assertThat(s.failures()).isEmpty();

            server.getOutputStream().close(); // the server prints the most connections it had open at once
            String peak = out.readLine();
            assertThat(peak).isEqualTo("PEAK " + n);
            System.out.printf("%d clients connected at once (all echoed after %d ms); per connection: heap %.1f KiB,"
                            + " RSS %.1f KiB (max heap %d MiB)%n", n, connectedAfter,
                    (heap1 - heap0) / 1024.0 / n, (rss1 - rss0) / (double) n,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
