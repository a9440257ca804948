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

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * A test receiver with a bounded "inbox" that takes nothing until {@link #open()} is called, then
 * everything: for backpressure tests. It records what it takes and what comes on "control", and
 * stops on ProducerFinished or ShutdownMicroprocess (passing it on), without draining while closed.
 */
public final class GatedSink extends Component {
    public final List<Object> received = Collections.synchronizedList(new ArrayList<>());
    public final List<Object> controls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger mostQueued = new AtomicInteger();
    private volatile boolean opened;

    /** @param capacity the capacity of its "inbox" */
    public GatedSink(int capacity) {
        this();
        setInboxSize("inbox", capacity);
    }

    /** A sink whose "inbox" keeps the default bound. */
    public GatedSink() {
        declareInbox("_gate", "internal: wakes it when opened");
    }

    /** Lets it take everything from now on. Any thread. */
    public void open() {
        opened = true;
        deliver(Boolean.TRUE, "_gate");
    }

    /** Messages waiting in its inbox now. Any thread (approximate while a sender is active). */
    public int queued() {
        int n = dataCount("inbox");
        mostQueued.accumulateAndGet(n, Math::max);
        return n;
    }

    /** The most messages seen waiting in its inbox by {@link #queued()}. */
    public int mostQueued() {
        return mostQueued.get();
    }

    /** Bytes of the byte[] and ByteBuffer messages taken so far. */
    public long bytes() {
        return bytes.get();
    }

    @Override
    protected void main() {
        for (;;) {
            while (dataReady("_gate")) {
                recv("_gate");
            }
            if (opened) {
                while (dataReady("inbox")) {
                    Object m = recv("inbox");
                    received.add(m);
                    if (m instanceof byte[] a) {
                        bytes.addAndGet(a.length);
                    } else if (m instanceof ByteBuffer b) {
                        bytes.addAndGet(b.remaining());
                    }
                }
            }
            while (dataReady("control")) {
                Object m = recv("control");
                controls.add(m);
                if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
                    send(m, "signal");
                    return;
                }
            }
            pause();
        }
    }
}
