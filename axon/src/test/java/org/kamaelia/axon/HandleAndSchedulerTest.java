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
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.TestComponents.Pass;
import org.kamaelia.axon.ipc.ProducerFinished;

/** Code outside any component talking to a graph (Axon's Handle), and the scheduler (§2.B). */
@Timeout(30)
class HandleAndSchedulerTest {

    @Test
    void outsideCodePutsIntoInboxesAndGetsFromOutboxesWithTimeouts() throws Exception {
        Scheduler s = new Scheduler("handle");
        Pass pass = new Pass();
        Handle h = new Handle(pass);
        pass.activate(s);
        h.put("hello", "inbox");
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("hello");
        assertThatThrownBy(() -> h.get("outbox", Duration.ofMillis(20))).isInstanceOf(TimeoutException.class)
                .hasMessageContaining(pass.name()).hasMessageContaining("'outbox'");
        assertThat(h.poll("outbox")).isNull();
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        assertThat(h.get("signal", Duration.ofSeconds(5))).isSameAs(pf);
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aHandleWaitsForSpaceInABoundedInboxWhenAskedTo() throws Exception {
        Pass pass = new Pass();
        pass.setInboxSize("inbox", 1);
        Handle h = new Handle(pass); // not activated yet: nothing is read
        h.put("first", "inbox");
        assertThatThrownBy(() -> h.put("second", "inbox")).isInstanceOf(BoxFullException.class);
        assertThat(h.put("second", "inbox", Duration.ofMillis(20))).isFalse();
        h.activate();
        assertThat(h.put("second", "inbox", Duration.ofSeconds(5))).isTrue();
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("first");
        assertThat(h.get("outbox", Duration.ofSeconds(5))).isEqualTo("second");
        h.put(new ProducerFinished(), "control");
        assertThat(h.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aHandleRefusesAnOutboxItDoesNotWatch() {
        Handle h = new Handle(new Pass(), "outbox");
        assertThatThrownBy(() -> h.poll("signal")).isInstanceOf(NoSuchBoxException.class)
                .hasMessageContaining("'signal'");
    }

    @Test
    void aSchedulerWithNothingActivatedIsAtOnceQuiescentAndTerminated() { // 13
        Scheduler s = new Scheduler("empty");
        assertThat(s.awaitQuiescence(Duration.ZERO)).isTrue();
        assertThat(s.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(s.liveComponents()).isEmpty();
    }

    @Test
    void theSchedulerListsLiveComponentsAndForgetsThemWhenTheyFinish() throws Exception { // 14, 25
        Scheduler s = new Scheduler("list");
        Pass a = new Pass();
        Pass b = new Pass();
        a.activate(s);
        b.activate(s);
        assertThat(s.listAllThreads()).containsExactlyInAnyOrder(a, b);
        assertThat(s.awaitQuiescence(Duration.ofSeconds(5))).isTrue();
        assertThat(a.isPaused()).isTrue();
        a.deliver(new ProducerFinished(), "control");
        assertThat(a.join(Duration.ofSeconds(5))).isTrue();
        assertThat(s.liveComponents()).containsExactly(b);
        assertThat(s.awaitTermination(Duration.ofMillis(10))).isFalse();
        b.deliver(new ProducerFinished(), "control");
        assertThat(s.awaitTermination(Duration.ofSeconds(5))).isTrue();
    }
}
