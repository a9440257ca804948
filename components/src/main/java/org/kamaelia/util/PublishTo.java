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
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Publishes everything it receives to the {@link Backplane} of the given name, for all its
 * {@link SubscribeTo} components.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ConsoleReader(), new PublishTo("CHAT")).activate(scheduler);
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": messages to publish; once the backplane is found, passed straight through to it</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it (not the backplane); other
 *     messages are ignored</li>
 * <li>inbox "_found": internal, told when the backplane is registered</li>
 * <li>outbox "outbox": not used</li>
 * <li>outbox "signal": the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It looks the backplane up by name in the service registry of its own scheduler. If there is none
 * yet, it waits for one to be registered, up to a time limit (10 seconds by default): components of
 * one graph start in no particular order. Messages that arrive meanwhile wait in its inbox. Once
 * found, it links its "inbox" through to the backplane's (a passthrough, as in the original), so
 * published messages, including those that waited, go straight to the backplane with no extra hop.
 * If no backplane appears in time it ends as a failure with an IllegalStateException naming the
 * backplane, the scheduler and the backplanes that do exist. If the backplane stops before this
 * component, later messages are dropped and counted at the backplane's inbox.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} or {@link ShutdownMicroprocess} on "control" is passed on out of
 * "signal" and it stops; the passthrough link goes with it. Messages it received before are already in
 * the backplane's inbox (delivery is synchronous). A ProducerFinished that arrives while it is still
 * waiting for the backplane does not end the wait (the messages waiting in its inbox are still to be
 * published): once the backplane is found they go on to it, then it stops. A ShutdownMicroprocess ends
 * the wait at once, and the messages waiting are dropped (the runtime counts them), as they are when
 * no backplane appears in time. The stop message is not passed to the backplane: other publishers may
 * still be publishing. Other control messages are ignored. Divergence from the original: the original
 * looked the backplane up once and crashed when it was not there yet, and passed every control
 * message on out of "signal".
 */
public final class PublishTo extends BackplaneClient {

    /**
     * Publishes to the backplane of that name, waiting up to 10 seconds for it to appear.
     *
     * @throws NullPointerException when backplaneName is null
     * @throws IllegalArgumentException when backplaneName is empty
     */
    public PublishTo(String backplaneName) {
        this(backplaneName, DEFAULT_WAIT);
    }

    /**
     * Publishes to the backplane of that name, waiting up to {@code wait} for it to appear
     * ({@link Duration#ZERO}: it must exist when this starts).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when backplaneName is empty or wait is negative
     */
    public PublishTo(String backplaneName, Duration wait) {
        super(backplaneName, wait);
    }

    /** The name of the backplane it publishes to. */
    public String backplaneName() {
        return backplaneName;
    }

    @Override
    protected void main() {
        Backplane b = find(null, true);
        if (b != null) {
            linkInbox("inbox", b, "inbox"); // what waited in the inbox moves on to the backplane now
            while (!checkControl()) {
                pause();
            }
        }
        sendSignal(pendingStop());
    }
}
