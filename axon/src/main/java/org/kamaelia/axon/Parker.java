package org.kamaelia.axon;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The wake-up permit of one box owner (a component, or a {@link Handle}): Axon's pause/unpause.
 *
 * <h2>Protocol</h2>
 * Two kinds of wake-up are remembered until the owner's next {@link #pause}:
 * <ul>
 * <li>a delivery into one of the owner's inboxes. Every lane of every inbox counts what its producer
 *     put in (a volatile store, see {@link MessageQueue}); the owner remembers the total it saw when it
 *     last returned from pause. A different total means new deliveries: pause returns at once. So a
 *     sender writes nothing shared with the receiver's other senders on the fast path: it reads
 *     {@link #state}, and only when the owner is PARKED does it unpark it ({@link #deliveryWake()}).</li>
 * <li>anything else (a child finished, space was freed where a send was refused, an explicit wake):
 *     {@link #wake()} sets {@link #permit}.</li>
 * </ul>
 * The owner parks like this: write state = PARKED (volatile), then look again at the delivery total
 * and the permit, and park only if neither changed. A waker writes first (the lane count, or the
 * permit, both volatile) and then reads the state. Each side writes before it reads, with volatile
 * accesses in between, so at least one of them sees the other: a wake-up racing with pause is never
 * lost. Only a waker that moves the state from PARKED to RUNNING (a compare-and-set) unparks, and it
 * counts the owner busy again before unparking, so the scheduler never sees a false quiescence.
 *
 * <h2>Thread safety</h2>
 * {@link #wake} and {@link #deliveryWake} may be called from any thread. {@link #pause} by the owner's
 * thread only ({@link #thread}, written before each park; {@link #lastSeen} is confined to it).
 * {@link #finished} is written once by the owner when it ends; {@link #waitingOn} by the owner, for
 * diagnostics.
 */
final class Parker {
    static final int RUNNING = 0;
    static final int PARKED = 1;

    private static final java.lang.invoke.VarHandle STATE;

    static {
        try {
            STATE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Parker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String ownerName;
    private volatile int state;
    /** Wake-ups other than deliveries. */
    private volatile boolean permit;
    /** The total of deliveries into the owner's inboxes; see the class documentation. */
    private volatile LongSupplier deliveries = () -> 0L;
    /** Owner-confined: the delivery total when pause last returned. */
    private long lastSeen;
    /** The thread that parks; set by the owner before it may park. */
    volatile Thread thread;
    /** Set once when the owner has finished: deliveries to its inboxes are then dropped. */
    volatile boolean finished;
    /** What the owner is blocked on (an Inbox it waits to have space in), for deadlock reports. */
    volatile Object waitingOn;
    /** Counts this owner as busy or idle; null for owners that do not take part (handles). */
    volatile Scheduler scheduler;

    Parker(String ownerName) {
        this.ownerName = ownerName;
    }

    /** Sets where the delivery total comes from (the owner's inboxes). */
    void deliveriesFrom(LongSupplier total) {
        deliveries = total;
    }

    /** Wakes the owner for something other than a delivery, or leaves a permit. Any thread. */
    void wake() {
        if (!permit) {
            permit = true;
        }
        unparkIfParked();
    }

    /** After a delivery into one of the owner's inboxes: unparks the owner if it is parked. Any thread. */
    void deliveryWake() {
        if (state == PARKED) {
            unparkIfParked();
        }
    }

    private void unparkIfParked() {
        if (state == PARKED && STATE.compareAndSet(this, PARKED, RUNNING)) {
            Scheduler sch = scheduler;
            if (sch != null) {
                sch.becameBusy();
            }
            LockSupport.unpark(thread);
        }
    }

    /** True when a wake-up is pending. Owner's thread. */
    private boolean hasPendingWakeUp() {
        return permit || deliveries.getAsLong() != lastSeen;
    }

    /** Takes the pending wake-up, if any. Owner's thread. */
    private boolean consume() {
        long d = deliveries.getAsLong();
        boolean p = permit;
        if (!p && d == lastSeen) {
            return false;
        }
        lastSeen = d;
        if (p) {
            permit = false;
        }
        return true;
    }

    /**
     * Blocks until woken. Owner's thread only.
     *
     * @param nanos how long to wait at most; negative means without limit
     * @return true when woken (or a wake-up was pending), false when the time ran out
     * @throws ComponentInterruptedException when the thread is interrupted while waiting
     */
    boolean pause(long nanos) {
        if (consume()) {
            return true;
        }
        if (nanos == 0) {
            return false;
        }
        thread = Thread.currentThread();
        state = PARKED;
        Scheduler sch = scheduler;
        if (hasPendingWakeUp()) {
            if (!STATE.compareAndSet(this, PARKED, RUNNING) && sch != null) {
                sch.becameIdle(); // a waker counted us busy again, but we never went idle
            }
            consume();
            return true;
        }
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
                        return consume();
                    }
                    break; // a waker got there first
                }
                LockSupport.parkNanos(this, left);
            }
            if (Thread.interrupted()) {
                if (STATE.compareAndSet(this, PARKED, RUNNING) && sch != null) {
                    sch.becameBusy();
                }
                Thread.currentThread().interrupt();
                throw new ComponentInterruptedException(ownerName + ": interrupted while paused");
            }
        }
        consume();
        return true;
    }

    boolean isParked() {
        return state == PARKED;
    }
}
