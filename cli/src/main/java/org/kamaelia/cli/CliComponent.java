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

import java.time.Duration;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * What the command's own small components share: the stop convention and a send that waits for space
 * while still hearing "stop now".
 *
 * <h2>Thread safety</h2>
 * Everything here is for the component's main() thread only; {@link #stop} is confined to it.
 */
abstract class CliComponent extends Component {
    /** How long a blocked send waits for a wake-up before it looks again anyway. */
    private static final Duration RECHECK = Duration.ofMillis(250);

    /** The stop message received on "control" (a ShutdownMicroprocess replaces a ProducerFinished), or null. */
    private Object stop;

    /**
     * Reads every waiting control message, keeping the stop message: the first ProducerFinished, or a
     * ShutdownMicroprocess (which overrides it). Other messages are ignored.
     *
     * @return true when a stop message has been received, now or before
     */
    final boolean checkControl() {
        while (dataReady("control")) {
            Object m = recv("control");
            if (m instanceof ShutdownMicroprocess && !(stop instanceof ShutdownMicroprocess)) {
                stop = m;
            } else if (m instanceof ProducerFinished && stop == null) {
                stop = m;
            }
        }
        return stop != null;
    }

    /** The stop message received, or null. */
    final Object stopMessage() {
        return stop;
    }

    /** True once a ShutdownMicroprocess has arrived: stop without finishing pending work. */
    final boolean stopNow() {
        return stop instanceof ShutdownMicroprocess;
    }

    /**
     * Sends on {@code outbox}, waiting for space in a bounded destination, unless a ShutdownMicroprocess
     * arrives meanwhile.
     *
     * @return true when delivered; false when abandoned for a ShutdownMicroprocess (not delivered)
     */
    final boolean sendOrStop(Object message, String outbox) {
        for (;;) {
            if (stopNow()) {
                return false;
            }
            if (sendBlocking(message, outbox, Duration.ZERO)) {
                return true;
            }
            checkControl();
            if (!stopNow()) {
                pause(RECHECK);
            }
        }
    }
}
