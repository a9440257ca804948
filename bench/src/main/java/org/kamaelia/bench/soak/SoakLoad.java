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
package org.kamaelia.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load side of the reliability suite ({@code soak/run}): plain {@link Socket}s on loopback against a
 * {@code kamaelia serve} process started by the script, one virtual thread per connection where a
 * connection needs one. Every echoed byte is checked against what was sent, every chargen byte against
 * the RFC 864 pattern. Results go to standard output, one {@code key=value} line per figure, for the
 * script to read; a run that could not be carried out at all throws (exit 1, stack trace on stderr).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.kamaelia.bench.soak.SoakLoad MODE key=value...
 * </pre>
 * Modes (every mode takes {@code port=}; all counts and times are bounded, every mode ends by itself):
 * <ul>
 * <li>{@code churn total= concurrency= [max_bytes=2048]}: open, echo a message of up to max_bytes,
 *     half-close, read end of stream, close; {@code concurrency} at a time until {@code total}. Prints the
 *     errors and the time taken by each 1,000 connections.</li>
 * <li>{@code hold n= ready=FILE release=FILE [max_hold_s=120]}: opens n connections, echoes 32 bytes on
 *     each, writes FILE {@code ready}, and holds them (idle, no thread) until FILE {@code release} exists;
 *     then half-closes each and expects its end of stream.</li>
 * <li>{@code active n= ready=FILE [interval_ms=50] [max_hold_s=60]}: n connections each echoing 64 bytes
 *     every interval_ms until the server closes them (the signal scenario stops the server meanwhile).</li>
 * <li>{@code slow chargen_port= readers= seconds= [chunk=1024] [interval_ms=100] [quiet_s=4]}: echo
 *     round trips on {@code port} (one every 10 ms) alone for quiet_s (the first second not counted), then
 *     beside {@code readers} slow chargen readers (chunk bytes every interval_ms each) for the rest; prints
 *     both latency distributions.</li>
 * <li>{@code faults chargen_port= n= [concurrency=50] [stream_bytes=262144]}: mid-stream faults, by
 *     turns: reset (SO_LINGER 0) while reading an echo; half-close mid-stream and check the whole echo;
 *     reset while reading chargen; reset after sending a lot without reading (the server blocked writing).</li>
 * <li>{@code probe n= [timeout_ms=2000] [hold_ms=0]}: opens n connections at once, sends 32 bytes on each
 *     and counts those echoed, closed (end of stream or reset) and silent (no answer in time). Closes them
 *     all after hold_ms.</li>
 * <li>{@code idle idle= active= [expect_ms=1000] [observe_s=4]}: idle connections (half send nothing,
 *     half go quiet after one echo) wait for the server to close them and time it from their last byte;
 *     active ones echo one byte every expect_ms/3 and must stay open for observe_s.</li>
 * </ul>
 */
public final class SoakLoad {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 15_000;

    private final Map<String, String> opts;
    private final int port;

    private SoakLoad(Map<String, String> opts) {
        this.opts = opts;
        this.port = intOpt("port", -1);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SoakLoad MODE key=value... (see the class Javadoc)");
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("argument: " + args[i] + " (expected: key=value)");
            }
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        SoakLoad load = new SoakLoad(opts);
        switch (args[0]) {
            case "churn" -> load.churn();
            case "hold" -> load.hold();
            case "active" -> load.active();
            case "slow" -> load.slow();
            case "faults" -> load.faults();
            case "probe" -> load.probe();
            case "idle" -> load.idle();
            default -> throw new IllegalArgumentException("MODE: " + args[0]
                    + " (expected: churn, hold, active, slow, faults, probe or idle)");
        }
        System.out.flush();
        System.exit(0); // virtual threads still blocked on a socket the server never closed must not keep us
    }

    // ------------------------------------------------------------------ churn

    private void churn() throws InterruptedException {
        int total = intOpt("total", 20_000);
        int concurrency = intOpt("concurrency", 200);
        int maxBytes = intOpt("max_bytes", 2048);
        int blocks = Math.max(1, total / 1000);
        AtomicLongArray blockEnd = new AtomicLongArray(blocks);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        Errors errors = new Errors();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                byte[] in = new byte[maxBytes];
                for (int i; (i = next.getAndIncrement()) < total; ) {
                    byte[] msg = payload(i, 1 + Math.floorMod(i * 7919, maxBytes));
                    try (Socket s = connect()) {
                        s.getOutputStream().write(msg);
                        readExactly(s.getInputStream(), in, msg.length);
                        check(msg, in, msg.length);
                        s.shutdownOutput();
                        expectEnd(s.getInputStream());
                        bytes.addAndGet(msg.length);
                    } catch (IOException | RuntimeException e) {
                        errors.add(i, e);
                    }
                    int d = done.incrementAndGet();
                    if (d % 1000 == 0 && d / 1000 <= blocks) {
                        blockEnd.set(d / 1000 - 1, System.nanoTime());
                    }
                }
            }));
        }
        joinAll(threads, TimeUnit.MINUTES.toMillis(10));
        long elapsed = System.nanoTime() - t0;
        long[] perBlock = new long[blocks];
        long prev = t0;
        for (int b = 0; b < blocks; b++) {
            long end = blockEnd.get(b) == 0 ? prev : blockEnd.get(b);
            perBlock[b] = (end - prev) / 1_000_000;
            prev = end;
        }
        int q = Math.max(1, blocks / 4);
        out("connections", done.get());
        errors.print();
        out("bytes_checked", bytes.get());
        out("seconds", String.format(Locale.ROOT, "%.2f", elapsed / 1e9));
        out("connections_per_s", Math.round(done.get() / (elapsed / 1e9)));
        out("ms_per_1000", join(perBlock));
        out("ms_per_1000_first_quarter", Math.round(mean(perBlock, 0, q)));
        out("ms_per_1000_last_quarter", Math.round(mean(perBlock, blocks - q, blocks)));
    }

    // ------------------------------------------------------------------ hold (idle connections)

    private void hold() throws IOException, InterruptedException {
        int n = intOpt("n", 5000);
        Path ready = Path.of(opt("ready"));
        Path release = Path.of(opt("release"));
        long maxHold = TimeUnit.SECONDS.toNanos(intOpt("max_hold_s", 120));
        Errors errors = new Errors();
        List<Socket> sockets = new ArrayList<>(n);
        byte[] in = new byte[32];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            byte[] msg = payload(i, 32);
            Socket s = null;
            try {
                s = connect();
                s.getOutputStream().write(msg);
                readExactly(s.getInputStream(), in, 32);
                check(msg, in, 32);
                sockets.add(s);
            } catch (IOException | RuntimeException e) {
                errors.add(i, e);
                closeQuietly(s);
            }
        }
        out("opened", sockets.size());
        out("open_seconds", String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9));
        Files.writeString(ready, "ready\n");
        long deadline = System.nanoTime() + maxHold;
        while (!Files.exists(release) && System.nanoTime() < deadline) {
            Thread.sleep(50); // the script's signal: it has measured the server while these were open
        }
        out("released", Files.exists(release) ? 1 : 0);
        int clean = 0;
        for (Socket s : sockets) {
            try {
                s.shutdownOutput();
            } catch (IOException e) {
                errors.add(-1, e);
            }
        }
        for (Socket s : sockets) {
            try {
                expectEnd(s.getInputStream());
                clean++;
            } catch (IOException | RuntimeException e) {
                errors.add(-1, e);
            } finally {
                closeQuietly(s);
            }
        }
        out("closed_clean", clean);
        errors.print();
    }

    // ------------------------------------------------------------------ active (signals)

    private void active() throws IOException, InterruptedException {
        int n = intOpt("n", 1000);
        Path ready = Path.of(opt("ready"));
        int interval = intOpt("interval_ms", 50);
        long maxHold = TimeUnit.SECONDS.toMillis(intOpt("max_hold_s", 60));
        CountDownLatch connected = new CountDownLatch(n);
        AtomicInteger up = new AtomicInteger();
        AtomicInteger endedEof = new AtomicInteger();
        AtomicInteger endedReset = new AtomicInteger();
        AtomicLong roundTrips = new AtomicLong();
        Errors errors = new Errors();
        List<Thread> threads = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            int id = c;
            threads.add(Thread.ofVirtual().start(() -> {
                Socket s = null;
                try {
                    s = connect();
                    up.incrementAndGet();
                } catch (IOException e) {
                    errors.add(id, e);
                    connected.countDown();
                    return;
                }
                connected.countDown();
                byte[] in = new byte[64];
                try (Socket sock = s) {
                    InputStream is = sock.getInputStream();
                    OutputStream os = sock.getOutputStream();
                    for (long k = 0; ; k++) {
                        byte[] msg = payload((int) (id * 1_000_003L + k), 64);
                        os.write(msg);
                        int got = readUpTo(is, in, 64);
                        check(msg, in, got); // what arrived before an end must still be right
                        if (got < 64) {
                            endedEof.incrementAndGet();
                            return;
                        }
                        roundTrips.incrementAndGet();
                        Thread.sleep(interval);
                    }
                } catch (SocketException e) { // reset, broken pipe: the server closed under our feet
                    endedReset.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    errors.add(id, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        connected.await(60, TimeUnit.SECONDS);
        Thread.sleep(Math.max(500, 4L * interval)); // every connection has been through a few round trips
        out("connected", up.get());
        out("round_trips_before_ready", roundTrips.get());
        Files.writeString(ready, "ready\n");
        joinAll(threads, maxHold);
        out("round_trips", roundTrips.get());
        out("ended_eof", endedEof.get());
        out("ended_reset", endedReset.get());
        out("still_open", threads.stream().filter(Thread::isAlive).count());
        errors.print();
    }

    // ------------------------------------------------------------------ slow readers + echo latency

    private void slow() throws IOException, InterruptedException {
        int chargenPort = intOpt("chargen_port", -1);
        int readers = intOpt("readers", 200);
        int seconds = intOpt("seconds", 20);
        int chunk = intOpt("chunk", 1024);
        int interval = intOpt("interval_ms", 100);
        int quiet = intOpt("quiet_s", 4);
        Errors readerErrors = new Errors();
        Errors echoErrors = new Errors();
        AtomicLong readerBytes = new AtomicLong();
        long start = System.nanoTime();
        long loadStart = start + TimeUnit.SECONDS.toNanos(quiet);
        long end = loadStart + TimeUnit.SECONDS.toNanos(seconds);
        List<Long> quietNs = new ArrayList<>();
        List<Long> loadNs = new ArrayList<>();
        Thread echo = Thread.ofVirtual().start(() -> {
            byte[] in = new byte[64];
            try (Socket s = connect()) {
                InputStream is = s.getInputStream();
                OutputStream os = s.getOutputStream();
                for (int k = 0; System.nanoTime() < end; k++) {
                    byte[] msg = payload(k, 64);
                    long t = System.nanoTime();
                    os.write(msg);
                    readExactly(is, in, 64);
                    long rtt = System.nanoTime() - t;
                    check(msg, in, 64);
                    if (t < loadStart && t > start + TimeUnit.SECONDS.toNanos(1)) { // after a second's warm-up
                        quietNs.add(rtt);
                    } else if (t > loadStart + TimeUnit.SECONDS.toNanos(1)) { // after the readers' ramp
                        loadNs.add(rtt);
                    }
                    Thread.sleep(10);
                }
            } catch (IOException | RuntimeException e) {
                echoErrors.add(0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (System.nanoTime() < loadStart) {
            Thread.sleep(20);
        }
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            int id = r;
            threads.add(Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[chunk];
                long offset = 0;
                try (Socket s = new Socket()) {
                    s.setReceiveBufferSize(16 * 1024); // a small window, so the server's side fills
                    s.connect(new InetSocketAddress(LOOPBACK, chargenPort), CONNECT_TIMEOUT_MS);
                    s.setSoTimeout(READ_TIMEOUT_MS);
                    InputStream is = s.getInputStream();
                    while (System.nanoTime() < end) {
                        readExactly(is, buf, chunk);
                        checkChargen(buf, chunk, offset);
                        offset += chunk;
                        Thread.sleep(interval);
                    }
                    s.setSoLinger(true, 0); // unread chargen would make close() reset anyway; say so
                } catch (IOException | RuntimeException e) {
                    readerErrors.add(id, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                readerBytes.addAndGet(offset);
            }));
        }
        long budget = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 30_000;
        joinAll(threads, budget);
        echo.join(30_000);
        out("readers", readers);
        readerErrors.print("reader_");
        out("reader_bytes_checked", readerBytes.get());
        out("reader_kib_per_s_each", Math.round(readerBytes.get() / 1024.0 / readers / seconds));
        echoErrors.print("echo_");
        printLatency("echo_quiet", quietNs);
        printLatency("echo_loaded", loadNs);
    }

    // ------------------------------------------------------------------ faults

    private void faults() throws InterruptedException {
        int chargenPort = intOpt("chargen_port", -1);
        int n = intOpt("n", 200);
        int concurrency = intOpt("concurrency", 50);
        int streamBytes = intOpt("stream_bytes", 256 * 1024);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger[] count = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        AtomicLong checked = new AtomicLong();
        Errors errors = new Errors();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    int kind = i % 4;
                    try {
                        long k = switch (kind) {
                            case 0 -> echoResetWhileReading(i, streamBytes);
                            case 1 -> echoHalfCloseMidStream(i, streamBytes);
                            case 2 -> chargenReset(chargenPort, i, streamBytes);
                            default -> echoResetWithoutReading(i, 4 * streamBytes);
                        };
                        checked.addAndGet(k);
                        count[kind].incrementAndGet();
                    } catch (IOException | RuntimeException | InterruptedException e) {
                        errors.add(i, e);
                    }
                }
            }));
        }
        joinAll(threads, TimeUnit.MINUTES.toMillis(5));
        out("echo_reset_while_reading", count[0].get());
        out("echo_half_close_mid_stream", count[1].get());
        out("chargen_reset", count[2].get());
        out("echo_reset_unread", count[3].get());
        out("bytes_checked", checked.get());
        errors.print();
    }

    /** Streams to the echo server, reads about half of it back (checked), then resets. */
    private long echoResetWhileReading(int i, int streamBytes) throws IOException, InterruptedException {
        byte[] msg = payload(i, streamBytes);
        try (Socket s = connect()) {
            Thread writer = writeInBackground(s, msg, true);
            byte[] in = new byte[streamBytes / 2];
            readExactly(s.getInputStream(), in, in.length);
            check(msg, in, in.length);
            s.setSoLinger(true, 0);
            s.close(); // RST with data in flight both ways
            writer.join(READ_TIMEOUT_MS);
            return in.length;
        }
    }

    /** Sends part of a stream, half-closes mid-stream, and expects exactly that part back, then the end. */
    private long echoHalfCloseMidStream(int i, int streamBytes) throws IOException, InterruptedException {
        int len = streamBytes / 4 + Math.floorMod(i * 7919, streamBytes / 2);
        byte[] msg = payload(i, len);
        try (Socket s = connect()) {
            Thread writer = writeInBackground(s, msg, false);
            byte[] in = new byte[len];
            readExactly(s.getInputStream(), in, len);
            check(msg, in, len);
            writer.join(READ_TIMEOUT_MS);
            expectEnd(s.getInputStream());
            return len;
        }
    }

    /** Reads (and checks) part of chargen's stream, then resets. */
    private long chargenReset(int chargenPort, int i, int streamBytes) throws IOException {
        int len = 1024 + Math.floorMod(i * 7919, streamBytes);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, chargenPort), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            byte[] in = new byte[len];
            readExactly(s.getInputStream(), in, len);
            checkChargen(in, len, 0);
            s.setSoLinger(true, 0);
            return len;
        }
    }

    /**
     * Sends much more than the socket buffers hold without reading the echo (so the server's writer
     * blocks and its reader stops), then resets.
     */
    private long echoResetWithoutReading(int i, int bytes) throws IOException, InterruptedException {
        byte[] msg = payload(i, bytes);
        Socket s = connect();
        Thread writer = writeInBackground(s, msg, true);
        writer.join(300); // whatever fits in 300 ms; the rest is refused by a full window
        s.setSoLinger(true, 0);
        s.close();
        writer.join(READ_TIMEOUT_MS);
        return 0;
    }

    /**
     * Writes msg on a virtual thread; with {@code mayFail} an IOException (the socket was reset or closed by
     * us) ends it quietly, otherwise it half-closes after the last byte.
     */
    private static Thread writeInBackground(Socket s, byte[] msg, boolean mayFail) {
        return Thread.ofVirtual().start(() -> {
            try {
                OutputStream os = s.getOutputStream();
                for (int off = 0; off < msg.length; off += 8192) {
                    os.write(msg, off, Math.min(8192, msg.length - off));
                }
                if (!mayFail) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                if (!mayFail) {
                    throw new IllegalStateException("writing the stream failed", e);
                }
            }
        });
    }

    // ------------------------------------------------------------------ probe (exhaustion, max-connections)

    private void probe() throws InterruptedException {
        int n = intOpt("n", 400);
        int timeout = intOpt("timeout_ms", 2000);
        int holdMs = intOpt("hold_ms", 0);
        AtomicInteger echoed = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger silent = new AtomicInteger();
        AtomicInteger connectFailed = new AtomicInteger();
        Errors errors = new Errors();
        ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            int id = c;
            threads.add(Thread.ofVirtual().start(() -> {
                Socket s = new Socket();
                open.add(s);
                try {
                    s.connect(new InetSocketAddress(LOOPBACK, port), timeout);
                } catch (IOException e) {
                    connectFailed.incrementAndGet();
                    return;
                }
                byte[] msg = payload(id, 32);
                byte[] in = new byte[32];
                try {
                    s.setSoTimeout(timeout);
                    s.getOutputStream().write(msg);
                    int got = readUpTo(s.getInputStream(), in, 32);
                    check(msg, in, got);
                    if (got == 32) {
                        echoed.incrementAndGet();
                    } else {
                        closed.incrementAndGet();
                    }
                } catch (SocketTimeoutException e) {
                    silent.incrementAndGet();
                } catch (SocketException e) {
                    closed.incrementAndGet(); // reset: accepted and closed at once, or refused by the kernel
                } catch (IOException | RuntimeException e) {
                    errors.add(id, e);
                }
            }));
        }
        joinAll(threads, 2L * timeout + 60_000);
        Thread.sleep(holdMs);
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // no TIME_WAIT, and the server sees the end at once
            } catch (IOException ignored) {
                // not connected
            }
            closeQuietly(s);
        }
        out("attempted", n);
        out("echoed", echoed.get());
        out("closed_by_server", closed.get());
        out("silent", silent.get());
        out("connect_failed", connectFailed.get());
        errors.print();
    }

    // ------------------------------------------------------------------ idle-timeout eviction

    private void idle() throws InterruptedException {
        int idle = intOpt("idle", 20);
        int active = intOpt("active", 5);
        int expect = intOpt("expect_ms", 1000);
        int observe = intOpt("observe_s", 4);
        long[] closedAfter = new long[idle];
        Arrays.fill(closedAfter, -1);
        AtomicInteger activeSurvived = new AtomicInteger();
        AtomicInteger activeClosed = new AtomicInteger();
        Errors errors = new Errors();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < idle; c++) {
            int id = c;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MS);
                    s.setSoTimeout(expect * 3 + observe * 1000);
                    if (id % 2 == 1) { // half of them go quiet after an echo, the others from the start
                        byte[] msg = payload(id, 16);
                        byte[] in = new byte[16];
                        s.getOutputStream().write(msg);
                        readExactly(s.getInputStream(), in, 16);
                        check(msg, in, 16);
                    }
                    long t = System.nanoTime();
                    int b = s.getInputStream().read();
                    if (b != -1) {
                        throw new IllegalStateException("the server sent a byte on an idle connection: " + b);
                    }
                    closedAfter[id] = (System.nanoTime() - t) / 1_000_000;
                } catch (SocketTimeoutException e) {
                    // never closed: closedAfter stays -1
                } catch (SocketException e) {
                    closedAfter[id] = -2; // reset rather than closed
                } catch (IOException | RuntimeException e) {
                    errors.add(id, e);
                }
            }));
        }
        for (int c = 0; c < active; c++) {
            int id = idle + c;
            threads.add(Thread.ofVirtual().start(() -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(observe);
                byte[] in = new byte[1];
                try (Socket s = connect()) {
                    for (int k = 0; System.nanoTime() < end; k++) {
                        byte[] msg = payload(id + k, 1);
                        s.getOutputStream().write(msg);
                        if (readUpTo(s.getInputStream(), in, 1) < 1) {
                            activeClosed.incrementAndGet();
                            return;
                        }
                        check(msg, in, 1);
                        Thread.sleep(Math.max(1, expect / 3));
                    }
                    activeSurvived.incrementAndGet();
                } catch (SocketException e) {
                    activeClosed.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    errors.add(id, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        joinAll(threads, expect * 3L + observe * 1000L + 30_000);
        long closedCount = Arrays.stream(closedAfter).filter(x -> x >= 0).count();
        long[] times = Arrays.stream(closedAfter).filter(x -> x >= 0).sorted().toArray();
        out("idle", idle);
        out("idle_closed", closedCount);
        out("idle_reset", Arrays.stream(closedAfter).filter(x -> x == -2).count());
        out("idle_never_closed", Arrays.stream(closedAfter).filter(x -> x == -1).count());
        out("idle_closed_after_ms_min", times.length == 0 ? -1 : times[0]);
        out("idle_closed_after_ms_max", times.length == 0 ? -1 : times[times.length - 1]);
        out("active", active);
        out("active_survived", activeSurvived.get());
        out("active_closed", activeClosed.get());
        errors.print();
    }

    // ------------------------------------------------------------------ helpers

    private Socket connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            throw e;
        }
    }

    /** Deterministic bytes for connection {@code i}, so a wrong or misplaced byte is caught. */
    static byte[] payload(int i, int len) {
        byte[] b = new byte[len];
        int x = i * 0x9E3779B9 + 1;
        for (int k = 0; k < len; k++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[k] = (byte) x;
        }
        return b;
    }

    private static void check(byte[] sent, byte[] got, int len) {
        for (int k = 0; k < len; k++) {
            if (sent[k] != got[k]) {
                throw new IllegalStateException("echo differs at byte " + k + " of " + sent.length + ": sent "
                        + (sent[k] & 0xff) + ", got " + (got[k] & 0xff));
            }
        }
    }

    /** Checks {@code len} bytes of chargen's stream starting at stream offset {@code offset} (RFC 864). */
    static void checkChargen(byte[] b, int len, long offset) {
        for (int k = 0; k < len; k++) {
            long at = offset + k;
            long line = at / 74;
            int pos = (int) (at % 74);
            byte want = pos == 72 ? (byte) '\r' : pos == 73 ? (byte) '\n' : (byte) (' ' + (line + pos) % 95);
            if (b[k] != want) {
                throw new IllegalStateException("chargen byte " + at + " is " + (b[k] & 0xff) + ", expected "
                        + (want & 0xff));
            }
        }
    }

    private static void readExactly(InputStream in, byte[] buf, int len) throws IOException {
        int got = readUpTo(in, buf, len);
        if (got < len) {
            throw new IOException("end of stream after " + got + " of " + len + " bytes");
        }
    }

    /** Reads until {@code len} bytes or the end of stream; returns how many. */
    private static int readUpTo(InputStream in, byte[] buf, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int k = in.read(buf, got, len - got);
            if (k < 0) {
                break;
            }
            got += k;
        }
        return got;
    }

    private static void expectEnd(InputStream in) throws IOException {
        int b = in.read();
        if (b != -1) {
            throw new IllegalStateException("expected the end of stream, got byte " + b);
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static void joinAll(List<Thread> threads, long budgetMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + budgetMillis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    private static void printLatency(String name, List<Long> ns) {
        long[] a = ns.stream().mapToLong(Long::longValue).sorted().toArray();
        out(name + "_round_trips", a.length);
        if (a.length == 0) {
            return;
        }
        out(name + "_p50_ms", ms(a[a.length / 2]));
        out(name + "_p99_ms", ms(a[Math.min(a.length - 1, (int) Math.ceil(a.length * 0.99) - 1)]));
        out(name + "_max_ms", ms(a[a.length - 1]));
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }

    private static double mean(long[] a, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += a[i];
        }
        return sum / Math.max(1, to - from);
    }

    private static String join(long[] a) {
        StringBuilder sb = new StringBuilder();
        for (long x : a) {
            sb.append(sb.isEmpty() ? "" : ",").append(x);
        }
        return sb.toString();
    }

    private static void out(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    private String opt(String key) {
        String v = opts.get(key);
        if (v == null) {
            throw new IllegalArgumentException(key + "= is missing");
        }
        return v;
    }

    private int intOpt(String key, int dflt) {
        String v = opts.get(key);
        return v == null ? dflt : Integer.parseInt(v);
    }

    /** Counts failures and keeps the first few, for the {@code errors=} and {@code error_first=} lines. */
    private static final class Errors {
        private final AtomicInteger count = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> first = new ConcurrentLinkedQueue<>();

        void add(int connection, Throwable e) {
            if (count.incrementAndGet() <= 3) {
                first.add("#" + connection + " " + e);
            }
        }

        void print() {
            print("");
        }

        void print(String prefix) {
            out(prefix + "errors", count.get());
            if (!first.isEmpty()) {
                out(prefix + "error_first", String.join(" | ", first).replace('\n', ' '));
            }
        }
    }
}
