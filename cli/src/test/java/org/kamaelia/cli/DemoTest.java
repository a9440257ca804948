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

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.protocol.FortuneCookieProtocol;

/** The embedded demo: what it prints and its exit status, with nothing outside the process. */
@Timeout(60)
class DemoTest {

    private static String run(String... args) {
        TestTerminal t = new TestTerminal();
        long start = System.nanoTime();
        int code = Cli.run(t.withNoInput(), args);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(code).as("exit status; stderr: %s", t.err()).isZero();
        assertThat(t.err()).isEmpty();
        assertThat(took).as("a demo finishes in a couple of seconds").isLessThan(Duration.ofSeconds(10));
        return t.out();
    }

    @Test
    void theDefaultDemoShowsTheFortuneComingBackAndTheGraph() {
        String out = run();
        assertThat(out).startsWith("kamaelia demo: a fortune server and a client in this one process");
        for (String line : FortuneCookieProtocol.builtInCookie()) {
            assertThat(out).contains("\n<-- " + line + "\n");
        }
        assertThat(out).doesNotContain("\n--> ");
        assertThat(out).contains("The client ended with SocketShutdown(clean, sent 0 B, received ");
        assertThat(out).contains("the server then shut down cleanly after 1 connection.");
        assertGraph(out, "ObservedFortuneCookieProtocol_");
    }

    @Test
    void theEchoDemoAlternatesWhatIsSentAndWhatComesBack() {
        String out = run("demo", "--protocol", "echo");
        StringBuilder expected = new StringBuilder();
        for (String line : Demo.ECHO_LINES) {
            expected.append("--> ").append(line).append('\n').append("<-- ").append(line).append('\n');
        }
        assertThat(out).contains("\n\n" + expected + "\n");
        assertThat(out).containsPattern("SocketShutdown\\(clean, sent (\\d+) B, received \\1 B\\)");
        assertGraph(out, "ObservedEchoProtocol_");
    }

    private static void assertGraph(String out, String protocol) {
        assertThat(out).contains("The component graph it ran (a snapshot taken when the server's protocol started):");
        assertThat(out).containsPattern("\n  Graphline_\\d+  \\(the client side\\)\n");
        assertThat(out)
                .containsPattern("\\+- CLIENT    ThreadedTCPClient_\\d+ +in: inbox control   out: outbox signal");
        for (String child : new String[] {"SCRIPT", "SENT", "TO_BYTES", "TO_LINES", "RECEIVED"}) {
            assertThat(out).contains("+- " + child + " ");
        }
        assertThat(out).containsPattern("SCRIPT\\.outbox +--> SENT\\.inbox")
                .containsPattern("TO_BYTES\\.outbox +--> CLIENT\\.inbox")
                .containsPattern("CLIENT\\.outbox +--> TO_LINES\\.inbox")
                .containsPattern("CLIENT\\.signal +--> RELAY\\.CLIENT\\.signal")
                .containsPattern("RELAY\\.CLIENT\\.end +--> TO_LINES\\.control")
                .containsPattern("RELAY\\.RECEIVED\\.end +--> SCRIPT\\.control");
        assertThat(out).containsPattern("CLIENT\\.control +==> ControlWatcher_\\d+\\.inbox  \\(passed in\\)");
        assertThat(out).containsPattern("\n  SimpleServer_\\d+  \\(the server side\\)\n");
        assertThat(out).containsPattern("\\+- TCPServer_\\d+");
        assertThat(out).containsPattern("\\+- ConnectedSocketAdapter_\\d+ +in: inbox control producerSignal");
        assertThat(out).containsPattern("ConnectedSocketAdapter_\\d+\\.outbox +--> " + protocol + "\\d+\\.inbox");
        assertThat(out).containsPattern(protocol + "\\d+\\.signal +--> ConnectedSocketAdapter_\\d+\\.producerSignal");
        assertThat(out).doesNotContain("_socketactivity ").doesNotContain("in: _");
    }

    @Test
    void theDemoPrintsTheSameEveryRunApartFromNumbers() {
        String first = run("demo").replaceAll("\\d+", "N").replaceAll(" +", " ");
        String second = run("demo").replaceAll("\\d+", "N").replaceAll(" +", " ");
        assertThat(second).isEqualTo(first);
    }
}
