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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code kamaelia serve} started and stopped in-process, with a fake Ctrl-C. */
@Timeout(60)
class ServeSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestTerminal t = new TestTerminal();

    /** Starts serve on a free port; returns the port it printed. */
    private int start(ServerProtocol protocol, CompletableFuture<Integer>[] run) throws Exception {
        run[0] = TestSupport.async(() -> Cli.run(t.withNoInput(), "serve", "--port", "0", "--protocol",
                protocol.cliName()));
        Matcher m = t.err.await("kamaelia: listening on 127\\.0\\.0\\.1:(\\d+) \\(" + protocol.cliName()
                + "; Ctrl-C stops it\\)\n", WAIT);
        return Integer.parseInt(m.group(1));
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertThat(b).hasSize(n);
        return b;
    }

    @Test
    @SuppressWarnings("unchecked")
    void serveRunsUntilInterruptedThenStopsCleanlyAndExitsZero() throws Exception {
        CompletableFuture<Integer>[] run = new CompletableFuture[1];
        int port = start(ServerProtocol.ECHO, run);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream o = s.getOutputStream();
            o.write("echo me".getBytes(StandardCharsets.UTF_8));
            o.flush();
            assertThat(new String(readFully(s.getInputStream(), 7), StandardCharsets.UTF_8)).isEqualTo("echo me");
        }
        assertThat(run[0]).isNotDone();

        TestTerminal.FakeInterrupts.joinAll(t.interrupts.interrupt(), WAIT);
        assertThat(TestSupport.await(run[0], WAIT, t)).isZero();
        assertThat(t.interrupts.halts).containsExactly(0);
        assertThat(t.err()).endsWith("kamaelia: server stopped; 1 connection served\n");
        assertThat(t.out()).isEmpty();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("nothing listens any more").isInstanceOf(ConnectException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConnectionOpenAtTheInterruptIsClosed() throws Exception {
        CompletableFuture<Integer>[] run = new CompletableFuture[1];
        int port = start(ServerProtocol.CHARGEN, run);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            readFully(s.getInputStream(), 1000); // chargen is talking
            TestTerminal.FakeInterrupts.joinAll(t.interrupts.interrupt(), WAIT);
            assertThat(TestSupport.await(run[0], WAIT, t)).isZero();
            s.setSoTimeout((int) WAIT.toMillis());
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            try {
                while ((n = in.read(buf)) >= 0) {
                    assertThat(n).isPositive(); // what was in flight, then the end
                }
            } catch (java.net.SocketException reset) {
                // closed at once: a reset is as good an end as a FIN
            }
        }
    }

    @Test
    void eachProtocolAnswersAsItShould() throws Exception {
        for (ServerProtocol p : new ServerProtocol[] {ServerProtocol.DAYTIME, ServerProtocol.FORTUNE}) {
            TestTerminal term = new TestTerminal();
            CompletableFuture<Integer> run = TestSupport.async(() -> Cli.run(term.withNoInput(), "serve",
                    "--port", "0", "--protocol", p.cliName()));
            int port = Integer.parseInt(term.err.await("listening on 127\\.0\\.0\\.1:(\\d+)", WAIT).group(1));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout((int) WAIT.toMillis());
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(p.cliName()).endsWith("\r\n").hasSizeGreaterThan(10);
            }
            TestTerminal.FakeInterrupts.joinAll(term.interrupts.interrupt(), WAIT);
            assertThat(TestSupport.await(run, WAIT, term)).isZero();
        }
    }

    @Test
    void aPortInUseIsReportedInOneLineAndExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            taken.setReuseAddress(false);
            int code = Cli.run(t.withNoInput(), "serve", "--port", "" + taken.getLocalPort(), "--protocol", "echo");
            assertThat(code).isEqualTo(1);
            assertThat(t.err()).startsWith("kamaelia: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasLineCount(1);
            assertThat(t.interrupts.registered()).isZero();
        }
    }

    @Test
    void maxConnectionsClosesAConnectionBeyondTheLimitAtOnce() throws Exception {
        CompletableFuture<Integer> run = TestSupport.async(() -> Cli.run(t.withNoInput(), "serve", "--port", "0",
                "--protocol", "echo", "--max-connections", "1", "--backlog", "4"));
        int port = Integer.parseInt(t.err.await("listening on 127\\.0\\.0\\.1:(\\d+)", WAIT).group(1));
        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), port)) {
            first.getOutputStream().write('a');
            assertThat(first.getInputStream().read()).isEqualTo('a'); // served: the one connection allowed
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), port)) {
                second.setSoTimeout((int) WAIT.toMillis());
                int r;
                try {
                    r = second.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    r = -1;
                }
                assertThat(r).as("the second connection is closed at once").isEqualTo(-1);
            }
        }
        TestTerminal.FakeInterrupts.joinAll(t.interrupts.interrupt(), WAIT);
        assertThat(TestSupport.await(run, WAIT, t)).isZero();
    }

    @Test
    void listeningOnIpv6LoopbackIsPrintedInTheShortForm() throws Exception {
        CompletableFuture<Integer> run = TestSupport.async(() -> Cli.run(t.withNoInput(), "serve", "--port", "0",
                "--bind", "::1", "--protocol", "echo"));
        Matcher m = t.err.await("kamaelia: listening on (\\S+):(\\d+) \\(echo; Ctrl-C stops it\\)\n", WAIT);
        assertThat(m.group(1)).isEqualTo("[::1]");
        TestTerminal.FakeInterrupts.joinAll(t.interrupts.interrupt(), WAIT);
        assertThat(TestSupport.await(run, WAIT, t)).isZero();
    }
}
