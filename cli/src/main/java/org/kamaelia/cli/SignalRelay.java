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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Stands between each stage's "signal" and the next stage's "control" of the command's graphs, so that
 * no error a stage reports is lost: an ErrorInformation becomes one line on standard error naming the
 * stage, and counts as a failure for the exit status ({@link #reports()}); end messages are passed on
 * to the next stage, as a direct signal-to-control link would.
 *
 * <h2>Example</h2>
 * In {@code kamaelia connect}'s Graphline, for the line encoder between the reader and the client:
 * <pre>{@code
 * SignalRelay relay = new SignalRelay("kamaelia: ", err);
 * relay.stage("LINES", "the line encoder");
 * g.link("LINES", "signal", "RELAY", SignalRelay.signalBox("LINES"))
 *  .link("RELAY", SignalRelay.endBox("LINES"), "CLIENT", "control");
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "ROLE.signal" (one per stage, {@link #signalBox}): that stage's "signal": ErrorInformation
 *     (reported), then its end message (passed on)</li>
 * <li>outbox "ROLE.end" (one per stage, {@link #endBox}): the stage's end message, to the next stage's
 *     "control"; a ShutdownMicroprocess instead when the stage failed (its main() threw), so what follows
 *     stops at once rather than waiting for data that will not come</li>
 * <li>inbox "control": ignored (a Graphline passes its Ctrl-C here too; the stages' own end messages
 *     are what ends this)</li>
 * <li>inbox "inbox", outbox "outbox": not used</li>
 * <li>outbox "signal": {@code ProducerFinished(this)} when every stage has ended</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Each ErrorInformation gives one line, {@code PREFIX WHAT (ROLE): DETAIL}, where DETAIL is the report's
 * message (or its exception); for a stage whose main() threw, the runtime's report reads
 * {@code NAME failed: EXCEPTION}. Every report is kept for {@link #reports()}. The end message that
 * follows is passed on in order: the stage has delivered all its data to the next stage's inbox before
 * it sent it, and a ProducerFinished tells the next stage to handle that data first.
 *
 * <h2>Termination</h2>
 * It finishes, sending {@code ProducerFinished(this)}, once every stage has sent its end message
 * (ProducerFinished or ShutdownMicroprocess). Control messages do not stop it: stopping it early would
 * cut the chain of end messages and leave the later stages running.
 *
 * <h2>Thread safety</h2>
 * {@link #stage} is called before activation; then the state is confined to main(), and the failures are
 * published in a list that any thread may read ({@link #reports()}). The PrintStream is thread-safe.
 */
final class SignalRelay extends CliComponent {
    private final String prefix;
    private final PrintStream err;
    /** Role to description, in the order added; written before activation only. */
    private final Map<String, String> stages = new LinkedHashMap<>();
    private final List<String> reports = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param prefix what each line starts with, e.g. {@code "kamaelia: "}
     * @param err    where reports go
     */
    SignalRelay(String prefix, PrintStream err) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** The inbox that takes {@code role}'s "signal". */
    static String signalBox(String role) {
        return role + ".signal";
    }

    /** The outbox that passes {@code role}'s end message on to the next stage's "control". */
    static String endBox(String role) {
        return role + ".end";
    }

    /**
     * Adds a stage (before activation).
     *
     * @param role its name in the graph, e.g. {@code LINES}
     * @param what what it is, for the line on standard error, e.g. {@code the line encoder}
     * @return this
     * @throws IllegalArgumentException when the role was added already
     */
    SignalRelay stage(String role, String what) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(what, "what");
        if (stages.putIfAbsent(role, what) != null) {
            throw new IllegalArgumentException("role: " + role + " (expected: a stage not added before)");
        }
        declareInbox(signalBox(role), what + "'s signal: errors, then its end message");
        declareOutbox(endBox(role), what + "'s end message, to the next stage's control");
        return this;
    }

    /** The lines reported so far (without the prefix), in order. Any thread. */
    List<String> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    @Override
    protected void main() {
        Map<String, Boolean> ended = new LinkedHashMap<>();
        stages.keySet().forEach(r -> ended.put(r, false));
        int open = stages.size();
        while (open > 0) {
            for (Map.Entry<String, String> s : stages.entrySet()) {
                String role = s.getKey();
                while (dataReady(signalBox(role))) {
                    Object m = recv(signalBox(role));
                    if (m instanceof ErrorInformation ei) {
                        String line = s.getValue() + " (" + role + "): "
                                + (ei.message() != null ? ei.message() : String.valueOf(ei.exception()));
                        reports.add(line);
                        err.println(prefix + line);
                    } else if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
                        boolean crashed = m instanceof ProducerFinished pf && pf.message() instanceof Throwable;
                        sendBlocking(crashed ? new ShutdownMicroprocess(this) : m, endBox(role));
                        if (!ended.put(role, true)) {
                            open--;
                        }
                    }
                }
            }
            while (dataReady("control")) {
                recv("control"); // see Termination
            }
            while (dataReady("inbox")) {
                recv("inbox");
            }
            if (open > 0) {
                pause();
            }
        }
        send(new ProducerFinished(this), "signal");
    }
}
