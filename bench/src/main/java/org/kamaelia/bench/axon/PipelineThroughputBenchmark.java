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

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.chassis.Pipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * Messages per second end to end through a Pipeline of 1 or 10 pass-through components written with
 * the public API (each stage: {@code while (dataReady("inbox")) send(recv("inbox"))}), and, in the same
 * run, references of the same shape: bare SPSC rings, platform threads joined by LinkedBlockingQueues, and
 * Reactor, RxJava, Pekko Streams, SubmissionPublisher and the Disruptor, each stage of which is an asynchronous
 * boundary (it may run on a thread of its own, as each Axon component does). Every reference counts what
 * reaches its end and throws when it is not {@link #MESSAGES}, so a broken reference cannot report a good figure.
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

    /** The same payload, {@link #MESSAGES} times, without allocating: {@code nCopies} holds one element. */
    private static final List<Integer> ALL = Collections.nCopies(MESSAGES, PAYLOAD);

    private static long checked(long count) {
        if (count != MESSAGES) {
            throw new AssertionError("counted " + count + " (expected: " + MESSAGES + ")");
        }
        return count;
    }

    /**
     * Reactor 3: {@code stages} × ({@code publishOn(Schedulers.parallel())} then {@code map(identity)}), default
     * prefetch (256). The map after each publishOn keeps Reactor from fusing two hops into one queue; the source
     * (an iterable) is fused into the first hop, so the source has no thread of its own.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long referenceReactor() {
        Flux<Integer> f = Flux.fromIterable(ALL);
        for (int s = 0; s < stages; s++) {
            f = f.publishOn(reactor.core.scheduler.Schedulers.parallel()).map(x -> x);
        }
        return checked(f.count().block());
    }

    /** RxJava 3: as {@link #referenceReactor}, with {@code observeOn(Schedulers.computation())} (buffer 128). */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long referenceRxJava() {
        Flowable<Integer> f = Flowable.fromIterable(ALL);
        for (int s = 0; s < stages; s++) {
            f = f.observeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()).map(x -> x);
        }
        return checked(f.count().blockingGet());
    }

    /** One ActorSystem (default configuration, default dispatcher) per trial, for {@link #referencePekkoStreams}. */
    @State(Scope.Benchmark)
    public static class PekkoSystem {
        ActorSystem system;

        @Setup(Level.Trial)
        public void start() {
            system = ActorSystem.create("bench");
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException, ExecutionException {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }

    /**
     * Pekko Streams: {@code Source.from(...)}, then {@code stages} × {@code map(identity).async()} (each an island of
     * its own, default input buffer 16), into a counting {@code Sink.foreach} (an island of its own too).
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long referencePekkoStreams(PekkoSystem pekko) throws InterruptedException, ExecutionException {
        org.apache.pekko.stream.javadsl.Source<Integer, ?> f = org.apache.pekko.stream.javadsl.Source.from(ALL);
        for (int s = 0; s < stages; s++) {
            f = f.map(x -> x).async();
        }
        long[] count = new long[1];
        // The sink's stage writes count; the completion of the future orders that before our read.
        f.runWith(org.apache.pekko.stream.javadsl.Sink.foreach(x -> count[0]++), pekko.system).toCompletableFuture().get();
        return checked(count[0]);
    }

    /**
     * One stage of {@link #referenceSubmissionPublisher}: subscribes with an unbounded demand and re-publishes
     * each item; backpressure is {@code submit} blocking while the next subscriber's buffer (256) is full.
     */
    static final class Relay extends SubmissionPublisher<Integer> implements Flow.Processor<Integer, Integer> {
        Relay(ExecutorService executor) {
            super(executor, Flow.defaultBufferSize());
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Integer item) {
            submit(item);
        }

        @Override
        public void onError(Throwable throwable) {
            closeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            close();
        }
    }

    /** The end of {@link #referenceSubmissionPublisher}: counts, then opens its latch. */
    static final class Counter implements Flow.Subscriber<Integer> {
        final CountDownLatch done = new CountDownLatch(1);
        long count;
        volatile Throwable failure;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Integer item) {
            count++;
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }
    }

    /**
     * java.util.concurrent.SubmissionPublisher: the benchmark thread submits into a publisher, then {@code stages}
     * {@link Relay}s, then a {@link Counter}; each publisher delivers from a single-thread executor of its own
     * (the common pool has parallelism 1 on two cores), so every hop is a thread.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long referenceSubmissionPublisher() throws InterruptedException {
        ExecutorService[] executors = new ExecutorService[stages + 1];
        for (int i = 0; i < executors.length; i++) {
            executors[i] = Executors.newSingleThreadExecutor();
        }
        try {
            SubmissionPublisher<Integer> source = new SubmissionPublisher<>(executors[0], Flow.defaultBufferSize());
            SubmissionPublisher<Integer> last = source;
            for (int s = 1; s <= stages; s++) {
                Relay relay = new Relay(executors[s]);
                last.subscribe(relay);
                last = relay;
            }
            Counter counter = new Counter();
            last.subscribe(counter);
            for (int i = 0; i < MESSAGES; i++) {
                source.submit(PAYLOAD);
            }
            source.close();
            counter.done.await();
            if (counter.failure != null) {
                throw new AssertionError("failed", counter.failure);
            }
            return checked(counter.count);
        } finally {
            for (ExecutorService e : executors) {
                e.shutdownNow();
            }
        }
    }

    /** A slot of {@link #referenceDisruptor}'s ring. */
    static final class Slot {
        Integer value;
    }

    /**
     * LMAX Disruptor 4: one ring (4096 slots, single producer, YieldingWaitStrategy: the blocking strategy
     * busy-spins a handler that waits on the handler before it, which twelve threads on two cores cannot afford),
     * {@code stages} handlers in a chain ({@code handleEventsWith(h1).then(h2)...}), each on its own thread and each
     * copying the slot's value, then a counting handler. The benchmark thread publishes.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long referenceDisruptor() throws InterruptedException {
        Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 4096, DaemonThreadFactory.INSTANCE,
                ProducerType.SINGLE, new YieldingWaitStrategy());
        CountDownLatch done = new CountDownLatch(1);
        long[] count = new long[1];
        EventHandler<Slot> counter = (slot, sequence, endOfBatch) -> {
            if (slot.value == PAYLOAD && ++count[0] == MESSAGES) {
                done.countDown();
            }
        };
        EventHandler<Slot> identity = (slot, sequence, endOfBatch) -> slot.value = slot.value;
        EventHandlerGroup<Slot> chain = null;
        for (int s = 0; s < stages; s++) {
            chain = chain == null ? disruptor.handleEventsWith(identity) : chain.then(identity);
        }
        if (chain == null) {
            disruptor.handleEventsWith(counter);
        } else {
            chain.then(counter);
        }
        RingBuffer<Slot> ring = disruptor.start();
        try {
            for (int i = 0; i < MESSAGES; i++) {
                long seq = ring.next();
                ring.get(seq).value = PAYLOAD;
                ring.publish(seq);
            }
            done.await();
        } finally {
            disruptor.halt();
        }
        // The counter wrote count before opening the latch.
        return checked(count[0]);
    }
}
