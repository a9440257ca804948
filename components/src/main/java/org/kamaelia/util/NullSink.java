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

import java.util.concurrent.atomic.AtomicLong;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Discards everything it receives, counting it: a sink for data nobody needs (Axon's
 * {@code nullSinkComponent}, Unix's {@code /dev/null}).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ThreadedTCPClient("localhost", 19), new NullSink()).activate(); // drain a chargen server
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": anything; discarded</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>outbox "outbox": not used</li>
 * <li>outbox "signal": the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It takes every message out of "inbox" as soon as it arrives and drops it, so it never applies
 * backpressure. {@link #discarded()} tells how many it has dropped, from any thread.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it discards what is left in "inbox", passes the message on
 * out of "signal" and stops. A {@link ShutdownMicroprocess}: it passes the message on and stops at
 * once. Other control messages are ignored. Divergence from the original: Axon's nullSinkComponent
 * sent nothing on "signal"; this one passes the stop message on, as every component here does.
 */
public final class NullSink extends UtilComponent {
    private final AtomicLong discarded = new AtomicLong();

    public NullSink() {
    }

    /** How many messages it has discarded so far. Any thread. */
    public long discarded() {
        return discarded.get();
    }

    @Override
    void onMessage(Object message) {
        discarded.incrementAndGet();
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
