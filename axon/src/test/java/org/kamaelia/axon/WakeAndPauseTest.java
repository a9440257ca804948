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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.TestComponents.Body;

/** Wake-ups and pause(): axon-semantics.md §2.E, statements 69-80, and architecture.md §3.4. */
@Timeout(60)
class WakeAndPauseTest {
    private final Scheduler scheduler = new Scheduler("wake");

    /** Counts how often its loop turns; pauses after each turn. */
    static final class LoopCounter extends Component {
        final AtomicLong turns = new AtomicLong();
        final AtomicLong received = new AtomicLong();

        @Override
        protected void main() {
            for (;;) {
                turns.incrementAndGet();
                while (dataReady("inbox")) {
                    recv("inbox");
                    received.incrementAndGet();
                }
                if (dataReady("control")) {
                    return;
                }
                pause();
            }
        }

        void sendOut(Object m) {
            send(m, "outbox");
        }
    }

    private static void awaitParked(Component c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.isPaused()) {
            assertThat(System.nanoTime()).as(c.name() + " parks").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void aPausedComponentWithNothingArrivingStaysParkedAndDoesNotSpin() throws Exception { // 69
        LoopCounter c = new LoopCounter();
        c.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        long turns = c.turns.get();
        assertThat(c.isPaused()).isTrue();
        // Quiescence is counted just before the thread parks: wait for the park itself.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (c.thread().getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the paused thread parks").isLessThan(deadline);
            Thread.onSpinWait();
        }
        // Another component runs a thousand wake-ups of its own meanwhile: ours must not turn at all.
        LoopCounter busy = new LoopCounter();
        busy.activate(scheduler);
        for (int i = 0; i < 1000; i++) {
            busy.deliver(i, "inbox");
        }
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(busy.received.get()).isEqualTo(1000);
        assertThat(c.turns.get()).isEqualTo(turns);
        c.deliver("stop", "control");
        busy.deliver("stop", "control");
        assertThat(scheduler.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aDeliveryWakesTheReceiverAndSendingDoesNotWakeTheSender() throws Exception { // 70, 71
        LoopCounter sender = new LoopCounter();
        LoopCounter receiver = new LoopCounter();
        sender.link(sender, "outbox", receiver, "inbox");
        sender.activate(scheduler);
        receiver.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        long senderTurns = sender.turns.get();
        long receiverTurns = receiver.turns.get();
        sender.sendOut("hello"); // sent from the test thread on the sender's behalf
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(receiver.received.get()).isEqualTo(1);
        assertThat(receiver.turns.get()).isEqualTo(receiverTurns + 1);
        assertThat(sender.turns.get()).isEqualTo(senderTurns);
        sender.deliver("stop", "control");
        receiver.deliver("stop", "control");
        assertThat(scheduler.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void inAChainOnlyTheFinalInboxOwnerIsWoken() throws Exception { // 73
        LoopCounter parent = new LoopCounter();
        LoopCounter child = new LoopCounter();
        parent.linkInbox("inbox", child, "inbox");
        parent.activate(scheduler);
        child.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        long parentTurns = parent.turns.get();
        parent.deliver("through", "inbox");
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(child.received.get()).isEqualTo(1);
        assertThat(parent.turns.get()).isEqualTo(parentTurns);
        parent.deliver("stop", "control");
        child.deliver("stop", "control");
        assertThat(scheduler.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aWakeUpThatCameWhileRunningIsKeptSoPauseReturnsAtOnce() throws Exception {
        CountDownLatch delivered = new CountDownLatch(1);
        CountDownLatch pausedOnce = new CountDownLatch(1);
        Body c = new Body(self -> {
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue(); // running, not paused
            self.sleepUntilWoken(); // must return at once: the delivery came while we ran
            pausedOnce.countDown();
        });
        c.activate(scheduler);
        c.deliver("while running", "inbox");
        delivered.countDown();
        assertThat(pausedOnce.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(c.join(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void unreadMessagesAlreadyThereDoNotByThemselvesKeepAComponentAwake() throws Exception {
        AtomicInteger timedOut = new AtomicInteger();
        Body c = new Body(self -> {
            self.sleepUntilWoken(); // consumes the wake-up of the first delivery
            if (!self.sleepUntilWoken(Duration.ofMillis(200))) { // the message is unread, but no new wake-up
                timedOut.incrementAndGet();
            }
        });
        c.deliver("unread", "inbox");
        c.activate(scheduler);
        assertThat(c.join(Duration.ofSeconds(10))).isTrue();
        assertThat(timedOut.get()).isEqualTo(1);
        assertThat(c.failure()).isEmpty();
    }

    @Test
    void pauseNeverMissesAWakeUpInAMillionRacingPingPongs() throws Exception { // architecture §3.4
        int rounds = 200_000;
        Body[] pair = new Body[2];
        AtomicLong pongs = new AtomicLong();
        pair[0] = new Body(self -> {
            for (int i = 0; i < rounds; i++) {
                self.put(i, "outbox");
                while (!self.ready("inbox")) {
                    self.sleepUntilWoken();
                }
                self.take("inbox");
            }
        });
        pair[1] = new Body(self -> {
            for (int i = 0; i < rounds; i++) {
                while (!self.ready("inbox")) {
                    self.sleepUntilWoken();
                }
                self.put(self.take("inbox"), "outbox");
                pongs.incrementAndGet();
            }
        });
        pair[0].link(pair[0], "outbox", pair[1], "inbox");
        pair[1].link(pair[1], "outbox", pair[0], "inbox");
        pair[0].activate(scheduler);
        pair[1].activate(scheduler);
        assertThat(pair[0].join(Duration.ofSeconds(50))).as("ping-pong completes: no lost wake-up").isTrue();
        assertThat(pair[1].join(Duration.ofSeconds(5))).isTrue();
        assertThat(pongs.get()).isEqualTo(rounds);
    }

    @Test
    void aChildFinishingWakesItsParent() throws Exception { // 79
        CountDownLatch release = new CountDownLatch(1);
        Body child = new Body(self -> assertThat(release.await(10, TimeUnit.SECONDS)).isTrue());
        Body parent = new Body(self -> {
            self.addChildren(child);
            child.activate();
            while (!child.isFinished()) {
                self.sleepUntilWoken();
            }
        });
        parent.activate(scheduler);
        awaitParked(parent);
        release.countDown();
        assertThat(parent.join(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aTimedPauseReturnsFalseWhenNothingWakesIt() throws Exception {
        AtomicInteger result = new AtomicInteger(-1);
        Body c = new Body(self -> result.set(self.sleepUntilWoken(Duration.ofMillis(50)) ? 1 : 0));
        c.activate(scheduler);
        assertThat(c.join(Duration.ofSeconds(10))).isTrue();
        assertThat(result.get()).isZero();
    }

    @Test
    void interruptingAPausedComponentEndsItWithAClearFailure() throws Exception {
        Body c = new Body(Body::sleepUntilWoken);
        c.activate(scheduler);
        awaitParked(c);
        c.thread().interrupt();
        assertThat(c.join(Duration.ofSeconds(10))).isTrue();
        assertThat(c.failure()).get().isInstanceOf(ComponentInterruptedException.class)
                .extracting(Throwable::getMessage).asString().contains(c.name());
    }
}
