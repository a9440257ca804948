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
package org.kamaelia.bench.axon;

import java.lang.management.ManagementFactory;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.chassis.Pipeline;

/**
 * A quick A/B probe for the send/recv path when the machine is too busy for wall-clock numbers: it
 * pushes messages through a Pipeline of N pass-through stages and reports both messages per second
 * and messages per CPU-second of the whole process (which other processes' load disturbs far less).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.kamaelia.bench.axon.PipelineCpuProbe [stages] [runs] [capacity|ring]}
 * (capacity: every inbox along the pipeline bounded to that many messages; 0, the default, unbounded;
 * {@code ring}: the bare-ring reference, {@link SpscRingPipeline}, instead of Axon).
 */
public final class PipelineCpuProbe {
    private PipelineCpuProbe() {
    }

    public static void main(String[] args) {
        int stages = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean ring = args.length > 2 && args[2].equals("ring");
        int capacity = args.length > 2 && !ring ? Integer.parseInt(args[2]) : 0;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < runs; r++) {
            if (ring) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                try {
                    SpscRingPipeline.run(stages, PipelineThroughputBenchmark.MESSAGES, 42);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                report(r, t0, System.nanoTime(), cpu0, os.getProcessCpuTime());
                continue;
            }
            Component[] cs = new Component[stages + 2];
            cs[0] = capacity > 0 ? new PipelineThroughputBenchmark.BlockingSource() : new PipelineThroughputBenchmark.Source();
            for (int i = 1; i <= stages; i++) {
                cs[i] = capacity > 0 ? new PipelineThroughputBenchmark.BlockingStage() : new PipelineThroughputBenchmark.Stage();
            }
            PipelineThroughputBenchmark.Sink sink = new PipelineThroughputBenchmark.Sink();
            cs[stages + 1] = sink;
            if (capacity > 0) {
                for (int i = 1; i < cs.length; i++) {
                    cs[i].setInboxSize("inbox", capacity);
                }
            }
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            new Pipeline(cs).activate(new Scheduler("probe"));
            cs[0].scheduler(); // keep the reference
            while (!sink.isFinished()) {
                sink.join();
            }
            long t1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            report(r, t0, t1, cpu0, cpu1);
        }
    }

    private static void report(int run, long t0, long t1, long cpu0, long cpu1) {
        double n = PipelineThroughputBenchmark.MESSAGES;
        System.out.printf("run %d: %,.0f msgs/s wall, %,.0f msgs per CPU-second%n", run,
                n / ((t1 - t0) / 1e9), n / ((cpu1 - cpu0) / 1e9));
    }
}
