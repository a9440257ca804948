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

import java.util.ArrayList;
import java.util.List;

/**
 * A named inbox or outbox of one owner.
 *
 * <h2>Thread safety</h2>
 * {@link #out} and {@link #in} describe the link topology and are guarded by
 * {@link Linkage#TOPOLOGY}. {@link #dest}, the resolved final inbox, is recomputed under that lock
 * and read by senders without it (volatile), so a send never takes a lock.
 */
abstract sealed class Box permits Inbox, Outbox {
    final String name;
    final String description;
    /** The component that owns this box, or null for a {@link Handle}'s boxes. */
    final Component owner;
    final String ownerName;

    /** The one outgoing link. Guarded by Linkage.TOPOLOGY. */
    Linkage out;
    /** Incoming links, created lazily. Guarded by Linkage.TOPOLOGY. */
    List<Linkage> in;
    /** Final destination of what is put into this box: an inbox, or null (a dead end). */
    volatile Inbox dest;

    Box(String name, String description, Component owner, String ownerName) {
        this.name = name;
        this.description = description;
        this.owner = owner;
        this.ownerName = ownerName;
    }

    abstract String kind();

    void addIncoming(Linkage l) {
        assert Linkage.TOPOLOGY.isHeldByCurrentThread();
        if (in == null) {
            in = new ArrayList<>(2);
        }
        in.add(l);
    }

    void removeIncoming(Linkage l) {
        assert Linkage.TOPOLOGY.isHeldByCurrentThread();
        if (in != null) {
            in.remove(l);
        }
    }

    /** Follows outgoing links to the final box: an inbox with no onward link, or null. */
    Inbox resolve() {
        assert Linkage.TOPOLOGY.isHeldByCurrentThread();
        Box b = this;
        while (b.out != null) {
            b = b.out.sinkBox;
        }
        return b instanceof Inbox i ? i : null;
    }

    @Override
    public String toString() {
        return ownerName + " " + kind() + " '" + name + "'";
    }
}
