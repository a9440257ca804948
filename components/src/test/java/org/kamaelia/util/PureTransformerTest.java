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

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Pipeline;

@Timeout(60)
class PureTransformerTest {

    @Test
    void sendsTheFunctionsResultForEveryMessageInOrder() throws Exception {
        StreamRun r = StreamRun.of(new PureTransformer<String, Integer>(String::length), List.of("a", "bb", "ccc"),
                new ProducerFinished());
        assertThat(r.out).containsExactly(1, 2, 3);
        assertThat(r.errors).isEmpty();
    }

    @Test
    void aNullResultSendsNothing() throws Exception {
        StreamRun r = StreamRun.of(new PureTransformer<Integer, Integer>(i -> i % 2 == 0 ? i : null),
                List.of(1, 2, 3, 4), new ProducerFinished());
        assertThat(r.out).containsExactly(2, 4);
    }

    @Test
    void anExceptionFromTheFunctionIsReportedNamingTheMessageAndTheRestCarryOn() throws Exception {
        StreamRun r = StreamRun.of(new PureTransformer<Integer, Integer>(i -> 10 / i), List.of(5, 0, 2),
                new ProducerFinished());
        assertThat(r.out).containsExactly(2, 5);
        assertThat(r.errors).singleElement().satisfies(e -> {
            assertThat(e.exception()).isInstanceOf(ArithmeticException.class);
            assertThat(e.message()).startsWith(r.component.name() + ": the function threw on message 1 "
                    + "(java.lang.Integer \"0\"): java.lang.ArithmeticException").endsWith("; message dropped");
        });
        assertThat(r.component.failure()).isEmpty();
    }

    @Test
    void aMessageOfTheWrongTypeIsReportedAsAClassCastException() throws Exception {
        StreamRun r = StreamRun.of(new PureTransformer<String, String>(String::trim), List.of(" a ", 42),
                new ProducerFinished());
        assertThat(r.out).containsExactly("a");
        assertThat(r.errors).singleElement().satisfies(e -> {
            assertThat(e.exception()).isInstanceOf(ClassCastException.class);
            assertThat(e.message()).contains("message 1 (java.lang.Integer \"42\")");
        });
    }

    @Test
    void withOnErrorFailAnExceptionEndsItAsAFailureAndAPipelineShutsDownTheStagesBefore() throws Exception {
        Scheduler s = new Scheduler("transformer-fail");
        DataSource source = new DataSource(java.util.stream.Stream.iterate(1, i -> i - 1)); // 1, 0, -1, ... forever
        PureTransformer<Integer, Integer> t = new PureTransformer<>(i -> 10 / i, OnError.FAIL);
        t.setInboxSize("inbox", 4); // the endless source blocks, so only the Pipeline's shutdown can end it
        Collector out = new Collector();
        Pipeline p = new Pipeline(source, t, out);
        p.activate(s);
        awaitFinished(p);
        assertThat(t.failure()).get().isInstanceOf(ProcessingException.class).satisfies(f -> {
            assertThat(f).hasMessageContaining("the function threw on message 1 (java.lang.Integer \"0\")");
            assertThat(f.getCause()).isInstanceOf(ArithmeticException.class);
        });
        assertThat(out.items()).first().isEqualTo(10);
        assertThat(out.stopMessage()).get().isInstanceOf(ProducerFinished.class);
        assertThat(source.isFinished()).isTrue();
        assertThat(source.failure()).isEmpty();
    }

    @Test
    void shutdownMicroprocessStopsItEvenWhileItWaitsForSpaceDownstream() throws Exception {
        Scheduler s = new Scheduler("transformer-blocked");
        PureTransformer<Object, Object> t = new PureTransformer<>(x -> x);
        TestSupport.Gate gate = new TestSupport.Gate(1);
        TestSupport.Body top = new TestSupport.Body(self -> {
            self.link(t, "outbox", gate, "inbox");
            self.addChildren(t, gate);
            t.activate();
            gate.activate();
            while (!t.isFinished()) {
                self.waitForWakeUp();
            }
        });
        Handle h = new Handle(t, "signal");
        for (int i = 0; i < 5; i++) {
            t.deliver(i, "inbox");
        }
        top.activate(s);
        awaitQuiet(s);
        assertThat(gate.snapshot()).isEmpty();
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        t.deliver(stop, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        awaitFinished(t);
        assertThat(t.droppedCount("inbox")).as("left unhandled, counted").isEqualTo(3);
        gate.deliver(new ShutdownMicroprocess(), "control");
        awaitFinished(top);
    }

    @Test
    void producerFinishedTransformsEverythingLeftBeforeItIsPassedOn() throws Exception {
        Scheduler s = new Scheduler("transformer-pf");
        PureTransformer<Integer, Integer> t = new PureTransformer<>(i -> i * 2);
        Handle h = new Handle(t);
        for (int i = 0; i < 100; i++) {
            h.put(i, "inbox");
        }
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        t.activate(s);
        assertThat(h.get("signal", WAIT)).isSameAs(pf);
        assertThat(h.drain("outbox")).hasSize(100).endsWith(198);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new PureTransformer<>(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PureTransformer<>(x -> x, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void reportsOnSignalBeforeTheStopMessage() throws Exception {
        Scheduler s = new Scheduler("transformer-order");
        PureTransformer<Object, Object> t = new PureTransformer<>(x -> {
            throw new IllegalStateException("no");
        });
        Handle h = start(t, s);
        h.put("x", "inbox");
        ErrorInformation e = nextError(h);
        assertThat(e.caller()).isSameAs(t);
        h.put(new ProducerFinished(), "control");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        awaitFinished(t);
    }
}
