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
package org.kamaelia.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's Java examples are files of this directory, shown in the README exactly as they are (so they cannot
 * drift), and each runs as the README says. The project of "Use it in your project" is built and run by
 * scripts/check-user-project.sh instead.
 */
@Timeout(120)
class ReadmeExamplesTest {
    static final String USER_PROJECT_MARKER = "<!-- checked by scripts/check-user-project.sh -->";

    @Test
    void everyJavaBlockOfTheReadmeIsAnExampleFileShownExactly() throws Exception {
        Map<String, String> blocks = Examples.javaBlocks("README.md", USER_PROJECT_MARKER);
        assertThat(blocks).containsOnlyKeys(
                "components/src/test/java/org/kamaelia/examples/EchoClient.java",
                "components/src/test/java/org/kamaelia/examples/ShoutServer.java");
        for (var e : blocks.entrySet()) {
            assertThat(e.getValue()).as("README.md's block for %s", e.getKey()).isEqualTo(Examples.shown(e.getKey()));
        }
    }

    @Test
    void theClientExampleTalksToItsOwnEchoServerPrintsTheLinesAndExitsZero() throws Exception {
        Examples.Run run = Examples.run(EchoClient.class.getName());
        assertThat(run.out()).as("stderr: %s", run.err()).isEqualTo("[hello, world]\n");
        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    }

    @Test
    void theServerExampleAnswersALoopbackClientInCapitalsUntilItIsStopped() throws Exception {
        Process server = Examples.start(ShoutServer.class.getName(), "0");
        try {
            var lines = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8));
            String first = lines.readLine();
            assertThat(first).startsWith("listening on 127.0.0.1:");
            int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
            for (int i = 0; i < 2; i++) { // one connection after another: the server goes on
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout((int) Examples.WAIT.toMillis());
                    s.getOutputStream().write("hello, Kamaelia 1\n".getBytes(UTF_8));
                    s.shutdownOutput(); // the client's end of stream: the protocol answers, then closes
                    assertThat(new String(s.getInputStream().readAllBytes(), UTF_8)).isEqualTo("HELLO, KAMAELIA 1\n");
                }
            }
            assertThat(server.isAlive()).as("the server runs until it is stopped").isTrue();
        } finally {
            server.destroy();
            assertThat(server.waitFor(Examples.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }
}
