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
package org.kamaelia.bench.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.ObjectName;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.internet.EchoGather;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.ipc.SocketShutdown;

/**
 * Many connections at once, issue 3 point 10: N connections held open at once in this JVM, each having
 * sent 32 bytes and received their echo from a server in another process
 * ({@code org.kamaelia.internet.EchoServerMain}, from the components' tests)
 * on loopback; prints the heap (used, after a full GC) and the RSS that the connections added, per
 * connection. One mode per process run, so each starts from the same empty JVM:
 * <ul>
 * <li>{@code client}: N {@link ThreadedTCPClient}s, their "outbox" and "signal" linked to one gathering
 *     component. Then a ProducerFinished to each; every one must end with a clean SocketShutdown.</li>
 * <li>{@code plain}: N blocking {@link java.net.Socket}s opened, written and read by the main thread,
 *     with no thread of their own: the cost of the socket alone.</li>
 * <li>{@code plain-thread}: N Sockets, each with a virtual thread that writes, reads the echo and then
 *     stays blocked in a read until the server closes: the least a thread-per-connection client costs.</li>
 * </ul>
 * Run: {@code bench/many-connections.sh [N]} (all three modes, N = 10000 by default, each in a JVM with
 * {@code -Xmx1g}); or {@code java -Xmx1g -cp bench/target/benchmarks.jar
 * org.kamaelia.bench.tcp.ManyConnections MODE N}. With {@code -Dhistogram=20} it also prints the top 20
 * lines of a class histogram of the heap while every connection is open (where the heap goes).
 */
public final class ManyConnections {
    static final int MESSAGE = 32;
    private static final Duration WAIT = Duration.ofMinutes(5);

    private ManyConnections() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("arguments: " + List.of(args)
                    + " (expected: MODE N, MODE one of client, plain, plain-thread)");
        }
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        if (n < 1) {
            throw new IllegalArgumentException("N: " + n + " (expected: >= 1)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.kamaelia.internet.EchoServerMain").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader fromServer = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
            String first = fromServer.readLine();
            if (first == null || !first.startsWith("PORT ")) {
                throw new IllegalStateException("echo server said " + first);
            }
            int port = Integer.parseInt(first.substring(5));
            Measure m = switch (mode) {
                case "client" -> clients(port, n);
                case "plain" -> plain(port, n);
                case "plain-thread" -> plainThreads(port, n);
                default -> throw new IllegalArgumentException("MODE: " + mode
                        + " (expected: client, plain or plain-thread)");
            };
            server.getOutputStream().close();
            String peak = fromServer.readLine();
            if (!("PEAK " + n).equals(peak)) {
                throw new IllegalStateException("the server held " + peak + ", expected PEAK " + n);
            }
            System.out.printf(Locale.ROOT, "%-12s %,d connections open at once (all echoed after %,d ms): per"
                            + " connection heap %.2f KiB, RSS %.2f KiB (max heap %d MiB)%n",
                    mode, n, m.echoedAfterMillis, m.heapBytes / 1024.0 / n, m.rssKiB / (double) n,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private record Measure(long echoedAfterMillis, long heapBytes, long rssKiB) {
    }

    /** Heap and RSS before the connections; {@link #after} gives the difference. */
    private static final class Baseline {
        final long heap = heapUsed();
        final long rss = rssKiB();
        final long t0 = System.nanoTime();

        Measure after() {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Measure m = new Measure(millis, heapUsed() - heap, rssKiB() - rss);
            int lines = Integer.getInteger("histogram", 0);
            if (lines > 0) {
                printHistogram(lines);
            }
            return m;
        }
    }

    // ------------------------------------------------------------------ ThreadedTCPClient

    private static Measure clients(int port, int n) throws InterruptedException {
        Scheduler s = new Scheduler("many-connections");
        EchoGather gather = new EchoGather(n);
        gather.activate(s);
        Baseline base = new Baseline();
        List<ThreadedTCPClient> clients = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ThreadedTCPClient c = new ThreadedTCPClient("127.0.0.1", port);
            gather.link(c, "outbox", gather, "inbox");
            gather.link(c, "signal", gather, "ends");
            c.deliver(message(i), "inbox");
            clients.add(c);
            c.activate(s);
        }
        long want = (long) n * MESSAGE;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (gather.bytes.get() < want) {
            if (!gather.ends.isEmpty()) {
                throw new IllegalStateException("a client ended while all should be connected: "
                        + gather.firstEnd());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("echoed " + gather.bytes.get() + " of " + want + " bytes");
            }
            Thread.sleep(10); // a harness poll, not a test: the echo of 10,000 connections takes seconds
        }
        Measure m = base.after();
        for (ThreadedTCPClient c : clients) {
            c.deliver(new ProducerFinished(), "control");
        }
        if (!gather.join(WAIT) || !s.awaitTermination(WAIT)) {
            throw new IllegalStateException("the clients did not all end: " + gather.ends.size() + " of " + n);
        }
        for (Object e : gather.ends) {
            if (!(e instanceof SocketShutdown ss) || !ss.isClean() || ss.bytesSent() != MESSAGE
                    || ss.bytesReceived() != MESSAGE) {
                throw new IllegalStateException("a client ended with " + e);
            }
        }
        if (!s.failures().isEmpty()) {
            throw new IllegalStateException("failures: " + s.failures());
        }
        return m;
    }

    // ------------------------------------------------------------------ plain sockets

    private static Measure plain(int port, int n) throws IOException {
        Baseline base = new Baseline();
        List<Socket> sockets = new ArrayList<>(n);
        byte[] in = new byte[MESSAGE];
        for (int i = 0; i < n; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setTcpNoDelay(true);
            s.getOutputStream().write(message(i));
            readEcho(s.getInputStream(), in);
            sockets.add(s);
        }
        Measure m = base.after();
        for (Socket s : sockets) {
            s.shutdownOutput();
        }
        for (Socket s : sockets) {
            if (s.getInputStream().read() != -1) {
                throw new IllegalStateException("the echo server sent more");
            }
            s.close();
        }
        return m;
    }

    private static Measure plainThreads(int port, int n) throws InterruptedException {
        Baseline base = new Baseline();
        CountDownLatch echoed = new CountDownLatch(n);
        ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] msg = message(i);
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setTcpNoDelay(true);
                    sockets.add(s);
                    s.getOutputStream().write(msg);
                    InputStream in = s.getInputStream();
                    readEcho(in, new byte[MESSAGE]);
                    echoed.countDown();
                    if (in.read() != -1) { // blocked here until the server closes
                        throw new IllegalStateException("the echo server sent more");
                    }
                } catch (Throwable t) {
                    failures.add(t);
                    echoed.countDown();
                }
            }));
        }
        if (!echoed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("not every connection was echoed");
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a connection failed", failures.peek());
        }
        Measure m = base.after();
        for (Socket s : sockets) {
            try {
                s.shutdownOutput();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        for (Thread t : threads) {
            t.join(WAIT.toMillis());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a connection failed", failures.peek());
        }
        return m;
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] message(int i) {
        byte[] m = String.format(Locale.ROOT, "connection %20d\n", i).getBytes(StandardCharsets.US_ASCII);
        if (m.length != MESSAGE) {
            throw new AssertionError(m.length);
        }
        return m;
    }

    private static void readEcho(InputStream in, byte[] buf) throws IOException {
        int got = 0;
        while (got < MESSAGE) {
            int k = in.read(buf, got, MESSAGE - got);
            if (k < 0) {
                throw new IOException("the echo server closed after " + got + " bytes");
            }
            got += k;
        }
    }

    /** The first lines of the JVM's class histogram (the GC.class_histogram diagnostic command). */
    static void printHistogram(int lines) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] ls = out.toString().split("\n");
            for (int i = 0; i < Math.min(lines + 3, ls.length); i++) {
                System.out.println(ls[i]);
            }
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram", e);
        }
    }

    static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    static long heapUsed() {
        System.gc();
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
