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

import java.util.concurrent.TimeUnit;
import org.kamaelia.axon.Component;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one hop on one thread, with no other core involved: {@code send} on an outbox linked to
 * an inbox, then {@code dataReady} and {@code recv} on that inbox, in batches of 64. It isolates the
 * instructions of the send/recv path from the cache traffic and scheduling of a real pipeline, so
 * changes to the path can be compared even on a busy machine.
 *
 * <p>Run: {@code bench/run-jmh SendRecvBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SendRecvBenchmark {
    private static final Integer PAYLOAD = 42;
    private static final int BATCH = 64;

    /** Exposes the protected API to the benchmark thread. It is never activated. */
    static final class Loop extends Component {
        @Override
        protected void main() {
        }

        void put(Object m) {
            send(m, "outbox");
        }

        boolean ready() {
            return dataReady("inbox");
        }

        Object take() {
            return recv("inbox");
        }
    }

    private Loop loop;

    @Setup
    public void setUp() {
        loop = new Loop();
        loop.link(loop, "outbox", loop, "inbox");
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sendThenDrain() {
        Loop l = loop;
        for (int i = 0; i < BATCH; i++) {
            l.put(PAYLOAD);
        }
        int n = 0;
        while (l.ready()) {
            l.take();
            n++;
        }
        return n;
    }
}
