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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kamaelia.cli.Cli.Invocation;
import org.kamaelia.cli.Cli.Run;
import org.kamaelia.cli.Cli.Text;
import org.kamaelia.cli.Cli.UsageError;

/** Parsing and checking the arguments: no network, no streams, only {@link Cli#parse}. */
class CliParseTest {

    private static CommandConfig config(String... args) {
        Invocation inv = Cli.parse(args);
        assertThat(inv).as("parse of %s", String.join(" ", args)).isInstanceOf(Run.class);
        return ((Run) inv).config();
    }

    private static UsageError usageError(String... args) {
        Invocation inv = Cli.parse(args);
        assertThat(inv).as("parse of %s", String.join(" ", args)).isInstanceOf(UsageError.class);
        UsageError u = (UsageError) inv;
        assertThat(u.message()).doesNotContain("\n");
        assertThat(u.usage()).startsWith("Usage: kamaelia").contains("--help' for more information");
        return u;
    }

    private static ConnectConfig connect(String... args) {
        return (ConnectConfig) config(args);
    }

    // ------------------------------------------------------------------ demo

    @Test
    void noArgumentsRunTheFortuneDemo() {
        assertThat(config()).isEqualTo(new DemoConfig(ServerProtocol.FORTUNE));
    }

    @Test
    void demoRunsFortuneByDefaultAndEchoOnRequest() {
        assertThat(config("demo")).isEqualTo(DemoConfig.DEFAULT);
        assertThat(config("demo", "--protocol", "echo")).isEqualTo(new DemoConfig(ServerProtocol.ECHO));
        assertThat(config("demo", "--protocol=ECHO")).isEqualTo(new DemoConfig(ServerProtocol.ECHO));
    }

    @Test
    void demoRefusesAProtocolThatWouldNotFinishOrAnUnknownOne() {
        assertThat(usageError("demo", "--protocol", "chargen").message())
                .isEqualTo("kamaelia demo: --protocol: 'chargen' (expected: fortune or echo for the demo)");
        assertThat(usageError("demo", "--protocol", "gopher").message()).contains("'gopher'");
    }

    // ------------------------------------------------------------------ connect

    @Test
    void connectTakesHostAndPortWithEveryOptionAtItsDefault() {
        ConnectConfig c = connect("connect", "example.org", "80");
        assertThat(c).isEqualTo(ConnectConfig.of("example.org", 80));
        assertThat(c.send()).isNull();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.lines()).isFalse();
        assertThat(c.crlf()).isFalse();
        assertThat(c.verbose()).isFalse();
        assertThat(c.progress()).isFalse();
        assertThat(c.progressInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.where()).isEqualTo("example.org:80");
    }

    @Test
    void connectParsesEveryOption() {
        ConnectConfig c = connect("connect", "--send", "GET /\\r\\n\\x00\\\\", "--connect-timeout", "500ms",
                "--lines", "--verbose", "--progress", "--progress-interval", "2s", "::1", "65535");
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(65535);
        assertThat(c.where()).isEqualTo("[::1]:65535");
        assertThat(c.send()).isEqualTo("GET /\r\n\0\\".getBytes(StandardCharsets.UTF_8));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.lines()).isTrue();
        assertThat(c.crlf()).isFalse();
        assertThat(c.lineEnd()).isEqualTo("\n");
        assertThat(c.verbose()).isTrue();
        assertThat(c.progress()).isTrue();
        assertThat(c.progressInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(connect("connect", "-v", "h", "1").verbose()).isTrue();
    }

    @Test
    void crlfImpliesLineModeAndEndsLinesWithCrLf() {
        ConnectConfig c = connect("connect", "--crlf", "h", "25");
        assertThat(c.lines()).isTrue();
        assertThat(c.crlf()).isTrue();
        assertThat(c.lineEnd()).isEqualTo("\r\n");
    }

    @Test
    void sendKeepsNonAsciiTextAsUtf8() {
        assertThat(connect("connect", "--send", "héllo\\t", "h", "1").send())
                .isEqualTo("héllo\t".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void connectRejectsPortsOutsideOneTo65535() {
        assertThat(usageError("connect", "h", "0").message())
                .isEqualTo("kamaelia connect: PORT: 0 (expected: 1 to 65535)");
        assertThat(usageError("connect", "h", "70000").message())
                .isEqualTo("kamaelia connect: PORT: 70000 (expected: 1 to 65535)");
        assertThat(usageError("connect", "h", "http").message()).contains("PORT").contains("'http'");
        assertThat(usageError("connect", "h", "-1").message())
                .isEqualTo("kamaelia connect: PORT: -1 (expected: 1 to 65535)");
    }

    @Test
    void connectRejectsAMissingOrBlankHostOrPort() {
        assertThat(usageError("connect").message()).contains("Missing required parameters: 'HOST', 'PORT'");
        assertThat(usageError("connect", "example.org").message()).contains("Missing required parameter: 'PORT'");
        assertThat(usageError("connect", "", "80").message())
                .isEqualTo("kamaelia connect: HOST: '' (expected: a host name or address)");
    }

    @Test
    void connectRejectsBadDurations() {
        assertThat(usageError("connect", "--connect-timeout", "5x", "h", "1").message())
                .isEqualTo("kamaelia connect: --connect-timeout: '5x' (expected: a duration such as 500ms, 5s,"
                        + " 1.5s, 2m or 1h)");
        assertThat(usageError("connect", "--connect-timeout", "0s", "h", "1").message())
                .isEqualTo("kamaelia connect: --connect-timeout: 0s (expected: a duration > 0)");
        assertThat(usageError("connect", "--progress-interval", "soon", "h", "1").message())
                .contains("--progress-interval: 'soon'");
    }

    @Test
    void connectRejectsABadEscapeInSend() {
        assertThat(usageError("connect", "--send", "a\\q", "h", "1").message())
                .isEqualTo("kamaelia connect: --send: 'a\\q': unknown escape \\q at index 1"
                        + " (expected: \\r, \\n, \\t, \\0, \\\\ or \\xHH)");
        assertThat(usageError("connect", "--send", "\\x4", "h", "1").message()).contains("two hex digits");
        assertThat(usageError("connect", "--send", "end\\", "h", "1").message()).contains("lone backslash");
    }

    @Test
    void connectRejectsUnknownOptionsAndExtraArguments() {
        assertThat(usageError("connect", "--udp", "h", "1").message()).contains("'--udp'");
        assertThat(usageError("connect", "h", "1", "2").message()).contains("'2'");
    }

    @Test
    void connectCallsAHugeConnectTimeoutTooLarge() {
        assertThat(usageError("connect", "--connect-timeout", "99999999999999h", "h", "1").message())
                .isEqualTo("kamaelia connect: --connect-timeout: '99999999999999h' is too large"
                        + " (expected: at most 2562047h)");
    }

    @Test
    void anIpv6HostIsPrintedWithOnePairOfBracketsHoweverItWasWritten() {
        assertThat(connect("connect", "[::1]", "7").where()).isEqualTo("[::1]:7");
        assertThat(connect("connect", "::1", "7").where()).isEqualTo("[::1]:7");
        assertThat(connect("connect", "127.0.0.1", "7").where()).isEqualTo("127.0.0.1:7");
    }

    @Test
    void connectConfigChecksItsOwnArguments() {
        assertThatThrownBy(() -> ConnectConfig.of(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("host");
        assertThatThrownBy(() -> ConnectConfig.of(" ", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOST: ' ' (expected: a host name or address)");
        assertThatThrownBy(() -> ConnectConfig.of("h", 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PORT: 65536 (expected: 1 to 65535)");
        ConnectConfig ok = ConnectConfig.of("h", 1);
        assertThatThrownBy(() -> ok.withConnectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--connect-timeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> ok.withProgress(true, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--progress-interval: ");
        assertThatThrownBy(() -> ok.withLines(false, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--crlf: set without line mode (expected: --lines as well)");
        assertThatThrownBy(() -> ok.withConnectTimeout(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void connectConfigIsImmutableAndComparesByValue() {
        byte[] data = {1, 2, 3};
        ConnectConfig c = new ConnectConfig("h", 1, data, Duration.ofSeconds(1), false, false, false, false,
                Duration.ofSeconds(1));
        data[0] = 9;
        assertThat(c.send()).containsExactly(1, 2, 3);
        c.send()[1] = 9;
        assertThat(c.send()).containsExactly(1, 2, 3);
        assertThat(c).isEqualTo(new ConnectConfig("h", 1, new byte[] {1, 2, 3}, Duration.ofSeconds(1), false, false,
                false, false, Duration.ofSeconds(1)));
        assertThat(c).hasSameHashCodeAs(c.withSend(null).withSend("\u0001\u0002\u0003"));
        assertThat(c.toString()).contains("h:1").contains("3 bytes");
    }

    // ------------------------------------------------------------------ serve

    @Test
    void serveListensOnLoopbackPort1601ByDefault() {
        assertThat(config("serve", "--protocol", "echo"))
                .isEqualTo(new ServeConfig(1601, "127.0.0.1", ServerProtocol.ECHO));
    }

    @Test
    void serveParsesPortBindAndEveryProtocol() {
        assertThat(config("serve", "--port", "0", "--bind", "0.0.0.0", "--protocol", "chargen"))
                .isEqualTo(new ServeConfig(0, "0.0.0.0", ServerProtocol.CHARGEN));
        for (ServerProtocol p : ServerProtocol.values()) {
            assertThat(((ServeConfig) config("serve", "--protocol", p.cliName())).protocol()).isEqualTo(p);
        }
    }

    @Test
    void serveTakesConnectionLimitsAndTimeoutsWithTheirDefaults() {
        ServeConfig d = (ServeConfig) config("serve", "--protocol", "echo");
        assertThat(d.maxConnections()).isEqualTo(10_000);
        assertThat(d.backlog()).isEqualTo(org.kamaelia.internet.TCPServer.systemBacklog());
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.firstByteTimeout()).isEqualTo(Duration.ZERO);
        assertThat(config("serve", "--protocol", "echo", "--max-connections", "3", "--backlog", "7",
                "--idle-timeout", "30s", "--first-byte-timeout", "1.5s"))
                .isEqualTo(new ServeConfig(1601, "127.0.0.1", ServerProtocol.ECHO, 3, 7, Duration.ofSeconds(30),
                        Duration.ofMillis(1500)));
        ServeConfig off = (ServeConfig) config("serve", "--protocol", "echo", "--idle-timeout", "0");
        assertThat(off.idleTimeout()).isEqualTo(Duration.ZERO);
        assertThat(((Text) Cli.parse("serve", "--help")).text()).contains("--max-connections=N")
                .contains("--backlog=N").contains("--idle-timeout=DURATION").contains("--first-byte-timeout=DURATION");
    }

    @Test
    void serveRejectsBadLimitsAndTimeoutsNamingTheOptionAndTheValue() {
        assertThat(usageError("serve", "--protocol", "echo", "--max-connections", "0").message())
                .isEqualTo("kamaelia serve: --max-connections: 0 (expected: >= 1)");
        assertThat(usageError("serve", "--protocol", "echo", "--backlog", "-5").message())
                .isEqualTo("kamaelia serve: --backlog: -5 (expected: >= 1)");
        assertThat(usageError("serve", "--protocol", "echo", "--max-connections", "many").message())
                .contains("--max-connections").contains("'many'");
        assertThat(usageError("serve", "--protocol", "echo", "--idle-timeout", "soon").message())
                .isEqualTo("kamaelia serve: --idle-timeout: 'soon' (expected: a duration such as 500ms, 5s, 1.5s,"
                        + " 2m or 1h)");
        assertThat(usageError("serve", "--protocol", "echo", "--first-byte-timeout", "-1s").message())
                .isEqualTo("kamaelia serve: --first-byte-timeout: '-1s' (expected: a duration such as 500ms, 5s,"
                        + " 1.5s, 2m or 1h)");
        assertThat(usageError("serve", "--protocol", "echo", "--idle-timeout", "99999999999999h").message())
                .isEqualTo("kamaelia serve: --idle-timeout: '99999999999999h' is too large"
                        + " (expected: at most 2562047h)");
        assertThatThrownBy(() -> new ServeConfig(0, "h", ServerProtocol.ECHO, 1, 1, Duration.ofSeconds(-1),
                Duration.ZERO)).hasMessage("--idle-timeout: PT-1S (expected: a duration >= 0; 0 for off)");
    }

    @Test
    void serveRequiresAKnownProtocol() {
        assertThat(usageError("serve").message()).contains("Missing required option: '--protocol=NAME'");
        assertThat(usageError("serve", "--protocol", "http").message())
                .isEqualTo("kamaelia serve: --protocol: 'http' (expected: one of echo, discard, chargen, daytime,"
                        + " fortune)");
    }

    @Test
    void serveRejectsABadPortOrABlankAddress() {
        assertThat(usageError("serve", "--port", "70000", "--protocol", "echo").message())
                .isEqualTo("kamaelia serve: --port: 70000 (expected: 0 to 65535; 0 for any free port)");
        assertThat(usageError("serve", "--port", "x", "--protocol", "echo").message()).contains("'x'");
        assertThat(usageError("serve", "--bind", "", "--protocol", "echo").message()).contains("--bind: ''");
    }

    // ------------------------------------------------------------------ help, version, the rest

    @Test
    void helpAndVersionAreTextForStandardOutput() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {"help", "connect"},
                {"connect", "--help"}, {"serve", "--help"}, {"demo", "--help"}}) {
            Invocation inv = Cli.parse(args);
            assertThat(inv).as(String.join(" ", args)).isInstanceOf(Text.class);
            assertThat(((Text) inv).text()).startsWith("Usage: kamaelia").contains("Exit codes:");
        }
        assertThat(((Text) Cli.parse("connect", "--help")).text()).contains("--connect-timeout=DURATION")
                .contains("--send=TEXT").contains("--lines").contains("--crlf").contains("--progress")
                .contains("--verbose");
        Invocation v = Cli.parse("--version");
        assertThat(v).isInstanceOf(Text.class);
        assertThat(((Text) v).text()).startsWith("kamaelia ").doesNotContain("${");
    }

    @Test
    void helpListsEveryExitCode() {
        String help = ((Text) Cli.parse("--help")).text();
        for (ExitStatus s : ExitStatus.values()) {
            assertThat(help).contains(String.format("%3d   ", s.code()));
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(usageError("fetch").message()).isEqualTo("kamaelia: Unmatched argument at index 0: 'fetch'");
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThatThrownBy(() -> Cli.parse((String[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Cli.parse("connect", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("args[1]");
    }

    @Test
    void runningAUsageErrorPrintsOneLineAndTheUsageOnStandardErrorAndReturnsTwo() {
        TestTerminal t = new TestTerminal();
        int code = Cli.run(t.withNoInput(), "connect", "localhost", "70000");
        assertThat(code).isEqualTo(2);
        assertThat(t.out()).isEmpty();
        String[] lines = t.err().split("\n");
        assertThat(lines[0]).isEqualTo("kamaelia: connect: PORT: 70000 (expected: 1 to 65535)");
        assertThat(lines[1]).startsWith("Usage: kamaelia connect ");
        assertThat(t.err()).endsWith("Try 'kamaelia connect --help' for more information.\n");
    }

    @Test
    void runningHelpPrintsOnStandardOutputAndReturnsZero() {
        TestTerminal t = new TestTerminal();
        assertThat(Cli.run(t.withNoInput(), "serve", "--help")).isZero();
        assertThat(t.out()).startsWith("Usage: kamaelia serve");
        assertThat(t.err()).isEmpty();
    }
}
