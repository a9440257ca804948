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
import static org.kamaelia.util.TestSupport.take;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

@Timeout(60)
class DataSourceTest {

    @Test
    void sendsEveryItemInOrderThenItsOwnProducerFinished() throws Exception {
        Scheduler s = new Scheduler("source-items");
        DataSource d = DataSource.of("a", 1, 'c');
        Handle h = start(d, s);
        assertThat(take(h, "outbox", 3)).containsExactly("a", 1, 'c');
        Object end = h.get("signal", WAIT);
        assertThat(end).isExactlyInstanceOf(ProducerFinished.class);
        assertThat(((ProducerFinished) end).caller()).isSameAs(d);
        awaitFinished(d);
        assertThat(d.sentCount()).isEqualTo(3);
    }

    @Test
    void sendsTheElementsOfAStreamAndClosesIt() throws Exception {
        Scheduler s = new Scheduler("source-stream");
        AtomicBoolean closed = new AtomicBoolean();
        DataSource d = new DataSource(Stream.of(1, 2, 3).onClose(() -> closed.set(true)));
        Handle h = start(d, s);
        assertThat(take(h, "outbox", 3)).containsExactly(1, 2, 3);
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        awaitFinished(d);
        assertThat(closed).isTrue();
    }

    @Test
    void neitherLosesNorReordersAnythingBehindABoundedInbox() throws Exception {
        int n = 20_000;
        Scheduler s = new Scheduler("source-backpressure");
        DataSource d = new DataSource(IntStream.range(0, n).boxed().toList());
        TestSupport.Gate gate = new TestSupport.Gate(3);
        TestSupport.Body top = new TestSupport.Body(self -> {
            self.link(d, "outbox", gate, "inbox");
            self.link(d, "signal", gate, "control");
            self.addChildren(d, gate);
            d.activate();
            gate.activate();
            while (!gate.isFinished()) {
                self.waitForWakeUp();
            }
        });
        top.activate(s);
        awaitQuiet(s);
        assertThat(d.sentCount()).as("it waits for space instead of failing or dropping").isEqualTo(3);
        assertThat(d.isFinished()).isFalse();
        gate.allow(10);
        awaitQuiet(s);
        assertThat(d.sentCount()).isEqualTo(13);
        gate.allow(Integer.MAX_VALUE);
        awaitFinished(top);
        assertThat(gate.snapshot()).isEqualTo(new ArrayList<Object>(IntStream.range(0, n).boxed().toList()));
        assertThat(s.failures()).isEmpty();
    }

    @Test
    void shutdownMicroprocessStopsItEvenWhileItWaitsForSpaceAndClosesItsStream() throws Exception {
        Scheduler s = new Scheduler("source-shutdown");
        AtomicBoolean closed = new AtomicBoolean();
        DataSource d = new DataSource(Stream.iterate(0, i -> i + 1).onClose(() -> closed.set(true)));
        TestSupport.Gate gate = new TestSupport.Gate(2);
        TestSupport.Body top = new TestSupport.Body(self -> {
            self.link(d, "outbox", gate, "inbox");
            self.addChildren(d, gate);
            d.activate();
            gate.activate();
            while (!d.isFinished()) {
                self.waitForWakeUp();
            }
        });
        Handle sig = new Handle(d, "signal");
        top.activate(s);
        awaitQuiet(s);
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        d.deliver(stop, "control");
        assertThat(sig.get("signal", WAIT)).isSameAs(stop);
        awaitFinished(d);
        assertThat(closed).isTrue();
        assertThat(d.sentCount()).isEqualTo(2);
        gate.deliver(new ShutdownMicroprocess(), "control");
        awaitFinished(top);
    }

    @Test
    void producerFinishedOnControlLetsItFinishItsItemsAndIsPassedOnInsteadOfItsOwn() throws Exception {
        Scheduler s = new Scheduler("source-pf");
        DataSource d = new DataSource(IntStream.range(0, 100).boxed().toList());
        Handle h = new Handle(d);
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        d.activate(s);
        assertThat(h.get("signal", WAIT)).isSameAs(pf);
        awaitFinished(d);
        assertThat(h.drain("outbox")).hasSize(100);
    }

    @Test
    void aNullItemIsReportedAndSkipped() throws Exception {
        Scheduler s = new Scheduler("source-null");
        DataSource d = new DataSource(Arrays.asList("a", null, "b"));
        Handle h = start(d, s);
        ErrorInformation e = nextError(h);
        assertThat(e.message()).isEqualTo(d.name() + ": item 1 is null (messages must not be null); skipped");
        assertThat(e.exception()).isInstanceOf(NullPointerException.class);
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        assertThat(h.drain("outbox")).containsExactly("a", "b");
    }

    @Test
    void anIteratorThatThrowsEndsItAsAFailureAfterTheItemsBefore() throws Exception {
        Iterable<Object> broken = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                if (i == 2) {
                    throw new IllegalStateException("source broke");
                }
                return i++;
            }
        };
        Scheduler s = new Scheduler("source-broken");
        DataSource d = new DataSource(broken);
        Handle h = start(d, s);
        assertThat(take(h, "outbox", 2)).containsExactly(0, 1);
        assertThat(nextError(h).exception()).hasMessage("source broke");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        awaitFinished(d);
        assertThat(d.failure()).isPresent();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> DataSource.of("a", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("items[1] is null (messages must not be null)");
        assertThatThrownBy(() -> new DataSource((Iterable<?>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DataSource((Stream<?>) null)).isInstanceOf(NullPointerException.class);
    }
}
