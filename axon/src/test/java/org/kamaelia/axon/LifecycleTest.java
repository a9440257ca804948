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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.BoxesAndDeliveryTest.Idle;
import org.kamaelia.axon.TestComponents.Body;
import org.kamaelia.axon.TestComponents.Collector;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;

/** Activation, children, close-down and failures: axon-semantics.md §2.A, §2.G. */
@Timeout(30)
class LifecycleTest {
    private final Scheduler scheduler = new Scheduler("lifecycle");

    @Test
    void everyComponentHasAUniqueIdAndANameMadeOfItsClassAndId() { // 1, 97
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Idle c = new Idle();
            assertThat(ids.add(c.id())).isTrue();
            assertThat(c.name()).isEqualTo("Idle_" + c.id());
            assertThat(c.toString()).contains("Component").contains(c.name());
        }
        assertThat(new Idle().toString()).isNotEqualTo(new Idle().toString());
    }

    @Test
    void activateReturnsTheSameComponentAndRegistersItWithThatSchedulerOnly() throws Exception { // 2, 3
        Scheduler other = new Scheduler("other");
        CountDownLatch release = new CountDownLatch(1);
        Body c = new Body(self -> release.await(10, TimeUnit.SECONDS));
        Body same = c.activate(scheduler);
        assertThat(same).isSameAs(c);
        assertThat(c.scheduler()).isSameAs(scheduler);
        assertThat(scheduler.liveComponents()).containsExactly(c);
        assertThat(other.liveComponents()).isEmpty();
        release.countDown();
        assertThat(c.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void activatingTwiceIsAnErrorNamingTheComponent() throws Exception {
        Body c = new Body(self -> { });
        c.activate(scheduler);
        assertThatThrownBy(() -> c.activate(scheduler)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(c.name()).hasMessageContaining("already activated");
        c.join();
    }

    @Test
    void componentsActivatedFromAComponentUseItsScheduler() throws Exception {
        Body child = new Body(self -> { });
        Body parent = new Body(self -> child.activate());
        parent.activate(scheduler);
        parent.join(Duration.ofSeconds(5));
        assertThat(child.scheduler()).isSameAs(scheduler);
    }

    @Test
    void addChildrenAddsEachOnceAndActivatesNone() { // 90, 92
        Idle parent = new Idle();
        Idle a = new Idle();
        Idle b = new Idle();
        parent.addChildren(a, b, a);
        assertThat(parent.childComponents()).containsExactly(a, b);
        assertThat(a.state()).isEqualTo(Component.State.CREATED);
        assertThat(b.state()).isEqualTo(Component.State.CREATED);
        assertThatThrownBy(() -> parent.childComponents().add(a)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void removeChildDropsItAndTheLinksThisComponentMadeWithIt() { // 91
        Idle parent = new Idle();
        Idle a = new Idle();
        Idle b = new Idle();
        parent.addChildren(a, b);
        parent.link(a, "outbox", b, "inbox");
        Linkage kept = parent.link(parent, "outbox", b, "inbox");
        parent.removeChild(a);
        assertThat(parent.childComponents()).containsExactly(b);
        assertThat(parent.linkages()).containsExactly(kept);
    }

    @Test
    void runActivatesThenReturnsOnceItAndEverythingItStartedHaveFinished() throws Exception { // 14
        Collector sink = new Collector();
        TestComponents.Counter source = new TestComponents.Counter(1000);
        Component top = TestComponents.pair(source, sink);
        top.run();
        assertThat(top.isFinished()).isTrue();
        assertThat(source.isFinished()).isTrue();
        assertThat(sink.isFinished()).isTrue();
        assertThat(sink.items).hasSize(1000);
    }

    @Test
    void joinWithATimeoutReturnsFalseWhileTheComponentRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Body c = new Body(self -> release.await(10, TimeUnit.SECONDS));
        c.activate(scheduler);
        assertThat(c.join(Duration.ofMillis(20))).isFalse();
        assertThat(c.isFinished()).isFalse();
        release.countDown();
        assertThat(c.join(Duration.ofSeconds(5))).isTrue();
        assertThat(c.isFinished()).isTrue();
    }

    @Test
    void anExceptionEscapingMainEndsThatComponentOnlyAndIsSignalledThenRecorded() throws Exception {
        Collector downstream = new Collector();
        IllegalStateException boom = new IllegalStateException("boom");
        Body failing = new Body(self -> {
            self.put("before", "outbox");
            throw boom;
        });
        Body bystander = new Body(self -> {
            while (!self.ready("control")) {
                self.sleepUntilWoken();
            }
        });
        failing.link(failing, "outbox", downstream, "inbox");
        downstream.link(failing, "signal", downstream, "control");
        bystander.activate(scheduler);
        downstream.activate(scheduler);
        failing.activate(scheduler);
        assertThat(downstream.finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(downstream.items).containsExactly("before");
        assertThat(downstream.control).hasSize(2);
        assertThat(downstream.control.get(0)).isInstanceOfSatisfying(ErrorInformation.class, e -> {
            assertThat(e.exception()).isSameAs(boom);
            assertThat(e.caller()).isSameAs(failing);
            assertThat(e.message()).contains(failing.name()).contains("boom");
        });
        assertThat(downstream.control.get(1)).isInstanceOf(ProducerFinished.class);
        assertThat(failing.failure()).containsSame(boom);
        assertThat(scheduler.failures()).extracting(ComponentFailure::component).containsExactly(failing);
        assertThat(bystander.isFinished()).isFalse();
        bystander.deliver("stop", "control");
        assertThat(bystander.join(Duration.ofSeconds(5))).isTrue();
        assertThat(bystander.failure()).isEmpty();
    }

    @Test
    void failuresOfEverythingAComponentStartedCanBeReadAfterRun() {
        RuntimeException inner = new RuntimeException("inner failed");
        Body child = new Body(self -> {
            throw inner;
        });
        Body top = new Body(self -> {
            self.addChildren(child);
            child.activate();
        });
        top.run(); // does not throw because a component failed
        assertThat(top.failures()).containsExactly(new ComponentFailure(child, inner));
        assertThat(top.failure()).isEmpty();
    }

    @Test
    void aCheckedExceptionFromMainIsRecordedLikeAnyOther() throws Exception {
        java.io.IOException io = new java.io.IOException("disk on fire");
        Body c = new Body(self -> {
            throw io;
        });
        c.activate(scheduler);
        assertThat(c.join(Duration.ofSeconds(5))).isTrue();
        assertThat(c.failure()).containsSame(io);
    }
}
