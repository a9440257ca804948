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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the live components of one graph and knows when they have all finished, when they are all
 * paused (quiescent), and which of them failed. Axon's scheduler, without a scheduling loop: each
 * component runs on a thread of its own, and pausing parks that thread.
 *
 * <p>There is no global singleton: {@link #defaultScheduler()} gives Axon's convenience (what
 * {@link Component#activate()} uses outside any component), while tests and independent graphs make
 * their own with {@code new Scheduler("name")}, each with its own service registry
 * ({@link #tracker()}).
 *
 * <h2>Quiescence</h2>
 * A graph is quiescent when every live component is parked in a pause (with or without a timeout)
 * and no wake-up is pending: nothing will happen until something from outside sends a message or a
 * timed pause runs out. A component blocked in I/O (a threaded component reading a socket) counts as
 * busy. {@link #awaitQuiescence} lets tests wait for that instead of sleeping, and
 * {@link #blockedOnFullInboxes()} then names the components stuck waiting for space: a deadlock.
 *
 * <h2>Thread safety</h2>
 * All methods may be called from any thread. {@link #busy} counts live components that are not
 * parked; it is changed by the parking component (down) and by whoever wakes it (up, before
 * unparking), so it never reads zero while a wake-up is on its way. {@link #lock} guards nothing but
 * the condition that waiters wait on; it is never held while running user code.
 */
public final class Scheduler {
    /** How many failures {@link #failures()} keeps: the most recent ones. */
    public static final int MAX_KEPT_FAILURES = 1000;
    private static final Object DEFAULT_LOCK = new Object();
    private static volatile Scheduler defaultInstance;

    private final String name;
    private final Set<Component> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busy = new AtomicInteger();
    /** The most recent failures, at most {@link #MAX_KEPT_FAILURES}. */
    private final ConcurrentLinkedDeque<ComponentFailure> failures = new ConcurrentLinkedDeque<>();
    /** Every failure recorded, kept or not. */
    private final AtomicLong failureCount = new AtomicLong();
    private final CoordinatingAssistantTracker tracker = new CoordinatingAssistantTracker();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile int waiters;

    /** A new scheduler with its own components and service registry. */
    public Scheduler(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public Scheduler() {
        this("scheduler");
    }

    /** The scheduler that {@link Component#activate()} uses outside any component. */
    public static Scheduler defaultScheduler() {
        Scheduler s = defaultInstance;
        if (s == null) {
            synchronized (DEFAULT_LOCK) { // once, never blocks
                s = defaultInstance;
                if (s == null) {
                    defaultInstance = s = new Scheduler("default");
                }
            }
        }
        return s;
    }

    public String name() {
        return name;
    }

    void register(Component c) {
        live.add(c);
        busy.incrementAndGet();
    }

    void recordFailure(Component c, Throwable failure) {
        failures.addLast(new ComponentFailure(c, failure));
        if (failureCount.incrementAndGet() > MAX_KEPT_FAILURES) {
            failures.pollFirst(); // each record beyond the limit lets the oldest go: the deque stays at the limit
        }
    }

    void finished(Component c) {
        live.remove(c);
        busy.decrementAndGet();
        signalIfWaited();
    }

    void becameBusy() {
        busy.incrementAndGet();
    }

    void becameIdle() {
        if (busy.decrementAndGet() == 0) {
            signalIfWaited();
        }
    }

    private void signalIfWaited() {
        if (waiters > 0) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The components activated on this scheduler that have not finished yet. */
    public List<Component> liveComponents() {
        return List.copyOf(live);
    }

    /** Axon's name for {@link #liveComponents()}. */
    public List<Component> listAllThreads() {
        return liveComponents();
    }

    /** True when every live component is paused and no wake-up is pending. */
    public boolean isQuiescent() {
        return busy.get() == 0;
    }

    /**
     * Waits until the graph is quiescent (see the class documentation).
     *
     * @return true when it is, false when the time ran out first
     */
    public boolean awaitQuiescence(Duration timeout) {
        return await(timeout, () -> busy.get() == 0);
    }

    /**
     * Waits until every component activated on this scheduler has finished.
     *
     * @return true when they have, false when the time ran out first
     */
    public boolean awaitTermination(Duration timeout) {
        return await(timeout, live::isEmpty);
    }

    private boolean await(Duration timeout, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Checks.nonNegative(timeout, "timeout").toNanos();
        lock.lock();
        waiters++;
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentInterruptedException("interrupted while waiting on scheduler " + name);
        } finally {
            waiters--;
            lock.unlock();
        }
    }

    /**
     * The live components parked in a blocking send, waiting for space in a full inbox. When the graph
     * is quiescent and this is not empty, those components are deadlocked.
     */
    public List<Component> blockedOnFullInboxes() {
        List<Component> out = new ArrayList<>();
        for (Component c : live) {
            if (c.parker.waitingOn != null && c.parker.isParked()) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The most recent failures of this scheduler's components (their main() ended with an exception),
     * oldest first: at most {@link #MAX_KEPT_FAILURES}, so that a long-running server whose protocols
     * fail does not keep them all; {@link #failureCount()} counts every one.
     */
    public List<ComponentFailure> failures() {
        return List.copyOf(failures);
    }

    /** How many components of this scheduler have failed since it was made, kept or not. */
    public long failureCount() {
        return failureCount.get();
    }

    /** How many failures were let go of to keep {@link #failures()} at {@link #MAX_KEPT_FAILURES}. */
    public long droppedFailureCount() {
        return Math.max(0, failureCount.get() - MAX_KEPT_FAILURES);
    }

    /** This scheduler's service registry. */
    public CoordinatingAssistantTracker tracker() {
        return tracker;
    }

    @Override
    public String toString() {
        return "Scheduler " + name + " [live: " + live.size() + ", busy: " + busy.get() + "]";
    }
}
