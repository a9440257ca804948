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

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kamaelia.internet.ThreadedTCPClient;

/**
 * The throughput benchmarks of this package run a second way, for a shared, noisy machine: the client
 * and its references take turns, one invocation each per round (the order rotating from round to
 * round), in one process; so a burst of load from elsewhere hits all of them alike, and each round
 * gives a paired ratio. It calls the very methods JMH runs ({@link BulkSendBenchmark},
 * {@link BulkReceiveBenchmark}, {@link SmallMessagesBenchmark}). Besides the references it runs two
 * variants of the client that are not references but show where its time goes: receive with 256 KiB
 * chunks, and small messages with an unbounded inbox; the ratio column compares the client with each.
 *
 * <p>For every invocation it records the wall time and the CPU time of the whole process (server
 * thread and kernel work on loopback included, since both ends are in this process); so besides
 * operations per second it reports operations per CPU-second, which load from other processes
 * disturbs far less (on two processors the loopback benchmarks are CPU-bound).
 *
 * <p>Run: {@code bench/run-main -Xms1g -Xmx1g Interleaved send|receive|receive-unbounded|small [rounds]
 * [warm-up rounds] [variant]} (defaults 10 and 3; naming a variant runs only that one, for profiling).
 */
public final class Interleaved {
    private Interleaved() {
    }

    /** One invocation of a benchmark method. */
    private interface Call {
        void run() throws Exception;
    }

    private record Variant(String name, long ops, Call call) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("arguments: none (expected: send|receive|receive-unbounded|small"
                    + " [rounds] [warm-up rounds])");
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Variant> variants = new ArrayList<>();
        Runnable stop;
        String unit;
        switch (args[0]) {
            case "send" -> {
                BulkSendBenchmark b = new BulkSendBenchmark();
                b.start();
                variants.add(new Variant("client", BulkSendBenchmark.TOTAL, b::client));
                variants.add(new Variant("plainSocket", BulkSendBenchmark.TOTAL, b::plainSocket));
                variants.add(new Variant("plainSocketNoDelay", BulkSendBenchmark.TOTAL, b::plainSocketNoDelay));
                stop = b::stop;
                unit = "bytes";
            }
            case "receive", "receive-unbounded" -> {
                BulkReceiveBenchmark b = new BulkReceiveBenchmark();
                b.sinkCapacity = args[0].equals("receive") ? 64 : 0;
                b.start();
                variants.add(new Variant("client", BulkReceiveBenchmark.TOTAL, b::client));
                variants.add(new Variant("plainSocket", BulkReceiveBenchmark.TOTAL, b::plainSocket));
                variants.add(new Variant("client-256KiB-chunks", BulkReceiveBenchmark.TOTAL, () -> {
                    b.chunkSize = 256 * 1024;
                    try {
                        b.client();
                    } finally {
                        b.chunkSize = ThreadedTCPClient.DEFAULT_RECEIVE_CHUNK_SIZE;
                    }
                }));
                stop = b::stop;
                unit = "bytes";
            }
            case "small" -> {
                SmallMessagesBenchmark b = new SmallMessagesBenchmark();
                b.start();
                variants.add(new Variant("client", SmallMessagesBenchmark.MESSAGES, b::client));
                variants.add(new Variant("limitCopyInto64KiB", SmallMessagesBenchmark.MESSAGES,
                        b::limitCopyInto64KiB));
                variants.add(new Variant("plainWritePerMessage", SmallMessagesBenchmark.PER_WRITE_MESSAGES,
                        b::plainWritePerMessage));
                variants.add(new Variant("client-unbounded-inbox", SmallMessagesBenchmark.MESSAGES,
                        b::clientUnboundedInbox));
                stop = b::stop;
                unit = "messages";
            }
            default -> throw new IllegalArgumentException("benchmark: " + args[0]
                    + " (expected: send, receive, receive-unbounded or small)");
        }
        if (args.length > 3) {
            String only = args[3];
            if (variants.stream().noneMatch(v -> v.name().equals(only))) {
                throw new IllegalArgumentException("variant: " + only + " (expected one of: "
                        + variants.stream().map(Variant::name).toList() + ")");
            }
            variants.removeIf(v -> !v.name().equals(only));
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "%s: %d warm-up + %d measured rounds, %d processors%n", args[0], warmup,
                rounds, Runtime.getRuntime().availableProcessors());
        Map<String, double[]> wall = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        for (Variant v : variants) {
            wall.put(v.name(), new double[rounds]);
            cpu.put(v.name(), new double[rounds]);
        }
        try {
            for (int r = 0; r < warmup + rounds; r++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %2d:",
                        r < warmup ? "warm-up" : "round  ", r < warmup ? r + 1 : r - warmup + 1));
                for (int k = 0; k < variants.size(); k++) {
                    Variant v = variants.get((r + k) % variants.size());
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    v.call().run();
                    long t1 = System.nanoTime();
                    long c1 = os.getProcessCpuTime();
                    double w = v.ops() / ((t1 - t0) / 1e9);
                    double c = v.ops() / ((c1 - c0) / 1e9);
                    line.append(String.format(Locale.ROOT, "  %s %s/s (%s/CPU-s)", v.name(), si(w), si(c)));
                    if (r >= warmup) {
                        wall.get(v.name())[r - warmup] = w;
                        cpu.get(v.name())[r - warmup] = c;
                    }
                }
                System.out.println(line);
            }
        } finally {
            stop.run();
        }
        String ref = variants.size() > 1 ? variants.get(1).name() : "none";
        System.out.printf(Locale.ROOT, "%-22s %14s %22s %16s   %s%n", unit + " per second", "median",
                "min .. max", "per CPU-s median", "paired ratio, per round: median (min .. max)");
        for (Variant v : variants) {
            String ratio = "";
            if (v.name().startsWith("client-") && wall.containsKey(ref)) {
                ratio = "it / " + ref + ": " + ratio(wall, cpu, v.name(), ref, rounds)
                        + "; it / client: " + ratio(wall, cpu, v.name(), "client", rounds);
            } else if (!v.name().equals("client") && wall.containsKey("client")) {
                ratio = "client / it: " + ratio(wall, cpu, "client", v.name(), rounds);
            }
            double[] w = wall.get(v.name());
            System.out.printf(Locale.ROOT, "%-22s %14s %22s %16s   %s%n", v.name(), si(median(w)),
                    si(min(w)) + " .. " + si(max(w)), si(median(cpu.get(v.name()))), ratio);
        }
        System.out.println("(paired ratios: within each round, wall-clock and per-CPU-second rates; the reference for"
                + " the target is " + ref + ")");
    }

    private static String ratio(Map<String, double[]> wall, Map<String, double[]> cpu, String a, String b,
            int rounds) {
        double[] q = new double[rounds];
        double[] qc = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            q[i] = wall.get(a)[i] / wall.get(b)[i];
            qc[i] = cpu.get(a)[i] / cpu.get(b)[i];
        }
        return String.format(Locale.ROOT, "wall %.2f (%.2f .. %.2f), CPU %.2f (%.2f .. %.2f)", median(q), min(q),
                max(q), median(qc), min(qc), max(qc));
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(Double.NaN);
    }

    /** 3.91G, 24.1M, 312k. */
    static String si(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
