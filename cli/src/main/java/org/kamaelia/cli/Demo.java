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

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.chassis.Graphline;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.ipc.SocketShutdown;
import org.kamaelia.protocol.EchoProtocol;
import org.kamaelia.protocol.FortuneCookieProtocol;
import org.kamaelia.util.BytesToLines;
import org.kamaelia.util.LinesToBytes;

/**
 * Runs {@code kamaelia demo} (and {@code kamaelia} with no arguments): a server and a client in this
 * process, talking over TCP on loopback; it shows what flows both ways and prints the component graph it
 * ran. It needs nothing outside the process.
 *
 * <pre>
 *  client side (a Graphline)                                                      server side
 *  SCRIPT --&gt; SENT --&gt; TO_BYTES --&gt; CLIENT ==TCP==&gt; SimpleServer: TCPServer, per connection a
 *    ^       (shows --&gt;)  (CRLF)       |                 ConnectedSocketAdapter + the protocol
 *    |                                 v
 *    +------ RECEIVED &lt;-- TO_LINES &lt;---+
 *           (shows &lt;--)
 * </pre>
 * Each stage's "signal" goes through RELAY (a {@link SignalRelay}, left out of the drawing) to the next
 * stage's "control": it passes the end messages on and turns any error a stage reports into one line on
 * standard error and exit status 1.
 *
 * <p>SCRIPT ({@link Script}) sends the echo demo's lines one at a time, each when the previous one has come
 * back, so the output alternates in a fixed order; for the fortune demo it has no lines and its end
 * message goes out at once (the client half-closes, the server sends its cookie and closes). Every
 * stage passes its "signal" to the next one's "control", round the ring, so the end message that
 * leaves SCRIPT comes back to it and the whole graph finishes.
 *
 * <p>The graph printed is a snapshot taken when the server's protocol component starts: at that moment
 * every link of both sides exists (links go when the component that made them finishes, and a fortune
 * protocol finishes within microseconds), so the printout is the same on every run. To take it, the demo
 * runs the library's protocol classes through small subclasses that call a hook first
 * ({@code ObservedFortuneCookieProtocol}, {@code ObservedEchoProtocol}: that is the name printed).
 *
 * <h2>Thread safety</h2>
 * One instance runs once, on the caller's thread. The snapshot is taken on the protocol's thread and
 * handed over through an AtomicReference.
 */
final class Demo {
    /** Lines the echo demo sends. */
    static final List<String> ECHO_LINES = List.of(
            "Hello from a ThreadedTCPClient.",
            "Each line goes out through the client's inbox,",
            "comes back from the echo server,",
            "and leaves through the client's outbox.");
    /** Longest the demo waits for its graph; it normally takes milliseconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DemoConfig config;
    private final Terminal terminal;

    Demo(DemoConfig config, Terminal terminal) {
        this.config = Objects.requireNonNull(config, "config");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    /** The demo's echo protocol: the library's, with a hook that runs when it starts. */
    static final class ObservedEchoProtocol extends EchoProtocol {
        private final Runnable onStart;

        ObservedEchoProtocol(Runnable onStart) {
            this.onStart = onStart;
        }

        @Override
        protected void main() {
            onStart.run();
            super.main();
        }
    }

    /** The demo's fortune protocol: the library's, with a hook that runs when it starts. */
    static final class ObservedFortuneCookieProtocol extends FortuneCookieProtocol {
        private final Runnable onStart;

        ObservedFortuneCookieProtocol(Runnable onStart) {
            this.onStart = onStart;
        }

        @Override
        protected void main() {
            onStart.run();
            super.main();
        }
    }

    ExitStatus run() {
        PrintStream out = new PrintStream(terminal.out(), true, StandardCharsets.UTF_8);
        PrintStream err = terminal.err();
        boolean echo = config.protocol() == ServerProtocol.ECHO;
        Scheduler scheduler = new Scheduler("kamaelia-demo");
        AtomicReference<String> snapshot = new AtomicReference<>();
        AtomicReference<Runnable> snap = new AtomicReference<>();
        Runnable hook = () -> {
            Runnable s = snap.get();
            if (s != null && snapshot.get() == null) {
                s.run();
            }
        };
        Supplier<Component> protocol = echo ? () -> new ObservedEchoProtocol(hook)
                : () -> new ObservedFortuneCookieProtocol(hook);
        SimpleServer server = SimpleServer.builder(protocol).port(0).build(); // 127.0.0.1, a free port, bound now
        String where = Addresses.format(server.localAddress());

        // made in the order of the flow, which is the order the graph printer lists them in
        Script script = new Script(echo ? ECHO_LINES : List.of());
        Show sent = new Show("--> ", out);
        LinesToBytes toBytes = new LinesToBytes(LinesToBytes.CRLF);
        ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port())
                .connectTimeout(Duration.ofSeconds(5)).build();
        BytesToLines toLines = new BytesToLines();
        Show received = new Show("<-- ", out);
        SignalRelay relay = new SignalRelay("kamaelia: demo: ", err);
        Graphline.Builder g = Graphline.builder();
        String[][] ring = {
            {"SCRIPT", "the script"}, {"SENT", "the display of what is sent"}, {"TO_BYTES", "the line encoder"},
            {"CLIENT", "the TCP client"}, {"TO_LINES", "the line splitter"},
            {"RECEIVED", "the display of what is received"}};
        Component[] parts = {script, sent, toBytes, client, toLines, received};
        for (int i = 0; i < ring.length; i++) {
            g.child(ring[i][0], parts[i]);
            relay.stage(ring[i][0], ring[i][1]);
        }
        g.child("RELAY", relay);
        for (int i = 0; i < ring.length; i++) {
            String role = ring[i][0];
            String next = ring[(i + 1) % ring.length][0];
            g.link(role, "outbox", next, "inbox")
                    .link(role, "signal", "RELAY", SignalRelay.signalBox(role))
                    .link("RELAY", SignalRelay.endBox(role), next, "control");
        }
        Graphline graph = g.build();
        Map<Component, String> labels = new IdentityHashMap<>();
        graph.namedChildren().forEach((name, c) -> labels.put(c, name));
        snap.set(() -> snapshot.compareAndSet(null,
                GraphPrinter.render(graph, "the client side", labels) + "\n"
                        + GraphPrinter.render(server, "the server side", Map.of())));

        out.println("kamaelia demo: " + (echo ? "an echo server" : "a fortune server")
                + " and a client in this one process, talking TCP over loopback.");
        out.println("  server: " + server.name() + ", a SimpleServer giving each connection "
                + (echo ? "an EchoProtocol" : "a FortuneCookieProtocol") + ", listening on " + where);
        out.println("  client: " + client.name() + ", a ThreadedTCPClient connected to " + where);
        out.println("  --> is what the client sends to the server; <-- is what it receives from it.");
        out.println();

        server.activate(scheduler);
        graph.activate(scheduler);
        boolean finished = graph.join(TIMEOUT);
        server.close();
        boolean serverStopped = server.join(TIMEOUT);

        out.println();
        if (!finished) {
            err.println("kamaelia: demo: the graph did not finish within " + Durations.format(TIMEOUT));
            return ExitStatus.FAILURE;
        }
        Object end = received.endMessage();
        if (end instanceof SocketShutdown ss) {
            out.println("The client ended with " + ss + ";");
        } else {
            out.println("The client ended with " + end + ";");
        }
        out.println("the server then shut down " + (serverStopped ? "cleanly" : "(not within "
                + Durations.format(TIMEOUT) + ")") + " after " + server.acceptedCount() + " connection"
                + (server.acceptedCount() == 1 ? "" : "s") + ".");
        out.println();
        String graphText = snapshot.get();
        out.println("The component graph it ran (a snapshot taken when the server's protocol started):");
        out.println();
        out.print(graphText != null ? indent(graphText) : "  (none: the server never got a connection)\n");
        out.flush();

        List<?> failures = graph.failures();
        if (!(end instanceof SocketShutdown ss) || !ss.isClean() || !failures.isEmpty()
                || !server.failures().isEmpty() || !serverStopped || !relay.reports().isEmpty()) {
            err.println("kamaelia: demo: something went wrong: client ended with " + end
                    + (failures.isEmpty() ? "" : "; failures: " + failures)
                    + (server.failures().isEmpty() ? "" : "; server failures: " + server.failures()));
            return ExitStatus.FAILURE;
        }
        return ExitStatus.OK;
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append("  ").append(line);
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }
}
