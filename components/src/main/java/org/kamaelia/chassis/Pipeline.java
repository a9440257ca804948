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
package org.kamaelia.chassis;

import java.util.List;
import java.util.Objects;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Runs components one after another, like a Unix pipe: each one's "outbox" feeds the next one's
 * "inbox", and each one's "signal" feeds the next one's "control".
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ConsoleReader(), new ThreadedTCPClient("localhost", 1601), new ConsoleEchoer()).run();
 * }</pre>
 * A complete program (step 3 of docs/tutorial.md; compiled and run by the tests):
 * {@snippet class=org.kamaelia.examples.tutorial.Step3Pipeline region=pipeline}
 *
 * <h2>Boxes</h2>
 * <pre>
 *            +---------------------------- Pipeline ----------------------------+
 *   inbox  --+--> [inbox]   c1 [outbox] --> [inbox]   c2 ... cn [outbox] ------+--> outbox
 *   control -+--> [control] c1 [signal] --> [control] c2 ... cn [signal] ------+--> signal
 *            +------------------------------------------------------------------+
 * </pre>
 * The Pipeline's own "inbox" and "control" go to the first component only; the last component's
 * "outbox" and "signal" are the Pipeline's.
 *
 * <h2>How it works</h2>
 * It wires and activates its children the first time it runs, not when built (as in Axon), then
 * pauses until a child finishes.
 *
 * <h2>Termination</h2>
 * It finishes when every child has finished, and sends nothing of its own on "signal": what the last
 * child sends there is the Pipeline's end of stream. So a ProducerFinished from the first stage
 * travels stage by stage to the end. When a stage fails (its main() throws), the runtime sends an
 * error and a ProducerFinished on that stage's "signal", which ends the stages after it, and the
 * Pipeline sends a ShutdownMicroprocess to the "control" of every stage before it that is still
 * running, so the whole Pipeline finishes and the failure can be read from {@link #failures()}.
 */
public class Pipeline extends Component {
    private final List<Component> stages;

    /**
     * @param stages the components, in order (at least one)
     * @throws IllegalArgumentException when there is none, or the same component is given twice
     */
    public Pipeline(Component... stages) {
        Objects.requireNonNull(stages, "stages");
        if (stages.length == 0) {
            throw new IllegalArgumentException("Pipeline: stages: none given (expected: at least one component)");
        }
        for (int i = 0; i < stages.length; i++) {
            Objects.requireNonNull(stages[i], "Pipeline: stage " + i + " is null");
            for (int j = 0; j < i; j++) {
                if (stages[j] == stages[i]) {
                    throw new IllegalArgumentException("Pipeline: stage " + i + " (" + stages[i].name()
                            + ") is the same component as stage " + j);
                }
            }
        }
        this.stages = List.of(stages);
    }

    /** The stages, in order. */
    public List<Component> stages() {
        return stages;
    }

    @Override
    protected void main() {
        int n = stages.size();
        addChildren(stages.toArray(new Component[0]));
        for (int i = 0; i + 1 < n; i++) {
            link(stages.get(i), "outbox", stages.get(i + 1), "inbox");
            link(stages.get(i), "signal", stages.get(i + 1), "control");
        }
        Component first = stages.get(0);
        Component last = stages.get(n - 1);
        linkInbox("inbox", first, "inbox");
        linkInbox("control", first, "control");
        linkOutbox(last, "outbox", "outbox");
        linkOutbox(last, "signal", "signal");
        for (Component c : stages) {
            c.activate();
        }
        boolean[] shutdownSent = new boolean[n];
        for (;;) {
            boolean allDone = true;
            int lastFailed = -1;
            for (int i = 0; i < n; i++) {
                Component c = stages.get(i);
                if (!c.isFinished()) {
                    allDone = false;
                } else if (c.failure().isPresent()) {
                    lastFailed = i;
                }
            }
            if (allDone) {
                return;
            }
            for (int i = 0; i < lastFailed; i++) {
                Component c = stages.get(i);
                if (!shutdownSent[i] && !c.isFinished()) {
                    shutdownSent[i] = true;
                    c.deliver(new ShutdownMicroprocess(this), "control");
                }
            }
            pause();
        }
    }
}
