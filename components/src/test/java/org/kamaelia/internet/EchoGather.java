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
package org.kamaelia.internet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.kamaelia.axon.Component;

/**
 * The far end of many echo clients: counts the bytes arriving from every client's "outbox" on its
 * "inbox", and keeps what every client sends on "signal" (linked to its "ends"), until it has as many
 * ends as it expects. Shared by the many-clients test and the 10,000-connections benchmark.
 */
public final class EchoGather extends Component {
    /** Bytes received on "inbox" so far. Any thread. */
    public final AtomicLong bytes = new AtomicLong();
    /** The clients' final messages, in arrival order. Any thread (a synchronized list). */
    public final List<Object> ends = Collections.synchronizedList(new ArrayList<>());
    private final int expected;

    /** A gatherer that finishes after {@code expected} messages on "ends". */
    public EchoGather(int expected) {
        this.expected = expected;
        declareInbox("ends", "the clients' signal messages");
    }

    /** The first of the ends, or null. Any thread. */
    public Object firstEnd() {
        synchronized (ends) {
            return ends.isEmpty() ? null : ends.get(0);
        }
    }

    @Override
    protected void main() {
        while (ends.size() < expected) {
            while (dataReady("inbox")) {
                bytes.addAndGet(((byte[]) recv("inbox")).length);
            }
            while (dataReady("ends")) {
                ends.add(recv("ends"));
            }
            if (ends.size() < expected) {
                pause();
            }
        }
    }
}
