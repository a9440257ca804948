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
package org.kamaelia.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.internet.ConnectionInfo;
import org.kamaelia.ipc.ProtocolFailure;

/** What {@code kamaelia serve} prints when a connection's protocol fails. */
@Timeout(60)
class ServerReporterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void eachProtocolFailureIsOneLineOnStandardErrorAndAfterAHundredTheyAreOnlyCounted() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ServerReporter r = new ServerReporter(new PrintStream(buf, true, UTF_8));
        Handle h = new Handle(r);
        r.activate(new Scheduler("reporter"));
        ConnectionInfo info = new ConnectionInfo(7, new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 7));
        for (int i = 0; i < 150; i++) {
            ProtocolFailure f = new ProtocolFailure("server", info, null, new IllegalStateException("bad " + i),
                    info + ": bad " + i);
            assertThat(h.put(f, "inbox", WAIT)).isTrue();
        }
        assertThat(h.put(new ErrorInformation("server", new IllegalStateException("the server's own"), "x"),
                "inbox", WAIT)).isTrue(); // not a connection's failure: the session reports it itself
        assertThat(h.put(new ProducerFinished(), "inbox", WAIT)).isTrue(); // the server's stop message

        assertThat(r.join(WAIT)).isTrue();

        List<String> lines = buf.toString(UTF_8).lines().toList();
        assertThat(lines).hasSize(ServerReporter.MAX_PRINTED + 1);
        assertThat(lines.get(0)).isEqualTo("kamaelia: " + info + ": bad 0");
        assertThat(lines.get(ServerReporter.MAX_PRINTED - 1)).isEqualTo("kamaelia: " + info + ": bad 99");
        assertThat(lines.get(ServerReporter.MAX_PRINTED)).startsWith("kamaelia: more connections failed");
        assertThat(r.protocolFailures()).isEqualTo(150);
    }
}
