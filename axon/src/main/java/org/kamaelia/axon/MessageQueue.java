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
 * The storage of an inbox: an unbounded FIFO queue for many producers and one consumer, built from
 * one single-producer lane per producing thread.
 *
 * <h2>Why lanes</h2>
 * Most links have one producer. A lane is written by one thread only, so putting a message in costs
 * a plain array store and a release store of the lane's count, then (after the fence that wake-ups
 * need anyway) a look at the lane's mark: no atomic read-modify-write while the consumer owns the
 * lane, no lock. A thread that
 * sends into an inbox for the first time gets a lane of its own (a compare-and-set on the lane array,
 * once); {@link Outbox} caches its lane so the lookup costs one comparison afterwards.
 *
 * <h2>Order</h2>
 * Messages from one thread are received in the order that thread sent them. Messages from different
 * threads are interleaved: the consumer drains a lane in batches and moves on, so no producer starves
 * another. (Sends made one after another by a single thread, even through different outboxes, share a
 * lane and so keep their order.)
 *
 * <h2>Thread safety</h2>
 * {@link Lane#offer} is called by the lane's producer thread only; {@link #laneFor} by any thread for
 * itself. {@link #poll}, {@link #peek} and {@link #isEmpty} by one consumer thread at a time (the
 * inbox's owner; the runtime guarantees that), and {@link #sync} by that thread. {@link #size} by
 * anyone, approximate while producers and the consumer are active: what the consumer takes is
 * subtracted at its next sync, so the consumer's side can only make it too high, by at most one view. Actions
 * of a thread before it offers an element happen-before the actions after the poll that returns it
 * (release store of the count after the slot; the consumer's acquire load of the count before it reads
 * slots, once per batch of what the count shows).
 *
 * <h2>Which lanes the consumer looks at</h2>
 * The consumer does not look at every lane: an inbox fed by 10,000 quiet senders would cost it 10,000
 * reads each time it looked for work. It owns ("schedules") the lanes it looks at: up to {@link #KEEP}
 * of them even while empty (a pipeline's one or few senders then pay nothing more to be noticed), and
 * any number while they hold messages. A lane found empty beyond those is let go: its mark is cleared
 * (then a fence), and the lane is looked at once more. A producer, after publishing, fences and
 * reads the mark; when it finds it clear, it sets it (compare-and-set) and pushes the lane onto the
 * queue's ready stack, which the consumer takes whole when it looks for work. Each side writes and then
 * reads the other's location with a fence between, so a message racing with a let-go is never left in
 * an unowned lane. A new lane starts unscheduled: its first message pushes it.
 *
 * <h2>The consumer's view</h2>
 * The consumer does not work on a lane's fields message by message. When it has taken everything it
 * knew of, it reads the lane's published count once (acquire) and opens a view: the run of published
 * slots in the lane's head chunk, at most {@link #BATCH}, described by three fields of this object.
 * Taking from the view is then a comparison, a load and a store here. The lane's head index and its
 * {@code consumed} count (read by {@link #size} and by the lane's producer) are brought up to date, and
 * the taken slots cleared, once per view ({@link #sync}), and on demand by the inbox where exactness
 * matters (a bounded inbox after each take, the owner's own count, the owner about to wait or
 * finishing). Clearing per view rather than per message also keeps the consumer from writing into
 * the cache line its producer may be filling on another core.
 *
 * <h2>Memory</h2>
 * A lane's chunks start at {@link #FIRST_CHUNK} slots and double up to {@link #MAX_CHUNK} while
 * traffic flows, so an idle inbox costs little. A lane whose producer thread has ended is dropped
 * once it is empty: by the consumer when it finds it so, or by the next new lane's producer. A taken message stays referenced by its slot until the next sync:
 * at the latest when the consumer looks for more after using up its view (so a consumer that has
 * found its inbox empty holds none).
 */
final class MessageQueue {
    static final int FIRST_CHUNK = 8;
    static final int MAX_CHUNK = 1024;
    /** How many messages the consumer takes from one lane before looking at the next. */
    private static final int BATCH = 256;
    /**
     * How many empty lanes the consumer keeps looking at before it lets them go (see {@link #kept}).
     * The property {@code kamaelia.keptLanes} changes it, for tests (0: every empty lane is let go).
     */
    static final int KEEP = Integer.getInteger("kamaelia.keptLanes", 8);
    /**
     * How far a consumer may fall behind before its producer, on a virtual thread, yields its carrier
     * (checked when a new chunk is started). Keeps a pipeline's messages in the caches: measured on the
     * 10-stage benchmark, 256 to 1024 are best, 16384 is 20% slower and no yield at all 2 to 3 times.
     */
    static final int YIELD_BACKLOG = 1024;

    /** {@link Lane#offer}: the message was appended. */
    static final int OFFERED = 0;
    /** {@link Lane#offer}: appended, and the consumer is {@link #YIELD_BACKLOG} or more behind. */
    static final int OFFERED_YIELD = 1;
    /** {@link Lane#offer}: not appended: the lane holds {@link #softLimit} or more messages. */
    static final int FULL = 2;

    private static final VarHandle LANES;
    private static final VarHandle PRODUCED;
    private static final VarHandle CONSUMED;
    private static final VarHandle SCHEDULED;
    private static final VarHandle READY;
    private static final Lane[] NO_LANES = new Lane[0];
    private static final Object[] NO_SLOTS = new Object[0];

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LANES = l.findVarHandle(MessageQueue.class, "lanes", Lane[].class);
            PRODUCED = l.findVarHandle(LaneProducer.class, "produced", long.class);
            CONSUMED = l.findVarHandle(LaneConsumer.class, "consumed", long.class);
            SCHEDULED = l.findVarHandle(LaneProducer.class, "scheduled", int.class);
            READY = l.findVarHandle(MessageQueue.class, "ready", Lane.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Chunk {
        final Object[] slots;
        /** Set by the producer when this chunk is full, before it publishes the next chunk's first element. */
        volatile Chunk next;

        Chunk(int size) {
            slots = new Object[size];
        }
    }

    // A lane's producer fields and consumer fields are written by different threads on every message:
    // padding keeps them on different cache lines (HotSpot lays out superclass fields first), so the
    // two cores do not fight over one line.

    /** Padding before the producer's fields. */
    abstract static class LanePad0 {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** Written by the producer thread only. */
    abstract static class LaneProducer extends LanePad0 {
        Chunk tail;
        Object[] tailSlots; // tail.slots
        int tailIndex;
        /**
         * Messages offered so far. Written with a release store after the slot: that store publishes the
         * message, and the consumer reads this field (acquire) to learn how far it may read the slots.
         */
        long produced;
        /** The consumer's count as this producer last read it: a lower bound of the true count. */
        long knownConsumed;
        /**
         * 1 while the consumer owns this lane (it looks at it for messages), 0 when it has let it go.
         * Read by the producer after each offer (and fence); set by whoever wins a compare-and-set
         * from 0; cleared by the consumer only, when it finds the lane empty. See {@link MessageQueue}.
         */
        volatile int scheduled;
        /** The next lane on the queue's ready stack; written by the producer pushing this lane. */
        Lane readyNext;
    }

    /** Padding between the producer's and the consumer's fields. */
    abstract static class LanePad1 extends LaneProducer {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    /**
     * Written by the consumer thread only. While the lane is the queue's current one, the queue's view
     * ({@link MessageQueue#viewIndex}) is ahead of {@code headIndex} and {@code consumed}, which catch up
     * at each {@link MessageQueue#sync}.
     */
    abstract static class LaneConsumer extends LanePad1 {
        Chunk head;
        Object[] headSlots; // head.slots
        int headIndex;
        /**
         * Messages taken, as of the last sync. Written with opaque stores: read by size() and by the
         * producer (its yield check; bounded senders) on other threads, for whom it may lag by one view.
         */
        long consumed;
        /**
         * The producer's count as this consumer last read it: the slots before it may be read with plain
         * loads, so the consumer touches the producer's cache line once per batch, not once per message.
         */
        long limit;
    }

    /** Padding after the consumer's fields. */
    abstract static class LanePad2 extends LaneConsumer {
        long p20, p21, p22, p23, p24, p25, p26, p27;
    }

    /** A single-producer FIFO: written by {@link #producer} only, read by the queue's consumer. */
    static final class Lane extends LanePad2 {
        final MessageQueue queue;
        final Thread producer;

        Lane(MessageQueue queue, Thread producer) {
            this.queue = queue;
            this.producer = producer;
            Chunk c = new Chunk(FIRST_CHUNK);
            tail = c;
            tailSlots = c.slots;
            head = c;
            headSlots = c.slots;
        }

        /**
         * Appends e (not null), unless the lane is at the queue's soft limit. Producer thread only.
         *
         * @param force append whatever the soft limit (the runtime's own messages, migrations)
         * @return {@link #OFFERED}; {@link #OFFERED_YIELD} when this offer started a new chunk while the
         *         consumer is at least {@link #YIELD_BACKLOG} messages behind (the caller should let the
         *         consumer run); {@link #FULL} when it was not appended (only when not forced)
         */
        int offer(Object e, boolean force) {
            Object[] s = tailSlots;
            int i = tailIndex;
            if (i == s.length) {
                return offerInNewChunk(e, force);
            }
            s[i] = e;
            tailIndex = i + 1;
            PRODUCED.setRelease(this, produced + 1); // publishes the slot
            return OFFERED;
        }

        /**
         * The rare part of offer, out of line so that the common part stays small enough to inline. The
         * soft limit is looked at here, when a new chunk is started, so a lane below it pays nothing per
         * message for it, and holds at most the limit plus one chunk ({@link #MAX_CHUNK}) less one.
         */
        private int offerInNewChunk(Object e, boolean force) {
            long p = produced;
            long behind = p - (long) CONSUMED.getOpaque(this);
            if (!force && behind >= queue.softLimit) {
                return FULL;
            }
            Chunk t = tail;
            Chunk n = new Chunk(Math.min(t.slots.length << 1, MAX_CHUNK));
            n.slots[0] = e;
            t.next = n;
            tail = n;
            tailSlots = n.slots;
            tailIndex = 1;
            PRODUCED.setRelease(this, p + 1); // publishes the slot and the link to its chunk
            return behind >= YIELD_BACKLOG ? OFFERED_YIELD : OFFERED;
        }

        /**
         * True when this lane holds {@code capacity} messages or more. Producer thread only. It reads the
         * consumer's count (a cache line the consumer writes on every message) only when its previous
         * reading leaves the lane possibly full, so a sender well below the capacity does not touch it.
         */
        boolean holdsAtLeast(int capacity) {
            long p = produced;
            if (p - knownConsumed < capacity) {
                return false;
            }
            long c = (long) CONSUMED.getOpaque(this);
            knownConsumed = c;
            return p - c >= capacity;
        }

        long size() {
            long n = (long) PRODUCED.getOpaque(this) - (long) CONSUMED.getOpaque(this);
            return n < 0 ? 0 : n;
        }

        /**
         * Whether the consumer owns this lane. Producer only, right after the full fence that follows its
         * offer: the fence orders the read, so it need not be a volatile one.
         */
        boolean isScheduled() {
            return (int) SCHEDULED.get(this) != 0;
        }

        /** True when everything published has been taken, as of the consumer's last sync. Any thread. */
        boolean drained() {
            return (long) PRODUCED.getAcquire(this) == (long) CONSUMED.getOpaque(this);
        }
    }

    /** Copy-on-write; replaced with compare-and-set. */
    private volatile Lane[] lanes = NO_LANES;
    /**
     * How many messages one lane may hold before an unforced offer is refused ({@link #FULL}), checked
     * when a producer starts a new chunk; {@link Integer#MAX_VALUE} for no limit. Set by the inbox: the
     * default bound of an inbox whose capacity was not set. Read only on the rare path.
     */
    volatile int softLimit = Integer.MAX_VALUE;

    // The consumer's view: a run of published messages in one chunk of the current lane. Taking a
    // message is then a comparison, a load and a store on this object; the lane's own counters are
    // brought up to date, and the taken slots cleared, once per view (sync). Consumer-confined.

    /**
     * Lanes that became scheduled, pushed by their producers (a stack, linked by readyNext); the
     * consumer takes the whole stack at once.
     */
    private volatile Lane ready;
    /**
     * The lanes the consumer owns (scheduled), in the order it looks at them; consumer-confined. It keeps
     * up to {@link #KEEP} of them even while empty (their producers then pay nothing to be noticed), and
     * lets the others go when it finds them empty.
     */
    private Lane[] kept = NO_LANES;
    private int keptCount;
    /** The lane being drained (one of the kept), or null. */
    private Lane current;
    /** current.headSlots while there is a current lane. */
    private Object[] viewSlots = NO_SLOTS;
    /** The next slot to take. */
    private int viewIndex;
    /** The end (exclusive) of the published slots in this view. */
    private int viewEnd;
    /** viewIndex when the current lane's counters were last brought up to date. */
    private int viewStart;
    /** How many more messages the current lane may give before the others get their turn. */
    private int budget;

    /** How many lanes the consumer owns now (for tests and diagnostics). Consumer only. */
    int keptCount() {
        return keptCount;
    }

    /** How many lanes there are (for tests and diagnostics). Any thread. */
    int laneCount() {
        return lanes.length;
    }

    /** The calling thread's lane in this queue, created on first use. Any thread, for itself. */
    Lane laneFor(Thread t) {
        for (;;) {
            Lane[] ls = lanes;
            for (Lane l : ls) {
                if (l.producer == t) {
                    return l;
                }
            }
            Lane created = new Lane(this, t);
            Lane[] grown = new Lane[ls.length + 1];
            int n = 0;
            for (Lane l : ls) {
                if (l.producer.isAlive() || !l.drained()) { // drop lanes whose thread has ended, once empty
                    grown[n++] = l;
                }
            }
            grown[n++] = created;
            if (LANES.compareAndSet(this, ls, n == grown.length ? grown : java.util.Arrays.copyOf(grown, n))) {
                return created;
            }
        }
    }

    /**
     * Appends e (not null) through the calling thread's lane whatever the soft limit, and schedules the
     * lane. Any thread. For tests.
     */
    void offer(Object e) {
        Lane l = laneFor(Thread.currentThread());
        l.offer(e, true);
        VarHandle.fullFence();
        if (!l.isScheduled()) {
            schedule(l);
        }
    }

    /**
     * Removes and returns the oldest element of some lane, or null when all are empty. Consumer only.
     * The current lane gives up to {@link #BATCH} in a row; then the others get their turn.
     */
    Object poll() {
        if (viewIndex >= viewEnd && !refill()) {
            return null;
        }
        int i = viewIndex;
        Object[] s = viewSlots;
        Object e = s[i]; // published: the acquire read of the lane's count that set viewEnd came after it
        viewIndex = i + 1; // the slot is cleared at the next sync
        return e;
    }

    /** The element poll() would return next, or null when all lanes are empty. Consumer only. */
    Object peek() {
        if (viewIndex >= viewEnd && !refill()) {
            return null;
        }
        return viewSlots[viewIndex];
    }

    /**
     * The first element waiting in any lane (in no particular order across lanes) that {@code test}
     * accepts, or null; nothing is taken. Consumer only. Costs a walk over every waiting element: for
     * boxes that hold few (control).
     */
    Object find(java.util.function.Predicate<Object> test) {
        for (Lane l : lanes) {
            long waiting;
            Object[] s;
            int i;
            Chunk c = l.head;
            if (l == current) {
                s = viewSlots;
                i = viewIndex;
                waiting = (long) PRODUCED.getAcquire(l) - l.consumed - (viewIndex - viewStart);
            } else {
                s = l.headSlots;
                i = l.headIndex;
                waiting = (long) PRODUCED.getAcquire(l) - l.consumed;
            }
            for (; waiting > 0; waiting--) {
                if (i == s.length) {
                    c = c.next; // set before the element after it was published
                    s = c.slots;
                    i = 0;
                }
                Object e = s[i++];
                if (test.test(e)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** True when no published element is waiting in any lane. Consumer only. */
    boolean isEmpty() {
        return viewIndex >= viewEnd && !refill();
    }

    /**
     * Brings the current lane's counters up to date with the view, so that {@link #size} and the
     * lane's producer see what was taken. Consumer only.
     */
    void sync() {
        Lane c = current;
        if (c != null) {
            sync(c);
        }
    }

    private void sync(Lane c) {
        int i = viewIndex;
        int taken = i - viewStart;
        if (taken != 0) {
            java.util.Arrays.fill(viewSlots, viewStart, i, null); // let the taken messages go
            c.headIndex = i;
            CONSUMED.setOpaque(c, c.consumed + taken);
            viewStart = i;
        }
    }

    /** The view is used up: opens the next one. False when every lane is empty. Out of line: once per view. */
    private boolean refill() {
        Lane c = current;
        if (c != null) {
            sync(c);
            if (budget > 0 && open(c)) {
                return true;
            }
        }
        return openNextLane(c);
    }

    /**
     * Makes {@code l} the current lane, with a view of its published messages in its head chunk (no
     * more than the budget left); false when it has none. {@code l} is synced (or was not current), and
     * the budget is above zero.
     */
    private boolean open(Lane l) {
        long done = l.consumed;
        long lim = l.limit;
        if (lim == done) {
            l.limit = lim = (long) PRODUCED.getAcquire(l);
            if (lim == done) {
                return false;
            }
        }
        Object[] s = l.headSlots;
        int i = l.headIndex;
        if (i == s.length) {
            Chunk n = l.head.next; // set before the message we know of was published
            l.head = n;
            l.headSlots = s = n.slots;
            l.headIndex = i = 0;
        }
        int n = (int) Math.min(lim - done, Math.min(s.length - i, budget));
        current = l;
        viewSlots = s;
        viewIndex = i;
        viewStart = i;
        viewEnd = i + n;
        budget -= n;
        return true;
    }

    /**
     * Looks at the kept lanes, starting after {@code last}, and opens the first with messages. Lanes found
     * empty are let go when more than {@link #KEEP} are kept, or dropped when their thread has ended.
     */
    private boolean openNextLane(Lane last) {
        takeReady();
        int n = keptCount;
        int start = 0;
        for (int k = 0; k < n; k++) {
            if (kept[k] == last) {
                start = k + 1;
                break;
            }
        }
        Lane[] ks = kept;
        for (int k = 0; k < n; k++) {
            Lane l = ks[(start + k) % n];
            budget = BATCH;
            if (open(l)) {
                return true;
            }
        }
        return letGoOfEmptyLanes();
    }

    /** Moves the lanes their producers pushed onto the ready stack into the kept ones, oldest first. */
    private void takeReady() {
        if (ready == null) {
            return;
        }
        Lane s = (Lane) READY.getAndSet(this, (Lane) null);
        Lane reversed = null;
        while (s != null) {
            Lane next = s.readyNext;
            s.readyNext = reversed;
            reversed = s;
            s = next;
        }
        while (reversed != null) {
            Lane next = reversed.readyNext;
            reversed.readyNext = null;
            keep(reversed);
            reversed = next;
        }
    }

    private void keep(Lane l) {
        if (keptCount == kept.length) {
            kept = java.util.Arrays.copyOf(kept, Math.max(4, keptCount * 2));
        }
        kept[keptCount++] = l;
    }

    /**
     * All kept lanes were found empty: lets go of those beyond {@link #KEEP} and drops those whose
     * thread has ended. A lane let go is unscheduled and looked at once more (its producer, after
     * publishing and a fence, looks at the mark: one of the two sees the other); if a message came
     * meanwhile the consumer keeps it, or its producer has already pushed it again.
     *
     * @return true when a view was opened on a message that came meanwhile
     */
    private boolean letGoOfEmptyLanes() {
        boolean opened = false;
        for (int k = keptCount - 1; k >= 0; k--) {
            Lane l = kept[k];
            boolean ended = !l.producer.isAlive();
            if (!ended && keptCount <= KEEP) {
                continue;
            }
            if (ended) {
                if (!l.drained()) {
                    continue; // its last messages are still to be taken
                }
                dropKept(k);
                removeLane(l);
                continue;
            }
            SCHEDULED.setOpaque(l, 0);
            VarHandle.fullFence(); // the clear before the look: the producer publishes, fences, then reads the mark
            if (l.drained()) {
                dropKept(k);
            } else if (SCHEDULED.compareAndSet(l, 0, 1)) {
                budget = BATCH;
                if (!opened && open(l)) { // a message came meanwhile: keep the lane and take it
                    opened = true;
                }
            } else {
                dropKept(k); // its producer scheduled it again: it is on the ready stack
            }
        }
        return opened;
    }

    private void dropKept(int k) {
        Lane l = kept[k];
        System.arraycopy(kept, k + 1, kept, k, keptCount - k - 1);
        kept[--keptCount] = null;
        if (l == current) {
            current = null;
            viewSlots = NO_SLOTS;
            viewIndex = viewEnd = viewStart = 0;
        }
    }

    /** Removes an empty lane whose thread has ended from the lane array. */
    private void removeLane(Lane dead) {
        for (;;) {
            Lane[] ls = lanes;
            int i = java.util.Arrays.asList(ls).indexOf(dead);
            if (i < 0) {
                return;
            }
            Lane[] less = new Lane[ls.length - 1];
            System.arraycopy(ls, 0, less, 0, i);
            System.arraycopy(ls, i + 1, less, i, ls.length - i - 1);
            if (LANES.compareAndSet(this, ls, less)) {
                return;
            }
        }
    }

    /**
     * Called by a lane's producer after it published, fenced and found the lane unscheduled: schedules
     * it again (unless the consumer just did) and pushes it onto the ready stack. Producer only.
     */
    void schedule(Lane l) {
        if (SCHEDULED.compareAndSet(l, 0, 1)) {
            for (;;) {
                Lane top = ready;
                l.readyNext = top;
                if (READY.compareAndSet(this, top, l)) {
                    return;
                }
            }
        }
    }

    /**
     * True when the queue holds {@code capacity} elements or more, as seen by the producer of
     * {@code lane} (its own lane, in this queue). Exact when it is the only lane; otherwise
     * approximate under concurrency, like {@link #size}.
     */
    boolean holdsAtLeast(int capacity, Lane lane) {
        Lane[] ls = lanes;
        if (ls.length == 1 && ls[0] == lane) {
            return lane.holdsAtLeast(capacity);
        }
        return size() >= capacity;
    }

    /** Number of elements offered and not yet polled; approximate under concurrency. Any thread. */
    int size() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.size();
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }
}
