package org.kamaelia.axon;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The storage of an inbox: an unbounded FIFO queue for many producers and one consumer, built from
 * one single-producer lane per producing thread.
 *
 * <h2>Why lanes</h2>
 * Most links have one producer. A lane is written by one thread only, so putting a message in costs
 * a plain array store and a release store of the lane's count: no atomic read-modify-write, no lock. A thread that
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
 * by the consumer once it is empty. A taken message stays referenced by its slot until the next sync:
 * at the latest when the consumer looks for more after using up its view (so a consumer that has
 * found its inbox empty holds none).
 */
final class MessageQueue {
    static final int FIRST_CHUNK = 8;
    static final int MAX_CHUNK = 1024;
    /** How many messages the consumer takes from one lane before looking at the next. */
    private static final int BATCH = 256;
    /**
     * How far a consumer may fall behind before its producer, on a virtual thread, yields its carrier
     * (checked when a new chunk is started). Keeps a pipeline's messages in the caches: measured on the
     * 10-stage benchmark, 256 to 1024 are best, 16384 is 20% slower and no yield at all 2 to 3 times.
     */
    static final int YIELD_BACKLOG = 1024;

    private static final VarHandle LANES;
    private static final VarHandle PRODUCED;
    private static final VarHandle CONSUMED;
    private static final Lane[] NO_LANES = new Lane[0];
    private static final Object[] NO_SLOTS = new Object[0];

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LANES = l.findVarHandle(MessageQueue.class, "lanes", Lane[].class);
            PRODUCED = l.findVarHandle(LaneProducer.class, "produced", long.class);
            CONSUMED = l.findVarHandle(LaneConsumer.class, "consumed", long.class);
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
         * Appends e (not null). Producer thread only.
         *
         * @return true when this offer started a new chunk while the consumer is at least
         *         {@link #YIELD_BACKLOG} messages behind: the caller should let the consumer run
         */
        boolean offer(Object e) {
            Object[] s = tailSlots;
            int i = tailIndex;
            if (i == s.length) {
                return offerInNewChunk(e);
            }
            s[i] = e;
            tailIndex = i + 1;
            PRODUCED.setRelease(this, produced + 1); // publishes the slot
            return false;
        }

        /** The rare part of offer, out of line so that the common part stays small enough to inline. */
        private boolean offerInNewChunk(Object e) {
            Chunk t = tail;
            Chunk n = new Chunk(Math.min(t.slots.length << 1, MAX_CHUNK));
            n.slots[0] = e;
            t.next = n;
            tail = n;
            tailSlots = n.slots;
            tailIndex = 1;
            long p = produced;
            PRODUCED.setRelease(this, p + 1); // publishes the slot and the link to its chunk
            return p - (long) CONSUMED.getOpaque(this) >= YIELD_BACKLOG;
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

        /** True when everything published has been taken. Consumer only, with the lane synced. */
        boolean drained() {
            return (long) PRODUCED.getAcquire(this) == consumed;
        }
    }

    /** Copy-on-write; replaced with compare-and-set. */
    private volatile Lane[] lanes = NO_LANES;

    // The consumer's view: a run of published messages in one chunk of the current lane. Taking a
    // message is then a comparison, a load and a store on this object; the lane's own counters are
    // brought up to date, and the taken slots cleared, once per view (sync). Consumer-confined.

    /** The lane being drained, or null before the first (and after it was pruned). */
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
            Lane[] grown = java.util.Arrays.copyOf(ls, ls.length + 1);
            grown[ls.length] = created;
            if (LANES.compareAndSet(this, ls, grown)) {
                return created;
            }
        }
    }

    /** Appends e (not null) through the calling thread's lane. Any thread. */
    boolean offer(Object e) {
        return laneFor(Thread.currentThread()).offer(e);
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

    private boolean openNextLane(Lane last) {
        Lane[] ls = lanes;
        int n = ls.length;
        int start = 0;
        for (int k = 0; k < n; k++) {
            if (ls[k] == last) {
                start = k + 1;
                break;
            }
        }
        for (int k = 0; k < n; k++) {
            Lane l = ls[(start + k) % n];
            budget = BATCH;
            if (open(l)) {
                return true;
            }
        }
        prune(ls);
        return false;
    }

    /** Drops lanes that are empty and whose producer thread has ended. Consumer only, with the view synced. */
    private void prune(Lane[] seen) {
        int dead = 0;
        for (Lane l : seen) {
            if (!l.producer.isAlive() && l.drained()) {
                dead++;
            }
        }
        if (dead == 0) {
            return;
        }
        for (;;) {
            Lane[] ls = lanes;
            java.util.ArrayList<Lane> keep = new java.util.ArrayList<>(ls.length);
            for (Lane l : ls) {
                if (l.producer.isAlive() || !l.drained()) {
                    keep.add(l);
                }
            }
            if (keep.size() == ls.length) {
                return;
            }
            if (LANES.compareAndSet(this, ls, keep.toArray(NO_LANES))) {
                current = null;
                viewSlots = NO_SLOTS;
                viewIndex = viewEnd = viewStart = 0;
                return;
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
