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

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DROPPED = l.findVarHandle(Inbox.class, "dropped", long.class);
            WAITERS = l.findVarHandle(Inbox.class, "spaceWaiters", ConcurrentLinkedQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MessageQueue queue = new MessageQueue();
    final Parker parker;
    /** 0 means unbounded. */
    volatile int capacity;
    /** Owners refused for lack of space, to wake when space is freed. Created lazily. */
    private volatile ConcurrentLinkedQueue<Parker> spaceWaiters;
    @SuppressWarnings("unused") // updated through DROPPED
    private volatile long dropped;

    Inbox(String name, String description, Component owner, String ownerName, Parker parker) {
        super(name, description, owner, ownerName);
        this.parker = parker;
        this.dest = this;
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
        return offer(message, queue.laneFor(Thread.currentThread()));
    }

    /**
     * As {@link #offer(Object)}, through a lane of this inbox's queue that belongs to the calling thread
     * (the sender's cached lane: see {@link Outbox#send}).
     */
    boolean offer(Object message, MessageQueue.Lane lane) {
        Parker p = parker;
        if (p.finished) {
            return dropForFinishedOwner();
        }
        if (capacity != 0 && isFull()) {
            return false;
        }
        if (lane.offer(message)) {
            p.wake();
            yieldToConsumer();
        } else {
            p.wake();
        }
        return true;
    }

    private boolean dropForFinishedOwner() {
        DROPPED.getAndAdd(this, 1L);
        return true;
    }

    /** Puts a message in whatever the capacity (control messages, migrations). */
    void offerForce(Object message) {
        Parker p = parker;
        if (p.finished) {
            DROPPED.getAndAdd(this, 1L);
            return;
        }
        if (queue.offer(message)) {
            p.wake();
            yieldToConsumer();
        } else {
            p.wake();
        }
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

    boolean isFull() {
        int cap = capacity;
        return cap != 0 && queue.size() >= cap;
    }

    /** Takes the oldest message or returns null. Owner only. */
    Object take() {
        Object m = queue.poll();
        if (m != null && capacity != 0) {
            // The freed space (the lane's consumed count) must be visible before we look for waiters,
            // as a refused sender registers and then looks at the space: each writes, then reads.
            VarHandle.fullFence();
            wakeSpaceWaiters();
        }
        return m;
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
}
