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

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Scheduler;

/**
 * Many senders into one inbox, where every sending thread has a lane of its own (see MessageQueue).
 *
 * <ul>
 *   <li>{@code dense}: N source components send 2,000,000 messages in all into one sink, as fast as they
 *       can; messages per second.
 *   <li>{@code sparse}: N - 1 threads have each sent one message and stay alive (so their lanes stay),
 *       and one component more sends 20,000 messages through its outbox one at a time, each after the
 *       previous one was taken; microseconds per message. This is a hub with many quiet clients.
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.kamaelia.bench.axon.FanInProbe dense|sparse [rounds]}.
 */
public final class FanInProbe {
    private static final Integer PAYLOAD = 42;
    private static final int[] SENDERS = {1, 10, 100, 1000, 10_000};

    private FanInProbe() {
    }

    /** Sends n messages. */
    static final class Source extends Component {
        private final int n;

        Source(int n) {
            this.n = n;
        }

        @Override
        protected void main() {
            for (int i = 0; i < n; i++) {
                send(PAYLOAD, "outbox");
            }
        }
    }

    /** Counts the Integer messages it takes; ends on anything on "control". */
    static final class Sink extends Component {
        final AtomicLong taken = new AtomicLong();

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    if (recv("inbox") instanceof Integer) {
                        taken.incrementAndGet();
                    }
                }
                if (dataReady("control")) {
                    return;
                }
                pause();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args.length > 0 ? args[0] : "dense";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < rounds; r++) {
            for (int n : SENDERS) {
                if (mode.equals("sparse")) {
                    sparse(r, n);
                } else {
                    dense(r, n);
                }
            }
        }
    }

    private static void dense(int round, int senders) {
        int total = 2_000_000;
        Sink sink = new Sink();
        Source[] sources = new Source[senders];
        for (int i = 0; i < senders; i++) {
            sources[i] = new Source(total / senders);
            sources[i].link(sources[i], "outbox", sink, "inbox");
        }
        Scheduler s = new Scheduler("fan-in");
        long t0 = System.nanoTime();
        sink.activate(s);
        for (Source src : sources) {
            src.activate(s);
        }
        while (sink.taken.get() < total) {
            Thread.onSpinWait();
        }
        long t1 = System.nanoTime();
        sink.deliver("stop", "control");
        sink.join(Duration.ofSeconds(30));
        System.out.printf("dense round %d, %5d senders: %.1f M msgs/s%n", round, senders, total / ((t1 - t0) / 1e3));
    }

    private static void sparse(int round, int lanes) throws InterruptedException {
        int messages = 20_000;
        Sink sink = new Sink();
        sink.activate(new Scheduler("sparse"));
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(lanes - 1);
        for (int i = 0; i < lanes - 1; i++) {
            Thread.ofVirtual().start(() -> {
                sink.deliver("hello", "inbox");
                sent.countDown();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        sent.await();
        long[] times = new long[2];
        Component pacer = new Component() { // sends through an outbox (its lane is cached), one at a time
            @Override
            protected void main() {
                times[0] = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    send(i, "outbox");
                    while (sink.taken.get() <= i) {
                        Thread.onSpinWait();
                    }
                }
                times[1] = System.nanoTime();
            }
        };
        pacer.link(pacer, "outbox", sink, "inbox");
        pacer.activate(new Scheduler("pacer"));
        pacer.join(Duration.ofMinutes(5));
        long t0 = times[0];
        long t1 = times[1];
        hold.countDown();
        sink.deliver("stop", "control");
        sink.join(Duration.ofSeconds(30));
        System.out.printf("sparse round %d, %5d lanes: %.1f us per message%n", round, lanes, (t1 - t0) / 1e3 / messages);
    }
}
