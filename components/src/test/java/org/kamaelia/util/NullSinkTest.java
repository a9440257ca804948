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
import static org.kamaelia.util.TestSupport.WAIT;
import static org.kamaelia.util.TestSupport.awaitFinished;
import static org.kamaelia.util.TestSupport.awaitQuiet;
import static org.kamaelia.util.TestSupport.start;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

@Timeout(60)
class NullSinkTest {

    @Test
    void discardsEverythingItReceivesAndCountsIt() {
        Scheduler s = new Scheduler("nullsink");
        NullSink n = new NullSink();
        Handle h = start(n, s);
        for (int i = 0; i < 500; i++) {
            h.put(new byte[10], "inbox");
        }
        awaitQuiet(s);
        assertThat(n.discarded()).isEqualTo(500);
        assertThat(h.poll("outbox")).isNull();
        h.put(new ShutdownMicroprocess(), "control");
        awaitFinished(n);
    }

    @Test
    void producerFinishedDiscardsWhatIsLeftAndIsPassedOnUnlikeTheOriginal() throws Exception {
        Scheduler s = new Scheduler("nullsink-pf");
        NullSink n = new NullSink();
        Handle h = new Handle(n);
        for (int i = 0; i < 50; i++) {
            h.put(i, "inbox");
        }
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        n.activate(s);
        assertThat(h.get("signal", WAIT)).isSameAs(pf);
        awaitFinished(n);
        assertThat(n.discarded()).isEqualTo(50);
        assertThat(n.droppedCount("inbox")).isZero();
    }
}
