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
import static org.kamaelia.internet.Fixtures.pattern;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.internet.Fixtures.ByteSink;
import org.kamaelia.internet.Fixtures.PatternSource;
import org.kamaelia.internet.Fixtures.Probe;
import org.kamaelia.ipc.SocketShutdown;

/**
 * Point 7: a reset, a broken pipe, and a failure next to healthy components. (Refused, unresolvable
 * and connect timeouts are in {@link ThreadedTCPClientConnectTest}.)
 */
@Timeout(120)
class ThreadedTCPClientFailureTest {
    private final Scheduler scheduler;

    ThreadedTCPClientFailureTest(TestInfo info) {
        this.scheduler = new Scheduler(info.getDisplayName());
    }

    @Test
    void aResetMidStreamGivesOneErrorThenTheSocketShutdown() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", server.port())).activate(scheduler);
            Socket s = server.accept(WAIT);
            s.getOutputStream().write("partial".getBytes(StandardCharsets.US_ASCII));
            assertThat(p.read(7)).asString(StandardCharsets.US_ASCII).isEqualTo("partial");
            TestServer.reset(s);
            Throwable e = ThreadedTCPClientConnectTest.assertFailedWith(p, IOException.class);
            assertThat(e).hasMessageContaining("reset");
            assertThat(((SocketShutdown) p.signals.get(1)).bytesReceived()).isEqualTo(7);
        }
    }

    @Test
    void aBrokenPipeWhileSendingEndsTheClientReportsTheErrorItSawAndCountsWhatWasNotSent() throws Exception {
        try (TestServer server = TestServer.scripted()) {
            ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port()).inboxCapacity(8).build();
            PatternSource source = new PatternSource(1L << 30, 64 * 1024);
            ByteSink sink = new ByteSink(0, false);
            new Pipeline(source, client, sink).activate(scheduler);
            Socket s = server.accept(WAIT);
            TestServer.readExactly(s, 1 << 20, WAIT); // the stream is flowing
            TestServer.reset(s); // the server goes away without a clean close
            assertThat(sink.finished.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // Linux reports a reset once, to whichever call comes first; when the writer's write takes it, the
            // reader then sees a plain end of stream, and the client reports the write's error.
            assertThat(sink.control).hasSize(2);
            assertThat(sink.control.get(0)).isInstanceOf(ErrorInformation.class);
            Throwable e = ((ErrorInformation) sink.control.get(0)).exception();
            assertThat(e).isInstanceOf(IOException.class); // "Broken pipe" or "Connection reset", by timing
            SocketShutdown end = (SocketShutdown) sink.control.get(1);
            assertThat(end.cause()).isSameAs(e);
            assertThat(end.bytesSent()).isGreaterThanOrEqualTo(1 << 20);
            // the source is upstream: the client failing does not stop it; stop it, then account for every byte
            source.deliver(new org.kamaelia.axon.ipc.ShutdownMicroprocess(), "control");
            assertThat(source.join(WAIT)).isTrue();
            long droppedAfterTheEnd = client.droppedCount("inbox") * 64 * 1024;
            assertThat(end.bytesSent() + end.unsentBytes() + droppedAfterTheEnd)
                    .as("sent (into the kernel), counted as unsent, or dropped (and counted) once the client had ended")
                    .isEqualTo(source.sent.get());
        }
    }

    @Test
    void aFailingClientHarmsNothingElseInTheGraph() throws Exception {
        int refusedPort = ThreadedTCPClientConnectTest.freePort();
        try (TestServer echo = TestServer.echo()) {
            Probe failing = new Probe(new ThreadedTCPClient("127.0.0.1", refusedPort)).activate(scheduler);
            Probe healthy = new Probe(new ThreadedTCPClient("127.0.0.1", echo.port())).activate(scheduler);
            ThreadedTCPClientConnectTest.assertFailedWith(failing, java.net.ConnectException.class);
            healthy.handle.put(pattern(0, 100_000), "inbox");
            assertThat(healthy.read(100_000)).isEqualTo(pattern(0, 100_000));
            healthy.handle.put(new ProducerFinished(), "control");
            assertThat(healthy.awaitShutdown().isClean()).isTrue();
            healthy.awaitFinished();
            assertThat(scheduler.failures()).as("no component's main() threw").isEmpty();
            assertThat(failing.client.failure()).isEmpty();
        }
    }
}
