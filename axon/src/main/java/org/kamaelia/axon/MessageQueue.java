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
 * inbox's owner; the runtime guarantees that). {@link #size} by anyone, approximate while producers
 * and the consumer are active. Actions of a thread before it offers an element happen-before the
 * actions after the poll that returns it (release store of the count after the slot; the consumer's
 * acquire load of the count before it reads slots, once per batch of what the count shows).
 *
 * <h2>Memory</h2>
 * A lane's chunks start at {@link #FIRST_CHUNK} slots and double up to {@link #MAX_CHUNK} while
 * traffic flows, so an idle inbox costs little. A lane whose producer thread has ended is dropped
 * by the consumer once it is empty.
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

    /** Written by the consumer thread only. */
    abstract static class LaneConsumer extends LanePad1 {
        Chunk head;
        Object[] headSlots; // head.slots
        int headIndex;
        long consumed; // written with opaque stores: read by size() and bounded senders on any thread
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

        /** True when a published message is waiting. Consumer only. */
        boolean ready() {
            long c = consumed;
            return c != limit || (limit = (long) PRODUCED.getAcquire(this)) != c;
        }

        /** Removes and returns the oldest message, or null. Consumer only. */
        Object poll() {
            if (!ready()) {
                return null;
            }
            Object[] s = headSlots;
            int i = headIndex;
            if (i == s.length) {
                Chunk n = head.next; // set before the message we know of was published
                head = n;
                headSlots = s = n.slots;
                i = 0;
            }
            Object e = s[i]; // published: the acquire read of produced that set limit came after it
            s[i] = null;
            headIndex = i + 1;
            CONSUMED.setOpaque(this, consumed + 1);
            return e;
        }

        /** The oldest message, left in place, or null. Consumer only. */
        Object peek() {
            if (!ready()) {
                return null;
            }
            Object[] s = headSlots;
            int i = headIndex;
            return i == s.length ? head.next.slots[0] : s[i];
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
    }

    /** Copy-on-write; replaced with compare-and-set. */
    private volatile Lane[] lanes = NO_LANES;
    /** Consumer-confined: the lane being drained (null before the first), and how many more it may give in a row. */
    private Lane current;
    private int budget;

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
     * The fast path drains the current lane without looking at the lane array; the others get their
     * turn when it is empty or has given {@link #BATCH} in a row.
     */
    Object poll() {
        Lane c = current;
        if (c != null && budget > 0) {
            Object e = c.poll();
            if (e != null) {
                budget--;
                return e;
            }
        }
        return pollNextLane(c);
    }

    private Object pollNextLane(Lane last) {
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
            Object e = l.poll();
            if (e != null) {
                current = l;
                budget = BATCH - 1;
                return e;
            }
        }
        prune(ls);
        return null;
    }

    /** Drops lanes that are empty and whose producer thread has ended. Consumer only. */
    private void prune(Lane[] seen) {
        int dead = 0;
        for (Lane l : seen) {
            if (!l.producer.isAlive() && l.peek() == null) {
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
                if (l.producer.isAlive() || l.peek() != null) {
                    keep.add(l);
                }
            }
            if (keep.size() == ls.length) {
                return;
            }
            if (LANES.compareAndSet(this, ls, keep.toArray(NO_LANES))) {
                current = null;
                return;
            }
        }
    }

    /** The element poll() would most likely return next, or null when all lanes are empty. Consumer only. */
    Object peek() {
        Lane c = current;
        if (c != null) {
            Object e = c.peek();
            if (e != null) {
                return e;
            }
        }
        for (Lane l : lanes) {
            Object e = l.peek();
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** True when no published element is waiting in any lane. Consumer only. */
    boolean isEmpty() {
        Lane c = current;
        if (c != null && c.ready()) {
            return false;
        }
        for (Lane l : lanes) {
            if (l.ready()) {
                return false;
            }
        }
        return true;
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
