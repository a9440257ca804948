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

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The inbox storage on its own: lanes, the consumer's view of the current lane, and the counts that
 * other threads read (see MessageQueue's class documentation).
 */
@Timeout(60)
class MessageQueueTest {

    /** A message tagged with its sender and its position in that sender's sequence. */
    record Tagged(int sender, int seq) {
    }

    /**
     * Polls until {@code total} messages have come (spinning while the queue is empty), checking each
     * sender's order; returns how many came from each sender.
     */
    private static int[] takeInSendersOrder(MessageQueue q, int senders, int total) {
        int[] next = new int[senders];
        int got = 0;
        while (got < total) {
            Object m = q.poll();
            if (m == null) {
                Thread.onSpinWait();
                continue;
            }
            Tagged t = (Tagged) m;
            assertThat(t.seq()).as("sender %d's order", t.sender()).isEqualTo(next[t.sender()]);
            next[t.sender()]++;
            got++;
        }
        return next;
    }

    private static Thread offerFrom(MessageQueue q, int sender, int count) {
        return Thread.ofPlatform().start(() -> {
            for (int i = 0; i < count; i++) {
                q.offer(new Tagged(sender, i));
            }
        });
    }

    @Test
    void messagesFromOneThreadComeOutInSendOrderAcrossEveryChunkSize() {
        MessageQueue q = new MessageQueue();
        int n = 5000; // chunks of 8, 16, ..., 1024, then several of 1024
        for (int i = 0; i < n; i++) {
            q.offer(i);
        }
        for (int i = 0; i < n; i++) {
            assertThat(q.isEmpty()).isFalse();
            assertThat(q.peek()).isEqualTo(i);
            assertThat(q.poll()).isEqualTo(i);
        }
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.peek()).isNull();
        assertThat(q.poll()).isNull();
    }

    @Test
    void sizeNeverShowsFewerThanAreLeftAndIsExactOnceTheConsumerSyncs() {
        MessageQueue q = new MessageQueue();
        for (int i = 0; i < 100; i++) {
            q.offer(i);
        }
        for (int i = 0; i < 10; i++) {
            q.poll();
        }
        assertThat(q.size()).isBetween(90, 100); // taken from the view, counted in the lane at the next sync
        q.sync();
        assertThat(q.size()).isEqualTo(90);
        while (q.poll() != null) {
            // drain: finding the lane empty brings its count up to date
        }
        assertThat(q.size()).isZero();
    }

    @Test
    void aLaneGivesAtMost256InARowWhileAnotherLaneHasMessagesAndEachLaneKeepsItsOrder() throws Exception {
        MessageQueue q = new MessageQueue();
        Thread a = offerFrom(q, 0, 1000);
        Thread b = offerFrom(q, 1, 1000);
        a.join();
        b.join();
        int[] next = new int[2];
        int run = 0;
        int last = -1;
        List<Integer> runs = new ArrayList<>();
        Object m;
        while ((m = q.poll()) != null) {
            Tagged t = (Tagged) m;
            assertThat(t.seq()).as("sender %d's order", t.sender()).isEqualTo(next[t.sender()]);
            next[t.sender()]++;
            if (t.sender() != last && run > 0) {
                runs.add(run);
                run = 0;
            }
            last = t.sender();
            run++;
            if (next[0] < 1000 && next[1] < 1000) {
                assertThat(run).as("messages in a row from one lane while the other waits").isLessThanOrEqualTo(256);
            }
        }
        assertThat(next).containsExactly(1000, 1000);
        assertThat(runs.size()).as("lane switches").isGreaterThanOrEqualTo(6);
    }

    @Test
    void aTakenMessageIsNoLongerHeldByTheQueueOnceTheConsumerLooksAgain() {
        MessageQueue q = new MessageQueue();
        WeakReference<Object> taken = offerAndTakeABigMessage(q);
        q.offer("next");
        assertThat(q.poll()).isEqualTo("next");
        assertThat(q.isEmpty()).isTrue(); // the view is used up: the consumer looks again, and its slots are cleared
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (taken.get() != null && System.nanoTime() < deadline) {
            System.gc();
        }
        assertThat(taken.get()).as("the taken message, still reachable").isNull();
    }

    private static WeakReference<Object> offerAndTakeABigMessage(MessageQueue q) {
        Object big = new byte[1 << 20];
        q.offer(big);
        assertThat(q.poll()).isSameAs(big);
        return new WeakReference<>(big);
    }

    @Test
    void theLaneOfAProducerThatEndedIsDroppedOnceItIsDrained() throws Exception {
        MessageQueue q = new MessageQueue();
        Thread t = offerFrom(q, 0, 3);
        t.join();
        assertThat(q.laneCount()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(((Tagged) q.poll()).seq()).isEqualTo(i);
        }
        assertThat(q.poll()).isNull();
        assertThat(q.laneCount()).isZero();
        q.offer("again"); // a new lane for this thread; the queue goes on working
        assertThat(q.poll()).isEqualTo("again");
    }

    @Test
    void aConsumerLetsGoOfIdleLanesBeyondEightAndStillGetsWhatTheirSendersSendLater() throws Exception {
        MessageQueue q = new MessageQueue();
        int senders = 50;
        CountDownLatch again = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(senders);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().start(() -> {
                q.offer(new Tagged(sender, 0));
                first.countDown();
                try {
                    again.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                q.offer(new Tagged(sender, 1));
            }));
        }
        first.await();
        for (int i = 0; i < senders; i++) {
            assertThat(((Tagged) q.poll()).seq()).isZero();
        }
        assertThat(q.poll()).isNull();
        assertThat(q.keptCount()).as("lanes still looked at while empty").isLessThanOrEqualTo(MessageQueue.KEEP);
        again.countDown(); // every sender, let go of or not, sends once more
        for (Thread t : threads) {
            t.join();
        }
        boolean[] seen = new boolean[senders];
        for (int i = 0; i < senders; i++) {
            Tagged t = (Tagged) q.poll();
            assertThat(t).as("message %d of the second round", i).isNotNull();
            assertThat(t.seq()).isEqualTo(1);
            seen[t.sender()] = true;
        }
        assertThat(seen).containsOnly(true);
        assertThat(q.poll()).isNull();
        assertThat(q.laneCount()).as("lanes of threads that have ended, once drained").isZero();
    }

    @Test
    void aConsumerRacingSixteenStopAndGoProducersGetsEveryMessageOnceInEachSendersOrder() throws Exception {
        // more producers than the consumer keeps while empty, each pausing now and then, so that lanes
        // are let go of and scheduled again while messages race in
        MessageQueue q = new MessageQueue();
        int producers = 16;
        int perSender = 40_000;
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < producers; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perSender; i++) {
                    q.offer(new Tagged(sender, i));
                    if ((i + sender) % 97 == 0) {
                        Thread.yield();
                    }
                }
            }));
        }
        int[] next = takeInSendersOrder(q, producers, producers * perSender);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(q.poll()).isNull();
        assertThat(next).containsOnly(perSender);
    }

    @Test
    void aConsumerRacingThreeProducersGetsEveryMessageOnceInEachSendersOrder() throws Exception {
        MessageQueue q = new MessageQueue();
        int perSender = 300_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int sender = s;
            senders.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < perSender; i++) {
                    q.offer(new Tagged(sender, i));
                }
            }));
        }
        AtomicReference<String> sizeProblem = new AtomicReference<>();
        Thread watcher = Thread.ofPlatform().start(() -> { // size() from another thread: never negative
            while (!Thread.currentThread().isInterrupted()) {
                int sz = q.size();
                if (sz < 0 || sz > 3 * perSender) {
                    sizeProblem.set("size " + sz);
                }
            }
        });
        go.countDown();
        int[] next = takeInSendersOrder(q, 3, 3 * perSender);
        for (Thread s : senders) {
            s.join();
        }
        watcher.interrupt();
        watcher.join();
        assertThat(q.poll()).isNull();
        assertThat(next).containsExactly(perSender, perSender, perSender);
        assertThat(sizeProblem.get()).isNull();
        assertThat(q.size()).isZero();
    }
}
