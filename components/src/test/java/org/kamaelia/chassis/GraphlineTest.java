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
package org.kamaelia.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Fixtures.Source;
import org.kamaelia.chassis.Fixtures.Waiter;

/** Graphline wiring and termination: axon-semantics.md §2.L, statements 142-145. */
@Timeout(30)
class GraphlineTest {
    private final Scheduler scheduler = new Scheduler("graphline");

    @Test
    void linksBetweenChildrenAndThroughSelfAreMadeWhenItRuns() throws Exception { // 142
        Graphline g = Graphline.builder()
                .child("A", new Fixtures.Map(o -> o + "A"))
                .child("B", new Fixtures.Map(o -> o + "B"))
                .link("self", "inbox", "A", "inbox")
                .link("A", "outbox", "B", "inbox")
                .link("B", "outbox", "self", "outbox")
                .build();
        assertThat(g.childComponents()).isEmpty();
        Handle h = new Handle(g).activate();
        h.put("x", "inbox");
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("xAB");
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void boxesNamedOnSelfAreCreatedForThisInstanceOnly() throws Exception { // 142, 145 (not copied)
        Graphline g = Graphline.builder()
                .child("A", new Fixtures.Map(o -> "got " + o))
                .link("", "requests", "A", "inbox")
                .link("A", "outbox", "self", "replies")
                .build();
        assertThat(g.inboxNames()).contains("requests");
        assertThat(g.outboxNames()).contains("replies");
        Graphline other = Graphline.builder().child("A", new Waiter()).build();
        assertThat(other.inboxNames()).doesNotContain("requests");
        Handle h = new Handle(g, "replies", "signal");
        g.activate(scheduler);
        h.put("q", "requests");
        assertThat(h.get("replies", Duration.ofSeconds(5))).isEqualTo("got q");
        h.put(new ProducerFinished(), "control");
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void controlIsSpreadToEveryChildWhoseControlNoLinkFeedsAndAShutdownIsPassedOnAtTheEnd() throws Exception { // 143, 144
        Waiter a = new Waiter();
        Waiter b = new Waiter();
        Waiter fed = new Waiter();
        Graphline g = Graphline.builder()
                .child("A", a).child("B", b).child("FED", fed)
                .link("A", "signal", "FED", "control")
                .build();
        Handle h = new Handle(g).activate();
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        h.put(stop, "control");
        assertThat(h.get("signal", Duration.ofSeconds(5))).as("the remembered shutdown").isSameAs(stop);
        assertThat(a.control).containsExactly(stop);
        assertThat(b.control).containsExactly(stop);
        assertThat(fed.control).containsExactly(stop); // through A's signal, not directly
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void whenChildrenFinishOnTheirOwnItSendsANewProducerFinished() throws Exception { // 144
        Graphline g = Graphline.builder().child("SRC", new Source(List.of(1))).build();
        Handle h = new Handle(g).activate();
        assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOfSatisfying(ProducerFinished.class,
                pf -> assertThat(pf.caller()).isSameAs(g));
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void whenItsSignalIsFedByALinkItSendsNothingOfItsOwn() throws Exception { // 144
        Source src = new Source(List.of("only"));
        Graphline g = Graphline.builder()
                .child("SRC", src)
                .link("SRC", "outbox", "self", "outbox")
                .link("SRC", "signal", "self", "signal")
                .build();
        Handle h = new Handle(g).activate();
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("only");
        assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOfSatisfying(ProducerFinished.class,
                pf -> assertThat(pf.caller()).isSameAs(src));
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
        assertThat(h.poll("signal")).isNull();
    }

    @Test
    void whenControlIsLinkedToAChildTheEndMessageIsAProducerFinished() throws Exception { // 144
        Waiter a = new Waiter();
        Graphline g = Graphline.builder().child("A", a).link("self", "control", "A", "control").build();
        Handle h = new Handle(g).activate();
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOf(ProducerFinished.class);
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void badLinksAreRefusedAtBuildWithTheLinkAndTheBoxesNamed() {
        assertThatThrownBy(() -> Graphline.builder().child("A", new Waiter()).link("A", "nobox", "self", "outbox").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(A, nobox) -> (self, outbox)").hasMessageContaining("no outbox named 'nobox'");
        assertThatThrownBy(() -> Graphline.builder().child("A", new Waiter()).link("self", "inbox", "self", "outbox").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one end must name a child");
        assertThatThrownBy(() -> Graphline.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Graphline.builder().child("A", new Waiter()).child("A", new Waiter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A' exists already");
        assertThatThrownBy(() -> Graphline.builder().child("self", new Waiter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }
}
