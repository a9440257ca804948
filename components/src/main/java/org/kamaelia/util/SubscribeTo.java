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

import java.time.Duration;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Receives everything published to the {@link Backplane} of the given name from the moment it has
 * subscribed, and sends it on out of "outbox".
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new SubscribeTo("CHAT"), new LinesToBytes(), new ConsoleEchoer()).activate(scheduler);
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": not used</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it (not the backplane); other
 *     messages are ignored</li>
 * <li>inbox "_fromBackplane": internal, the published messages (the default inbox bound unless a
 *     capacity is given)</li>
 * <li>inbox "_backplaneClosed": internal, the backplane's stop message when it stops</li>
 * <li>inbox "_found": internal, told when the backplane is registered</li>
 * <li>outbox "outbox": the published messages, in publishing order</li>
 * <li>outbox "signal": the control message it stopped on, or the backplane's</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It looks the backplane up by name in the service registry of its own scheduler, waiting for it to
 * be registered up to a time limit (10 seconds by default), and subscribes: from then on the
 * backplane sends every published message into its internal inbox, and it passes each on out of
 * "outbox" with a blocking send. Its internal inbox has the default bound
 * ({@link Component#DEFAULT_INBOX_SIZE} messages), so a slow consumer behind one subscriber does not
 * slow the backplane or the other subscribers until that many messages wait here; then it slows the
 * backplane and, through it, every subscriber: backpressure instead of memory, so a stalled subscriber
 * cannot exhaust the heap. A capacity given to the constructor bounds it exactly
 * ({@link Component#UNBOUNDED} removes the bound: isolation at the price of memory). If no backplane appears in time it ends as a failure
 * with an IllegalStateException naming the backplane, the scheduler and the backplanes that do exist.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it sends on the messages it already holds, passes the
 * message on out of "signal", unsubscribes and stops. A {@link ShutdownMicroprocess}: it passes the
 * message on, unsubscribes and stops at once (messages it holds are dropped and counted by the
 * runtime).
 * When the backplane stops, it is told: on the backplane's ProducerFinished it sends on what it holds
 * and then passes that message on; on its ShutdownMicroprocess it stops at once and passes that on.
 * Messages the backplane sent between the unsubscription and its handling are dropped and counted by
 * the runtime. Other control messages are ignored.
 */
public final class SubscribeTo extends BackplaneClient {
    static final String FROM_BACKPLANE = "_fromBackplane";
    static final String BACKPLANE_CLOSED = "_backplaneClosed";

    /**
     * Subscribes to the backplane of that name, waiting up to 10 seconds for it to appear, holding at
     * most about {@link Component#DEFAULT_INBOX_SIZE} messages not yet sent on (the default bound).
     *
     * @throws NullPointerException when backplaneName is null
     * @throws IllegalArgumentException when backplaneName is empty
     */
    public SubscribeTo(String backplaneName) {
        super(backplaneName, DEFAULT_WAIT);
        declareInbox(FROM_BACKPLANE, "internal: the messages published to the backplane");
        declareInbox(BACKPLANE_CLOSED, "internal: the backplane's stop message when it stops");
    }

    /**
     * Subscribes to the backplane of that name, waiting up to {@code wait} for it to appear
     * ({@link Duration#ZERO}: it must exist when this starts), holding at most {@code capacity}
     * messages not yet sent on ({@link Component#UNBOUNDED}, 0, for no limit).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when backplaneName is empty, wait is negative or capacity &lt; 0
     */
    public SubscribeTo(String backplaneName, Duration wait, int capacity) {
        super(backplaneName, wait);
        declareInbox(FROM_BACKPLANE, "internal: the messages published to the backplane",
                Checks.atLeast(capacity, 0, "capacity"));
        declareInbox(BACKPLANE_CLOSED, "internal: the backplane's stop message when it stops");
    }

    /** The name of the backplane it subscribes to. */
    public String backplaneName() {
        return backplaneName;
    }

    @Override
    protected void main() {
        Backplane b = find(new Backplane.Subscribe(this), false);
        if (b == null) {
            sendSignal(pendingStop());
            return;
        }
        try {
            loop();
        } finally {
            b.deliver(new Backplane.Unsubscribe(this), "configuration");
        }
    }

    private void loop() {
        for (;;) {
            forwardHeld();
            if (!stopNow() && dataReady(BACKPLANE_CLOSED)) {
                Object closing = recv(BACKPLANE_CLOSED);
                if (!(closing instanceof ShutdownMicroprocess)) {
                    // Everything the backplane sent before telling us is in the inbox by now.
                    forwardHeld();
                }
                checkControl();
                sendSignal(stopNow() ? pendingStop() : closing);
                return;
            }
            if (stopNow() || checkControl()) {
                forwardHeld();
                sendSignal(pendingStop());
                return;
            }
            pause();
        }
    }

    /** Sends on the published messages held, until none is left or a ShutdownMicroprocess came. */
    private void forwardHeld() {
        while (!stopNow() && dataReady(FROM_BACKPLANE)) {
            sendOrAbort(recv(FROM_BACKPLANE), "outbox");
            if (dataReady("control")) {
                checkControl();
            }
        }
    }
}
