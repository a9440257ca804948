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
import static org.kamaelia.util.TestSupport.start;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

@Timeout(60)
class CollectorTest {

    @Test
    void keepsEveryMessageInOrderAndLetsATestWaitForACount() {
        Scheduler s = new Scheduler("collector-count");
        Collector c = new Collector();
        Handle h = start(c, s);
        for (int i = 0; i < 1000; i++) {
            h.put(i, "inbox");
        }
        assertThat(c.awaitItems(1000, WAIT)).isTrue();
        assertThat(c.size()).isEqualTo(1000);
        assertThat(c.items(Integer.class)).startsWith(0, 1, 2).endsWith(998, 999);
        assertThat(c.awaitItems(1001, Duration.ofMillis(50))).as("times out").isFalse();
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(c.awaitFinished(WAIT)).isTrue();
    }

    @Test
    void awaitItemsReturnsFalseAtOnceWhenItFinishedWithFewer() {
        Scheduler s = new Scheduler("collector-finished-early");
        Collector c = new Collector();
        Handle h = start(c, s);
        h.put("only", "inbox");
        h.put(new ProducerFinished(), "control");
        assertThat(c.awaitFinished(WAIT)).isTrue();
        long t0 = System.nanoTime();
        assertThat(c.awaitItems(2, WAIT)).isFalse();
        assertThat(System.nanoTime() - t0).isLessThan(WAIT.toNanos() / 2);
    }

    @Test
    void producerFinishedCollectsWhatIsLeftThenIsPassedOnAndRemembered() throws Exception {
        Scheduler s = new Scheduler("collector-pf");
        Collector c = new Collector();
        Handle h = new Handle(c);
        h.put("a", "inbox");
        h.put("b", "inbox");
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        c.activate(s);
        assertThat(h.get("signal", WAIT)).isSameAs(pf);
        assertThat(c.awaitFinished(WAIT)).isTrue();
        assertThat(c.items()).containsExactly("a", "b");
        assertThat(c.stopMessage()).containsSame(pf);
    }

    @Test
    void shutdownMicroprocessIsRememberedAsWhatStoppedIt() throws Exception {
        Scheduler s = new Scheduler("collector-sm");
        Collector c = new Collector();
        Handle h = start(c, s);
        assertThat(c.stopMessage()).isEmpty();
        ShutdownMicroprocess sm = new ShutdownMicroprocess();
        h.put(sm, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(sm);
        assertThat(c.awaitFinished(WAIT)).isTrue();
        assertThat(c.stopMessage()).containsSame(sm);
        assertThat(c.items()).isEmpty();
    }

    @Test
    void itemsOfTheWrongTypeFailTheTypedRead() {
        Scheduler s = new Scheduler("collector-typed");
        Collector c = new Collector();
        Handle h = start(c, s);
        h.put("text", "inbox");
        assertThat(c.awaitItems(1, WAIT)).isTrue();
        assertThatThrownBy(() -> c.items(Integer.class)).isInstanceOf(ClassCastException.class);
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(c.awaitFinished(WAIT)).isTrue();
    }

    @Test
    void rejectsBadArguments() {
        Collector c = new Collector();
        assertThatThrownBy(() -> c.awaitItems(-1, WAIT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count: -1 (expected: >= 0)");
        assertThatThrownBy(() -> c.awaitFinished(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> c.awaitFinished(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.items(null)).isInstanceOf(NullPointerException.class);
    }
}
