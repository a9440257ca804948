package org.kamaelia.axon;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The storage of an inbox: an unbounded FIFO queue for many producers and one consumer, built from
 * one single-producer lane per producing thread.
 *
 * <h2>Why lanes</h2>
 * Most links have one producer. A lane is written by one thread only, so putting a message in costs
 * a plain array store with release semantics: no atomic read-modify-write, no lock. A thread that
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
 * actions after the poll that returns it (release store of the slot, acquire load).
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

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
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
        /** Written by the producer (release) after every slot of this chunk was written. */
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
        int tailIndex;
        long produced; // written with opaque stores: read by size() on any thread
    }

    /** Padding between the producer's and the consumer's fields. */
    abstract static class LanePad1 extends LaneProducer {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    /** Written by the consumer thread only. */
    abstract static class LaneConsumer extends LanePad1 {
        Chunk head;
        int headIndex;
        long consumed; // written with opaque stores: read by size() on any thread
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
            head = c;
        }

        /** Appends e (not null). Producer thread only. */
        void offer(Object e) {
            Chunk t = tail;
            int i = tailIndex;
            Object[] s = t.slots;
            if (i == s.length) {
                Chunk n = new Chunk(Math.min(s.length << 1, MAX_CHUNK));
                t.next = n;
                tail = t = n;
                s = n.slots;
                i = 0;
            }
            SLOTS.setRelease(s, i, e);
            tailIndex = i + 1;
            PRODUCED.setOpaque(this, produced + 1);
        }

        Object poll() {
            Chunk h = head;
            int i = headIndex;
            Object[] s = h.slots;
            if (i == s.length) {
                Chunk n = h.next;
                if (n == null) {
                    return null;
                }
                head = h = n;
                s = n.slots;
                headIndex = i = 0;
            }
            Object e = SLOTS.getAcquire(s, i);
            if (e != null) {
                s[i] = null;
                headIndex = i + 1;
                CONSUMED.setOpaque(this, consumed + 1);
            }
            return e;
        }

        Object peek() {
            Chunk h = head;
            int i = headIndex;
            if (i == h.slots.length) {
                Chunk n = h.next;
                if (n == null) {
                    return null;
                }
                h = n;
                i = 0;
            }
            return SLOTS.getAcquire(h.slots, i);
        }

        long size() {
            long n = (long) PRODUCED.getOpaque(this) - (long) CONSUMED.getOpaque(this);
            return n < 0 ? 0 : n;
        }
    }

    /** Copy-on-write; replaced with compare-and-set. */
    private volatile Lane[] lanes = NO_LANES;
    /** Consumer-confined: the lane being drained, and how many were taken from it in a row. */
    private int current;
    private int takenInRow;

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
    void offer(Object e) {
        laneFor(Thread.currentThread()).offer(e);
    }

    /** Removes and returns the oldest element of some lane, or null when all are empty. Consumer only. */
    Object poll() {
        Lane[] ls = lanes;
        int n = ls.length;
        if (n == 1) {
            Object e = ls[0].poll();
            if (e == null && !ls[0].producer.isAlive()) {
                prune(ls);
            }
            return e;
        }
        if (n == 0) {
            return null;
        }
        int c = current;
        if (c >= n) {
            c = 0;
        }
        if (takenInRow < BATCH) {
            Object e = ls[c].poll();
            if (e != null) {
                takenInRow++;
                current = c;
                return e;
            }
        }
        for (int k = 1; k <= n; k++) {
            int j = (c + k) % n;
            Object e = ls[j].poll();
            if (e != null) {
                current = j;
                takenInRow = 1;
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
                current = 0;
                takenInRow = 0;
                return;
            }
        }
    }

    /** The element poll() would most likely return next, or null when all lanes are empty. Consumer only. */
    Object peek() {
        Lane[] ls = lanes;
        int n = ls.length;
        if (n == 1) {
            return ls[0].peek();
        }
        int c = current;
        for (int k = 0; k < n; k++) {
            Object e = ls[(c + k) % n].peek();
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** True when no published element is waiting in any lane. Consumer only. */
    boolean isEmpty() {
        return peek() == null;
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
