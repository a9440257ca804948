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
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ComponentFailure;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Fixtures.Source;
import org.kamaelia.chassis.Fixtures.Waiter;

/** Pipeline wiring and termination: axon-semantics.md §2.L, statements 137-141. */
@Timeout(30)
class PipelineTest {
    private final Scheduler scheduler = new Scheduler("pipeline");

    @Test
    void childrenAreActivatedOnlyWhenThePipelineRuns() throws Exception { // 141
        Waiter a = new Waiter();
        Waiter b = new Waiter();
        Pipeline p = new Pipeline(a, b);
        assertThat(a.state()).isEqualTo(Component.State.CREATED);
        assertThat(p.childComponents()).isEmpty();
        Handle h = new Handle(p);
        p.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(a.state()).isEqualTo(Component.State.ACTIVE);
        assertThat(p.childComponents()).containsExactly(a, b);
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(h.awaitFinished(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void outboxesFeedTheNextInboxAndTheFirstAndLastChildAreThePipelinesBoxes() throws Exception { // 140
        Pipeline p = new Pipeline(new Fixtures.Map(o -> o + "a"), new Fixtures.Map(o -> o + "b"),
                new Fixtures.Map(o -> o + "c"));
        Handle h = new Handle(p).activate();
        h.put("x", "inbox");
        h.put("y", "inbox");
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("xabc");
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("yabc");
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        assertThat(h.get("signal", Duration.ofSeconds(5))).as("signal to control, stage by stage").isSameAs(pf);
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void theControlOfThePipelineGoesToTheFirstChildOnly() throws Exception { // 140
        Waiter first = new Waiter();
        Waiter last = new Waiter();
        Pipeline p = new Pipeline(first, last);
        Handle h = new Handle(p).activate();
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        h.put(stop, "control");
        assertThat(h.get("signal", Duration.ofSeconds(5))).isSameAs(stop);
        assertThat(first.control).containsExactly(stop);
        assertThat(last.control).containsExactly(stop); // reached via first's signal, not directly
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aProducerFinishedFromTheFirstStageEndsEveryStageAndThePipeline() throws Exception { // 137-139, 141
        Source src = new Source(List.of(1, 2, 3));
        Fixtures.Map twice = new Fixtures.Map(o -> 2 * (Integer) o);
        Pipeline p = new Pipeline(src, twice);
        Handle h = new Handle(p).activate();
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo(2);
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo(4);
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo(6);
        assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOfSatisfying(ProducerFinished.class,
                pf -> assertThat(pf.caller()).isSameAs(src));
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
        assertThat(p.isFinished()).isTrue();
        assertThat(h.poll("signal")).as("the Pipeline sends nothing of its own").isNull();
    }

    @Test
    void pipelinesNestAndDeliverStraightThroughTheInnerOnes() throws Exception {
        Pipeline inner = new Pipeline(new Fixtures.Map(o -> o + "1"), new Fixtures.Map(o -> o + "2"));
        Pipeline outer = new Pipeline(new Source(List.of("a", "b")), inner, new Fixtures.Map(o -> o + "3"));
        Handle h = new Handle(outer).activate();
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("a123");
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("b123");
        assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOf(ProducerFinished.class);
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aFailedStageEndsTheStagesAfterItByConventionAndThoseBeforeItWithShutdown() throws Exception {
        Waiter before = new Waiter();
        IllegalStateException boom = new IllegalStateException("stage broke");
        Fixtures.Map failing = new Fixtures.Map(o -> {
            throw boom;
        });
        Waiter after = new Waiter();
        Pipeline p = new Pipeline(before, failing, after);
        Handle h = new Handle(p);
        p.activate(scheduler);
        h.put("trigger", "inbox");
        assertThat(h.get("signal", Duration.ofSeconds(10))).isInstanceOf(ProducerFinished.class);
        assertThat(p.join(Duration.ofSeconds(10))).as("the whole Pipeline finishes").isTrue();
        assertThat(before.control).singleElement().isInstanceOf(ShutdownMicroprocess.class);
        assertThat(after.control.get(0)).isInstanceOfSatisfying(ErrorInformation.class,
                e -> assertThat(e.exception()).isSameAs(boom));
        assertThat(p.failures()).containsExactly(new ComponentFailure(failing, boom));
        assertThat(scheduler.awaitTermination(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aPipelineNeedsAtLeastOneDistinctStage() {
        assertThatThrownBy(Pipeline::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        Waiter w = new Waiter();
        assertThatThrownBy(() -> new Pipeline(w, w)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage 1").hasMessageContaining("stage 0");
        assertThatThrownBy(() -> new Pipeline(w, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("stage 1");
    }
}
