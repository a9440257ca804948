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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.TestComponents.Body;
import org.kamaelia.axon.TestComponents.Collector;

/** Boxes and delivery: axon-semantics.md §2.C, statements 39-53. */
@Timeout(30)
class BoxesAndDeliveryTest {
    private final Scheduler scheduler = new Scheduler("boxes");

    @AfterEach
    void allFinished() {
        for (Component c : scheduler.liveComponents()) {
            c.deliver(new org.kamaelia.axon.ipc.ShutdownMicroprocess(), "control");
        }
        assertThat(scheduler.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }

    /** A component that does nothing until told to stop; its boxes are driven by the test. */
    static final class Idle extends Component {
        Idle() {
        }

        Idle(String extraInbox) {
            declareInbox(extraInbox, "an extra inbox for the test");
        }

        @Override
        protected void main() {
            while (!dataReady("control")) {
                pause();
            }
        }

        boolean ready(String box) {
            return dataReady(box);
        }

        Object take(String box) {
            return recv(box);
        }

        void put(Object m, String box) {
            send(m, box);
        }

        boolean any() {
            return anyReady();
        }

        int dataCountForTest(String box) {
            return dataCount(box);
        }
    }

    @Test
    void aPlainComponentHasExactlyTheFourStandardBoxesAllEmptyAndNoChildren() { // 39
        Idle c = new Idle();
        assertThat(c.inboxNames()).containsExactly("control", "inbox");
        assertThat(c.outboxNames()).containsExactly("outbox", "signal");
        assertThat(c.ready("inbox")).isFalse();
        assertThat(c.ready("control")).isFalse();
        assertThat(c.childComponents()).isEmpty();
        assertThat(c.inboxDescriptions()).allSatisfy((k, v) -> assertThat(v).isNotBlank());
    }

    @Test
    void inboxesHaveTheDefaultBoundUnlessALimitIsSetAndUnboundedLiftsIt() { // 40 (changed: see DefaultBoundTest), 87
        Idle c = new Idle();
        assertThat(c.inboxSize("inbox")).isEqualTo(Component.DEFAULT_INBOX_SIZE);
        c.setInboxSize("inbox", Component.UNBOUNDED);
        for (int i = 0; i < 10_000; i++) {
            c.deliver(i, "inbox");
        }
        assertThat(c.dataCountForTest("inbox")).isEqualTo(10_000);
    }

    @Test
    void dataCountCountsExactlyWhatIsLeftAfterSomeWereReceived() {
        Idle c = new Idle();
        for (int i = 0; i < 100; i++) {
            c.deliver(i, "inbox");
        }
        for (int i = 0; i < 30; i++) {
            assertThat(c.take("inbox")).isEqualTo(i);
        }
        assertThat(c.dataCountForTest("inbox")).isEqualTo(70);
    }

    @Test
    void aComponentThatFinishesWithMessagesUnreadHasExactlyThoseCountedAsDropped() throws Exception {
        Body reader = new Body(self -> {
            while (!self.ready("control")) {
                self.sleepUntilWoken();
            }
            for (int i = 0; i < 2; i++) {
                self.take("inbox");
            }
        });
        for (int i = 0; i < 5; i++) {
            reader.deliver(i, "inbox");
        }
        reader.activate(scheduler);
        reader.deliver("stop", "control");
        assertThat(reader.join(Duration.ofSeconds(5))).isTrue();
        assertThat(reader.droppedCount("inbox")).isEqualTo(3); // read 2 of 5
        reader.deliver("late", "inbox");
        assertThat(reader.droppedCount("inbox")).isEqualTo(4);
    }

    @Test
    void sendHasPutTheMessageIntoTheFinalInboxWhenItReturnsAndPassesItByReference() { // 41, 42
        Idle a = new Idle();
        Idle b = new Idle();
        a.link(a, "outbox", b, "inbox");
        Object msg = new Object();
        a.put(msg, "outbox");
        assertThat(b.ready("inbox")).isTrue();
        assertThat(b.take("inbox")).isSameAs(msg);
    }

    @Test
    void sendingOnAnOutboxWithNoLinkDropsTheMessageAndCountsIt() { // 43
        Idle a = new Idle();
        a.put("lost", "outbox");
        a.put("lost too", "outbox");
        assertThat(a.unlinkedDropCount("outbox")).isEqualTo(2);
    }

    @Test
    void recvReturnsMessagesInFifoOrderAndAnEmptyInboxIsAnErrorNamingComponentAndBox() { // 44
        Idle c = new Idle();
        c.deliver("one", "inbox");
        c.deliver("two", "inbox");
        assertThat(c.take("inbox")).isEqualTo("one");
        assertThat(c.take("inbox")).isEqualTo("two");
        assertThatThrownBy(() -> c.take("inbox"))
                .isInstanceOf(EmptyBoxException.class)
                .hasMessageContaining(c.name())
                .hasMessageContaining("'inbox'");
    }

    @Test
    void dataReadyFollowsSendsAndReceivesOnEveryBox() { // 45
        Idle c = new Idle();
        for (String box : List.of("inbox", "control")) {
            assertThat(c.ready(box)).isFalse();
            c.deliver("x", box);
            c.deliver("y", box);
            assertThat(c.ready(box)).isTrue();
            c.take(box);
            assertThat(c.ready(box)).isTrue();
            c.take(box);
            assertThat(c.ready(box)).isFalse();
        }
    }

    @Test
    void anInboxPassedThroughToAChildNeverReportsDataReady() { // 46
        Idle parent = new Idle();
        Idle child = new Idle();
        parent.linkInbox("inbox", child, "inbox");
        parent.deliver("to the child", "inbox");
        assertThat(parent.ready("inbox")).isFalse();
        assertThat(child.take("inbox")).isEqualTo("to the child");
    }

    @Test
    void anyReadyIsTrueOnlyWhenSomeInboxHoldsAMessage() { // 47
        Idle c = new Idle("extra");
        assertThat(c.any()).isFalse();
        c.deliver("x", "extra");
        assertThat(c.any()).isTrue();
        c.take("extra");
        assertThat(c.any()).isFalse();
    }

    @Test
    void anUndeclaredBoxNameIsAnErrorThatNamesTheComponentTheBoxAndTheBoxesItHas() { // 48
        Idle c = new Idle();
        assertThatThrownBy(() -> c.take("inbx"))
                .isInstanceOf(NoSuchBoxException.class)
                .hasMessageContaining(c.name())
                .hasMessageContaining("'inbx'")
                .hasMessageContaining("[control, inbox]");
        assertThatThrownBy(() -> c.put("x", "outbx")).isInstanceOf(NoSuchBoxException.class)
                .hasMessageContaining("outbox named 'outbx'");
        assertThatThrownBy(() -> c.deliver("x", "nope")).isInstanceOf(NoSuchBoxException.class);
    }

    @Test
    void messagesMergedFromSeveralSourcesKeepTheOrderOfTheSendCalls() { // 49
        Idle a = new Idle();
        Idle b = new Idle();
        Idle sink = new Idle();
        a.link(a, "outbox", sink, "inbox");
        b.link(b, "outbox", sink, "inbox");
        a.put(1, "outbox");
        b.put(2, "outbox");
        a.put(3, "outbox");
        assertThat(List.of(sink.take("inbox"), sink.take("inbox"), sink.take("inbox"))).containsExactly(1, 2, 3);
    }

    @Test
    void messagesWaitingInAnInboxMoveToTheNewFinalInboxWhenItIsLinkedOnward() { // 50
        Idle parent = new Idle();
        Idle child = new Idle();
        parent.deliver("early 1", "inbox");
        parent.deliver("early 2", "inbox");
        parent.linkInbox("inbox", child, "inbox");
        parent.deliver("late", "inbox");
        assertThat(List.of(child.take("inbox"), child.take("inbox"), child.take("inbox")))
                .containsExactly("early 1", "early 2", "late");
    }

    /**
     * Only an inbox's owner takes messages out of it, so when another thread links a running owner's
     * inbox onward, the owner moves what was waiting when it next pauses (it is woken for that).
     */
    @Test
    void aLinkMadeByAnotherThreadWhileTheOwnerRunsStillMovesWaitingMessages() throws Exception { // 50
        CountDownLatch started = new CountDownLatch(1);
        Collector child = new Collector();
        Body parent = new Body(self -> {
            started.countDown();
            while (!child.isFinished()) {
                self.sleepUntilWoken();
            }
        });
        parent.addChildren(child);
        parent.activate(scheduler);
        child.activate(scheduler);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        parent.deliver("waiting", "inbox");
        child.link(parent, "inbox", child, "inbox", Linkage.Passthrough.INBOX);
        parent.deliver("after", "inbox");
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(child.items).containsExactlyInAnyOrder("waiting", "after");
        child.deliver(new org.kamaelia.axon.ipc.ProducerFinished(), "control");
        assertThat(child.finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(child.items).containsExactlyInAnyOrder("waiting", "after");
    }

    @Test
    void removingALinkNeverTakesBackMessagesAlreadyDelivered() { // 51
        Idle a = new Idle();
        Idle b = new Idle();
        Linkage l = a.link(a, "outbox", b, "inbox");
        a.put("kept", "outbox");
        a.unlink(l);
        a.put("dropped", "outbox");
        assertThat(b.take("inbox")).isEqualTo("kept");
        assertThat(b.ready("inbox")).isFalse();
        assertThat(a.unlinkedDropCount("outbox")).isEqualTo(1);
    }

    @Test
    void sendingToAFinishedComponentNeitherBlocksNorThrowsAndTheMessageIsCounted() throws Exception { // 53
        Idle a = new Idle();
        Body finished = new Body(self -> { });
        finished.activate(scheduler);
        assertThat(finished.join(Duration.ofSeconds(5))).isTrue();
        finished.deliver("late", "inbox");
        a.link(a, "outbox", finished, "inbox");
        finished.setInboxSize("inbox", 1);
        a.put("later", "outbox");
        a.put("even later", "outbox");
        assertThat(finished.droppedCount("inbox")).isEqualTo(3);
    }

    @Test
    void aNullMessageIsRefusedWithAnErrorNamingTheComponent() {
        Idle a = new Idle();
        assertThatThrownBy(() -> a.put(null, "outbox")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining(a.name());
        assertThatThrownBy(() -> a.deliver(null, "inbox")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void declaredBoxesCarryTheirDescriptionAndDuplicatesAreRefused() {
        Idle c = new Idle("extra");
        assertThat(c.inboxDescriptions()).containsEntry("extra", "an extra inbox for the test");
        assertThat(c.describe()).contains("inbox  extra: an extra inbox for the test");
        assertThatThrownBy(() -> new Idle("inbox")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inbox 'inbox' is already declared");
    }

    @Test
    void aMillionMessagesAlongOneLinkArriveOnceEachInOrder() throws Exception {
        int n = 1_000_000;
        long[] next = {0};
        List<String> errors = new ArrayList<>();
        Collector sink = new Collector(o -> {
            int v = (Integer) o;
            if (v != next[0]) {
                errors.add("expected " + next[0] + " got " + v);
            }
            next[0] = v + 1;
        });
        TestComponents.Counter source = new TestComponents.Counter(n);
        Component top = TestComponents.pair(source, sink);
        top.run();
        assertThat(errors).isEmpty();
        assertThat(next[0]).isEqualTo(n);
        assertThat(sink.items).hasSize(n);
    }
}
