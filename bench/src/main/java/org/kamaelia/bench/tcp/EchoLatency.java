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

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.ipc.SocketShutdown;

/**
 * Echo round trip, issue 3: one byte into the client's "inbox", through an echo server, back out of
 * its "outbox"; median and tail of the round-trip time, against a plain {@link java.net.Socket}
 * ping-pong and against Netty driven from an application thread, all to the same server in the same
 * process, in interleaved rounds (so the machine's load falls on every variant alike).
 *
 * <p>Variants (each round: a fresh connection, and for the client a fresh graph):
 * <ul>
 * <li>{@code plain}: the harness thread (a platform thread) writes 1 byte to a blocking Socket
 *     (TCP_NODELAY) and reads 1 byte. The reference for the target.</li>
 * <li>{@code client-component}: a component linked to a ThreadedTCPClient ({@code outbox -> inbox},
 *     {@code outbox -> inbox}) sends a {@code byte[1]}, pauses until the echo arrives, and times it:
 *     the shape of a Kamaelia program. Target: median at most 1.5 times {@code plain}.</li>
 * <li>{@code client-handle}: the harness thread drives the client through an axon {@link Handle}
 *     ({@code put} on "inbox", blocking {@code get} on "outbox"): the same shape as the Netty variant.</li>
 * <li>{@code netty-nio} (and {@code netty-epoll} where the native transport loads): Netty 4.2, one
 *     event-loop thread; the harness thread calls {@code channel.writeAndFlush} and waits on a
 *     {@link LinkedBlockingQueue} that the channel handler fills. "Netty driven from an application
 *     thread, the same shape as a component".</li>
 * </ul>
 * The server is {@link LoopbackServer#echo()}: a platform thread per connection in the same JVM,
 * blocking reads and writes, TCP_NODELAY.
 *
 * <p>Percentiles come from sorting every sample of the measured rounds (no histogram); per-round
 * medians show the spread.
 *
 * <p>Run: {@code bench/run-main EchoLatency [--rounds 5] [--samples 50000] [--warmup-rounds 2]
 * [--variants plain,client-component,client-handle,netty-nio,netty-epoll]}.
 */
public final class EchoLatency {
    private static final byte[] PING = {42};
    private static final Duration WAIT = Duration.ofSeconds(10);

    private EchoLatency() {
    }

    /** One way of doing a round of ping-pongs; returns the round-trip times in nanoseconds. */
    private interface Variant {
        long[] round(int port, int samples) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        int samples = 50_000;
        int warmupRounds = 2;
        List<String> names = new ArrayList<>(List.of("plain", "client-component", "client-handle", "netty-nio",
                "netty-epoll"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(args[++i]);
                case "--variants" -> names = new ArrayList<>(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("argument " + (i + 1) + ": " + args[i]
                        + " (expected: --rounds N, --samples N, --warmup-rounds N, --variants a,b,...)");
            }
        }
        if (names.contains("netty-epoll") && !Epoll.isAvailable()) {
            System.out.println("netty-epoll: not available here (" + Epoll.unavailabilityCause() + "); skipped");
            names.remove("netty-epoll");
        }
        System.out.printf(Locale.ROOT, "echo round trip, 1 byte: %d warm-up + %d measured rounds of %,d samples;"
                + " %d processors; kamaelia.tcp.spinNanos=%s%n", warmupRounds, rounds, samples,
                Runtime.getRuntime().availableProcessors(), System.getProperty("kamaelia.tcp.spinNanos", "(default)"));

        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup epoll = names.contains("netty-epoll")
                ? new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()) : null;
        Map<String, Variant> variants = new LinkedHashMap<>();
        for (String n : names) {
            variants.put(n, switch (n) {
                case "plain" -> EchoLatency::plain;
                case "client-component" -> EchoLatency::clientComponent;
                case "client-handle" -> EchoLatency::clientHandle;
                case "netty-nio" -> (port, k) -> netty(nio, NioSocketChannel.class, port, k);
                case "netty-epoll" -> (port, k) -> netty(epoll, EpollSocketChannel.class, port, k);
                default -> throw new IllegalArgumentException("--variants: " + n + " (expected: plain,"
                        + " client-component, client-handle, netty-nio, netty-epoll)");
            });
        }

        Map<String, List<long[]>> measured = new LinkedHashMap<>();
        variants.keySet().forEach(n -> measured.put(n, new ArrayList<>()));
        try (LoopbackServer server = LoopbackServer.echo()) {
            for (int r = 0; r < warmupRounds + rounds; r++) {
                for (Map.Entry<String, Variant> v : variants.entrySet()) {
                    long[] t = v.getValue().round(server.port(), samples);
                    if (r >= warmupRounds) {
                        measured.get(v.getKey()).add(t);
                    }
                }
            }
            server.check();
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            if (epoll != null) {
                epoll.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }

        double plainMedian = Double.NaN;
        System.out.printf(Locale.ROOT, "%-17s %9s %9s %9s %9s  %-30s %s%n", "variant", "median", "p90", "p99",
                "p99.9", "median per round (us)", "median / plain");
        for (Map.Entry<String, List<long[]>> e : measured.entrySet()) {
            long[] all = e.getValue().stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            double median = micros(percentile(all, 0.50));
            if (e.getKey().equals("plain")) {
                plainMedian = median;
            }
            StringBuilder perRound = new StringBuilder();
            for (long[] round : e.getValue()) {
                long[] s = round.clone();
                Arrays.sort(s);
                perRound.append(String.format(Locale.ROOT, "%.1f ", micros(percentile(s, 0.50))));
            }
            System.out.printf(Locale.ROOT, "%-17s %9.1f %9.1f %9.1f %9.1f  %-30s %s%n", e.getKey(), median,
                    micros(percentile(all, 0.90)), micros(percentile(all, 0.99)), micros(percentile(all, 0.999)),
                    perRound.toString().trim(), Double.isNaN(plainMedian) ? "-"
                            : String.format(Locale.ROOT, "%.2f", median / plainMedian));
        }
        System.out.println("(microseconds; every sample of the measured rounds sorted)");
    }

    /** The value below which {@code q} of the sorted samples lie (nearest rank). */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    // ------------------------------------------------------------------ plain Socket

    private static long[] plain(int port, int samples) throws IOException {
        long[] t = new long[samples];
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                out.write(PING);
                if (in.read() < 0) {
                    throw new IOException("echo server closed");
                }
                t[i] = System.nanoTime() - t0;
            }
        }
        return t;
    }

    // ------------------------------------------------------------------ ThreadedTCPClient

    /**
     * Sends one byte, waits for the echo, times it; {@code samples} times. Then ends the connection
     * gracefully (ProducerFinished to the client) and waits for the client's SocketShutdown.
     */
    static final class Pinger extends Component {
        final long[] times;

        Pinger(int samples) {
            times = new long[samples];
        }

        @Override
        protected void main() {
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                send(PING, "outbox");
                while (!dataReady("inbox")) {
                    if (dataReady("control")) {
                        throw new IllegalStateException("the client ended early: " + recv("control"));
                    }
                    pause();
                }
                recv("inbox");
                times[i] = System.nanoTime() - t0;
            }
            send(new ProducerFinished(this), "signal");
            for (;;) {
                while (dataReady("inbox")) {
                    recv("inbox");
                }
                if (dataReady("control")) {
                    Parts.requireClean(recv("control"), "echo");
                    return;
                }
                pause();
            }
        }
    }

    private static long[] clientComponent(int port, int samples) {
        ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", port);
        Pinger pinger = new Pinger(samples);
        pinger.link(pinger, "outbox", client, "inbox");
        pinger.link(pinger, "signal", client, "control");
        pinger.link(client, "outbox", pinger, "inbox");
        pinger.link(client, "signal", pinger, "control");
        Scheduler s = new Scheduler("echo-latency");
        client.activate(s);
        pinger.activate(s);
        if (!pinger.join(Duration.ofMinutes(5)) || !client.join(WAIT)) {
            throw new IllegalStateException("the echo round did not finish");
        }
        pinger.failure().ifPresent(f -> {
            throw new IllegalStateException("pinger failed", f);
        });
        return pinger.times;
    }

    private static long[] clientHandle(int port, int samples) throws TimeoutException {
        long[] t = new long[samples];
        Handle h = new Handle(new ThreadedTCPClient("127.0.0.1", port)).activate();
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            h.put(PING, "inbox");
            h.get("outbox", WAIT);
            t[i] = System.nanoTime() - t0;
        }
        h.put(new ProducerFinished(), "control");
        Object end;
        do {
            end = h.get("signal", WAIT);
        } while (!(end instanceof SocketShutdown));
        Parts.requireClean(end, "echo");
        if (!h.awaitFinished(WAIT)) {
            throw new IllegalStateException("the client did not finish");
        }
        return t;
    }

    // ------------------------------------------------------------------ Netty

    private static long[] netty(EventLoopGroup group, Class<? extends SocketChannel> type, int port, int samples)
            throws InterruptedException {
        LinkedBlockingQueue<Integer> replies = new LinkedBlockingQueue<>();
        Bootstrap b = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        int n = buf.readableBytes();
                        buf.release();
                        replies.add(n);
                    }
                });
        Channel ch = b.connect(InetAddress.getLoopbackAddress(), port).sync().channel();
        long[] t = new long[samples];
        try {
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                ch.writeAndFlush(Unpooled.wrappedBuffer(PING));
                Integer n = replies.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (n == null || n != 1) {
                    throw new IllegalStateException("netty echo: got " + n);
                }
                t[i] = System.nanoTime() - t0;
            }
        } finally {
            ch.close().sync();
        }
        return t;
    }
}
