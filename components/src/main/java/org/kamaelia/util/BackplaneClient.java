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
import java.util.Objects;

/**
 * What {@link PublishTo} and {@link SubscribeTo} share: finding their backplane by name on their
 * scheduler, waiting a while for it to appear (components of one graph start in no particular order),
 * while still obeying "control". Package-private.
 *
 * <h2>Thread safety</h2>
 * Confined to the component's own main() thread, apart from the final fields.
 */
abstract class BackplaneClient extends UtilComponent {
    /** How long a publisher or subscriber waits for its backplane by default: 10 seconds. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    static final String FOUND = "_found";

    final String backplaneName;
    final Duration wait;

    BackplaneClient(String backplaneName, Duration wait) {
        this.backplaneName = Checks.nonEmpty(backplaneName, "backplaneName");
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait: " + wait + " (expected: >= 0)");
        }
        this.wait = wait;
        declareInbox(FOUND, "internal: told when the backplane it waits for is registered");
    }

    /**
     * Finds the backplane (and, with a subscription, subscribes), waiting up to {@link #wait} for it
     * to be registered.
     *
     * @param subscription what to deliver to the backplane's "configuration" inbox, or null
     * @param throughProducerFinished whether a ProducerFinished leaves the wait going on (a publisher
     *                                still has messages to pass on); a ShutdownMicroprocess always ends it
     * @return the backplane, or null when a stop message ended the wait
     * @throws IllegalStateException when no backplane of that name appeared in time
     */
    final Backplane find(Object subscription, boolean throughProducerFinished) {
        BackplaneDirectory dir = BackplaneDirectory.of(tracker());
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (;;) {
                while (dataReady(FOUND)) {
                    recv(FOUND);
                }
                Backplane b = subscription == null ? dir.findOrWait(backplaneName, this, FOUND)
                        : dir.subscribeOrWait(backplaneName, this, FOUND, subscription);
                if (b != null) {
                    return b;
                }
                for (;;) {
                    if (checkControl() && (stopNow() || !throughProducerFinished)) {
                        return null;
                    }
                    if (dataReady(FOUND)) {
                        break;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException(name() + ": no backplane named '" + backplaneName
                                + "' was registered on scheduler '" + scheduler().name() + "' within " + wait
                                + " (backplanes there: " + dir.names() + ")");
                    }
                    pause(Duration.ofNanos(left));
                }
            }
        } finally {
            dir.cancelWait(backplaneName, this);
        }
    }
}
