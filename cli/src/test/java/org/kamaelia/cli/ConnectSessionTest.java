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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Component;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.ConnectedSocketAdapter;
import org.kamaelia.protocol.EchoProtocol;
import org.kamaelia.protocol.FortuneCookieProtocol;

/**
 * {@code kamaelia connect} run in-process against servers on loopback: the netcat contract (binary-safe,
 * half-close at end of input, the server's close ends it even while input stays open), its options, and
 * the exit status and the one line on standard error for each way it can fail.
 */
@Timeout(60)
class ConnectSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final TestTerminal t = new TestTerminal();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        TestSupport.awaitNoThreadNamed("ConsoleReader_", WAIT); // the readers of closed pipes have ended
    }

    private SimpleServer server(Supplier<? extends Component> protocol) {
        return server(protocol, InetAddress.getLoopbackAddress());
    }

    private SimpleServer server(Supplier<? extends Component> protocol, InetAddress bind) {
        SimpleServer s = SimpleServer.builder(protocol).bindAddress(bind).port(0)
                .closeTimeout(Duration.ofSeconds(60)).build();
        s.activate();
        cleanup.add(() -> {
            s.close();
            assertThat(s.join(WAIT)).as("server stopped").isTrue();
        });
        return s;
    }

    /** A standard input that stays open until the test ends (a terminal nobody types in, an endless pipe). */
    private PipedOutputStream openInput(PipedInputStream in) throws IOException {
        PipedOutputStream w = new PipedOutputStream(in);
        cleanup.add(w);
        return w;
    }

    private ExitStatus connect(ConnectConfig c, InputStream in) {
        return new ConnectSession(c, t.with(in)).run();
    }

    private static InputStream input(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits for the server's side of every connection to close. The test servers linger up to a minute
     * for the client to close its side, so a server socket that closes within the wait shows the
     * command closed its socket.
     */
    private static void awaitNoConnections(SimpleServer s) {
        for (Component c : s.childComponents()) {
            if (c instanceof ConnectedSocketAdapter) {
                assertThat(c.join(WAIT)).as("%s closed", c.name()).isTrue();
            }
        }
    }

    @Test
    void standardInputGoesToTheServerAndItsAnswerToStandardOutputThenEndOfInputEndsItCleanly() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ExitStatus status = connect(ConnectConfig.of("127.0.0.1", s.port()), input("hello\nworld\n"));
        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo("hello\nworld\n");
        assertThat(t.err()).isEmpty();
        awaitNoConnections(s);
    }

    @Test
    void binaryDataMakesTheRoundTripUnchanged() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        for (int i = 0; i < 256; i++) {
            data[i] = (byte) i; // every byte value, CR, LF and NUL included
        }
        ExitStatus status = connect(ConnectConfig.of("127.0.0.1", s.port()), new ByteArrayInputStream(data));
        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(t.out.bytes()).isEqualTo(data);
        awaitNoConnections(s);
    }

    @Test
    void theServerClosingEndsTheCommandWhileStandardInputStaysOpen() throws Exception {
        SimpleServer s = server(FortuneCookieProtocol::new);
        PipedInputStream in = new PipedInputStream();
        openInput(in); // never written to, never closed until the test is over
        CompletableFuture<ExitStatus> run = TestSupport.async(
                () -> connect(ConnectConfig.of("127.0.0.1", s.port()), in));
        assertThat(TestSupport.await(run, WAIT, t)).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo(String.join("\r\n", FortuneCookieProtocol.builtInCookie()) + "\r\n");
        assertThat(t.err()).isEmpty();
        awaitNoConnections(s);
    }

    @Test
    void whatIsTypedReachesTheServerWhileInputIsStillOpen() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        PipedInputStream in = new PipedInputStream();
        PipedOutputStream typing = openInput(in);
        CompletableFuture<ExitStatus> run = TestSupport.async(
                () -> connect(ConnectConfig.of("127.0.0.1", s.port()), in));
        typing.write("first\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        t.out.await("first\n", WAIT);
        typing.write("second\n".getBytes(StandardCharsets.UTF_8));
        typing.close(); // end of input: half-close, the echo server finishes, the command ends
        assertThat(TestSupport.await(run, WAIT, t)).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo("first\nsecond\n");
    }

    @Test
    void sendGoesFirstThenStandardInput() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withSend("hello\r\n");
        assertThat(connect(c, input("world\n"))).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo("hello\r\nworld\n");
    }

    @Test
    void lineModeWithCrlfEndsEveryLineWithCrLfIncludingAnUnfinishedLastOne() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withLines(true, true);
        assertThat(connect(c, input("one\ntwo\r\nthree"))).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo("one\r\ntwo\r\nthree\r\n");
    }

    @Test
    void lineModeWithoutCrlfEndsLinesWithLf() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withLines(true, false);
        assertThat(connect(c, input("a\r\nb\n"))).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo("a\nb\n");
    }

    @Test
    void lineModeSendsACarriageReturnInsideALineAsItIs() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withLines(true, false);
        assertThat(connect(c, input("one\ntw\ro\nthree\n"))).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo("one\ntw\ro\nthree\n");
        assertThat(t.err()).isEmpty();
    }

    @Test
    void crlfModeTurnsEveryLineEndIntoCrLfWithoutDoublingACrLfAndKeepsOtherCarriageReturns() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withLines(true, true);
        // LF, CR LF, CR CR LF (the first CR is content), old Mac line ends ending the input with a lone CR
        assertThat(connect(c, input("a\nb\r\nc\r\r\nold\rmac\r"))).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo("a\r\nb\r\nc\r\r\nold\rmac\r\n");
        assertThat(t.err()).isEmpty();
    }

    @Test
    void anOverlongLineInLineModeIsReportedNotSentAndTheExitStatusIsOne() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withLines(true, false);
        String tooLong = "x".repeat(70_000);
        assertThat(connect(c, input("before\n" + tooLong + "\nafter\n"))).isEqualTo(ExitStatus.FAILURE);
        assertThat(t.out()).isEqualTo("before\nafter\n");
        assertThat(t.err()).startsWith("kamaelia: standard input: ").contains("65536")
                .endsWith(" (that line was not sent)\n").hasLineCount(1);
    }

    @Test
    void verboseReportsTheEndOfInputAfterTheConnectionEvenWhenTheInputEndedFirst() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withVerbose(true);
        assertThat(connect(c, input(""))).isEqualTo(ExitStatus.OK); // the input ends before the connect is done
        String where = "127.0.0.1:" + s.port();
        String[] lines = t.err().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("kamaelia: connecting to " + where + " (connect timeout 30s)");
        assertThat(lines[1]).startsWith("kamaelia: connected to " + where + " (127.0.0.1 port " + s.port());
        assertThat(lines[2]).isEqualTo("kamaelia: end of standard input: half-closed the connection,"
                + " waiting for the server to finish");
        assertThat(lines[3]).isEqualTo("kamaelia: connection to " + where + " closed: sent 0 bytes, received 0 bytes");
    }

    @Test
    void anIpv6LiteralInBracketsIsPrintedWithOnePairOfBracketsAndInItsShortForm() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        SimpleServer s = server(EchoProtocol::new, v6);
        ConnectConfig c = ConnectConfig.of("[::1]", s.port()).withVerbose(true);
        assertThat(connect(c, input("x"))).isEqualTo(ExitStatus.OK);
        assertThat(t.out()).isEqualTo("x");
        assertThat(t.err()).startsWith("kamaelia: connecting to [::1]:" + s.port() + " (")
                .contains("\nkamaelia: connected to [::1]:" + s.port() + " (::1 port " + s.port() + ", from port ")
                .doesNotContain("[[").doesNotContain("0:0:0");

        int free;
        try (ServerSocket ss = new ServerSocket(0, 1, v6)) {
            free = ss.getLocalPort();
        }
        TestTerminal refused = new TestTerminal();
        assertThat(new ConnectSession(ConnectConfig.of("[::1]", free), refused.with(input(""))).run())
                .isEqualTo(ExitStatus.REFUSED);
        assertThat(refused.err()).isEqualTo("kamaelia: connection refused: [::1]:" + free + "\n");
    }

    @Test
    void verboseReportsTheConnectionsEvents() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withVerbose(true);
        assertThat(connect(c, input("12345"))).isEqualTo(ExitStatus.OK);
        String where = "127.0.0.1:" + s.port();
        String[] lines = t.err().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("kamaelia: connecting to " + where + " (connect timeout 30s)");
        // the input's end and the connection can come in either order: the input is only five bytes
        assertThat(List.of(lines[1], lines[2])).anySatisfy(l -> assertThat(l).matches(
                "kamaelia: connected to " + java.util.regex.Pattern.quote(where) + " \\(127\\.0\\.0\\.1 port "
                        + s.port() + ", from port \\d+\\)"));
        assertThat(List.of(lines[1], lines[2])).contains("kamaelia: end of standard input: half-closed the connection,"
                + " waiting for the server to finish");
        assertThat(lines[3]).isEqualTo("kamaelia: connection to " + where + " closed: sent 5 bytes, received 5 bytes");
    }

    @Test
    void progressReportsBytesEachWayPeriodicallyAndASummary() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream w = openInput(in);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withProgress(true, Duration.ofMillis(50));
        CompletableFuture<ExitStatus> run = TestSupport.async(() -> connect(c, in));
        w.write(new byte[100_000]);
        w.flush();
        t.err.await("kamaelia: progress: \\d+\\.\\ds: sent 97\\.7 KiB \\(.*/s\\), received 97\\.7 KiB", WAIT);
        w.close();
        assertThat(TestSupport.await(run, WAIT, t)).isEqualTo(ExitStatus.OK);
        assertThat(t.err()).containsPattern(
                "kamaelia: progress: done in \\d+\\.\\ds: sent 97\\.7 KiB \\(.*/s\\),"
                        + " received 97\\.7 KiB \\(.*/s\\)\n$");
        assertThat(t.out.bytes()).hasSize(100_000);
    }

    @Test
    void aRefusedConnectionExitsThreeWithOneLine() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort(); // free now that it is closed: nothing listens there
        }
        assertThat(connect(ConnectConfig.of("127.0.0.1", port), input("x"))).isEqualTo(ExitStatus.REFUSED);
        assertThat(t.err()).isEqualTo("kamaelia: connection refused: 127.0.0.1:" + port + "\n");
        assertThat(t.out()).isEmpty();
    }

    @Test
    void anUnresolvableHostExitsFourWithOneLine() {
        ExitStatus status = connect(ConnectConfig.of("no-such-host.invalid", 80), input(""));
        assertThat(status).isEqualTo(ExitStatus.UNKNOWN_HOST);
        assertThat(t.err()).startsWith("kamaelia: unknown host: no-such-host.invalid (").endsWith(")\n")
                .hasLineCount(1);
    }

    @Test
    void aConnectTimeoutExitsFiveWithOneLine() throws Exception {
        // A listener that never accepts, with its queue full: the kernel drops further SYNs, so connects hang.
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        cleanup.add(full);
        for (int i = 0; i < 8; i++) {
            SocketChannel filler = SocketChannel.open();
            cleanup.add(filler);
            filler.configureBlocking(false);
            filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()));
        }
        ConnectConfig c = ConnectConfig.of("127.0.0.1", full.getLocalPort()).withConnectTimeout(Duration.ofMillis(300));
        assertThat(connect(c, input(""))).isEqualTo(ExitStatus.TIMED_OUT);
        assertThat(t.err()).isEqualTo("kamaelia: timed out connecting to 127.0.0.1:" + full.getLocalPort() + "\n");
    }

    @Test
    void aResetConnectionExitsSixWithOneLine() throws Exception {
        ServerSocket rude = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        cleanup.add(rude);
        Thread.ofVirtual().start(() -> {
            try (Socket s = rude.accept()) {
                s.getInputStream().read();  // wait for the client's first byte
                s.setSoLinger(true, 0);     // then close with a reset
            } catch (IOException ignored) {
                // the test's assertions say what went wrong
            }
        });
        PipedInputStream in = new PipedInputStream();
        PipedOutputStream w = openInput(in);
        CompletableFuture<ExitStatus> run = TestSupport.async(
                () -> connect(ConnectConfig.of("127.0.0.1", rude.getLocalPort()), in));
        w.write('x');
        w.flush();
        assertThat(TestSupport.await(run, WAIT, t)).isEqualTo(ExitStatus.RESET);
        assertThat(t.err()).startsWith("kamaelia: connection reset: 127.0.0.1:" + rude.getLocalPort() + " (")
                .hasLineCount(1);
    }

    @Test
    void aFailingStandardOutputClosesTheConnectionAndExitsOne() throws Exception {
        SimpleServer s = server(FortuneCookieProtocol::new);
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        PipedInputStream in = new PipedInputStream();
        openInput(in);
        Terminal term = new Terminal(in, broken, t.errStream, t.interrupts);
        CompletableFuture<ExitStatus> run = TestSupport.async(
                () -> new ConnectSession(ConnectConfig.of("127.0.0.1", s.port()), term).run());
        assertThat(TestSupport.await(run, WAIT, t)).isEqualTo(ExitStatus.FAILURE);
        assertThat(t.err())
                .isEqualTo("kamaelia: writing standard output failed: Broken pipe (closing the connection)\n");
        awaitNoConnections(s);
    }

    @Test
    void aFailingStandardInputIsReportedTreatedAsItsEndAndExitsOne() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        InputStream failing = new InputStream() {
            private boolean first = true;

            @Override
            public int read() throws IOException {
                throw new IOException("Bad file descriptor");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (first) {
                    first = false;
                    b[off] = 'A';
                    return 1;
                }
                throw new IOException("Bad file descriptor");
            }
        };
        assertThat(connect(ConnectConfig.of("127.0.0.1", s.port()), failing)).isEqualTo(ExitStatus.FAILURE);
        assertThat(t.out()).isEqualTo("A");
        assertThat(t.err()).isEqualTo(
                "kamaelia: reading standard input failed: Bad file descriptor (treated as its end)\n");
    }

    @Test
    void anInterruptClosesTheConnectionAndExits130() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        PipedInputStream in = new PipedInputStream();
        PipedOutputStream typing = openInput(in);
        CompletableFuture<ExitStatus> run = TestSupport.async(
                () -> connect(ConnectConfig.of("127.0.0.1", s.port()), in));
        typing.write("ping\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        t.out.await("ping\n", WAIT); // connected and talking
        TestTerminal.FakeInterrupts.joinAll(t.interrupts.interrupt(), WAIT);
        assertThat(TestSupport.await(run, WAIT, t)).isEqualTo(ExitStatus.INTERRUPTED);
        assertThat(t.err()).isEqualTo("kamaelia: interrupted\n");
        assertThat(t.interrupts.halts).isEmpty(); // connect leaves the exit status to the JVM (130)
        awaitNoConnections(s);
    }

    @Test
    void theInterruptActionIsCancelledWhenTheSessionEnds() {
        SimpleServer s = server(EchoProtocol::new);
        assertThat(connect(ConnectConfig.of("127.0.0.1", s.port()), input("x"))).isEqualTo(ExitStatus.OK);
        assertThat(t.interrupts.registered()).isZero();
    }

    @Test
    void theGraphIsTheNetcatPipelineWithItsMonitor() {
        ConnectSession session = new ConnectSession(ConnectConfig.of("127.0.0.1", 9).withLines(true, true)
                .withProgress(true, Duration.ofSeconds(1)), t.withNoInput());
        var g = (org.kamaelia.chassis.Graphline) session.graph();
        assertThat(g.namedChildren().keySet())
                .containsExactlyInAnyOrder("READER", "LINES", "SENT", "CLIENT", "RECEIVED", "ECHO", "MONITOR", "RELAY");
        assertThat(g.links()).extracting(Object::toString).contains(
                "(READER, outbox) -> (LINES, inbox)",
                "(LINES, outbox) -> (SENT, inbox)",
                "(SENT, outbox) -> (CLIENT, inbox)",
                "(CLIENT, outbox) -> (RECEIVED, inbox)",
                "(RECEIVED, outbox) -> (ECHO, inbox)",
                "(MONITOR, inputEnd) -> (LINES, control)",
                "(MONITOR, clientControl) -> (CLIENT, control)",
                "(MONITOR, readerControl) -> (READER, control)",
                "(LINES, signal) -> (RELAY, LINES.signal)",
                "(RELAY, LINES.end) -> (SENT, control)",
                "(SENT, signal) -> (RELAY, SENT.signal)",
                "(RELAY, SENT.end) -> (CLIENT, control)",
                "(RECEIVED, signal) -> (RELAY, RECEIVED.signal)",
                "(RELAY, RECEIVED.end) -> (ECHO, control)");
        assertThat(g.links()).extracting(Object::toString)
                .noneMatch(l -> l.contains("signal) -> (") && l.endsWith(", control)") && !l.startsWith("(RELAY"));
    }

    /**
     * A stage to inject between two others: it passes every message on; {@code complain} makes it report
     * an error for each one (and go on), otherwise it throws on the first one.
     */
    static final class InjectedStage extends CliComponent {
        private final boolean complain;

        InjectedStage(boolean complain) {
            this.complain = complain;
        }

        @Override
        protected void main() {
            for (;;) {
                while (!stopNow() && dataReady("inbox")) {
                    Object m = recv("inbox");
                    if (!complain) {
                        throw new IllegalStateException("injected failure");
                    }
                    send(new org.kamaelia.axon.ipc.ErrorInformation(this, new IllegalStateException("injected"),
                            "injected error"), "signal");
                    if (!sendOrStop(m, "outbox")) {
                        break;
                    }
                }
                if (checkControl() && (stopNow() || !dataReady("inbox"))) {
                    send(stopMessage(), "signal");
                    return;
                }
                pause();
            }
        }
    }

    @Test
    void anErrorReportedByAStageBetweenTwoOthersReachesStandardErrorAndMakesTheExitStatusOne() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        ConnectConfig c = ConnectConfig.of("127.0.0.1", s.port()).withLines(true, false);
        ConnectSession session = new ConnectSession(c, t.with(input("a\n")),
                List.of(new ConnectSession.Stage("INJECTED", "the injected stage", new InjectedStage(true))), List.of());
        assertThat(session.run()).isEqualTo(ExitStatus.FAILURE);
        assertThat(t.out()).isEqualTo("a\n"); // it went on
        assertThat(t.err()).isEqualTo("kamaelia: the injected stage (INJECTED): injected error\n");
    }

    @Test
    void aStageThatFailsIsReportedStopsTheSessionAndMakesTheExitStatusOne() throws Exception {
        SimpleServer s = server(EchoProtocol::new);
        PipedInputStream in = new PipedInputStream();
        PipedOutputStream typing = openInput(in); // the input stays open: the failure must end the session
        ConnectSession session = new ConnectSession(ConnectConfig.of("127.0.0.1", s.port()), t.with(in), List.of(),
                List.of(new ConnectSession.Stage("INJECTED", "the injected stage", new InjectedStage(false))));
        CompletableFuture<ExitStatus> run = TestSupport.async(session::run);
        typing.write("boom\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        assertThat(TestSupport.await(run, WAIT, t)).isEqualTo(ExitStatus.FAILURE);
        assertThat(t.err()).matches("kamaelia: the injected stage \\(INJECTED\\): InjectedStage_\\d+ failed: "
                + "java.lang.IllegalStateException: injected failure\n");
        assertThat(t.out()).isEmpty();
        awaitNoConnections(s);
    }
}
