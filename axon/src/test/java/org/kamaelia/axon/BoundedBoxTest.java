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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.BoxesAndDeliveryTest.Idle;
import org.kamaelia.axon.TestComponents.Body;

/** Size-limited boxes and backpressure: axon-semantics.md §2.F, statements 81-89, and §2.E 72. */
@Timeout(60)
class BoundedBoxTest {
    private final Scheduler scheduler = new Scheduler("bounded");

    /** Links a's outbox to b's inbox, limits that inbox to 5 and fills it with 0..4. */
    private static void fillBoxOfFive(Idle a, Idle b) {
        b.setInboxSize("inbox", 5);
        a.link(a, "outbox", b, "inbox");
        for (int i = 0; i < 5; i++) {
            a.put(i, "outbox");
        }
    }

    @Test
    void aBoxOfFiveTakesFiveAndTheSixthSendFailsNamingComponentBoxSizeAndCapacity() { // 81-83, 89
        Idle a = new Idle();
        Idle b = new Idle();
        fillBoxOfFive(a, b);
        assertThatThrownBy(() -> a.put(5, "outbox"))
                .isInstanceOfSatisfying(BoxFullException.class, e -> {
                    assertThat(e.component()).isEqualTo(b.name());
                    assertThat(e.box()).isEqualTo("inbox");
                    assertThat(e.size()).isEqualTo(5);
                    assertThat(e.capacity()).isEqualTo(5);
                })
                .hasMessageContaining(b.name() + " inbox 'inbox' is full (5 messages, capacity 5)")
                .hasMessageContaining("send on " + a.name() + " outbox 'outbox'");
        for (int i = 0; i < 5; i++) {
            assertThat(b.take("inbox")).isEqualTo(i); // the refused message was not delivered
        }
        assertThat(b.ready("inbox")).isFalse();
    }

    @Test
    void aLimitSetAfterSomeMessagesWereReceivedCountsThemAsGoneOnceTheReceiverPauses() throws Exception {
        Idle a = new Idle();
        Body reader = new Body(self -> {
            for (int i = 0; i < 2; i++) {
                self.take("inbox");
            }
            while (!self.ready("control")) {
                self.sleepUntilWoken();
            }
        });
        a.link(a, "outbox", reader, "inbox");
        for (int i = 0; i < 5; i++) {
            a.put(i, "outbox");
        }
        reader.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(5))).isTrue(); // it has read 2 and paused
        reader.setInboxSize("inbox", 4); // 3 are left: room for exactly one more
        a.put(5, "outbox");
        assertThatThrownBy(() -> a.put(6, "outbox")).isInstanceOf(BoxFullException.class);
        reader.deliver("stop", "control");
        assertThat(reader.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void receivingThreeFromAFullBoxAllowsExactlyThreeMoreSends() { // 84
        Idle a = new Idle();
        Idle b = new Idle();
        fillBoxOfFive(a, b);
        for (int i = 0; i < 3; i++) {
            b.take("inbox");
        }
        for (int i = 0; i < 3; i++) {
            a.put(i, "outbox");
        }
        assertThatThrownBy(() -> a.put("one too many", "outbox")).isInstanceOf(BoxFullException.class);
    }

    @Test
    void aLimitOnAnInboxThatOnlyForwardsHasNoEffectUntilItBecomesTheFinalDestination() { // 85, 86
        Idle a = new Idle();
        Idle middle = new Idle();
        Idle end = new Idle();
        middle.setInboxSize("inbox", 2);
        a.link(a, "outbox", middle, "inbox");
        Linkage pass = middle.linkInbox("inbox", end, "inbox");
        for (int i = 0; i < 10; i++) {
            a.put(i, "outbox");
        }
        middle.unlink(pass);
        a.put("first", "outbox");
        a.put("second", "outbox");
        assertThatThrownBy(() -> a.put("third", "outbox")).isInstanceOf(BoxFullException.class);
    }

    @Test
    void removingTheLimitLetsAnyNumberIn() { // 87
        Idle a = new Idle();
        Idle b = new Idle();
        fillBoxOfFive(a, b);
        b.setInboxSize("inbox", Component.UNBOUNDED);
        for (int i = 0; i < 500; i++) {
            a.put(i, "outbox");
        }
        assertThat(b.droppedCount("inbox")).isZero();
    }

    @Test
    void everyProducerFeedingOneLimitedInboxDirectlyOrThroughPassthroughsSharesTheLimit() { // 88
        Idle sink = new Idle();
        sink.setInboxSize("inbox", 16);
        Idle direct1 = new Idle();
        Idle direct2 = new Idle();
        Idle parent = new Idle();
        Idle child = new Idle();
        Idle parent2 = new Idle();
        Idle child2 = new Idle();
        direct1.link(direct1, "outbox", sink, "inbox");
        direct2.link(direct2, "outbox", sink, "inbox");
        parent.linkOutbox(child, "outbox", "outbox");
        parent.link(parent, "outbox", sink, "inbox");
        parent2.linkOutbox(child2, "outbox", "outbox");
        parent2.link(parent2, "outbox", sink, "inbox");
        Idle[] producers = {direct1, direct2, child, child2};
        for (int i = 0; i < 16; i++) {
            producers[i % 4].put(i, "outbox");
        }
        for (Idle p : producers) {
            assertThatThrownBy(() -> p.put("over", "outbox")).isInstanceOf(BoxFullException.class);
        }
    }

    @Test
    void aNegativeCapacityIsRefusedWithTheExpectedRange() {
        Idle a = new Idle();
        assertThatThrownBy(() -> a.setInboxSize("inbox", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: -1 (expected: >= 1, or 0 for unbounded)");
    }

    @Test
    void aProducerRefusedForLackOfSpaceIsWokenWhenTheConsumerTakesAMessage() throws Exception { // 72 (kept form)
        CountDownLatch refused = new CountDownLatch(1);
        CountDownLatch consume = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        Idle sink = new Idle();
        sink.setInboxSize("inbox", 1);
        Body producer = new Body(self -> {
            self.put("fills it", "outbox");
            for (;;) {
                attempts.incrementAndGet();
                try {
                    self.put("waits for space", "outbox");
                    return;
                } catch (BoxFullException e) {
                    refused.countDown();
                    self.sleepUntilWoken();
                }
            }
        });
        producer.link(producer, "outbox", sink, "inbox");
        producer.activate(scheduler);
        assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(sink.take("inbox")).isEqualTo("fills it");
        assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(sink.take("inbox")).isEqualTo("waits for space");
        consume.countDown();
    }

    @Test
    void aBlockingSendWaitsForSpaceAndLosesNothingNorReorders() throws Exception {
        int n = 100_000;
        TestComponents.Collector sink = new TestComponents.Collector();
        sink.setInboxSize("inbox", 8);
        TestComponents.Counter source = new TestComponents.Counter(n);
        Component top = TestComponents.pair(source, sink);
        top.activate(scheduler);
        assertThat(top.join(Duration.ofSeconds(50))).isTrue();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        assertThat(sink.items).isEqualTo(expected);
    }

    @Test
    void aSenderWaitingForSpaceGoesOnOnceTheReceiverHasTakenHalfTheBoxWithoutTheReceiverWaiting() throws Exception {
        Idle sink = new Idle(); // never activated: the test thread takes from it, and it never pauses
        sink.setInboxSize("inbox", 4);
        Body producer = new Body(self -> {
            for (int i = 0; i < 6; i++) {
                self.sendBlockingForTest(i, null);
            }
        });
        producer.link(producer, "outbox", sink, "inbox");
        producer.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(5))).isTrue(); // 0-3 in, waiting to send 4
        assertThat(sink.take("inbox")).isEqualTo(0);
        assertThat(sink.take("inbox")).isEqualTo(1); // half of 4 taken: the producer is woken
        assertThat(producer.join(Duration.ofSeconds(5))).as("the producer sent its last two").isTrue();
        for (int i = 2; i < 6; i++) {
            assertThat(sink.take("inbox")).isEqualTo(i);
        }
        assertThat(sink.ready("inbox")).isFalse();
    }

    @Test
    void aBlockingSendWithATimeoutGivesUpAndKeepsTheMessage() throws Exception {
        AtomicInteger result = new AtomicInteger(-1);
        Idle sink = new Idle();
        sink.setInboxSize("inbox", 1);
        Body producer = new Body(self -> {
            self.put("fills it", "outbox");
            result.set(self.sendBlockingForTest("no room", Duration.ofMillis(100)) ? 1 : 0);
        });
        producer.link(producer, "outbox", sink, "inbox");
        producer.activate(scheduler);
        assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(result.get()).isZero();
        assertThat(sink.take("inbox")).isEqualTo("fills it");
        assertThat(sink.ready("inbox")).isFalse();
    }

    @Test
    void recvBatchTakesUpToMaxInOrderAndWakesASenderWaitingForSpace() throws Exception {
        Body sink = new Body(self -> {
            Object[] got = new Object[4];
            List<Object> all = new ArrayList<>();
            while (all.size() < 10) {
                int n = self.takeBatch("inbox", got, 3);
                assertThat(n).isBetween(0, 3);
                for (int i = 0; i < n; i++) {
                    all.add(got[i]);
                }
                if (n == 0) {
                    self.sleepUntilWoken();
                }
            }
            assertThat(all).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(self.takeBatch("inbox", got, 4)).as("empty: 0, not an error").isZero();
        });
        sink.setInboxSize("inbox", 2);
        Body producer = new Body(self -> {
            for (int i = 0; i < 10; i++) {
                self.putBlocking(i, "outbox"); // waits for space: only a batch take can make room
            }
        });
        producer.link(producer, "outbox", sink, "inbox");
        sink.activate(scheduler);
        producer.activate(scheduler);
        assertThat(sink.join(Duration.ofSeconds(10))).isTrue();
        assertThat(sink.failure()).isEmpty();
        assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void recvBatchRefusesAMaxLargerThanTheArrayNamingBoth() {
        Body c = new Body(self -> { });
        assertThatThrownBy(() -> c.takeBatch("inbox", new Object[2], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max: 3").hasMessageContaining("2");
        assertThatThrownBy(() -> c.takeBatch("nosuch", new Object[2], 1)).isInstanceOf(NoSuchBoxException.class);
    }

    @Test
    void sendUnlessWaitsForSpaceByPausingAndDeliversOnceTheConsumerTakesOne() throws Exception {
        AtomicInteger result = new AtomicInteger(-1);
        AtomicInteger asked = new AtomicInteger();
        Idle sink = new Idle();
        sink.setInboxSize("inbox", 1);
        Body producer = new Body(self -> {
            self.put("fills it", "outbox");
            result.set(self.sendUnlessForTest("waits", () -> {
                asked.incrementAndGet();
                return false;
            }) ? 1 : 0);
        });
        producer.link(producer, "outbox", sink, "inbox");
        producer.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue(); // the producer is paused, not spinning
        assertThat(asked.get()).isPositive();
        assertThat(producer.isFinished()).isFalse();
        assertThat(sink.take("inbox")).isEqualTo("fills it");
        assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(result.get()).isEqualTo(1);
        assertThat(sink.take("inbox")).isEqualTo("waits");
    }

    @Test
    void sendUnlessGivesUpWhenItsConditionSaysSoAfterAControlMessageWakesIt() throws Exception {
        AtomicInteger result = new AtomicInteger(-1);
        Idle sink = new Idle(); // never reads
        sink.setInboxSize("inbox", 1);
        Body producer = new Body(self -> {
            self.put("fills it", "outbox");
            result.set(self.sendUnlessForTest("never delivered", () -> self.ready("control")) ? 1 : 0);
        });
        producer.link(producer, "outbox", sink, "inbox");
        producer.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        producer.deliver("stop", "control");
        assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(result.get()).isZero();
        assertThat(sink.take("inbox")).isEqualTo("fills it");
        assertThat(sink.ready("inbox")).as("the abandoned message stays with the sender").isFalse();
    }

    @Test
    void aGraphStuckOnFullInboxesIsReportedAsDeadlockedWhenQuiescent() throws Exception {
        Idle sink = new Idle(); // never reads
        sink.setInboxSize("inbox", 2);
        sink.activate(scheduler);
        Body producer = new Body(self -> {
            for (int i = 0; i < 10; i++) {
                self.putBlocking(i, "outbox");
            }
        });
        producer.link(producer, "outbox", sink, "inbox");
        producer.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(scheduler.blockedOnFullInboxes()).containsExactly(producer);
        sink.deliver("stop", "control"); // once the sink is gone, deliveries to it are dropped: the producer goes on
        assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(sink.droppedCount("inbox")).isEqualTo(10);
    }
}
