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
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.ipc.SocketConnected;
import org.kamaelia.ipc.SocketShutdown;
import org.kamaelia.util.FramingException;

/**
 * Watches the end messages of a {@code kamaelia connect} session and steers its shutdown: the
 * component that makes "the server closing ends the command even while stdin is still open" and
 * "Ctrl-C closes the connection cleanly" work, and that remembers what the exit status is made of.
 *
 * <h2>Example</h2>
 * In {@link ConnectSession}'s Graphline, with READER a ConsoleReader, CLIENT a ThreadedTCPClient and
 * ECHO a ConsoleEchoer:
 * <pre>{@code
 * .link("READER", "signal", "MONITOR", "readerSignal")
 * .link("MONITOR", "inputEnd", "CLIENT", "control")       // the input's end, in order after its data
 * .link("MONITOR", "clientControl", "CLIENT", "control")  // "close now"
 * .link("CLIENT", "signal", "MONITOR", "clientSignal")
 * .link("MONITOR", "outputEnd", "ECHO", "control")
 * .link("ECHO", "signal", "MONITOR", "echoerSignal")
 * .link("MONITOR", "readerControl", "READER", "control")
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "readerSignal": the input reader's "signal": ErrorInformation (a read error, an overlong line),
 *     then its end message (ProducerFinished at end of input, or the ShutdownMicroprocess it stopped on)</li>
 * <li>inbox "clientSignal": the TCP client's "signal": ErrorInformation, then its SocketShutdown</li>
 * <li>inbox "echoerSignal": the output writer's "signal": ErrorInformation when writing failed, then
 *     its end message</li>
 * <li>inbox "control": ShutdownMicroprocess (Ctrl-C): close the connection now and stop reading</li>
 * <li>inbox "inbox": not used</li>
 * <li>outbox "inputEnd": the input's end message, passed on to the head of the sending chain (so the
 *     client half-closes after the last input byte)</li>
 * <li>outbox "clientControl": ShutdownMicroprocess to the client: close at once (Ctrl-C, or the output failed)</li>
 * <li>outbox "outputEnd": the client's SocketShutdown, passed on to the head of the receiving chain
 *     (the writer writes what it holds, then finishes)</li>
 * <li>outbox "readerControl": ShutdownMicroprocess to the reader once the connection has ended, so a
 *     standard input that never ends does not keep the command alive</li>
 * <li>outbox "outbox": not used</li>
 * <li>outbox "signal": {@code ProducerFinished(this)} when everything has ended</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It reacts to each end message as above and records the first failure of each part (client, reader,
 * writer) and whether it was interrupted, for {@link #outcome()}. Read and write problems are reported
 * on standard error when they happen; with {@code verbose} so are the connection, the input's end (after
 * "connected to" even when the input ended first: the client half-closes only once connected) and the
 * connection's end;
 * with a {@link Progress} it reports bytes each way and the rate every interval, and a summary at the end.
 *
 * <h2>Termination</h2>
 * It finishes, sending {@code ProducerFinished(this)}, once the reader, the client and the writer have
 * each sent their end message. A ShutdownMicroprocess on "control" does not stop it at once: it stops
 * the others, and so ends with them.
 *
 * <h2>Thread safety</h2>
 * The state is confined to main(); {@link #outcome()} is published through a volatile field when it
 * finishes. Standard error is a PrintStream, which is thread-safe.
 */
final class SessionMonitor extends CliComponent {
    static final String READER_SIGNAL = "readerSignal";
    static final String CLIENT_SIGNAL = "clientSignal";
    static final String ECHOER_SIGNAL = "echoerSignal";
    static final String INPUT_END = "inputEnd";
    static final String CLIENT_CONTROL = "clientControl";
    static final String OUTPUT_END = "outputEnd";
    static final String READER_CONTROL = "readerControl";
    private static final String INPUT_END_EVENT =
            "end of standard input: half-closed the connection, waiting for the server to finish";

    /**
     * What --progress measures.
     *
     * @param sent     bytes handed to the client so far (any thread)
     * @param received bytes the client received so far (any thread)
     * @param interval how often to report
     */
    record Progress(LongSupplier sent, LongSupplier received, Duration interval) {
        Progress {
            Objects.requireNonNull(sent, "sent");
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /**
     * How the session ended.
     *
     * @param interrupted   a ShutdownMicroprocess (Ctrl-C) arrived while it ran
     * @param clientFailure what ended the connection, or null when it closed cleanly
     * @param readerFailure the first problem reading the input, or null
     * @param echoerFailure the first problem writing the output, or null
     * @param shutdown      the client's SocketShutdown, or null if it sent none
     * @param elapsed       from the monitor's start to its end
     */
    record Outcome(boolean interrupted, Throwable clientFailure, Throwable readerFailure, Throwable echoerFailure,
                   SocketShutdown shutdown, Duration elapsed) {
    }

    private final String where;
    private final PrintStream err;
    private final boolean verbose;
    private final Progress progress;

    private boolean readerDone;
    private boolean clientDone;
    private boolean echoerDone;
    private boolean interrupted;
    private boolean readerStopSent;
    /** The client has announced its connection (it does only in verbose mode). */
    private boolean connected;
    /** The input ended before the connection was made: its verbose line waits for "connected to". */
    private boolean inputEndToReport;
    private boolean clientStopSent;
    private Throwable clientFailure;
    private Throwable readerFailure;
    private Throwable echoerFailure;
    private SocketShutdown shutdown;
    private long lastSent;
    private long lastReceived;
    private volatile Outcome outcome;

    /**
     * @param where    host:port, for messages
     * @param err      where diagnostics go
     * @param verbose  report connection events
     * @param progress what to report periodically, or null for nothing
     */
    SessionMonitor(String where, PrintStream err, boolean verbose, Progress progress) {
        this.where = Objects.requireNonNull(where, "where");
        this.err = Objects.requireNonNull(err, "err");
        this.verbose = verbose;
        this.progress = progress;
        declareInbox(READER_SIGNAL, "the input reader's signal: errors, then its end message");
        declareInbox(CLIENT_SIGNAL, "the TCP client's signal: errors, then its SocketShutdown");
        declareInbox(ECHOER_SIGNAL, "the output writer's signal: a write error, then its end message");
        declareOutbox(INPUT_END, "the input's end message, to the head of the sending chain");
        declareOutbox(CLIENT_CONTROL, "ShutdownMicroprocess to the client: close now");
        declareOutbox(OUTPUT_END, "the client's SocketShutdown, to the head of the receiving chain");
        declareOutbox(READER_CONTROL, "ShutdownMicroprocess to the reader once the connection has ended");
    }

    /** How the session ended; null until this component has finished. Any thread. */
    Outcome outcome() {
        return outcome;
    }

    @Override
    protected void main() {
        long start = System.nanoTime();
        long interval = progress == null ? 0 : progress.interval().toNanos();
        long nextReport = start + interval;
        for (;;) {
            while (dataReady(READER_SIGNAL)) {
                onReader(recv(READER_SIGNAL));
            }
            while (dataReady(CLIENT_SIGNAL)) {
                onClient(recv(CLIENT_SIGNAL));
            }
            while (dataReady(ECHOER_SIGNAL)) {
                onEchoer(recv(ECHOER_SIGNAL));
            }
            while (dataReady("control")) {
                if (recv("control") instanceof ShutdownMicroprocess) {
                    onInterrupt();
                }
            }
            while (dataReady("inbox")) {
                recv("inbox"); // not used
            }
            if (readerDone && clientDone && echoerDone) {
                break;
            }
            if (progress == null) {
                pause();
                continue;
            }
            long now = System.nanoTime();
            if (now - nextReport >= 0) {
                report(now - start, false);
                while (now - nextReport >= 0) {
                    nextReport += interval;
                }
            }
            pause(Duration.ofNanos(Math.max(1, nextReport - now)));
        }
        long elapsed = System.nanoTime() - start;
        if (progress != null) {
            report(elapsed, true);
        }
        outcome = new Outcome(interrupted, clientFailure, readerFailure, echoerFailure, shutdown,
                Duration.ofNanos(elapsed));
        send(new ProducerFinished(this), "signal");
    }

    private void onReader(Object m) {
        if (m instanceof ErrorInformation ei) {
            Throwable e = ei.exception();
            if (e instanceof FramingException) {
                warn("standard input: " + e.getMessage() + " (that line was not sent)");
            } else {
                warn("reading standard input failed: " + ExitStatus.rootMessage(e) + " (treated as its end)");
            }
            if (readerFailure == null) {
                readerFailure = e;
            }
        } else if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
            if (!readerDone && m instanceof ProducerFinished && !clientDone && !interrupted) {
                if (verbose && !connected) {
                    inputEndToReport = true; // the client half-closes once connected: say so in that order
                } else {
                    event(INPUT_END_EVENT);
                }
            }
            readerDone = true;
            send(m, INPUT_END); // in order after the input's data, through the sending chain
        }
    }

    private void onClient(Object m) {
        if (m instanceof SocketConnected sc) {
            connected = true;
            event("connected to " + where + " (" + Addresses.text(sc.remote().getAddress()) + " port "
                    + sc.remote().getPort() + ", from port " + sc.local().getPort() + ")");
            if (inputEndToReport) {
                inputEndToReport = false;
                event(INPUT_END_EVENT);
            }
        } else if (m instanceof ErrorInformation ei) {
            if (clientFailure == null) {
                clientFailure = ei.exception();
            }
        } else if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
            if (clientDone) {
                return;
            }
            clientDone = true;
            if (m instanceof SocketShutdown ss) {
                shutdown = ss;
                if (ss.cause() != null && clientFailure == null) {
                    clientFailure = ss.cause();
                }
                if (clientFailure == null) {
                    if (inputEndToReport) { // closed cleanly without announcing the connection: still say it
                        inputEndToReport = false;
                        event(INPUT_END_EVENT);
                    }
                    event("connection to " + where + " closed: sent " + ss.bytesSent() + " bytes, received "
                            + ss.bytesReceived() + " bytes");
                }
                if (ss.unsentBytes() > 0 && clientFailure == null) {
                    // the server closed first (a failure gets its own line at the end, which says enough)
                    warn("the connection closed before " + count(ss.unsentBytes(), "byte") + " of input ("
                            + count(ss.unsentMessages(), "message") + ") could be sent");
                }
            } else if (m instanceof ProducerFinished pf && pf.message() instanceof Throwable t
                    && clientFailure == null) {
                clientFailure = t; // the client itself failed: the runtime's end message carries why
            }
            send(m, OUTPUT_END); // the writer writes what it holds, then finishes
            stopReader();
        }
    }

    private void onEchoer(Object m) {
        if (m instanceof ErrorInformation ei) {
            if (echoerFailure == null) {
                echoerFailure = ei.exception();
                warn("writing standard output failed: " + ExitStatus.rootMessage(ei.exception())
                        + " (closing the connection)");
            }
            stopClient();
            stopReader();
        } else if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
            echoerDone = true;
            if (!clientDone) { // it ended first: nothing more can be written
                stopClient();
                stopReader();
            }
        }
    }

    private void onInterrupt() {
        if (!interrupted) {
            interrupted = true;
            event("interrupted: closing the connection");
        }
        stopClient();
        stopReader();
    }

    private void stopClient() {
        if (!clientDone && !clientStopSent) {
            clientStopSent = true;
            send(new ShutdownMicroprocess(this), CLIENT_CONTROL);
        }
    }

    private void stopReader() {
        if (!readerDone && !readerStopSent) {
            readerStopSent = true;
            send(new ShutdownMicroprocess(this), READER_CONTROL);
        }
    }

    private void report(long elapsedNanos, boolean last) {
        long s = progress.sent().getAsLong();
        long r = progress.received().getAsLong();
        double secs = Math.max(1e-9, elapsedNanos / 1e9);
        String line;
        if (last) {
            line = String.format(Locale.ROOT, "progress: done in %.1fs: sent %s (%s/s), received %s (%s/s)",
                    secs, Sizes.format(s), Sizes.format((long) (s / secs)), Sizes.format(r),
                    Sizes.format((long) (r / secs)));
        } else {
            double per = progress.interval().toNanos() / 1e9;
            line = String.format(Locale.ROOT, "progress: %.1fs: sent %s (%s/s), received %s (%s/s)",
                    secs, Sizes.format(s), Sizes.format((long) ((s - lastSent) / per)), Sizes.format(r),
                    Sizes.format((long) ((r - lastReceived) / per)));
        }
        lastSent = s;
        lastReceived = r;
        err.println("kamaelia: " + line);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void event(String text) {
        if (verbose) {
            err.println("kamaelia: " + text);
        }
    }

    private void warn(String text) {
        err.println("kamaelia: " + text);
    }
}
