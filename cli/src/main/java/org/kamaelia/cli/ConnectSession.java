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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Graphline;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.util.ConsoleEchoer;
import org.kamaelia.util.ConsoleReader;
import org.kamaelia.util.LinesToBytes;

/**
 * Runs {@code kamaelia connect}: a netcat built from components.
 *
 * <pre>
 *  stdin --&gt; READER --&gt; [LINES] --&gt; [SENT] --&gt; CLIENT --&gt; [RECEIVED] --&gt; ECHO --&gt; stdout
 *             |  signal                     ^ control  | signal      ^ control   | signal
 *             v                             |          v             |           v
 *           MONITOR.readerSignal  inputEnd, clientControl  MONITOR.clientSignal  outputEnd  MONITOR.echoerSignal
 *             MONITOR.readerControl --&gt; READER.control (stop reading once the connection has ended)
 *
 *  between two stages of a chain (LINES, SENT, RECEIVED):
 *     STAGE.signal --&gt; RELAY.STAGE.signal    RELAY.STAGE.end --&gt; NEXT.control
 * </pre>
 * READER is a {@link ConsoleReader} of raw chunks (or lines with {@code --lines}, each turned back into
 * bytes with its terminator by LINES, a {@link LinesToBytes} that sends a CR inside a line as it is, as
 * {@code nc -C} does: the reader has taken off each line's LF or CR LF, so LF and CR LF both become the
 * chosen terminator and {@code CR LF} never becomes {@code CR CR LF}); CLIENT a {@link ThreadedTCPClient}; ECHO a
 * {@link ConsoleEchoer}; SENT and RECEIVED are {@link ByteMeter}s, only with {@code --progress}; MONITOR a
 * {@link SessionMonitor}, which passes each end message on and keeps what the exit status is made of.
 * The monitor feeds the heads of both chains; inside a chain each stage's "signal" goes to RELAY, a
 * {@link SignalRelay}, which passes its end message on to the next stage's "control" and turns any
 * error it reports into one line on standard error and exit status 1. So no component of the graph
 * reports an error that would never reach standard error and the exit status: READER, CLIENT and ECHO
 * report to the monitor, every other stage to the relay.
 *
 * <h2>How a session ends</h2>
 * <ul>
 * <li>End of standard input: the reader's ProducerFinished travels down the sending chain after the
 *     last bytes; the client sends them, half-closes and reads until the server closes (like
 *     {@code nc -N}); its SocketShutdown then ends the writer; exit 0.</li>
 * <li>The server closes first: the client's SocketShutdown ends the writer (after the last bytes) and
 *     the monitor stops the reader, even while a read of a terminal or an endless pipe is blocked.</li>
 * <li>A failure (refused, unknown host, timeout, reset): the client reports it and ends; one line on
 *     standard error; the exit status says which ({@link ExitStatus}).</li>
 * <li>A stage in between reports an error: one line naming it, the session goes on, exit status 1.
 *     A stage that fails (its main() throws): that line, then the relay stops what follows it at once
 *     (so the connection closes, or the output stops), exit status 1.</li>
 * <li>Ctrl-C: a ShutdownMicroprocess to the Graphline's "control" reaches the monitor (the only child
 *     whose "control" no link feeds, apart from the relay, which ignores it), which closes the connection
 *     at once and stops the reader. {@link #run()} then prints {@code kamaelia: interrupted}; the interrupt
 *     action (a JVM shutdown hook, after which the JVM halts) waits for that line, so it is printed
 *     exactly once, whichever thread gets there first.</li>
 * </ul>
 *
 * <h2>Thread safety</h2>
 * One instance runs one session, from one thread; the interrupt action may run on another and only
 * delivers a message and waits.
 */
final class ConnectSession {
    /** Chunks (of up to 64 KiB) the writer may hold: bounds memory when standard output is slow. */
    static final int OUTPUT_QUEUE = 16;
    /** How long Ctrl-C waits for the components to finish (and the output to be flushed). */
    static final Duration INTERRUPT_WAIT = Duration.ofSeconds(5);
    /** How long Ctrl-C then waits for {@link #run()} to print its last line. */
    static final Duration REPORT_WAIT = Duration.ofSeconds(2);

    private final ConnectConfig config;
    private final Terminal terminal;
    private final Graphline graph;
    private final SessionMonitor monitor;
    private final ThreadedTCPClient client;
    /** Counted down once {@link #run()} has printed its last line: the interrupt action waits for it. */
    private final CountDownLatch reported = new CountDownLatch(1);
    /** Set by whichever prints "interrupted": run(), or the interrupt action if run() did not get there. */
    private final AtomicBoolean interruptedPrinted = new AtomicBoolean();

    /**
     * A component put between two stages of a chain.
     *
     * @param role      its name in the graph, e.g. {@code LINES}
     * @param what      what it is, for standard error, e.g. {@code the line encoder}
     * @param component the component (inbox to outbox, stopping on its "control", ending on "signal")
     */
    record Stage(String role, String what, Component component) {
        Stage {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(component, "component");
        }
    }

    private final SignalRelay relay;

    ConnectSession(ConnectConfig config, Terminal terminal) {
        this(config, terminal, List.of(), List.of());
    }

    /**
     * A session with extra stages: {@code extraSending} just before CLIENT, {@code extraReceiving} just
     * before ECHO (tests put a stage that fails there).
     */
    ConnectSession(ConnectConfig config, Terminal terminal, List<Stage> extraSending, List<Stage> extraReceiving) {
        this.config = Objects.requireNonNull(config, "config");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        PrintStream err = terminal.err();

        ConsoleReader reader = ConsoleReader.builder().input(terminal.in())
                .mode(config.lines() ? ConsoleReader.Mode.LINES : ConsoleReader.Mode.BYTES).build();
        ThreadedTCPClient.Builder cb = ThreadedTCPClient.builder(config.host(), config.port())
                .connectTimeout(config.connectTimeout())
                .announceConnection(config.verbose());
        if (config.send() != null) {
            cb.initialMessage(config.send());
        }
        this.client = cb.build();
        ConsoleEchoer echo = new ConsoleEchoer(terminal.out());
        echo.setInboxSize("inbox", OUTPUT_QUEUE);

        ByteMeter sent = config.progress() ? new ByteMeter("bytes to the server") : null;
        ByteMeter received = config.progress() ? new ByteMeter("bytes from the server") : null;
        if (received != null) {
            received.setInboxSize("inbox", OUTPUT_QUEUE);
        }
        this.monitor = new SessionMonitor(config.where(), err, config.verbose(), config.progress()
                ? new SessionMonitor.Progress(sent::bytes, received::bytes, config.progressInterval()) : null);

        Graphline.Builder g = Graphline.builder()
                .child("READER", reader)
                .child("CLIENT", client)
                .child("ECHO", echo)
                .child("MONITOR", monitor);
        List<Stage> sendingStages = new ArrayList<>();
        if (config.lines()) {
            sendingStages.add(new Stage("LINES", "the line encoder",
                    LinesToBytes.allowingCarriageReturns(config.lineEnd())));
        }
        if (sent != null) {
            sendingStages.add(new Stage("SENT", "the byte counter to the server", sent));
        }
        sendingStages.addAll(extraSending);
        List<Stage> receivingStages = new ArrayList<>();
        if (received != null) {
            receivingStages.add(new Stage("RECEIVED", "the byte counter from the server", received));
        }
        receivingStages.addAll(extraReceiving);
        this.relay = sendingStages.isEmpty() && receivingStages.isEmpty() ? null : new SignalRelay("kamaelia: ", err);
        if (relay != null) {
            g.child("RELAY", relay);
        }
        List<String> sending = addStages(g, sendingStages, "CLIENT");
        List<String> receiving = addStages(g, receivingStages, "ECHO");

        g.link("READER", "outbox", sending.get(0), "inbox");
        chain(g, sending);
        g.link("CLIENT", "outbox", receiving.get(0), "inbox");
        chain(g, receiving);

        g.link("READER", "signal", "MONITOR", SessionMonitor.READER_SIGNAL);
        g.link("MONITOR", SessionMonitor.INPUT_END, sending.get(0), "control");
        g.link("MONITOR", SessionMonitor.CLIENT_CONTROL, "CLIENT", "control");
        g.link("CLIENT", "signal", "MONITOR", SessionMonitor.CLIENT_SIGNAL);
        g.link("MONITOR", SessionMonitor.OUTPUT_END, receiving.get(0), "control");
        g.link("ECHO", "signal", "MONITOR", SessionMonitor.ECHOER_SIGNAL);
        g.link("MONITOR", SessionMonitor.READER_CONTROL, "READER", "control");
        this.graph = g.build();
    }

    /** Adds the stages to the graph and the relay; returns their roles, then {@code last}. */
    private List<String> addStages(Graphline.Builder g, List<Stage> stages, String last) {
        List<String> roles = new ArrayList<>();
        for (Stage s : stages) {
            g.child(s.role(), s.component());
            relay.stage(s.role(), s.what());
            roles.add(s.role());
        }
        roles.add(last);
        return roles;
    }

    /**
     * Links each stage's outbox to the next one's inbox, and its signal through the relay to the next
     * one's control.
     */
    private static void chain(Graphline.Builder g, List<String> stages) {
        for (int i = 0; i + 1 < stages.size(); i++) {
            String role = stages.get(i);
            g.link(role, "outbox", stages.get(i + 1), "inbox");
            g.link(role, "signal", "RELAY", SignalRelay.signalBox(role));
            g.link("RELAY", SignalRelay.endBox(role), stages.get(i + 1), "control");
        }
    }

    /** The graph this session runs (not yet activated before {@link #run()}). */
    Component graph() {
        return graph;
    }

    /**
     * Runs the session to its end.
     *
     * @return the exit status
     */
    ExitStatus run() {
        PrintStream err = terminal.err();
        if (config.verbose()) {
            err.println("kamaelia: connecting to " + config.where() + " (connect timeout "
                    + Durations.format(config.connectTimeout()) + ")");
        }
        Scheduler scheduler = new Scheduler("kamaelia-connect");
        // The JVM halts as soon as this action returns, while run() may still be on its way to printing
        // its last line: so it waits for that line (bounded), and prints "interrupted" itself only if
        // run() never got there. Either way the line appears exactly once.
        Interrupts.Registration reg = terminal.interrupts().onInterrupt(() -> {
            graph.deliver(new ShutdownMicroprocess(), "control");
            boolean finished = graph.join(INTERRUPT_WAIT);
            awaitReported();
            if (interruptedPrinted.compareAndSet(false, true)) {
                err.println("kamaelia: interrupted" + (finished ? ""
                        : " (the connection did not close within " + Durations.format(INTERRUPT_WAIT) + ")"));
            }
            err.flush();
        });
        try {
            try {
                graph.activate(scheduler);
                graph.join();
            } finally {
                reg.cancel();
            }
            return exitStatus(monitor.outcome(), err);
        } finally {
            err.flush();
            reported.countDown();
        }
    }

    private void awaitReported() {
        try {
            reported.await(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints the one line the outcome calls for and returns the exit status. */
    private ExitStatus exitStatus(SessionMonitor.Outcome o, PrintStream err) {
        if (o == null) { // the monitor failed: should not happen, but say so rather than exit 0
            err.println("kamaelia: internal error: the session monitor did not finish normally: "
                    + graph.failures());
            return ExitStatus.FAILURE;
        }
        if (o.interrupted()) {
            if (interruptedPrinted.compareAndSet(false, true)) {
                err.println("kamaelia: interrupted");
            }
            return ExitStatus.INTERRUPTED;
        }
        if (o.clientFailure() != null) {
            err.println("kamaelia: " + ExitStatus.describeConnectionFailure(o.clientFailure(), config.where()));
            return ExitStatus.ofConnectionFailure(o.clientFailure());
        }
        if (o.echoerFailure() != null || o.readerFailure() != null
                || relay != null && !relay.reports().isEmpty()) {
            return ExitStatus.FAILURE; // already reported when it happened
        }
        if (!graph.failures().isEmpty()) {
            err.println("kamaelia: internal error: " + graph.failures());
            return ExitStatus.FAILURE;
        }
        return ExitStatus.OK;
    }
}
