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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A link from one box to another, as made by {@link Component#link}: outbox to inbox (the normal
 * kind), an inbox passed through to a child's inbox, or a child's outbox passed out through its
 * parent's outbox.
 *
 * <p>Delivery never walks links: every box caches the final inbox its chain resolves to, so a send
 * along a chain of any length is one queue insert. Making or removing a link re-resolves the boxes
 * upstream of it. When an inbox that holds messages is linked onward, its messages move to the new
 * final inbox (late wiring loses nothing); removing a link never takes messages back.
 *
 * <h2>Thread safety</h2>
 * Instances are immutable. Every change of topology happens under {@link #TOPOLOGY}, one lock for the
 * whole JVM: links change rarely, and one lock keeps re-resolution simple and deadlock-free. It is
 * never held while calling user code or while blocking.
 */
public final class Linkage {

    /** The kinds of link, numbered as Axon's {@code passthrough} argument (0, 1, 2). */
    public enum Passthrough {
        /** 0: an outbox to an inbox. */
        NONE,
        /** 1: a parent's inbox to a child's inbox. */
        INBOX,
        /** 2: a child's outbox to its parent's outbox. */
        OUTBOX
    }

    static final ReentrantLock TOPOLOGY = new ReentrantLock();

    final Box sourceBox;
    final Box sinkBox;
    private final Passthrough passthrough;
    /** The component whose postoffice made this link, or null for a Handle's links. */
    final Component creator;

    private Linkage(Box sourceBox, Box sinkBox, Passthrough passthrough, Component creator) {
        this.sourceBox = sourceBox;
        this.sinkBox = sinkBox;
        this.passthrough = passthrough;
        this.creator = creator;
    }

    /** The component whose box the link starts at, or null when it is a {@link Handle}'s. */
    public Component source() {
        return sourceBox.owner;
    }

    /** The name of the box the link starts at. */
    public String sourceBoxName() {
        return sourceBox.name;
    }

    /** The component whose box the link ends at, or null when it is a {@link Handle}'s. */
    public Component sink() {
        return sinkBox.owner;
    }

    /** The name of the box the link ends at. */
    public String sinkBoxName() {
        return sinkBox.name;
    }

    public Passthrough passthrough() {
        return passthrough;
    }

    /** Axon's form: {@code Link( source:[name,box], sink:[name,box] )}. */
    @Override
    public String toString() {
        return "Link( source:[" + sourceBox.ownerName + "," + sourceBox.name + "], sink:["
                + sinkBox.ownerName + "," + sinkBox.name + "] )";
    }

    /**
     * Makes a link and re-resolves everything upstream of it.
     *
     * @throws BoxAlreadyLinkedException when the source box already feeds somewhere
     * @throws IllegalArgumentException when the link would close a loop
     */
    static Linkage create(Box src, Box dst, Passthrough kind, Component creator) {
        Linkage l = new Linkage(src, dst, kind, creator);
        Inbox migrateFrom = null;
        TOPOLOGY.lock();
        try {
            if (src.out != null) {
                throw new BoxAlreadyLinkedException(src, src.out);
            }
            for (Box b = dst; b != null; b = b.out == null ? null : b.out.sinkBox) {
                if (b == src) {
                    throw new IllegalArgumentException("link " + l + " would make a loop: " + dst
                            + " already leads back to " + src);
                }
            }
            src.out = l;
            dst.addIncoming(l);
            reresolveUpstreamOf(src);
            if (src instanceof Inbox in) {
                in.owner.forwardingInboxes++;
                if (in.queue.size() > 0) {
                    migrateFrom = in;
                }
            }
            if (creator != null) {
                creator.linkages.add(l);
            }
        } finally {
            TOPOLOGY.unlock();
        }
        if (migrateFrom != null) {
            migrateFrom.owner.migrateOrRequest(migrateFrom);
        }
        return l;
    }

    /** Removes this link; does nothing when it was already removed. */
    void remove() {
        TOPOLOGY.lock();
        try {
            if (sourceBox.out != this) {
                return;
            }
            sourceBox.out = null;
            sinkBox.removeIncoming(this);
            reresolveUpstreamOf(sourceBox);
            if (sourceBox instanceof Inbox in) {
                in.owner.forwardingInboxes--;
            }
            if (creator != null) {
                creator.linkages.remove(this);
            }
        } finally {
            TOPOLOGY.unlock();
        }
    }

    /** Recomputes the cached destination of {@code box} and of every box that leads into it. */
    private static void reresolveUpstreamOf(Box box) {
        assert TOPOLOGY.isHeldByCurrentThread();
        Inbox finalInbox = box.resolve();
        ArrayDeque<Box> todo = new ArrayDeque<>();
        todo.add(box);
        while (!todo.isEmpty()) {
            Box b = todo.poll();
            b.dest = finalInbox;
            if (b.in != null) {
                for (Linkage l : b.in) {
                    todo.add(l.sourceBox);
                }
            }
        }
    }

    /** A snapshot of the links that lead into {@code box}. */
    static List<Linkage> incoming(Box box) {
        TOPOLOGY.lock();
        try {
            return box.in == null ? List.of() : new ArrayList<>(box.in);
        } finally {
            TOPOLOGY.unlock();
        }
    }
}
