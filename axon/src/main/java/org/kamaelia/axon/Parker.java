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

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The wake-up permit of one box owner (a component, or a {@link Handle}): Axon's pause/unpause.
 *
 * <h2>Protocol</h2>
 * The state only ever holds one of three values:
 * <pre>
 *   RUNNING --wake()--> PERMIT        (a wake-up that came while the owner ran is kept)
 *   RUNNING --pause()-> PARKED        (nothing pending: the owner's thread parks)
 *   PARKED  --wake()--> PERMIT + unpark(thread)
 *   PERMIT  --pause()-> RUNNING       (pause returns at once, consuming the permit)
 * </pre>
 * Wakers only ever move the state to PERMIT; only the owner's thread moves it out of PERMIT. So a
 * wake-up racing with {@link #pause} is never lost: either the owner sees PERMIT before parking, or
 * the waker sees PARKED and unparks it. A waker that finds PERMIT already set does nothing but a fence
 * and one read, which keeps the send path cheap while the receiver is busy.
 * <p>The fences: a waker publishes (a message) and then reads the state; the owner consumes a permit
 * and then reads its inboxes. Each side is a store followed by a load of another location, which the
 * processor (and the Java memory model) may reorder, so each has a full fence between the two (the
 * Dekker pattern). Without the waker's fence, a message sent while the owner consumed an earlier
 * permit could be invisible to the owner's next look and its wake-up skipped: measured cost of the
 * fence on this machine's send path, under 2% (SendRecvBenchmark 9.4 to 9.6 ns per hop).
 *
 * <p>(Measured alternative, not kept: remembering deliveries by comparing the lanes' counters at each
 * pause, so a sender never writes the receiver's state. It halved the 10-stage pipeline's throughput:
 * each pause then reads every producer's counter line, and each send needs a full fence.)
 *
 * <h2>Thread safety</h2>
 * {@link #wake} may be called from any thread. {@link #pause} is called by the owner's thread only
 * ({@link #thread}, written before each park). {@link #finished} is written once by the owner when it
 * ends; {@link #waitingOn} by the owner, for diagnostics.
 */
final class Parker {
    static final int RUNNING = 0;
    static final int PERMIT = 1;
    static final int PARKED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Parker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String ownerName;
    private volatile int state;
    /** The thread that parks; set by the owner before it may park. */
    volatile Thread thread;
    /** Set once when the owner has finished: deliveries to its inboxes are then dropped. */
    volatile boolean finished;
    /** What the owner is blocked on (an Inbox it waits to have space in), for deadlock reports. */
    volatile Object waitingOn;
    /** Counts this owner as busy or idle; null for owners that do not take part (handles). */
    volatile Scheduler scheduler;
    /**
     * Set by a sender refused for lack of space in one of this owner's inboxes (after it registered
     * there); the owner, after the fence of its next pause, clears it and runs {@link #spaceHook}. See
     * {@link Inbox}.
     */
    volatile boolean spaceWanted;
    /**
     * Wakes the senders waiting for space in the owner's inboxes that now have room, and says whether
     * some are still waiting; set once by the owner, before use.
     */
    java.util.function.BooleanSupplier spaceHook;

    Parker(String ownerName) {
        this.ownerName = ownerName;
    }

    /** Wakes the owner, or leaves a permit for its next pause. Any thread. */
    void wake() {
        // The caller has just published something (a message, freed space, its own end) and now reads
        // the state: without a StoreLoad fence between the two, the read may see a PERMIT that the owner
        // consumes at that very moment, while the owner's next look at its inboxes does not yet see what
        // was published: the owner parks, and the wake-up is lost. (RandomGraphStressTest found this.)
        VarHandle.fullFence();
        if (state != PERMIT) {
            wakeSlow();
        }
    }

    /** As {@link #wake}, for a caller that has just made a full fence after publishing. */
    void wakeFenced() {
        if (state != PERMIT) {
            wakeSlow();
        }
    }

    private void wakeSlow() {
        for (;;) {
            int s = state;
            if (s == PERMIT) {
                return;
            }
            if (s == RUNNING) {
                if (STATE.compareAndSet(this, RUNNING, PERMIT)) {
                    return;
                }
            } else if (STATE.compareAndSet(this, PARKED, PERMIT)) {
                Scheduler sch = scheduler;
                if (sch != null) {
                    sch.becameBusy();
                }
                LockSupport.unpark(thread);
                return;
            }
        }
    }

    /** True when a wake-up is pending. */
    boolean hasPermit() {
        return state == PERMIT;
    }

    /**
     * Blocks until woken. Owner's thread only.
     *
     * @param nanos how long to wait at most; negative means without limit
     * @return true when woken (or a permit was pending), false when the time ran out
     * @throws ComponentInterruptedException when the thread is interrupted while waiting
     */
    boolean pause(long nanos) {
        if (state == PERMIT) {
            consumePermit();
            releaseSpace();
            return true;
        }
        if (nanos == 0) {
            return false;
        }
        thread = Thread.currentThread();
        if (!STATE.compareAndSet(this, RUNNING, PARKED)) {
            consumePermit(); // it was PERMIT
            releaseSpace();
            return true;
        }
        releaseSpace(); // after the compare-and-set, a full fence: before this thread parks
        Scheduler sch = scheduler;
        if (sch != null) {
            sch.becameIdle();
        }
        long deadline = nanos > 0 ? System.nanoTime() + nanos : 0;
        while (state == PARKED) {
            if (nanos < 0) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (STATE.compareAndSet(this, PARKED, RUNNING)) {
                        if (sch != null) {
                            sch.becameBusy();
                        }
                        return false;
                    }
                    break; // a waker got there first
                }
                LockSupport.parkNanos(this, left);
            }
            if (Thread.interrupted()) {
                if (STATE.compareAndSet(this, PARKED, RUNNING)) {
                    if (sch != null) {
                        sch.becameBusy();
                    }
                } else {
                    state = RUNNING;
                }
                Thread.currentThread().interrupt();
                throw new ComponentInterruptedException(ownerName + ": interrupted while paused");
            }
        }
        consumePermit();
        return true;
    }

    /**
     * Wakes the senders waiting for space in the owner's inboxes, if one asked. Owner only, after a
     * full fence that follows its last update of its inboxes' counts (the other half of the fence in
     * {@link Inbox#awaitSpace}): a plain read of the mark suffices there.
     */
    void releaseSpace() {
        if (spaceWanted) {
            spaceWanted = false;
            java.util.function.BooleanSupplier h = spaceHook;
            if (h != null && h.getAsBoolean()) {
                spaceWanted = true; // some still have no room: look again at the next pause
            }
        }
    }

    /**
     * As {@link #releaseSpace}, for an owner that has taken messages without pausing (a handle's poll):
     * makes the fence itself.
     */
    void releaseSpaceFenced() {
        VarHandle.fullFence();
        releaseSpace();
    }

    /**
     * RUNNING again, after a wake-up. The fence orders this store before the owner's next look at its
     * inboxes (the other half of the fence in {@link #wake}).
     */
    private void consumePermit() {
        state = RUNNING;
        VarHandle.fullFence();
    }

    boolean isParked() {
        return state == PARKED;
    }
}
