package org.kamaelia.axon;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The storage of an inbox: an unbounded, lock-free, multi-producer single-consumer FIFO queue
 * made of linked array chunks.
 *
 * <h2>Thread safety</h2>
 * {@link #offer} may be called by any number of threads at once. {@link #poll}, {@link #peek} and
 * {@link #isEmpty} may be called by one consumer thread at a time (the inbox's owner); the runtime
 * guarantees that, see {@code Inbox}. {@link #size} may be called by anyone and is approximate while
 * producers and the consumer are active.
 *
 * <h2>Memory consistency</h2>
 * Actions in a thread before it offers an element happen-before the actions that follow the poll
 * that returns that element (the slot is written with release and read with acquire semantics).
 *
 * <h2>How it works</h2>
 * A producer claims a slot in the tail chunk with one atomic increment, then publishes the element
 * with a release store. The producer that claims the first index past a chunk's end links a new
 * chunk (twice as large, up to {@link #MAX_CHUNK}) and moves the tail on; others help. The consumer
 * reads slots in order with acquire loads and treats a claimed but not yet published slot as empty:
 * the producer that fills it wakes the consumer afterwards, so nothing is missed. Chunks start small
 * ({@link #FIRST_CHUNK} slots) so an idle inbox costs little, and grow while traffic flows.
 */
final class MessageQueue {
    static final int FIRST_CHUNK = 8;
    static final int MAX_CHUNK = 1024;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle CLAIM;
    private static final VarHandle NEXT;
    private static final VarHandle TAIL;
    private static final VarHandle CONSUMED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CLAIM = l.findVarHandle(Chunk.class, "claim", int.class);
            NEXT = l.findVarHandle(Chunk.class, "next", Chunk.class);
            TAIL = l.findVarHandle(MessageQueue.class, "tail", Chunk.class);
            CONSUMED = l.findVarHandle(MessageQueue.class, "consumed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Chunk {
        final Object[] slots;
        /** Position of slots[0] in the whole stream: used only for size(). */
        final long base;
        /** Next index to claim; may run past slots.length. Updated with getAndAdd. */
        volatile int claim;
        volatile Chunk next;

        Chunk(int size, long base) {
            this.slots = new Object[size];
            this.base = base;
        }
    }

    /** Producers' chunk. Only moves forward. */
    private volatile Chunk tail;
    /** Consumer-confined. */
    private Chunk head;
    /** Consumer-confined: next slot of head to read. */
    private int headIndex;
    /** Written by the consumer only (opaque: no fence on the hot path), read by size(). */
    private long consumed;

    MessageQueue() {
        Chunk c = new Chunk(FIRST_CHUNK, 0);
        head = c;
        tail = c;
    }

    /** Appends {@code e} (not null). Any thread. */
    void offer(Object e) {
        Chunk t = tail;
        for (;;) {
            int i = (int) CLAIM.getAndAdd(t, 1);
            Object[] s = t.slots;
            if (i < s.length) {
                SLOTS.setRelease(s, i, e);
                return;
            }
            t = advance(t);
        }
    }

    /** Returns the chunk after {@code t}, creating and linking it when needed, and moves the tail. */
    private Chunk advance(Chunk t) {
        Chunk n = t.next;
        if (n == null) {
            int size = Math.min(t.slots.length << 1, MAX_CHUNK);
            Chunk created = new Chunk(size, t.base + t.slots.length);
            n = NEXT.compareAndSet(t, null, created) ? created : t.next;
        }
        TAIL.compareAndSet(this, t, n);
        return n;
    }

    /** Removes and returns the oldest element, or null when there is none. Consumer only. */
    Object poll() {
        Chunk h = head;
        int i = headIndex;
        if (i == h.slots.length) {
            Chunk n = h.next;
            if (n == null) {
                return null;
            }
            head = h = n;
            headIndex = i = 0;
        }
        Object[] s = h.slots;
        Object e = SLOTS.getAcquire(s, i);
        if (e == null) {
            return null;
        }
        s[i] = null;
        headIndex = i + 1;
        CONSUMED.setOpaque(this, consumed + 1);
        return e;
    }

    /** Returns the oldest element without removing it, or null. Consumer only. */
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

    /** True when no published element is waiting. Consumer only. */
    boolean isEmpty() {
        return peek() == null;
    }

    /** Number of claimed elements not yet consumed; approximate under concurrency. Any thread. */
    int size() {
        Chunk t = tail;
        long produced = t.base + Math.min(t.claim, t.slots.length);
        long n = produced - (long) CONSUMED.getOpaque(this);
        return n <= 0 ? 0 : (int) Math.min(n, Integer.MAX_VALUE);
    }
}
