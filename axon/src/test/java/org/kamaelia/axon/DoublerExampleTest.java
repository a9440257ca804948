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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.examples.Doubler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/** The example of Component's class documentation (a Javadoc snippet of examples/Doubler.java) works as it says. */
@Timeout(30)
class DoublerExampleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theDocumentedTransformerDoublesEveryNumberThenPassesTheEndOfTheStreamOn() throws Exception {
        var source = new TestComponents.Source(List.of(1, 2, 3));
        var doubler = new Doubler();
        var sink = new TestComponents.Collector();
        sink.link(source, "outbox", doubler, "inbox");
        sink.link(source, "signal", doubler, "control");
        sink.link(doubler, "outbox", sink, "inbox");
        sink.link(doubler, "signal", sink, "control");
        var scheduler = new Scheduler("doubler");
        sink.activate(scheduler);
        doubler.activate(scheduler);
        source.activate(scheduler);

        assertThat(sink.finished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(sink.items).containsExactly(2, 4, 6);
        assertThat(sink.control).singleElement().isInstanceOf(ProducerFinished.class);
        assertThat(scheduler.awaitTermination(WAIT)).isTrue();
        assertThat(scheduler.failures()).isEmpty();
    }

    @Test
    void theDocumentedTransformerStopsOnShutdownMicroprocessAndPassesItOn() throws Exception {
        var doubler = new Doubler();
        var sink = new TestComponents.Collector();
        sink.link(doubler, "signal", sink, "control");
        var scheduler = new Scheduler("doubler-stop");
        sink.activate(scheduler);
        doubler.activate(scheduler);
        var stop = new ShutdownMicroprocess();
        doubler.deliver(stop, "control");

        assertThat(sink.finished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(sink.control).containsExactly(stop);
        assertThat(doubler.join(WAIT)).isTrue();
    }
}
