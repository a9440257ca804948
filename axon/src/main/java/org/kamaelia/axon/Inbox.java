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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An inbox: a {@link MessageQueue} owned by one component (or a {@link Handle}), a bound, and the
 * owner's {@link Parker}, woken by every delivery.
 *
 * <h2>Bounds</h2>
 * Until its capacity is set, an inbox has the default bound ({@link Component#DEFAULT_INBOX_SIZE}): a
 * soft one, per sending thread, checked by the sender once per chunk of its lane (so it costs nothing
 * per message), and met by waiting for space ({@link Component#send} waits; a delivery from outside
 * any component is refused with a {@link BoxFullException}). A capacity set explicitly
 * ({@link #setCapacity}) is checked on every delivery, counts every sender, and is met by refusing
 * ({@link BoxFullException}) unless the sender chose to wait; 0 then means no bound at all.
 *
 * <h2>Waking senders that wait for space</h2>
 * A refused sender registers (once: a set), marks the owner's parker ({@link Parker#spaceWanted}), makes
 * a full fence and looks at the space again. The owner, before it waits, brings its counts up to date,
 * fences (in {@link Parker#pause}) and, finding the mark, wakes every registered sender: each side
 * writes, fences, then reads what the other wrote, so one of the two always sees the other. An owner
 * with an explicit capacity also wakes them once it has taken half of it.
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
    /** Value of {@link #capacity} for an inbox whose capacity was never set: the default bound. */
    private static final int DEFAULT = -1;
    private static final VarHandle GATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DROPPED = l.findVarHandle(Inbox.class, "dropped", long.class);
            GATE = l.findVarHandle(Inbox.class, "gate", int.class);
            WAITERS = l.findVarHandle(Inbox.class, "spaceWaiters", Map.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MessageQueue queue = new MessageQueue();
    final Parker parker;
    /**
     * {@link #DEFAULT} (the default soft bound), 0 (set unbounded) or the capacity set. Written through
     * {@link #setCapacity}.
     */
    private volatile int capacity = DEFAULT;
    /**
     * Zero while a delivery needs no check (unbounded, owner not finished), so that the send path reads
     * one field; else {@link #BOUNDED} and/or {@link #CLOSED}.
     */
    private volatile int gate;
    private static final int BOUNDED = 1;
    private static final int CLOSED = 2;
    /**
     * Owners refused for lack of space, each once, with the lane they send through, to wake when space
     * is freed. Created lazily.
     */
    private volatile Map<Parker, MessageQueue.Lane> spaceWaiters;
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
        queue.softLimit = Component.DEFAULT_INBOX_SIZE;
        if (parker.finished) {
            gate = CLOSED;
        }
    }

    /** The capacity set, 0 when set unbounded, {@link Component#DEFAULT_INBOX_SIZE} when never set. */
    int capacity() {
        int c = capacity;
        return c == DEFAULT ? Component.DEFAULT_INBOX_SIZE : c;
    }

    /** True while the capacity was never set: the default soft bound applies. */
    boolean hasDefaultBound() {
        return capacity == DEFAULT;
    }

    /** The capacity checked on every delivery: 0 while there is none (set unbounded, or the default). */
    private int hardCapacity() {
        int c = capacity;
        return c == DEFAULT ? 0 : c;
    }

    /** Sets the capacity (0: unbounded); the default bound no longer applies. Any thread. */
    void setCapacity(int c) {
        capacity = c;
        queue.softLimit = Integer.MAX_VALUE;
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
        return deliver(message, lane, false);
    }

    /** Appends and wakes the owner; false when the lane is at the default bound (not appended). */
    private boolean deliver(Object message, MessageQueue.Lane lane, boolean force) {
        Parker p = parker;
        int r = lane.offer(message, force);
        if (r == MessageQueue.FULL) {
            return false;
        }
        // Published: now, after a fence, the two marks the owner may have cleared while it looked for work
        // (the lane's "scheduled" and the owner's permit). See MessageQueue and Parker.
        VarHandle.fullFence();
        if (!lane.isScheduled()) {
            queue.schedule(lane);
        }
        p.wakeFenced();
        if (r == MessageQueue.OFFERED_YIELD) {
            yieldToConsumer();
        }
        return true;
    }

    private boolean offerChecked(Object message, MessageQueue.Lane lane) {
        int g = gate;
        if ((g & CLOSED) != 0 || parker.finished) {
            DROPPED.getAndAdd(this, 1L);
            return true;
        }
        if ((g & BOUNDED) != 0) {
            int cap = hardCapacity();
            if (cap != 0 && queue.holdsAtLeast(cap, lane)) {
                return false;
            }
        }
        return deliver(message, lane, false);
    }

    /** Puts a message in whatever the capacity (control messages, migrations). */
    void offerForce(Object message) {
        if ((gate & CLOSED) != 0 || parker.finished) {
            DROPPED.getAndAdd(this, 1L);
            return;
        }
        deliver(message, callersLane(), true);
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
            throw new BoxFullException(via, this, queue.size(), capacity(), hasDefaultBound());
        }
    }

    /** True when a refusal here is final (an explicit capacity); false for the default bound's. */
    boolean refusesWhenFull() {
        return capacity != DEFAULT;
    }

    /**
     * Registers {@code waiter} (once, however often it is refused) to be woken when space is freed in
     * this box, and marks the owner so that it wakes its waiters before it next waits. The caller then
     * looks at the space again: the fence here orders the registration before that look (the owner
     * updates its counts, fences, then looks for the mark).
     */
    void awaitSpace(Parker waiter) {
        Map<Parker, MessageQueue.Lane> q = spaceWaiters;
        if (q == null) {
            Map<Parker, MessageQueue.Lane> created = new ConcurrentHashMap<>();
            q = WAITERS.compareAndSet(this, null, created) ? created : spaceWaiters;
        }
        q.put(waiter, queue.laneFor(Thread.currentThread()));
        parker.spaceWanted = true;
        VarHandle.fullFence();
    }

    /** How many senders are registered to be woken when space is freed (for tests and diagnostics). */
    int spaceWaiterCount() {
        Map<Parker, MessageQueue.Lane> q = spaceWaiters;
        return q == null ? 0 : q.size();
    }

    /**
     * Wakes the registered senders that now have room (the owner's hook, before it waits): not those
     * whose lane is still full, which would only be refused again. (Two components sending to each
     * other, both full, would otherwise wake each other for ever.)
     *
     * @return true when some are still waiting
     */
    boolean wakeSpaceWaitersWithRoom() {
        Map<Parker, MessageQueue.Lane> q = spaceWaiters;
        if (q == null || q.isEmpty()) {
            return false;
        }
        for (Map.Entry<Parker, MessageQueue.Lane> e : q.entrySet()) {
            if (hasRoomFor(e.getValue()) && q.remove(e.getKey(), e.getValue())) {
                e.getKey().wake();
            }
        }
        return !q.isEmpty();
    }

    private boolean hasRoomFor(MessageQueue.Lane lane) {
        int cap = capacity;
        if (cap == DEFAULT) {
            return lane.size() < queue.softLimit;
        }
        return cap == 0 || queue.size() < cap;
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
            if (cap > 0) {
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
        if (capacity > 0) {
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
        if (n > 0 && capacity > 0) {
            queue.sync();
            spaceFreed();
        }
        return n;
    }

    void wakeSpaceWaiters() {
        Map<Parker, MessageQueue.Lane> q = spaceWaiters;
        if (q != null && !q.isEmpty()) {
            for (Parker p : q.keySet()) {
                if (q.remove(p) != null) {
                    p.wake();
                }
            }
        }
    }

    /**
     * The first message waiting here that {@code test} accepts, or null; nothing is taken. Owner only.
     */
    Object find(java.util.function.Predicate<Object> test) {
        return queue.find(test);
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
