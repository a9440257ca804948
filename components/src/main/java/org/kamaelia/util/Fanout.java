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
package org.kamaelia.util;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Copies every message it receives to each of the outboxes named when it was made: one input, many
 * destinations (an outbox can feed only one inbox, so fan-out takes a component).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Graphline.builder()
 *         .child("source", new ConsoleReader())
 *         .child("split", new Fanout("toConsole", "toServer"))
 *         .child("console", new ConsoleEchoer())
 *         .child("server", new ThreadedTCPClient("localhost", 1601))
 *         .link("source", "outbox", "split", "inbox")
 *         .link("split", "toConsole", "console", "inbox")
 *         .link("split", "toServer", "server", "inbox")
 *         .build().run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": anything; copied to every named outbox</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>one outbox per name given (declared here, or the standard "outbox" if it is named): "a copy of
 *     every message received on inbox"</li>
 * <li>outbox "signal": the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Each message is sent to the named outboxes in the order they were named, with a blocking send: a
 * full bounded inbox behind any one of them holds up the others, so the slowest destination sets the
 * pace and nothing is dropped or reordered. The same message object goes to every destination (Axon
 * passes messages by reference), so receivers must not change it; a {@code byte[]} in particular is
 * shared. An outbox that is linked nowhere drops its copies (the runtime counts them).
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it copies everything left in "inbox", passes the message
 * on out of "signal" (the signal is not copied to the named outboxes) and stops. A
 * {@link ShutdownMicroprocess}: it stops at once, even while waiting for space (the message being
 * copied then reaches only the outboxes before the full one), and passes the message on. Other control
 * messages are ignored. Divergence from the original: Axon's Fanout copied each message to every
 * declared outbox including "outbox" and "signal"; this one copies to the named outboxes only.
 */
public final class Fanout extends UtilComponent {
    private static final String COPY = "a copy of every message received on inbox";
    private final List<String> targets;

    /**
     * A fan-out to the named outboxes, which it declares ("outbox" names the standard one).
     *
     * @throws NullPointerException when a name is null
     * @throws IllegalArgumentException when no name is given, a name is empty or repeated, or a name is
     *                                  "signal" (reserved for the stop message)
     */
    public Fanout(String... outboxNames) {
        this(List.of(Objects.requireNonNull(outboxNames, "outboxNames")));
    }

    /** A fan-out to the named outboxes; see {@link #Fanout(String...)}. */
    public Fanout(List<String> outboxNames) {
        Objects.requireNonNull(outboxNames, "outboxNames");
        if (outboxNames.isEmpty()) {
            throw new IllegalArgumentException("outboxNames: [] (expected: at least one outbox name)");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String n : outboxNames) {
            Checks.nonEmpty(n, "outbox name");
            if (n.equals("signal")) {
                throw new IllegalArgumentException("outbox name: \"signal\" (expected: any name but \"signal\", "
                        + "which carries the stop message)");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("outboxNames: " + outboxNames + " (expected: no repeated name; \""
                        + n + "\" is repeated)");
            }
        }
        for (String n : seen) {
            if (!n.equals("outbox")) {
                declareOutbox(n, COPY);
            }
        }
        this.targets = List.copyOf(new ArrayList<>(seen));
    }

    /** The names of the outboxes it copies to, in order. */
    public List<String> targets() {
        return targets;
    }

    @Override
    void onMessage(Object message) {
        for (String box : targets) {
            if (!sendOrAbort(message, box)) {
                return;
            }
        }
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
