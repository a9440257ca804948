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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.BoxesAndDeliveryTest.Idle;
import org.kamaelia.axon.TestComponents.Body;
import org.kamaelia.axon.TestComponents.Collector;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Inboxes are bounded by default ({@link Component#DEFAULT_INBOX_SIZE} per sender, soft), and a plain
 * send at that bound waits for space: one stalled consumer slows its producers instead of taking the
 * whole JVM down, and the wait still ends on a ShutdownMicroprocess. (The original's default was
 * unbounded: a defect we do not keep.)
 */
@Timeout(60)
class DefaultBoundTest {
    private static final int MOST_PER_SENDER = Component.DEFAULT_INBOX_SIZE + MessageQueue.MAX_CHUNK - 1;
    private final Scheduler scheduler = new Scheduler("default-bound");

    /** Sends 0..n-1 with a plain send, then ProducerFinished; records how far it got. */
    static final class PlainProducer extends Component {
        final int n;
        final AtomicInteger sent = new AtomicInteger();

        PlainProducer(int n) {
            this.n = n;
        }

        @Override
        protected void main() {
            for (int i = 0; i < n; i++) {
                send(i, "outbox");
                sent.incrementAndGet();
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /** Waits until the graph is stuck, then asks {@code c} to stop: it must end, and cleanly. */
    private ShutdownMicroprocess stopWhenStuck(Component c) {
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(20))).isTrue();
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        c.deliver(stop, "control");
        assertThat(c.join(Duration.ofSeconds(10))).isTrue();
        assertThat(c.failure()).isEmpty();
        return stop;
    }

    @Test
    void everyInboxHasTheDefaultBoundUntilItsSizeIsSet() {
        Idle c = new Idle("extra");
        assertThat(c.inboxSize("inbox")).isEqualTo(Component.DEFAULT_INBOX_SIZE);
        assertThat(c.hasDefaultInboxSize("inbox")).isTrue();
        assertThat(c.hasDefaultInboxSize("extra")).isTrue();
        c.setInboxSize("inbox", Component.UNBOUNDED);
        assertThat(c.hasDefaultInboxSize("inbox")).isFalse();
        assertThat(c.inboxSize("inbox")).isEqualTo(Component.UNBOUNDED);
    }

    @Test
    void aProducerSendingToAStageThatNeverReadsWaitsAtTheDefaultBoundAndIsReportedBlocked() throws Exception {
        Idle sink = new Idle(); // never reads
        PlainProducer producer = new PlainProducer(100_000);
        producer.link(producer, "outbox", sink, "inbox");
        sink.activate(scheduler);
        producer.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(20))).isTrue();
        assertThat(sink.inbox("inbox").size()).isBetween(Component.DEFAULT_INBOX_SIZE, MOST_PER_SENDER);
        assertThat(producer.sent.get()).isEqualTo(sink.inbox("inbox").size());
        assertThat(scheduler.blockedOnFullInboxes()).containsExactly(producer);
        sink.deliver(new ShutdownMicroprocess(), "control"); // gone: what it is sent is dropped and counted
        assertThat(producer.join(Duration.ofSeconds(20))).isTrue();
        assertThat(sink.droppedCount("inbox")).isEqualTo(100_000);
    }

    @Test
    void aSendWaitingAtTheDefaultBoundGoesOnWhenTheConsumerCatchesUpAndLosesNothingNorReorders() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Object> got = new ArrayList<>();
        Body consumer = new Body(self -> {
            go.await();
            for (;;) {
                while (self.ready("inbox")) {
                    got.add(self.take("inbox"));
                }
                if (self.ready("control")) {
                    while (self.ready("inbox")) {
                        got.add(self.take("inbox"));
                    }
                    return;
                }
                self.sleepUntilWoken();
            }
        });
        PlainProducer producer = new PlainProducer(20_000);
        producer.link(producer, "outbox", consumer, "inbox");
        producer.link(producer, "signal", consumer, "control");
        consumer.activate(scheduler);
        producer.activate(scheduler);
        // the consumer is blocked on the latch (busy, not quiescent): wait for the producer to be stuck
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(producer.isPaused() && producer.parker.waitingOn != null) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(producer.parker.waitingOn).as("the producer waits for space").isNotNull();
        assertThat(producer.sent.get()).isLessThanOrEqualTo(MOST_PER_SENDER);
        go.countDown();
        assertThat(consumer.join(Duration.ofSeconds(20))).isTrue();
        assertThat(got).hasSize(20_000);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aSendWaitingAtTheDefaultBoundEndsOnAShutdownMicroprocessAndTheComponentPassesItOnWithoutFailing()
            throws Exception {
        Idle sink = new Idle();
        PlainProducer producer = new PlainProducer(100_000);
        Collector after = new Collector();
        producer.link(producer, "outbox", sink, "inbox");
        producer.link(producer, "signal", after, "control");
        sink.activate(scheduler);
        after.activate(scheduler);
        producer.activate(scheduler);
        ShutdownMicroprocess stop = stopWhenStuck(producer);
        assertThat(after.finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(after.control).containsExactly(stop);
        assertThat(producer.sent.get()).isLessThan(100_000);
        assertThat(scheduler.failures()).isEmpty();
        sink.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void aShutdownMicroprocessBehindAProducerFinishedInControlStillEndsTheWait() throws Exception {
        Idle sink = new Idle();
        PlainProducer producer = new PlainProducer(100_000);
        producer.link(producer, "outbox", sink, "inbox");
        sink.activate(scheduler);
        producer.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(20))).isTrue();
        producer.deliver(new ProducerFinished(), "control"); // upstream done: not a reason to stop sending
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(20))).isTrue();
        assertThat(producer.isFinished()).isFalse();
        stopWhenStuck(producer);
        sink.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void aShutdownRequestedExceptionCaughtByMainLeavesTheRequestInControl() throws Exception {
        Idle sink = new Idle();
        AtomicReference<Object> seen = new AtomicReference<>();
        Body producer = new Body(self -> {
            try {
                for (int i = 0; ; i++) {
                    self.put(i, "outbox");
                }
            } catch (ShutdownRequestedException e) {
                assertThat(e.component()).isEqualTo(self.name());
                assertThat(e).hasMessageContaining("asked to stop").hasMessageContaining(sink.name());
                seen.set(self.take("control"));
            }
        });
        producer.link(producer, "outbox", sink, "inbox");
        sink.activate(scheduler);
        producer.activate(scheduler);
        ShutdownMicroprocess stop = stopWhenStuck(producer);
        assertThat(seen.get()).isSameAs(stop);
        sink.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void aBlockingSendOnMainsThreadAlsoEndsOnAShutdownMicroprocess() throws Exception {
        Idle sink = new Idle();
        sink.setInboxSize("inbox", 1);
        Body producer = new Body(self -> {
            for (int i = 0; ; i++) {
                self.putBlocking(i, "outbox");
            }
        });
        producer.link(producer, "outbox", sink, "inbox");
        sink.activate(scheduler);
        producer.activate(scheduler);
        stopWhenStuck(producer);
        sink.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void aDeliveryFromOutsideIntoAnInboxAtItsDefaultBoundIsRefusedNamingTheBound() {
        Idle c = new Idle();
        int delivered = 0;
        BoxFullException refused = null;
        while (refused == null && delivered < 10_000) {
            try {
                c.deliver(delivered, "inbox");
                delivered++;
            } catch (BoxFullException e) {
                refused = e;
            }
        }
        assertThat(refused).isNotNull();
        assertThat(delivered).isBetween(Component.DEFAULT_INBOX_SIZE, MOST_PER_SENDER);
        assertThat(refused).hasMessageContaining("the default bound of " + Component.DEFAULT_INBOX_SIZE);
        assertThat(refused.capacity()).isEqualTo(Component.DEFAULT_INBOX_SIZE);
    }

    @Test
    void theDefaultBoundCanBeSetForTheJvmAndABadSettingIsRefusedNamingIt() {
        String name = "kamaelia.test.defaultInboxSize";
        try {
            assertThat(Checks.defaultInboxSize(name, 4096)).isEqualTo(4096);
            System.setProperty(name, " 100 ");
            assertThat(Checks.defaultInboxSize(name, 4096)).isEqualTo(100);
            for (String bad : new String[] {"0", "-3", "lots"}) {
                System.setProperty(name, bad);
                assertThatThrownBy(() -> Checks.defaultInboxSize(name, 4096))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("system property " + name + ": " + bad + " (expected: a whole number >= 1)");
            }
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void anInboxSetUnboundedTakesAnyNumber() {
        Idle c = new Idle();
        c.setInboxSize("inbox", Component.UNBOUNDED);
        for (int i = 0; i < 20_000; i++) {
            c.deliver(i, "inbox");
        }
        assertThat(c.inbox("inbox").size()).isEqualTo(20_000);
    }

    @Test
    void theRuntimesOwnEndOfLifeMessagesGoThroughAnInboxAtItsDefaultBound() throws Exception {
        Idle sink = new Idle(); // never reads
        Body failing = new Body(self -> {
            for (;;) {
                try {
                    self.put("fill", "outbox");
                } catch (ShutdownRequestedException e) {
                    throw new IllegalStateException("boom"); // fails while the destination is full
                }
            }
        });
        failing.link(failing, "outbox", sink, "inbox");
        failing.link(failing, "signal", sink, "inbox");
        sink.activate(scheduler);
        failing.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(20))).isTrue();
        int full = sink.inbox("inbox").size();
        failing.deliver(new ShutdownMicroprocess(), "control");
        assertThat(failing.join(Duration.ofSeconds(10))).isTrue();
        assertThat(failing.failure()).get().hasFieldOrPropertyWithValue("message", "boom");
        assertThat(sink.inbox("inbox").size()).as("ErrorInformation and ProducerFinished forced in")
                .isEqualTo(full + 2);
        sink.deliver(new ShutdownMicroprocess(), "control");
    }

    @Test
    void aCycleOfFullInboxesIsReportedAsDeadlockedRatherThanHangingSilently() throws Exception {
        PlainProducer a = new PlainProducer(100_000);
        PlainProducer b = new PlainProducer(100_000);
        a.link(a, "outbox", b, "inbox");
        b.link(b, "outbox", a, "inbox");
        a.activate(scheduler);
        b.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(20))).isTrue();
        assertThat(scheduler.blockedOnFullInboxes()).containsExactlyInAnyOrder(a, b);
        a.deliver(new ShutdownMicroprocess(), "control");
        b.deliver(new ShutdownMicroprocess(), "control");
        assertThat(a.join(Duration.ofSeconds(10))).isTrue();
        assertThat(b.join(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aComponentSendingToAHandleWaitsAtTheDefaultBoundUntilTheHandleIsRead() throws Exception {
        PlainProducer producer = new PlainProducer(10_000);
        Handle h = new Handle(producer);
        producer.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(20))).isTrue();
        assertThat(producer.isFinished()).isFalse();
        for (int i = 0; i < 10_000; i++) {
            assertThat(h.get("outbox", Duration.ofSeconds(10))).isEqualTo(i);
        }
        assertThat(h.get("signal", Duration.ofSeconds(10))).isInstanceOf(ProducerFinished.class);
        assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aSenderRefusedAgainAndAgainIsRegisteredToBeWokenOnlyOnce() throws Exception {
        Idle sink = new Idle();
        sink.setInboxSize("inbox", 1);
        CountDownLatch refusedOnce = new CountDownLatch(1);
        Body producer = new Body(self -> {
            self.put("fills it", "outbox");
            self.sendUnlessForTest("waits", () -> {
                refusedOnce.countDown();
                return self.ready("control") && "stop".equals(self.take("control"));
            });
        });
        producer.link(producer, "outbox", sink, "inbox");
        sink.activate(scheduler);
        producer.activate(scheduler);
        assertThat(refusedOnce.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 200; i++) { // each wakes the producer, which is refused and registers again
            producer.deliver("poke", "control");
            assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(sink.inbox("inbox").spaceWaiterCount()).isEqualTo(1);
        producer.deliver("stop", "control");
        sink.deliver(new ShutdownMicroprocess(), "control");
        assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    @Timeout(120)
    void oneStalledConsumerDoesNotKillAJvmWithA256MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = location(StalledConsumerMain.class) + File.pathSeparator + location(Component.class);
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", cp, StalledConsumerMain.class.getName())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(100, TimeUnit.SECONDS)).as("child ended").isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("producer blocked=true");
    }

    @Test
    void sendingIntoAFullDefaultBoundFromAHelperThreadCanBeInterrupted() throws Exception {
        Idle sink = new Idle();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Body owner = new Body(self -> {
            Thread helper = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; ; i++) {
                        self.put(i, "outbox");
                    }
                } catch (Throwable t) {
                    ended.set(t);
                } finally {
                    done.countDown();
                }
            });
            while (!self.ready("control")) {
                self.sleepUntilWoken();
            }
            helper.interrupt();
            helper.join();
        });
        owner.link(owner, "outbox", sink, "inbox");
        sink.activate(scheduler);
        owner.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(20))).isTrue();
        owner.deliver(new ShutdownMicroprocess(), "control");
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ended.get()).isInstanceOf(ComponentInterruptedException.class);
        assertThat(owner.join(Duration.ofSeconds(10))).isTrue();
        sink.deliver(new ShutdownMicroprocess(), "control");
    }
}
