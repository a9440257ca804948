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
package org.kamaelia.protocol;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads and throws away everything it receives, and never sends: the Discard protocol (RFC 863).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * SimpleServer server = SimpleServer.builder(DiscardProtocol::new).port(9).build();
 * server.activate();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": anything; discarded ({@code byte[]} and ByteBuffer sizes are counted).</li>
 * <li>inbox "control": ProducerFinished (e.g. the client's end of stream) or ShutdownMicroprocess:
 *     stop.</li>
 * <li>outbox "outbox": nothing is ever sent.</li>
 * <li>outbox "signal": the control message that stopped it.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It takes every message as soon as it arrives, so it never holds the client back, and counts what it
 * discarded ({@link #discardedMessages()}, {@link #discardedBytes()}).
 *
 * <h2>Termination</h2>
 * On a ProducerFinished or ShutdownMicroprocess on "control" it discards what is left in "inbox",
 * passes that message on out of "signal" and finishes. Other control messages are ignored.
 */
public class DiscardProtocol extends ProtocolComponent {
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /** A discarder for one connection (or one stream). */
    public DiscardProtocol() {
    }

    /** Messages discarded so far. Any thread. */
    public long discardedMessages() {
        return messages.get();
    }

    /** Bytes discarded so far ({@code byte[]} and ByteBuffer messages). Any thread. */
    public long discardedBytes() {
        return bytes.get();
    }

    @Override
    protected void main() {
        for (;;) {
            drain();
            if (checkControl() || finishRequest() != null) {
                drain();
                signalEnd();
                return;
            }
            pause();
        }
    }

    private void drain() {
        while (dataReady("inbox")) {
            Object m = recv("inbox");
            messages.incrementAndGet();
            if (m instanceof byte[] a) {
                bytes.addAndGet(a.length);
            } else if (m instanceof ByteBuffer b) {
                bytes.addAndGet(b.remaining());
            }
        }
    }
}
