package org.kamaelia.axon;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An inbox: a {@link MessageQueue} owned by one component (or a {@link Handle}), an optional
 * capacity, and the owner's {@link Parker}, woken by every delivery.
 *
 * <h2>Thread safety</h2>
 * {@link #offer}, {@link #offerForce} and {@link #refused} may be called from any thread. {@link #take}
 * and {@link #peek} are called by the owner's thread only (or, while the owner is not running, by the
 * thread that links it onward). The capacity is a soft bound: with several producers at once it can
 * be exceeded by at most one message per concurrent producer.
 */
final class Inbox extends Box {
    private static final VarHandle DROPPED;
    private static final VarHandle WAITERS;
    private static final VarHandle GATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DROPPED = l.findVarHandle(Inbox.class, "dropped", long.class);
            GATE = l.findVarHandle(Inbox.class, "gate", int.class);
            WAITERS = l.findVarHandle(Inbox.class, "spaceWaiters", ConcurrentLinkedQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MessageQueue queue = new MessageQueue();
    final Parker parker;
    /** 0 means unbounded. Written through {@link #setCapacity}. */
    private volatile int capacity;
    /**
     * Zero while a delivery needs no check (unbounded, owner not finished), so that the send path reads
     * one field; else {@link #BOUNDED} and/or {@link #CLOSED}.
     */
    private volatile int gate;
    private static final int BOUNDED = 1;
    private static final int CLOSED = 2;
    /** Owners refused for lack of space, to wake when space is freed. Created lazily. */
    private volatile ConcurrentLinkedQueue<Parker> spaceWaiters;
    @SuppressWarnings("unused") // updated through DROPPED
    private volatile long dropped;
    /** The lane of the thread that last delivered here without an outbox: a hint (see callersLane). */
    private MessageQueue.Lane lastLane;
    /** Messages taken from this bounded box since its space waiters were last woken. Owner only. */
    private int takenSinceWake;

    Inbox(String name, String description, Component owner, String ownerName, Parker parker) {
        super(name, description, owner, ownerName);
        this.parker = parker;
        this.dest = this;
        if (parker.finished) {
            gate = CLOSED;
        }
    }

    int capacity() {
        return capacity;
    }

    /** Sets the capacity (0: unbounded). Any thread. */
    void setCapacity(int c) {
        capacity = c;
        if (c == 0) {
            GATE.getAndBitwiseAnd(this, ~BOUNDED);
        } else {
            GATE.getAndBitwiseOr(this, BOUNDED);
        }
        wakeSpaceWaiters();
    }

    /** From now on deliveries are dropped and counted: the owner has finished. Owner only. */
    void close() {
        queue.sync(); // so that droppedCount counts exactly what was left unread
        GATE.getAndBitwiseOr(this, CLOSED);
        wakeSpaceWaiters(); // senders waiting for space go on: their messages are now dropped
    }

    @Override
    String kind() {
        return "inbox";
    }

    /**
     * Puts a message in, or drops and counts it when the owner has finished.
     *
     * @return false when the box is bounded and full (nothing was delivered)
     */
    boolean offer(Object message) {
        return offer(message, callersLane());
    }

    /**
     * The calling thread's lane in this inbox: for deliveries that do not come through an outbox (which
     * caches its own). The last one used is kept as a hint, checked on use, so a thread that delivers
     * again and again does not search the lanes each time.
     */
    private MessageQueue.Lane callersLane() {
        Thread t = Thread.currentThread();
        MessageQueue.Lane l = lastLane;
        if (l == null || l.producer != t) {
            l = queue.laneFor(t);
            lastLane = l;
        }
        return l;
    }

    /**
     * As {@link #offer(Object)}, through a lane of this inbox's queue that belongs to the calling thread
     * (the sender's cached lane: see {@link Outbox#send}).
     */
    boolean offer(Object message, MessageQueue.Lane lane) {
        if (gate != 0) {
            return offerChecked(message, lane);
        }
        deliver(message, lane);
        return true;
    }

    private void deliver(Object message, MessageQueue.Lane lane) {
        Parker p = parker;
        boolean yield = lane.offer(message);
        // Published: now, after a fence, the two marks the owner may have cleared while it looked for work
        // (the lane's "scheduled" and the owner's permit). See MessageQueue and Parker.
        VarHandle.fullFence();
        if (!lane.isScheduled()) {
            queue.schedule(lane);
        }
        p.wakeFenced();
        if (yield) {
            yieldToConsumer();
        }
    }

    private boolean offerChecked(Object message, MessageQueue.Lane lane) {
        int g = gate;
        if ((g & CLOSED) != 0 || parker.finished) {
            DROPPED.getAndAdd(this, 1L);
            return true;
        }
        if ((g & BOUNDED) != 0) {
            int cap = capacity;
            if (cap != 0 && queue.holdsAtLeast(cap, lane)) {
                return false;
            }
        }
        deliver(message, lane);
        return true;
    }

    /** Puts a message in whatever the capacity (control messages, migrations). */
    void offerForce(Object message) {
        if ((gate & CLOSED) != 0 || parker.finished) {
            DROPPED.getAndAdd(this, 1L);
            return;
        }
        deliver(message, callersLane());
    }

    /**
     * Lets the consumer run: called when it has fallen {@link MessageQueue#YIELD_BACKLOG} messages behind
     * this sender. Virtual threads are not preempted, so a component that sends in a loop without pausing
     * would otherwise keep its carrier thread, starving the components that share it and filling the
     * inbox without bound. Platform threads are preempted by the operating system: they do not yield.
     */
    private static void yieldToConsumer() {
        if (Thread.currentThread().isVirtual()) {
            Thread.yield();
        }
    }

    /**
     * The slow path of a refused offer: registers the sender to be woken when space frees, tries once
     * more (space may have been freed meanwhile), and throws if the box is still full.
     */
    void refused(Object message, Parker sender, Box via) {
        if (sender != null) {
            awaitSpace(sender);
        }
        if (!offer(message)) {
            throw new BoxFullException(via, this, queue.size(), capacity);
        }
    }

    /** Registers {@code waiter} to be woken once a message is taken out of this box. */
    void awaitSpace(Parker waiter) {
        ConcurrentLinkedQueue<Parker> q = spaceWaiters;
        if (q == null) {
            ConcurrentLinkedQueue<Parker> created = new ConcurrentLinkedQueue<>();
            q = WAITERS.compareAndSet(this, null, created) ? created : spaceWaiters;
        }
        q.add(waiter);
    }

    /**
     * Takes the oldest message or returns null. Owner only. In a bounded box the space is counted as
     * freed at once (a sender that looks sees it), and the senders waiting for space are woken once the
     * owner has taken half the capacity since it last woke them, or when it next waits ({@link #settle}):
     * not after every message, which would cost a fence each, and soon enough that a woken sender refills
     * the box while the owner still has the other half to work on.
     */
    Object take() {
        Object m = queue.poll();
        if (m != null) {
            int cap = capacity;
            if (cap != 0) {
                queue.sync();
                if (++takenSinceWake >= (cap + 1) >>> 1) {
                    spaceFreed();
                }
            }
        }
        return m;
    }

    /**
     * Wakes the senders waiting for space. The freed space (the lane's consumed count) must be visible
     * before we look for waiters, as a refused sender registers and then looks at the space: each
     * writes, then reads, with a fence between.
     */
    private void spaceFreed() {
        takenSinceWake = 0;
        VarHandle.fullFence();
        wakeSpaceWaiters();
    }

    /**
     * Brings the counts up to date with what the owner has taken and, in a bounded box, wakes the
     * senders waiting for space. The owner calls this before it waits. Owner only.
     */
    void settle() {
        queue.sync();
        if (capacity != 0) {
            spaceFreed();
        }
    }

    /**
     * Takes up to {@code max} messages into {@code into[0..]}, oldest first; returns how many. A bounded
     * box fences and wakes its space waiters once for the lot, not once per message. Owner only.
     */
    int takeBatch(Object[] into, int max) {
        int n = 0;
        Object m;
        while (n < max && (m = queue.poll()) != null) {
            into[n++] = m;
        }
        if (n > 0 && capacity != 0) {
            queue.sync();
            spaceFreed();
        }
        return n;
    }

    void wakeSpaceWaiters() {
        ConcurrentLinkedQueue<Parker> q = spaceWaiters;
        if (q != null) {
            Parker p;
            while ((p = q.poll()) != null) {
                p.wake();
            }
        }
    }

    /** Messages dropped because the owner had finished, plus any left unread in it since. */
    long droppedCount() {
        long d = dropped;
        return parker.finished ? d + queue.size() : d;
    }

    int size() {
        return queue.size();
    }

    /** As {@link #size}, exact for what the owner has taken. Owner only. */
    int ownerSize() {
        queue.sync();
        return queue.size();
    }
}
