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

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.chassis.Pipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second end to end through a Pipeline of 1 or 10 pass-through components written with
 * the public API (each stage: {@code while (dataReady("inbox")) send(recv("inbox"))}), and, in the same
 * run, the reference of the same shape: platform threads joined by LinkedBlockingQueues.
 *
 * <p>Run: {@code bench/run-jmh PipelineThroughputBenchmark}. One operation is one message delivered
 * to the sink; each invocation pushes {@link #MESSAGES} messages through a fresh graph.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PipelineThroughputBenchmark {
    static final int MESSAGES = 2_000_000;
    private static final Integer PAYLOAD = 42;
    private static final Object END = new Object();

    @Param({"1", "10"})
    public int stages;

    /** Sends MESSAGES messages, then ProducerFinished. */
    static final class Source extends Component {
        @Override
        protected void main() {
            for (int i = 0; i < MESSAGES; i++) {
                send(PAYLOAD, "outbox");
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /** The stage the issue names: drain inbox to outbox, then look at control, then pause. */
    static final class Stage extends Component {
        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    send(recv("inbox"), "outbox");
                }
                if (dataReady("control")) {
                    while (dataReady("inbox")) {
                        send(recv("inbox"), "outbox");
                    }
                    send(recv("control"), "signal");
                    return;
                }
                pause();
            }
        }
    }

    /** As {@link Source}, with a blocking send: for bounded inboxes. */
    static final class BlockingSource extends Component {
        @Override
        protected void main() {
            for (int i = 0; i < MESSAGES; i++) {
                sendBlocking(PAYLOAD, "outbox");
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /** As {@link Stage}, with a blocking send: for bounded inboxes. */
    static final class BlockingStage extends Component {
        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    sendBlocking(recv("inbox"), "outbox");
                }
                if (dataReady("control")) {
                    while (dataReady("inbox")) {
                        sendBlocking(recv("inbox"), "outbox");
                    }
                    send(recv("control"), "signal");
                    return;
                }
                pause();
            }
        }
    }

    /** Counts what arrives; ends on ProducerFinished. */
    static final class Sink extends Component {
        long count;

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    recv("inbox");
                    count++;
                }
                if (dataReady("control")) {
                    while (dataReady("inbox")) {
                        recv("inbox");
                        count++;
                    }
                    return;
                }
                pause();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long axonPipeline() {
        Component[] cs = new Component[stages + 2];
        cs[0] = new Source();
        for (int i = 1; i <= stages; i++) {
            cs[i] = new Stage();
        }
        Sink sink = new Sink();
        cs[stages + 1] = sink;
        Pipeline p = new Pipeline(cs);
        p.activate(new Scheduler("bench"));
        p.join();
        if (sink.count != MESSAGES) {
            throw new AssertionError("sink counted " + sink.count);
        }
        return sink.count;
    }

    /** The hardware's limit for this shape: see {@link SpscRingPipeline}. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long referenceSpscRingsVirtualThreads() throws InterruptedException {
        long count = SpscRingPipeline.run(stages, MESSAGES, PAYLOAD);
        if (count != MESSAGES) {
            throw new AssertionError("counted " + count);
        }
        return count;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long referenceBlockingQueueThreads() throws InterruptedException {
        @SuppressWarnings("unchecked")
        LinkedBlockingQueue<Object>[] qs = new LinkedBlockingQueue[stages + 1];
        for (int i = 0; i < qs.length; i++) {
            qs[i] = new LinkedBlockingQueue<>();
        }
        Thread[] threads = new Thread[stages + 1];
        threads[0] = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                qs[0].add(PAYLOAD);
            }
            qs[0].add(END);
        });
        for (int s = 1; s <= stages; s++) {
            LinkedBlockingQueue<Object> in = qs[s - 1];
            LinkedBlockingQueue<Object> out = qs[s];
            threads[s] = Thread.ofPlatform().start(() -> {
                try {
                    for (;;) {
                        Object o = in.take();
                        out.add(o);
                        if (o == END) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        long count = 0;
        LinkedBlockingQueue<Object> last = qs[stages];
        for (;;) {
            Object o = last.take();
            if (o == END) {
                break;
            }
            count++;
        }
        for (Thread t : threads) {
            t.join();
        }
        if (count != MESSAGES) {
            throw new AssertionError("counted " + count);
        }
        return count;
    }
}
