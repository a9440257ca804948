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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An outbox: it stores nothing. A message sent on it goes straight into the final inbox its links
 * resolve to; with no link it is dropped and counted in {@link #unlinkedDrops()} (Axon's null sink).
 */
final class Outbox extends Box {
    private static final VarHandle DROPS;

    static {
        try {
            DROPS = MethodHandles.lookup().findVarHandle(Outbox.class, "drops", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // updated through DROPS
    private volatile long drops;
    /**
     * The sending thread's lane in the destination's queue: a hint, checked on every use (same queue,
     * same thread), so a race on it only costs a lookup. Its fields are final: safe to read racily.
     */
    private MessageQueue.Lane lane;

    Outbox(String name, String description, Component owner, String ownerName) {
        super(name, description, owner, ownerName);
    }

    @Override
    String kind() {
        return "outbox";
    }

    /**
     * Puts the message into the final inbox, or drops and counts it when there is none.
     *
     * @return null when done, or the final inbox when it is bounded and full (nothing was delivered)
     */
    Inbox offer(Object message) {
        Inbox d = dest;
        if (d == null) {
            DROPS.getAndAdd(this, 1L);
            return null;
        }
        MessageQueue.Lane l = lane;
        if (l == null || l.queue != d.queue || l.producer != Thread.currentThread()) {
            l = relane(d);
        }
        return d.offer(message, l) ? null : d;
    }

    private MessageQueue.Lane relane(Inbox d) {
        MessageQueue.Lane l = d.queue.laneFor(Thread.currentThread());
        lane = l;
        return l;
    }

    /** Sends whatever the destination's capacity: for the runtime's own end-of-life messages. */
    void sendForce(Object message) {
        Inbox d = dest;
        if (d == null) {
            DROPS.getAndAdd(this, 1L);
        } else {
            d.offerForce(message);
        }
    }

    long unlinkedDrops() {
        return drops;
    }
}
