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

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

@Timeout(60)
class FanoutTest {

    @Test
    void copiesEveryMessageToEachNamedOutboxAndNotToSignal() throws Exception {
        Scheduler s = new Scheduler("fanout");
        Fanout f = new Fanout("left", "outbox", "right");
        assertThat(f.outboxNames()).contains("left", "right", "outbox", "signal");
        assertThat(f.outboxDescriptions().get("left")).isEqualTo("a copy of every message received on inbox");
        Handle h = new Handle(f, "left", "outbox", "right", "signal");
        f.activate(s);
        byte[] shared = {1, 2};
        h.put("one", "inbox");
        h.put(shared, "inbox");
        for (String box : List.of("left", "outbox", "right")) {
            assertThat(h.get(box, WAIT)).isEqualTo("one");
            assertThat(h.get(box, WAIT)).isSameAs(shared);
        }
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(pf);
        awaitFinished(f);
        assertThat(h.poll("left")).isNull();
        assertThat(h.poll("right")).isNull();
    }

    @Test
    void theSlowestDestinationSetsThePaceAndNothingIsLost() throws Exception {
        Scheduler s = new Scheduler("fanout-slow");
        Fanout f = new Fanout("fast", "slow");
        Collector fast = new Collector();
        TestSupport.Gate slow = new TestSupport.Gate(2);
        TestSupport.Body top = new TestSupport.Body(self -> {
            self.link(f, "fast", fast, "inbox");
            self.link(f, "slow", slow, "inbox");
            self.addChildren(f, fast, slow);
            f.activate();
            fast.activate();
            slow.activate();
            while (!f.isFinished()) {
                self.waitForWakeUp();
            }
        });
        for (int i = 0; i < 100; i++) {
            f.deliver(i, "inbox");
        }
        top.activate(s);
        awaitQuiet(s);
        assertThat(fast.size()).as("held back by the full one").isEqualTo(3);
        slow.allow(Integer.MAX_VALUE);
        assertThat(fast.awaitItems(100, WAIT)).isTrue();
        f.deliver(new ProducerFinished(), "control");
        awaitFinished(f);
        slow.awaitTaken(100);
        assertThat(slow.snapshot()).hasSize(100);
        assertThat(fast.items()).isEqualTo(slow.snapshot());
        fast.deliver(new ShutdownMicroprocess(), "control");
        slow.deliver(new ShutdownMicroprocess(), "control");
        awaitFinished(top);
    }

    @Test
    void shutdownMicroprocessStopsItWhileItWaitsForAFullDestination() throws Exception {
        Scheduler s = new Scheduler("fanout-stop");
        Fanout f = new Fanout("a");
        TestSupport.Gate gate = new TestSupport.Gate(1);
        TestSupport.Body top = new TestSupport.Body(self -> {
            self.link(f, "a", gate, "inbox");
            self.addChildren(f, gate);
            f.activate();
            gate.activate();
            while (!f.isFinished()) {
                self.waitForWakeUp();
            }
        });
        Handle sig = new Handle(f, "signal");
        f.deliver(1, "inbox");
        f.deliver(2, "inbox");
        top.activate(s);
        awaitQuiet(s);
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        f.deliver(stop, "control");
        assertThat(sig.get("signal", WAIT)).isSameAs(stop);
        awaitFinished(f);
        gate.deliver(new ShutdownMicroprocess(), "control");
        awaitFinished(top);
    }

    @Test
    void rejectsBadOutboxNames() {
        assertThatThrownBy(() -> new Fanout()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outboxNames: [] (expected: at least one outbox name)");
        assertThatThrownBy(() -> new Fanout("a", "signal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("outbox name: \"signal\" (expected: any name but \"signal\"");
        assertThatThrownBy(() -> new Fanout("a", "b", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outboxNames: [a, b, a] (expected: no repeated name; \"a\" is repeated)");
        assertThatThrownBy(() -> new Fanout("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outbox name: \"\" (expected: a non-empty string)");
        assertThatThrownBy(() -> new Fanout((String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Fanout((List<String>) null)).isInstanceOf(NullPointerException.class);
    }
}
