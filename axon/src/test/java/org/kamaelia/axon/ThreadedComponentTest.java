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
package org.kamaelia.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.TestComponents.Collector;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;

/** Threaded components: axon-semantics.md §2.K, statements 123-136. */
@Timeout(30)
class ThreadedComponentTest {
    private final Scheduler scheduler = new Scheduler("threaded");

    static final class Echo extends ThreadedComponent {
        final AtomicReference<Thread> ranOn = new AtomicReference<>();

        Echo() {
        }

        Echo(ThreadType t) {
            super(t);
        }

        @Override
        protected void main() {
            ranOn.set(Thread.currentThread());
            for (;;) {
                Object m = recv("inbox", Duration.ofMillis(50)); // blocking receive with a timeout
                if (m != null) {
                    send(m, "outbox");
                }
                if (dataReady("control")) {
                    Object c = recv("control");
                    while (dataReady("inbox")) {
                        send(recv("inbox"), "outbox");
                    }
                    send(c, "signal");
                    return;
                }
            }
        }
    }

    @Test
    void itHasTheStandardBoxesAndRunsMainOnAPlatformThreadOfItsOwnByDefault() throws Exception { // 123, 124
        Echo e = new Echo();
        assertThat(e.inboxNames()).containsExactly("control", "inbox");
        assertThat(e.outboxNames()).containsExactly("outbox", "signal");
        assertThat(e.threadType()).isEqualTo(ThreadedComponent.ThreadType.PLATFORM);
        e.activate(scheduler);
        e.deliver(new ProducerFinished(), "control");
        assertThat(e.join(Duration.ofSeconds(10))).isTrue();
        assertThat(e.ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(e.ranOn.get().isVirtual()).isFalse();
        assertThat(e.ranOn.get().isDaemon()).isTrue();
    }

    @Test
    void onRequestMainRunsOnAVirtualThread() throws Exception {
        Echo e = new Echo(ThreadedComponent.ThreadType.VIRTUAL);
        e.activate(scheduler);
        e.deliver(new ProducerFinished(), "control");
        assertThat(e.join(Duration.ofSeconds(10))).isTrue();
        assertThat(e.ranOn.get().isVirtual()).isTrue();
    }

    @Test
    void dataFlowsInAndOutAndTheComponentEndsWhenMainReturns() throws Exception { // 125, 126, 133
        Echo e = new Echo();
        Collector sink = new Collector();
        e.link(e, "outbox", sink, "inbox");
        e.link(e, "signal", sink, "control");
        e.activate(scheduler);
        sink.activate(scheduler);
        List<Integer> sent = new ArrayList<>();
        Handle h = new Handle(e, new String[0]); // puts that wait for space: the inbox has the default bound
        for (int i = 0; i < 10_000; i++) {
            assertThat(h.put(i, "inbox", Duration.ofSeconds(10))).isTrue();
            sent.add(i);
        }
        e.deliver(new ProducerFinished(), "control");
        assertThat(sink.finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.items).isEqualTo(new ArrayList<Object>(sent));
        assertThat(e.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void theBlockingReceiveReturnsNullWhenNothingArrivesInTime() throws Exception {
        AtomicReference<Object> got = new AtomicReference<>("unset");
        ThreadedComponent c = new ThreadedComponent() {
            @Override
            protected void main() {
                got.set(recv("inbox", Duration.ofMillis(30)));
            }
        };
        c.activate(scheduler);
        assertThat(c.join(Duration.ofSeconds(10))).isTrue();
        assertThat(got.get()).isNull();
    }

    @Test
    void theBlockingReceiveWakesAsSoonAsAMessageArrives() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Object> got = new AtomicReference<>();
        ThreadedComponent c = new ThreadedComponent() {
            @Override
            protected void main() {
                waiting.countDown();
                got.set(recv("inbox", Duration.ofSeconds(20)));
            }
        };
        c.activate(scheduler);
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        c.deliver("hello", "inbox");
        assertThat(c.join(Duration.ofSeconds(10))).isTrue();
        assertThat(got.get()).isEqualTo("hello");
    }

    @Test
    void anExceptionInTheThreadEndsThisComponentOnlyWithAnErrorOnSignal() throws Exception { // 136 (not kept)
        Collector sink = new Collector();
        ThreadedComponent c = new ThreadedComponent() {
            @Override
            protected void main() {
                throw new ArithmeticException("divided by zero");
            }
        };
        c.link(c, "signal", sink, "control");
        sink.activate(scheduler);
        c.activate(scheduler);
        assertThat(sink.finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.control.get(0)).isInstanceOf(ErrorInformation.class);
        assertThat(c.failure()).get().isInstanceOf(ArithmeticException.class);
        assertThat(scheduler.awaitTermination(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aHelperThreadCanSendBlockingOnTheComponentsBehalfWhileMainWatchesControl() throws Exception {
        CountDownLatch all = new CountDownLatch(1000);
        Collector sink = new Collector(o -> all.countDown());
        sink.setInboxSize("inbox", 4);
        ThreadedComponent c = new ThreadedComponent(ThreadedComponent.ThreadType.VIRTUAL) {
            @Override
            protected void main() throws Exception {
                Thread helper = Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 1000; i++) {
                        sendBlocking(i, "outbox");
                    }
                });
                while (!dataReady("control")) {
                    pause();
                }
                helper.join();
                send(recv("control"), "signal");
            }
        };
        c.link(c, "outbox", sink, "inbox");
        c.link(c, "signal", sink, "control");
        sink.activate(scheduler);
        c.activate(scheduler);
        assertThat(all.await(20, TimeUnit.SECONDS)).as("all 1000 arrive through a box of 4").isTrue();
        c.deliver(new ProducerFinished(), "control");
        assertThat(sink.finished.await(10, TimeUnit.SECONDS)).isTrue();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(i);
        }
        assertThat(sink.items).isEqualTo(expected);
    }
}
