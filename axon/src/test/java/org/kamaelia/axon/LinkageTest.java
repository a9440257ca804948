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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.BoxesAndDeliveryTest.Idle;
import org.kamaelia.axon.TestComponents.Body;

/** Linkages and the postoffice: axon-semantics.md §2.D, statements 54-68, and 93. */
@Timeout(30)
class LinkageTest {

    @Test
    void aLinkRecordsItsEndsAndKindAndPrintsInAxonsFormat() { // 54-57
        Idle a = new Idle();
        Idle b = new Idle();
        Linkage l = a.link(a, "outbox", b, "inbox");
        assertThat(l.source()).isSameAs(a);
        assertThat(l.sourceBoxName()).isEqualTo("outbox");
        assertThat(l.sink()).isSameAs(b);
        assertThat(l.sinkBoxName()).isEqualTo("inbox");
        assertThat(l.passthrough()).isEqualTo(Linkage.Passthrough.NONE);
        assertThat(l).hasToString("Link( source:[" + a.name() + ",outbox], sink:[" + b.name() + ",inbox] )");
        assertThat(Linkage.Passthrough.INBOX.ordinal()).isEqualTo(1);
        assertThat(Linkage.Passthrough.OUTBOX.ordinal()).isEqualTo(2);
    }

    @Test
    void theThreeKindsJoinOutboxToInboxInboxToInboxAndOutboxToOutbox() { // 58
        Idle parent = new Idle();
        Idle child = new Idle();
        Idle other = new Idle();
        Linkage in = parent.linkInbox("inbox", child, "inbox");
        Linkage out = parent.linkOutbox(child, "outbox", "outbox");
        parent.link(parent, "outbox", other, "inbox");
        assertThat(in.passthrough()).isEqualTo(Linkage.Passthrough.INBOX);
        assertThat(out.passthrough()).isEqualTo(Linkage.Passthrough.OUTBOX);
        parent.deliver("down", "inbox");
        assertThat(child.take("inbox")).isEqualTo("down");
        child.put("up and out", "outbox");
        assertThat(other.take("inbox")).isEqualTo("up and out");
    }

    @Test
    void unlinkingDetachesExactlyTheBoxesThatLinkJoined() { // 59, 61
        Idle a = new Idle();
        Idle b = new Idle();
        Linkage data = a.link(a, "outbox", b, "inbox");
        Linkage sig = a.link(a, "signal", b, "control");
        assertThat(a.linkages()).containsExactly(data, sig);
        a.unlink(data);
        assertThat(a.linkages()).containsExactly(sig);
        a.put("gone", "outbox");
        a.put("arrives", "signal");
        assertThat(b.ready("inbox")).isFalse();
        assertThat(b.take("control")).isEqualTo("arrives");
    }

    @Test
    void aBoxThatFeedsADestinationCannotFeedASecondUntilUnlinked() { // 60
        Idle a = new Idle();
        Idle b = new Idle();
        Idle c = new Idle();
        Linkage l = a.link(a, "outbox", b, "inbox");
        assertThatThrownBy(() -> a.link(a, "outbox", c, "inbox"))
                .isInstanceOf(BoxAlreadyLinkedException.class)
                .hasMessageContaining(a.name() + " outbox 'outbox' already feeds");
        a.unlink(l);
        a.link(a, "outbox", c, "inbox");
        a.put("x", "outbox");
        assertThat(c.take("inbox")).isEqualTo("x");
    }

    @Test
    void unlinkingAComponentRemovesEveryLinkOfThisPostofficeInvolvingItAndKeepsTheRest() { // 62
        Idle owner = new Idle();
        Idle a = new Idle();
        Idle b = new Idle();
        Idle c = new Idle();
        Linkage ab = owner.link(a, "outbox", b, "inbox");
        Linkage ca = owner.link(c, "outbox", a, "inbox");
        Linkage cb = owner.link(c, "signal", b, "control");
        owner.unlink(a);
        assertThat(owner.linkages()).containsExactly(cb);
        assertThat(ab.source()).isSameAs(a);
        assertThat(ca.sink()).isSameAs(a);
    }

    @Test
    void unlinkingALinkThisPostofficeDidNotMakeIsIgnored() { // 63
        Idle a = new Idle();
        Idle b = new Idle();
        Linkage l = a.link(a, "outbox", b, "inbox");
        b.unlink(l);
        a.put("still linked", "outbox");
        assertThat(b.take("inbox")).isEqualTo("still linked");
    }

    @Test
    void chainsDeliverStraightToTheFinalInboxWhateverOrderTheLinksWereMadeIn() { // 65
        // outbox -> outbox (passthrough 2) -> inbox -> inbox (passthrough 1), made in both orders
        for (boolean innerFirst : new boolean[] {true, false}) {
            Idle child = new Idle();
            Idle parent = new Idle();
            Idle other = new Idle();
            Idle grandchild = new Idle();
            Runnable inner = () -> parent.linkOutbox(child, "outbox", "outbox");
            Runnable middle = () -> parent.link(parent, "outbox", other, "inbox");
            Runnable last = () -> other.linkInbox("inbox", grandchild, "inbox");
            if (innerFirst) {
                inner.run();
                middle.run();
                last.run();
            } else {
                last.run();
                middle.run();
                inner.run();
            }
            child.put("deep", "outbox");
            assertThat(grandchild.take("inbox")).isEqualTo("deep");
            assertThat(other.ready("inbox")).isFalse();
        }
    }

    @Test
    void passthroughChainsSeveralLevelsDeepDeliverStraightToTheFinalInbox() {
        Idle source = new Idle();
        Idle[] levels = new Idle[6];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new Idle();
        }
        source.link(source, "outbox", levels[0], "inbox");
        for (int i = 0; i + 1 < levels.length; i++) {
            levels[i].linkInbox("inbox", levels[i + 1], "inbox");
        }
        for (int i = 0; i < 100; i++) {
            source.put(i, "outbox");
        }
        for (int i = 0; i + 1 < levels.length; i++) {
            assertThat(levels[i].ready("inbox")).isFalse();
        }
        for (int i = 0; i < 100; i++) {
            assertThat(levels[levels.length - 1].take("inbox")).isEqualTo(i);
        }
    }

    @Test
    void deletingThePassthroughMakesTheMiddleInboxTheDestinationFromThenOn() { // 66
        Idle a = new Idle();
        Idle middle = new Idle();
        Idle end = new Idle();
        a.link(a, "outbox", middle, "inbox");
        Linkage pass = middle.linkInbox("inbox", end, "inbox");
        a.put("to the end", "outbox");
        middle.unlink(pass);
        a.put("to the middle", "outbox");
        assertThat(end.take("inbox")).isEqualTo("to the end");
        assertThat(middle.take("inbox")).isEqualTo("to the middle");
    }

    @Test
    void aLinkThatWouldMakeALoopIsRefused() {
        Idle a = new Idle();
        Idle b = new Idle();
        a.linkInbox("inbox", b, "inbox");
        assertThatThrownBy(() -> b.linkInbox("inbox", a, "inbox"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loop");
    }

    @Test
    void whenAComponentFinishesTheLinksItMadeGoAndLinksOthersMadeToItStay() throws Exception { // 67, 93
        Idle x = new Idle();
        Idle y = new Idle();
        Idle z = new Idle();
        Body maker = new Body(self -> self.link(x, "outbox", y, "inbox"));
        Linkage byOther = x.link(x, "signal", maker, "control");
        Linkage toMaker = z.link(z, "outbox", maker, "inbox");
        maker.activate(new Scheduler("links"));
        assertThat(maker.join(Duration.ofSeconds(5))).isTrue();
        assertThat(maker.linkages()).isEmpty();
        x.put("nowhere", "outbox");
        assertThat(y.ready("inbox")).isFalse();
        assertThat(x.unlinkedDropCount("outbox")).isEqualTo(1);
        assertThat(x.linkages()).containsExactly(byOther);
        assertThat(z.linkages()).containsExactly(toMaker);
    }

    @Test
    void linkingANonexistentBoxIsAnErrorNamingIt() {
        Idle a = new Idle();
        Idle b = new Idle();
        assertThatThrownBy(() -> a.link(a, "outbox", b, "nobox"))
                .isInstanceOf(NoSuchBoxException.class).hasMessageContaining("'nobox'");
        assertThatThrownBy(() -> a.link(a, "inbox", b, "inbox"))
                .isInstanceOf(NoSuchBoxException.class).hasMessageContaining("no outbox named 'inbox'");
    }
}
