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
package org.kamaelia.axon;

import java.util.Objects;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * A component was asked to stop (a {@link ShutdownMicroprocess} on its "control") while its main()
 * waited in a send for space in a full inbox: the send is abandoned, the message was not delivered.
 *
 * <p>This is how a wait for space stays responsive to shutdown: inboxes are bounded by default, so a
 * plain {@code send} may wait behind a stalled consumer, and a component waiting there must still
 * stop when told to. When this exception escapes {@code main()}, the component finishes normally (it
 * is not recorded as a failure) and passes the request on out of its "signal", as the shutdown
 * convention asks. A component that must clean up may catch it; the request is still in "control"
 * (nothing was taken from it), so its own loop will see it too.
 *
 * <p>Likely causes: a ShutdownMicroprocess (Ctrl-C in the command, a server shutting down, a
 * Pipeline's control) reached a component whose consumer had stopped reading.
 */
public final class ShutdownRequestedException extends AxonException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final transient ShutdownMicroprocess request;

    ShutdownRequestedException(String component, String outbox, String full, ShutdownMicroprocess request) {
        super(component + ": asked to stop (" + request.getClass().getSimpleName() + " on control) while "
                + "waiting to send on " + outbox + " into full " + full + "; the message was not sent");
        this.component = component;
        this.request = Objects.requireNonNull(request, "request");
    }

    /** The name of the component that was waiting. */
    public String component() {
        return component;
    }

    /** The request found in its "control" (still there). */
    public ShutdownMicroprocess request() {
        return request;
    }
}
