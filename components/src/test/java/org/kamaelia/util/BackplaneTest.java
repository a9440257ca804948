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
package org.kamaelia.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kamaelia.util.TestSupport.WAIT;
import static org.kamaelia.util.TestSupport.awaitFinished;
import static org.kamaelia.util.TestSupport.awaitQuiet;
import static org.kamaelia.util.TestSupport.nextError;
import static org.kamaelia.util.TestSupport.start;
import static org.kamaelia.util.TestSupport.stopAndAwait;
import static org.kamaelia.util.TestSupport.take;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.CoordinatingAssistantTracker;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Pipeline;

@Timeout(60)
class BackplaneTest {

    /** Starts a backplane and waits until it can be found. */
    private static Backplane backplane(String name, Scheduler s) {
        Backplane b = new Backplane(name);
        b.activate(s);
        awaitQuiet(s);
        assertThat(b.isRegistered()).isTrue();
        return b;
    }

    private static void awaitSubscribers(Backplane b, int n, Scheduler s) {
        awaitQuiet(s);
        assertThat(b.subscriberCount()).isEqualTo(n);
    }

    @Test
    void everyPublishedMessageReachesEverySubscriberInOrder() throws Exception {
        Scheduler s = new Scheduler("backplane");
        Backplane b = backplane("NEWS", s);
        Handle sub1 = start(new SubscribeTo("NEWS"), s);
        Handle sub2 = start(new SubscribeTo("NEWS"), s);
        awaitSubscribers(b, 2, s);
        Handle pub1 = start(new PublishTo("NEWS"), s);
        Handle pub2 = start(new PublishTo("NEWS"), s);
        awaitQuiet(s);
        for (int i = 0; i < 100; i++) {
            pub1.put("one-" + i, "inbox");
        }
        pub2.put("two", "inbox");
        for (Handle sub : List.of(sub1, sub2)) {
            List<Object> got = take(sub, "outbox", 101);
            assertThat(got).contains("two");
            assertThat(got.stream().filter(m -> ((String) m).startsWith("one-")))
                    .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "one-" + i).toList());
        }
        assertThat(s.tracker().servicesRegistered()).contains("Backplane_I_NEWS", "Backplane_O_NEWS");
        stopAndAwait(b);
        assertThat(s.tracker().servicesRegistered()).doesNotContain("Backplane_I_NEWS", "Backplane_O_NEWS");
    }

    @Test
    void subscribersComeAndGoAndEachGetsWhatIsPublishedWhileItIsSubscribed() throws Exception {
        Scheduler s = new Scheduler("backplane-churn");
        Backplane b = backplane("CHAN", s);
        Handle pub = start(new PublishTo("CHAN"), s);
        SubscribeTo early = new SubscribeTo("CHAN");
        Handle earlyH = start(early, s);
        awaitSubscribers(b, 1, s);
        pub.put("before", "inbox");
        assertThat(earlyH.get("outbox", WAIT)).isEqualTo("before");

        SubscribeTo late = new SubscribeTo("CHAN");
        Handle lateH = start(late, s);
        awaitSubscribers(b, 2, s);
        pub.put("both", "inbox");
        assertThat(earlyH.get("outbox", WAIT)).isEqualTo("both");
        assertThat(lateH.get("outbox", WAIT)).isEqualTo("both");

        ProducerFinished leave = new ProducerFinished();
        earlyH.put(leave, "control");
        assertThat(earlyH.get("signal", WAIT)).isSameAs(leave);
        awaitFinished(early);
        awaitSubscribers(b, 1, s);
        pub.put("after", "inbox");
        assertThat(lateH.get("outbox", WAIT)).isEqualTo("after");
        awaitQuiet(s);
        assertThat(earlyH.poll("outbox")).isNull();
        assertThat(lateH.poll("outbox")).isNull();
        stopAndAwait(b);
    }

    @Test
    void stoppingAPublisherDoesNotStopTheBackplaneOrTheOtherPublishers() throws Exception {
        Scheduler s = new Scheduler("backplane-publisher-stops");
        Backplane b = backplane("P", s);
        Handle sub = start(new SubscribeTo("P"), s);
        PublishTo p1 = new PublishTo("P");
        Handle pub1 = start(p1, s);
        Handle pub2 = start(new PublishTo("P"), s);
        awaitSubscribers(b, 1, s);
        pub1.put("x", "inbox");
        ProducerFinished pf = new ProducerFinished();
        pub1.put(pf, "control");
        assertThat(pub1.get("signal", WAIT)).isSameAs(pf);
        awaitFinished(p1);
        pub2.put("y", "inbox");
        assertThat(take(sub, "outbox", 2)).containsExactly("x", "y");
        assertThat(b.isFinished()).isFalse();
        stopAndAwait(b);
    }

    @Test
    void producerFinishedToTheBackplanePublishesWhatIsLeftThenStopsItsSubscribersWithThatMessage() throws Exception {
        Scheduler s = new Scheduler("backplane-pf");
        Backplane b = backplane("END", s);
        SubscribeTo sub = new SubscribeTo("END");
        Handle subH = start(sub, s);
        awaitSubscribers(b, 1, s);
        Handle bh = new Handle(b, "signal");
        ProducerFinished pf = new ProducerFinished();
        b.deliver("last words", "inbox");
        b.deliver(pf, "control");
        assertThat(bh.get("signal", WAIT)).isSameAs(pf);
        assertThat(subH.get("outbox", WAIT)).isEqualTo("last words");
        assertThat(subH.get("signal", WAIT)).isSameAs(pf);
        awaitFinished(sub);
        awaitFinished(b);
    }

    @Test
    void shutdownMicroprocessToTheBackplaneStopsItsSubscribersAtOnce() throws Exception {
        Scheduler s = new Scheduler("backplane-sm");
        Backplane b = backplane("HALT", s);
        SubscribeTo sub = new SubscribeTo("HALT");
        Handle subH = start(sub, s);
        awaitSubscribers(b, 1, s);
        ShutdownMicroprocess sm = new ShutdownMicroprocess();
        b.deliver(sm, "control");
        assertThat(subH.get("signal", WAIT)).isSameAs(sm);
        awaitFinished(sub);
        awaitFinished(b);
    }

    @Test
    void aPublisherWaitsForABackplaneThatStartsAfterItAndPassesOnWhatWaitedMeanwhile() throws Exception {
        Scheduler s = new Scheduler("backplane-late-publisher");
        PublishTo p = new PublishTo("LATE");
        Handle pub = start(p, s);
        pub.put("sent before the backplane existed", "inbox");
        awaitQuiet(s);
        assertThat(p.linkages()).isEmpty();
        Backplane b = new Backplane("LATE");
        b.activate(s);
        awaitQuiet(s);
        assertThat(p.linkages()).singleElement().satisfies(l -> assertThat(l.sink()).isSameAs(b));
        assertThat(b.publishedCount()).as("the message that waited went on to the backplane").isEqualTo(1);
        Handle sub = start(new SubscribeTo("LATE"), s);
        awaitSubscribers(b, 1, s);
        pub.put("after", "inbox");
        assertThat(sub.get("outbox", WAIT)).isEqualTo("after");
        stopAndAwait(b);
        pub.put(new ShutdownMicroprocess(), "control");
        awaitFinished(p);
    }

    @Test
    void aSubscriberWaitsForABackplaneThatStartsAfterIt() throws Exception {
        Scheduler s = new Scheduler("backplane-late-subscriber");
        SubscribeTo sub = new SubscribeTo("LATE");
        Handle subH = start(sub, s);
        awaitQuiet(s);
        Backplane b = new Backplane("LATE");
        b.activate(s);
        awaitSubscribers(b, 1, s);
        b.deliver("news", "inbox");
        assertThat(subH.get("outbox", WAIT)).isEqualTo("news");
        ProducerFinished pf = new ProducerFinished();
        b.deliver(pf, "control");
        assertThat(subH.get("signal", WAIT)).isSameAs(pf);
        awaitFinished(sub);
        awaitFinished(b);
    }

    @Test
    void aBackplaneThatNeverAppearsIsAFailureNamingWhatWasMissing() throws Exception {
        Scheduler s = new Scheduler("backplane-missing");
        backplane("REAL", s);
        SubscribeTo sub = new SubscribeTo("TYPO", Duration.ofMillis(100), 0);
        Handle h = start(sub, s);
        ErrorInformation e = nextError(h);
        assertThat(e.exception()).isInstanceOf(IllegalStateException.class)
                .hasMessage(sub.name() + ": no backplane named 'TYPO' was registered on scheduler 'backplane-missing' "
                        + "within PT0.1S (backplanes there: [REAL])");
        awaitFinished(sub);
        PublishTo pub = new PublishTo("TYPO", Duration.ZERO);
        Handle ph = start(pub, s);
        assertThat(nextError(ph).exception()).hasMessageContaining("no backplane named 'TYPO'");
        awaitFinished(pub);
    }

    @Test
    void aStopMessageEndsASubscriberStillWaitingForItsBackplane() throws Exception {
        Scheduler s = new Scheduler("backplane-waiting-subscriber-stop");
        for (Object stop : List.of(new ProducerFinished(), new ShutdownMicroprocess())) {
            SubscribeTo sub = new SubscribeTo("NEVER");
            Handle h = start(sub, s);
            awaitQuiet(s);
            h.put(stop, "control");
            assertThat(h.get("signal", WAIT)).isSameAs(stop);
            awaitFinished(sub);
            assertThat(sub.failure()).isEmpty();
        }
    }

    @Test
    void shutdownMicroprocessEndsAPublisherStillWaitingForItsBackplaneDroppingWhatWaited() throws Exception {
        Scheduler s = new Scheduler("backplane-waiting-publisher-stop");
        PublishTo pub = new PublishTo("NEVER");
        Handle h = start(pub, s);
        h.put("lost", "inbox");
        awaitQuiet(s);
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        h.put(stop, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        awaitFinished(pub);
        assertThat(pub.failure()).isEmpty();
        assertThat(pub.droppedCount("inbox")).as("counted, not silently lost").isEqualTo(1);
    }

    @Test
    void producerFinishedToAPublisherStillWaitingLetsWhatWaitedReachTheBackplaneFirst() throws Exception {
        Scheduler s = new Scheduler("backplane-waiting-publisher-pf");
        PublishTo pub = new PublishTo("LATER");
        Handle h = start(pub, s);
        h.put("kept", "inbox");
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        awaitQuiet(s);
        assertThat(pub.isFinished()).as("still waiting for the backplane").isFalse();
        Backplane b = new Backplane("LATER");
        b.activate(s);
        assertThat(h.get("signal", WAIT)).isSameAs(pf);
        awaitFinished(pub);
        awaitQuiet(s);
        assertThat(b.publishedCount()).isEqualTo(1);
        stopAndAwait(b);
    }

    @Test
    void aSecondBackplaneOfTheSameNameOnTheSameSchedulerFails() throws Exception {
        Scheduler s = new Scheduler("backplane-duplicate");
        Backplane first = backplane("ONE", s);
        Backplane second = new Backplane("ONE");
        Handle h = start(second, s);
        assertThat(nextError(h).exception()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a backplane named 'ONE' is already registered on this scheduler ("
                        + first.name());
        awaitFinished(second);
        assertThat(first.isRegistered()).isTrue();
        stopAndAwait(first);
        Backplane third = backplane("ONE", s); // the name is free again once the first has stopped
        stopAndAwait(third);
    }

    @Test
    void backplanesOfTheSameNameOnTwoSchedulersNeverSeeEachOthersMessages() throws Exception {
        Scheduler a = new Scheduler("backplane-a");
        Scheduler b = new Scheduler("backplane-b");
        Backplane ba = backplane("SHARED", a);
        Backplane bb = backplane("SHARED", b);
        Collector subA = new Collector();
        Collector subB = new Collector();
        new Pipeline(new SubscribeTo("SHARED"), subA).activate(a);
        new Pipeline(new SubscribeTo("SHARED"), subB).activate(b);
        awaitSubscribers(ba, 1, a);
        awaitSubscribers(bb, 1, b);
        new Pipeline(DataSource.of("for a 1", "for a 2"), new PublishTo("SHARED")).activate(a);
        new Pipeline(DataSource.of("for b"), new PublishTo("SHARED")).activate(b);
        assertThat(subA.awaitItems(2, WAIT)).isTrue();
        assertThat(subB.awaitItems(1, WAIT)).isTrue();
        awaitQuiet(a);
        awaitQuiet(b);
        assertThat(subA.items()).containsExactly("for a 1", "for a 2");
        assertThat(subB.items()).containsExactly("for b");
        CoordinatingAssistantTracker ta = a.tracker();
        assertThat(ta.retrieveService("Backplane_I_SHARED").component()).isSameAs(ba);
        assertThat(b.tracker().retrieveService("Backplane_I_SHARED").component()).isSameAs(bb);
        ba.deliver(new ProducerFinished(), "control");
        bb.deliver(new ProducerFinished(), "control");
        assertThat(subA.awaitFinished(WAIT)).isTrue();
        assertThat(subB.awaitFinished(WAIT)).isTrue();
        assertThat(a.awaitTermination(WAIT)).isTrue();
        assertThat(b.awaitTermination(WAIT)).isTrue();
    }

    @Test
    void aBoundedSubscriberSlowsTheBackplaneInsteadOfQueueingWithoutLimit() throws Exception {
        Scheduler s = new Scheduler("backplane-bounded");
        Backplane b = backplane("BULK", s);
        SubscribeTo sub = new SubscribeTo("BULK", Duration.ofSeconds(10), 2);
        TestSupport.Gate gate = new TestSupport.Gate(1);
        Collector other = new Collector();
        TestSupport.Body top = new TestSupport.Body(self -> {
            self.link(sub, "outbox", gate, "inbox");
            self.addChildren(sub, gate);
            sub.activate();
            gate.activate();
            while (!sub.isFinished()) {
                self.waitForWakeUp();
            }
        });
        top.activate(s);
        new Pipeline(new SubscribeTo("BULK"), other).activate(s);
        awaitSubscribers(b, 2, s);
        for (int i = 0; i < 50; i++) {
            b.deliver(i, "inbox");
        }
        awaitQuiet(s);
        // gate inbox 1 + the message SubscribeTo is sending + its inbox of 2 + the one the backplane is sending
        assertThat(other.size()).isLessThanOrEqualTo(5);
        gate.allow(Integer.MAX_VALUE);
        assertThat(other.awaitItems(50, WAIT)).isTrue();
        awaitQuiet(s);
        assertThat(gate.snapshot()).hasSize(50);
        stopAndAwait(b);
        gate.deliver(new ShutdownMicroprocess(), "control");
        awaitFinished(top);
    }

    @Test
    void connectedPublishersAndSubscribersStopOnEitherControlMessageAndLeaveTheBackplaneRunning() throws Exception {
        Scheduler s = new Scheduler("backplane-clients-stop");
        Backplane b = backplane("STOPS", s);
        for (Object stop : List.of(new ProducerFinished(), new ShutdownMicroprocess())) {
            SubscribeTo sub = new SubscribeTo("STOPS");
            PublishTo pub = new PublishTo("STOPS");
            Handle subH = start(sub, s);
            Handle pubH = start(pub, s);
            awaitSubscribers(b, 1, s);
            pubH.put("hi", "inbox");
            assertThat(subH.get("outbox", WAIT)).isEqualTo("hi");
            for (Handle h : List.of(subH, pubH)) {
                h.put(stop, "control");
                assertThat(h.get("signal", WAIT)).isSameAs(stop);
            }
            awaitFinished(sub);
            awaitFinished(pub);
            awaitSubscribers(b, 0, s);
            assertThat(b.isFinished()).isFalse();
        }
        stopAndAwait(b);
    }

    @Test
    void aSubscriberHoldsAtMostTheDefaultBoundUnlessGivenACapacityOrUnbounded() {
        assertThat(new SubscribeTo("A").hasDefaultInboxSize(SubscribeTo.FROM_BACKPLANE)).isTrue();
        assertThat(new SubscribeTo("B", Duration.ZERO, 5).inboxSize(SubscribeTo.FROM_BACKPLANE)).isEqualTo(5);
        assertThat(new SubscribeTo("C", Duration.ZERO, Component.UNBOUNDED).inboxSize(SubscribeTo.FROM_BACKPLANE))
                .isEqualTo(Component.UNBOUNDED);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Backplane("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name: \"\" (expected: a non-empty string)");
        assertThatThrownBy(() -> new Backplane(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PublishTo("x", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wait: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> new SubscribeTo("x", Duration.ZERO, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new SubscribeTo("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backplaneName: \"\" (expected: a non-empty string)");
    }
}
