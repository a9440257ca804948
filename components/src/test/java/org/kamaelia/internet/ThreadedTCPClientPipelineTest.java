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
package org.kamaelia.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamaelia.internet.Fixtures.WAIT;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.internet.Fixtures.ByteSink;
import org.kamaelia.internet.Fixtures.Source;
import org.kamaelia.ipc.SocketShutdown;

/** Point 8: "signal" ends with one SocketShutdown, and a Pipeline through the client ends by itself. */
@Timeout(120)
class ThreadedTCPClientPipelineTest {
    private final Scheduler scheduler;

    ThreadedTCPClientPipelineTest(TestInfo info) {
        this.scheduler = new Scheduler(info.getDisplayName());
    }

    @Test
    void aPipelineThroughTheClientFinishesByItselfOnceTheSourceIsDoneAndTheServerCloses() throws Exception {
        try (TestServer echo = TestServer.echo()) {
            Source source = new Source(List.of("hello ", "echo ".getBytes(StandardCharsets.US_ASCII), "server"), true);
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", echo.port());
            ByteSink sink = new ByteSink(0, false);
            Pipeline pipe = new Pipeline(source, client, sink);
            pipe.activate(scheduler);
            assertThat(pipe.join(WAIT)).as("the Pipeline finished by itself").isTrue();
            assertThat(new String(sink.bytes(), StandardCharsets.US_ASCII)).isEqualTo("hello echo server");
            assertThat(sink.control).singleElement().isInstanceOf(SocketShutdown.class);
            assertThat(((SocketShutdown) sink.control.get(0)).isClean()).isTrue();
            assertThat(scheduler.awaitTermination(WAIT)).isTrue();
        }
    }

    @Test
    void anErrorOnSignalDoesNotEndTheNextStageButTheSocketShutdownDoes() throws Exception {
        try (TestServer echo = TestServer.echo()) {
            Source source = new Source(List.of("a", 3.14, "b"), true); // a Double cannot be sent
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", echo.port());
            ByteSink sink = new ByteSink(0, false);
            Pipeline pipe = new Pipeline(source, client, sink);
            pipe.activate(scheduler);
            assertThat(pipe.join(WAIT)).isTrue();
            assertThat(new String(sink.bytes(), StandardCharsets.US_ASCII)).isEqualTo("ab");
            assertThat(sink.control).hasSize(2);
            assertThat(sink.control.get(0)).isInstanceOf(ErrorInformation.class);
            assertThat(((ErrorInformation) sink.control.get(0)).exception()).hasMessageContaining("java.lang.Double");
            assertThat(sink.control.get(1)).isInstanceOf(SocketShutdown.class);
        }
    }

    @Test
    void signalEndsWithExactlyOneSocketShutdownInEveryEnding() throws Exception {
        // clean (the server closes), requested (ShutdownMicroprocess), failed (refused)
        try (TestServer echo = TestServer.echo()) {
            for (int scenario = 0; scenario < 3; scenario++) {
                int port = scenario == 2 ? ThreadedTCPClientConnectTest.freePort() : echo.port();
                ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", port);
                Handle h = new Handle(client);
                client.activate(scheduler);
                if (scenario == 0) {
                    h.put("x", "inbox");
                    h.put(new ProducerFinished(), "control");
                } else if (scenario == 1) {
                    h.put(new org.kamaelia.axon.ipc.ShutdownMicroprocess(), "control");
                }
                assertThat(h.awaitFinished(WAIT)).isTrue();
                List<Object> signals = h.drain("signal");
                assertThat(signals).as("scenario %d: %s", scenario, signals).isNotEmpty();
                assertThat(signals.get(signals.size() - 1)).isInstanceOf(SocketShutdown.class);
                assertThat(signals.stream().filter(m -> m instanceof SocketShutdown)).hasSize(1);
                assertThat(signals.stream().filter(m -> !(m instanceof SocketShutdown)))
                        .allMatch(m -> m instanceof ErrorInformation).hasSize(scenario == 2 ? 1 : 0);
            }
        }
    }

    @Test
    void theSocketShutdownIsAProducerFinishedSoTheNextStageStopsByTheUsualConvention() throws Exception {
        try (TestServer echo = TestServer.echo()) {
            ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", echo.port(), "only this");
            ByteSink sink = new ByteSink(0, false);
            Pipeline pipe = new Pipeline(client, sink);
            pipe.activate(scheduler);
            client.deliver(new ProducerFinished(), "control");
            assertThat(sink.finished.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(sink.control.get(0)).isInstanceOf(ProducerFinished.class);
            assertThat(pipe.join(WAIT)).isTrue();
        }
    }
}
