package org.kamaelia.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * </pre>
 * READER is a {@link ConsoleReader} of raw chunks (or lines with {@code --lines}, each turned back into
 * bytes with its terminator by LINES, a {@link LinesToBytes} that sends a CR inside a line as it is, as
 * {@code nc -C} does: the reader has taken off each line's LF or CR LF, so LF and CR LF both become the
 * chosen terminator and {@code CR LF} never becomes {@code CR CR LF}); CLIENT a {@link ThreadedTCPClient}; ECHO a
 * {@link ConsoleEchoer}; SENT and RECEIVED are {@link ByteMeter}s, only with {@code --progress}; MONITOR a
 * {@link SessionMonitor}, which passes each end message on and keeps what the exit status is made of.
 * Each link of the sending chain passes its "signal" to the next one's "control", and so does the
 * receiving chain; the monitor feeds the heads of both.
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
 * <li>Ctrl-C: a ShutdownMicroprocess to the Graphline's "control" reaches the monitor (the only child
 *     whose "control" no link feeds), which closes the connection at once and stops the reader.</li>
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

    private final ConnectConfig config;
    private final Terminal terminal;
    private final Graphline graph;
    private final SessionMonitor monitor;
    private final ThreadedTCPClient client;

    ConnectSession(ConnectConfig config, Terminal terminal) {
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
        List<String> sending = new ArrayList<>();
        if (config.lines()) {
            g.child("LINES", LinesToBytes.allowingCarriageReturns(config.lineEnd()));
            sending.add("LINES");
        }
        if (sent != null) {
            g.child("SENT", sent);
            sending.add("SENT");
        }
        sending.add("CLIENT");
        List<String> receiving = new ArrayList<>();
        if (received != null) {
            g.child("RECEIVED", received);
            receiving.add("RECEIVED");
        }
        receiving.add("ECHO");

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

    /** Links each stage's outbox and signal to the next one's inbox and control. */
    private static void chain(Graphline.Builder g, List<String> stages) {
        for (int i = 0; i + 1 < stages.size(); i++) {
            g.link(stages.get(i), "outbox", stages.get(i + 1), "inbox");
            g.link(stages.get(i), "signal", stages.get(i + 1), "control");
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
        Interrupts.Registration reg = terminal.interrupts().onInterrupt(() -> {
            graph.deliver(new ShutdownMicroprocess(), "control");
            graph.join(INTERRUPT_WAIT);
            err.flush();
        });
        try {
            graph.activate(scheduler);
            graph.join();
        } finally {
            reg.cancel();
        }
        return exitStatus(monitor.outcome(), err);
    }

    /** Prints the one line the outcome calls for and returns the exit status. */
    private ExitStatus exitStatus(SessionMonitor.Outcome o, PrintStream err) {
        if (o == null) { // the monitor failed: should not happen, but say so rather than exit 0
            err.println("kamaelia: internal error: the session monitor did not finish normally: "
                    + graph.failures());
            return ExitStatus.FAILURE;
        }
        if (o.interrupted()) {
            err.println("kamaelia: interrupted");
            return ExitStatus.INTERRUPTED;
        }
        if (o.clientFailure() != null) {
            err.println("kamaelia: " + ExitStatus.describeConnectionFailure(o.clientFailure(), config.where()));
            return ExitStatus.ofConnectionFailure(o.clientFailure());
        }
        if (o.echoerFailure() != null || o.readerFailure() != null) {
            return ExitStatus.FAILURE; // already reported when it happened
        }
        if (!graph.failures().isEmpty()) {
            err.println("kamaelia: internal error: " + graph.failures());
            return ExitStatus.FAILURE;
        }
        return ExitStatus.OK;
    }
}
