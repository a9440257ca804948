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

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * The {@code kamaelia} command: turns arguments into a {@link CommandConfig} ({@link #parse}, no I/O and
 * no network, so it is unit-tested on its own) and runs it ({@link #run}) against a {@link Terminal}.
 *
 * <pre>
 *   kamaelia [demo [--protocol fortune|echo]]
 *   kamaelia connect HOST PORT [--send TEXT] [--connect-timeout DURATION] [--lines [--crlf]] [--verbose] [--progress]
 *   kamaelia serve [--port N] [--bind ADDR] [--max-connections N] [--backlog N] [--idle-timeout DURATION]
 *                  [--first-byte-timeout DURATION] --protocol echo|discard|chargen|daytime|fortune
 *   kamaelia --help | --version | help COMMAND
 * </pre>
 *
 * <h2>Thread safety</h2>
 * Stateless: each call builds its own picocli model.
 */
public final class Cli {

    /** What the arguments ask for. */
    sealed interface Invocation permits Run, Text, UsageError {
    }

    /** Run a command with this configuration. */
    record Run(CommandConfig config) implements Invocation {
    }

    /** Print this (help or version) on standard output and exit 0. */
    record Text(String text) implements Invocation {
    }

    /**
     * The arguments are wrong: print the one-line message and the usage on standard error, exit 2.
     *
     * @param message one line naming what was wrong, e.g. {@code kamaelia connect: PORT: 70000 (expected: 1 to 65535)}
     * @param usage   the command's synopsis and where to find more
     */
    record UsageError(String message, String usage) implements Invocation {
    }

    private Cli() {
    }

    /**
     * Parses the arguments. No I/O, no name resolution.
     *
     * @throws NullPointerException when args or one of them is null
     */
    static Invocation parse(String... args) {
        Objects.requireNonNull(args, "args");
        for (int i = 0; i < args.length; i++) {
            Objects.requireNonNull(args[i], "args[" + i + "]");
        }
        CommandLine cl = commandLine();
        StringWriter help = new StringWriter();
        cl.setOut(new PrintWriter(help, true));
        try {
            ParseResult pr = cl.parseArgs(args);
            if (CommandLine.printHelpIfRequested(pr)) {
                return new Text(help.toString());
            }
            ParseResult sub = pr.subcommand();
            if (sub == null) {
                return new Run(DemoConfig.DEFAULT);
            }
            CommandLine subCl = sub.commandSpec().commandLine();
            try {
                return new Run(((ConfigSource) sub.commandSpec().userObject()).toConfig());
            } catch (IllegalArgumentException e) {
                return usageError(subCl, e.getMessage());
            }
        } catch (ParameterException e) {
            return usageError(e.getCommandLine(), e.getMessage());
        }
    }

    private static UsageError usageError(CommandLine cl, String message) {
        CommandSpec spec = cl.getCommandSpec();
        String name = spec.qualifiedName();
        CommandLine.Help help = cl.getHelp();
        String usage = help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength())
                + "Try '" + name + " --help' for more information.\n";
        return new UsageError(name + ": " + message, usage);
    }

    /**
     * Parses and runs, printing on the terminal's streams.
     *
     * @return the exit code
     */
    static int run(Terminal terminal, String... args) {
        Objects.requireNonNull(terminal, "terminal");
        Invocation inv;
        try {
            inv = parse(args);
        } catch (NullPointerException e) {
            terminal.err().println("kamaelia: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        return switch (inv) {
            case Text t -> {
                try {
                    terminal.out().write(t.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    terminal.out().flush();
                    yield ExitStatus.OK.code();
                } catch (IOException e) {
                    terminal.err().println("kamaelia: writing standard output failed: " + e.getMessage());
                    yield ExitStatus.FAILURE.code();
                }
            }
            case UsageError u -> {
                terminal.err().println("kamaelia: " + stripPrefix(u.message()));
                terminal.err().print(u.usage());
                terminal.err().flush();
                yield ExitStatus.USAGE.code();
            }
            case Run r -> execute(r.config(), terminal).code();
        };
    }

    private static String stripPrefix(String message) {
        return message.startsWith("kamaelia ") ? message.substring("kamaelia ".length())
                : message.startsWith("kamaelia: ") ? message.substring("kamaelia: ".length()) : message;
    }

    /** Runs a parsed command. */
    static ExitStatus execute(CommandConfig config, Terminal terminal) {
        return switch (config) {
            case DemoConfig d -> new Demo(d, terminal).run();
            case ConnectConfig c -> new ConnectSession(c, terminal).run();
            case ServeConfig s -> new ServeSession(s, terminal).run();
        };
    }

    // ------------------------------------------------------------------ the picocli model

    /** A parsed subcommand that can make its config (throwing IllegalArgumentException for bad values). */
    interface ConfigSource {
        CommandConfig toConfig();
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TopCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        Map<String, String> exits = new LinkedHashMap<>();
        for (ExitStatus s : ExitStatus.values()) {
            exits.put(String.format("%3d", s.code()), s.meaning());
        }
        for (CommandLine c : new CommandLine[] {cl, cl.getSubcommands().get("connect"),
                cl.getSubcommands().get("serve"), cl.getSubcommands().get("demo")}) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exits);
        }
        return cl;
    }

    /** The version line: the project's version, from a resource Maven fills in. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        String v = p.getProperty("version", "unknown");
        if (v.startsWith("${")) {
            v = "unknown";
        }
        return "kamaelia " + v + " (Kamaelia for Java; Java " + Runtime.version() + ", "
                + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }

    @Command(name = "kamaelia", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            subcommands = {DemoCommand.class, ConnectCommand.class, ServeCommand.class,
                    CommandLine.HelpCommand.class},
            synopsisSubcommandLabel = "[COMMAND]",
            description = {
                "Kamaelia for Java: programs built from components that share nothing and talk through "
                        + "named inboxes and outboxes, wired like Unix pipes.",
                "",
                "With no command it runs the demo: a server and a client in this process, showing what "
                        + "flows both ways and the component graph it ran."},
            footerHeading = "%nExamples:%n",
            footer = {
                "  kamaelia                                   # the demo (fortune server)",
                "  kamaelia demo --protocol echo",
                "  printf 'PING\\r\\n' | kamaelia connect 127.0.0.1 6379",
                "  kamaelia serve --port 0 --protocol echo    # listening on 127.0.0.1:PORT"})
    static final class TopCommand {
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {
                "Runs a server and a client in this process and shows what flows between them.",
                "",
                "Starts a server on a free loopback port, connects a ThreadedTCPClient to it, shows what "
                        + "flows both ways (--> sent, <-- received), prints the component graph it ran, "
                        + "and exits. Needs nothing outside the process."})
    static final class DemoCommand implements ConfigSource {
        @Option(names = "--protocol", paramLabel = "fortune|echo", defaultValue = "fortune",
                description = "The server: fortune (sends a few lines, then closes; the default) or echo "
                        + "(the client sends lines and shows them coming back).")
        String protocol;

        @Override
        public CommandConfig toConfig() {
            return new DemoConfig(ServerProtocol.fromCliName(protocol));
        }
    }

    @Command(name = "connect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Connects standard input and output to a TCP server (a netcat built from components).",
                "",
                "ConsoleReader(stdin) -> ThreadedTCPClient -> ConsoleEchoer(stdout): standard input goes "
                        + "to the server, the server's bytes go to standard output unchanged (binary-safe); "
                        + "errors and diagnostics go to standard error.",
                "",
                "End of standard input half-closes the connection and waits for the server to finish "
                        + "(like nc -N); the server closing ends the command even while standard input "
                        + "is still open."},
            footerHeading = "%nExamples:%n",
            footer = {
                "  printf 'PING\\r\\n' | kamaelia connect 127.0.0.1 6379",
                "  kamaelia connect --send 'GET / HTTP/1.0\\r\\n\\r\\n' example.org 80 </dev/null",
                "  kamaelia connect --lines --crlf 127.0.0.1 11211     # then type: version",
                "  head -c 10M /dev/urandom | kamaelia connect --progress 127.0.0.1 7 >copy"})
    static final class ConnectCommand implements ConfigSource {
        @Parameters(index = "0", paramLabel = "HOST", description = "Host name or address to connect to.")
        String host;

        @Parameters(index = "1", paramLabel = "PORT", description = "Port, 1 to 65535.")
        int port;

        @Option(names = "--send", paramLabel = "TEXT",
                description = "Send TEXT first, before standard input. Escapes: \\r \\n \\t \\0 \\\\ \\xHH.")
        String send;

        @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "30s",
                description = "Give up connecting after this long, e.g. 5s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
        String connectTimeout;

        @Option(names = "--lines", description = "Line mode: read standard input as lines of UTF-8 text (ended by "
                + "LF or CR LF; malformed bytes become U+FFFD; at most 64 KiB) and send each, when complete, with "
                + "its LF or CR LF replaced by LF (see --crlf); a CR elsewhere in a line is sent as it is. Without "
                + "it, bytes pass unchanged.")
        boolean lines;

        @Option(names = "--crlf", description = "In line mode, end each line with CR LF (implies --lines): LF "
                + "and CR LF both become CR LF, as with nc -C (CR LF never becomes CR CR LF).")
        boolean crlf;

        @Option(names = {"-v", "--verbose"}, description = "Report connection events on standard error.")
        boolean verbose;

        @Option(names = "--progress", description = "Report bytes each way and the rate on standard error, "
                + "every --progress-interval, and a summary at the end.")
        boolean progress;

        @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "1s",
                description = "How often --progress reports (default: ${DEFAULT-VALUE}).")
        String progressInterval;

        @Override
        public CommandConfig toConfig() {
            byte[] first = send == null ? null : Escapes.decode(send, "--send");
            return new ConnectConfig(host, port, first, Durations.parsePositive(connectTimeout, "--connect-timeout"),
                    lines || crlf, crlf, verbose, progress,
                    Durations.parsePositive(progressInterval, "--progress-interval"));
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Runs a server until interrupted; each connection gets its own protocol component.",
                "",
                "Prints 'listening on ADDRESS:PORT' on standard error when it is ready (so scripts can "
                        + "use --port 0). Ctrl-C (SIGINT, SIGTERM) shuts it down cleanly and exits 0.",
                "",
                "Protocols: echo (RFC 862), discard (RFC 863), chargen (RFC 864), daytime (RFC 867), "
                        + "fortune (a few lines, then close)."},
            footerHeading = "%nExamples:%n",
            footer = {
                "  kamaelia serve --protocol echo                 # 127.0.0.1:1601",
                "  kamaelia serve --port 0 --protocol chargen     # any free port, printed",
                "  kamaelia serve --bind 0.0.0.0 --port 7007 --protocol daytime"})
    static final class ServeCommand implements ConfigSource {
        @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServeConfig.DEFAULT_PORT,
                description = "Port to listen on, 0 to 65535; 0 for any free port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ServeConfig.DEFAULT_BIND,
                description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every IPv4 interface).")
        String bind;

        @Option(names = "--protocol", paramLabel = "NAME", required = true,
                description = "echo, discard, chargen, daytime or fortune.")
        String protocol;

        @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServeConfig.DEFAULT_MAX_CONNECTIONS,
                description = "The most connections open at once, at least 1; beyond it a new connection is "
                        + "accepted and closed at once (default: ${DEFAULT-VALUE}).")
        int maxConnections;

        @Option(names = "--backlog", paramLabel = "N",
                description = "The listen backlog: connections the kernel holds until they are accepted, "
                        + "at least 1 (default: the system's maximum, /proc/sys/net/core/somaxconn: ${DEFAULT-VALUE}).")
        int backlog = ServeConfig.DEFAULT_BACKLOG; // read from the system: not a constant, so an initial value

        @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5m",
                description = "Close a connection after this long with no data either way, e.g. 30s, 5m; "
                        + "0 for never (default: ${DEFAULT-VALUE}).")
        String idleTimeout;

        @Option(names = "--first-byte-timeout", paramLabel = "DURATION", defaultValue = "0",
                description = "Close a connection whose client sends nothing for this long after "
                        + "connecting, e.g. 10s; 0 for never (default: ${DEFAULT-VALUE}, off).")
        String firstByteTimeout;

        @Override
        public CommandConfig toConfig() {
            return new ServeConfig(port, bind, ServerProtocol.fromCliName(protocol), maxConnections, backlog,
                    Durations.parseNonNegative(idleTimeout, "--idle-timeout"),
                    Durations.parseNonNegative(firstByteTimeout, "--first-byte-timeout"));
        }
    }
}
