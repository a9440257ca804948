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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * A component: a microprocess with named inboxes and outboxes, that shares nothing and talks to other
 * components only by sending messages through linked boxes. This is Axon's {@code component}.
 *
 * <h2>Creating</h2>
 * Subclass it and write {@link #main()} as plain straight-line code. The constructor gives every
 * component the standard boxes: inboxes {@code "inbox"} (data) and {@code "control"} (shutdown
 * requests), outboxes {@code "outbox"} (data) and {@code "signal"} (end of stream and errors), like a
 * Unix process's stdin, signals, stdout and stderr. Declare more boxes in the constructor with
 * {@link #declareInbox(String, String)} and {@link #declareOutbox(String, String)}, each with a
 * one-line description that {@link #describe()} reports.
 *
 * <p>A transformer: it doubles each number that reaches "inbox" and, on a {@link ProducerFinished} or
 * {@link ShutdownMicroprocess} on "control", passes that on out of "signal" and finishes. It looks at
 * "control" before draining "inbox": a send returns once the message is in the receiver's inbox, so
 * when the end of the stream is there, everything sent before it is in "inbox" too.
 * {@snippet class=org.kamaelia.axon.examples.Doubler region=doubler}
 * (The example is src/test/java/org/kamaelia/axon/examples/Doubler.java, compiled and run by the tests.)
 *
 * <h2>Wiring</h2>
 * {@link #link(Component, String, Component, String)} joins an outbox to an inbox. A parent passes
 * its own inbox through to a child with {@link #linkInbox} and a child's outbox out through its own
 * with {@link #linkOutbox}. A box feeds at most one destination; many boxes may feed one inbox.
 * <pre>
 *   producer                  consumer
 *   [outbox] ---------------> [inbox]      send() puts the message straight into the final inbox
 *   [signal] ---------------> [control]    (no postman: chains of links resolve once, when made)
 * </pre>
 *
 * <h2>How messages flow</h2>
 * {@link #send} puts the message into the final inbox before it returns and wakes that inbox's owner.
 * An outbox with no link drops what is sent on it (counted, see {@link #unlinkedDropCount}). Sending
 * to a component that has finished never blocks or throws: the message is dropped and counted
 * ({@link #droppedCount}). Messages are passed by reference; along one link, and from one
 * sender into one inbox, order is kept.
 *
 * <h2>Bounded by default</h2>
 * Every inbox is bounded. Until its capacity is set it holds about {@link #DEFAULT_INBOX_SIZE}
 * messages from each sending thread (a soft bound, checked by the sender once per chunk of up to 1024
 * messages, so it costs nothing per message), and a {@link #send} into an inbox at that bound <em>waits</em> for
 * space: backpressure, so that one stalled component slows its producers instead of filling the heap,
 * and the simplest producer ({@code for (x : items) send(x, "outbox")}) keeps working through a slow
 * pipeline. While it waits, a {@link ShutdownMicroprocess} arriving on this component's "control" ends
 * the wait with {@link ShutdownRequestedException} (see {@link #send}). A capacity set with
 * {@link #setInboxSize} is exact and keeps the original's behaviour: {@link #send} into a full inbox
 * throws {@link BoxFullException} and the message stays with the sender, while {@link #sendBlocking}
 * waits for space; {@link #UNBOUNDED} removes every bound (the original's default, which lets one
 * stalled consumer exhaust the heap).
 *
 * <h2>Pausing</h2>
 * {@link #pause()} blocks until the next wake-up: a delivery to any of this component's inboxes,
 * space freed in a bounded inbox that refused it, or a child finishing. A wake-up that came while the
 * component was running is kept, so pause then returns at once; messages that were already waiting do
 * not by themselves keep it awake. So the usual loop is: handle everything that is ready, then pause.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   CREATED --activate()--> ACTIVE --main() returns or throws--> FINISHED
 * </pre>
 * {@link #activate()} starts {@code main()} on a virtual thread of its own. When {@code main()}
 * returns the component finishes: the links it made are removed, its parents are woken, and later
 * deliveries to it are dropped and counted. When {@code main()} throws, only this component ends: the
 * runtime logs the exception, sends an {@link ErrorInformation} carrying it on "signal" and then a
 * {@link ProducerFinished}, so whatever is downstream finishes by the usual convention, and records
 * the failure ({@link #failure()}, {@link #failures()}, {@link Scheduler#failures()}).
 *
 * <h2>Thread safety</h2>
 * {@code recv}, {@code dataReady}, {@code anyReady}, {@code pause} and {@code send} are for the
 * component's own thread (its {@code main()}). Linking, children, {@link #deliver}, lifecycle queries
 * and {@link #activate()} may be called from any thread. Actions of a thread before it sends a message
 * happen-before the actions of the receiver after the {@code recv} that returns it.
 */
public abstract class Component {

    /** The states a component moves through, forward only. */
    public enum State { CREATED, ACTIVE, FINISHED }

    /**
     * Capacity value meaning "no limit": given to {@link #setInboxSize}, it removes every bound (the
     * original's default; not this one's, see {@link #DEFAULT_INBOX_SIZE}).
     */
    public static final int UNBOUNDED = 0;

    /**
     * The bound of an inbox whose capacity was never set: about this many messages from each sending
     * thread (a soft bound: checked when the sender starts a new chunk of its lane, so it may put up to
     * 1023 more), at which
     * {@link #send} waits for space. With several senders the inbox holds up to this many from each.
     * 4096 by default; the system property {@code kamaelia.defaultInboxSize} sets it for the whole JVM
     * (read once). Memory is bounded by this times the size of the messages: a producer of large
     * messages (chunks of a file or a socket) should have its consumer's inbox sized with
     * {@link #setInboxSize}. Measured: 4096 keeps the ten-stage pipeline as fast as unbounded inboxes
     * (BENCHMARKS.md); 1024 cost it about 10%.
     */
    public static final int DEFAULT_INBOX_SIZE = Checks.defaultInboxSize("kamaelia.defaultInboxSize", 4096);

    /** Logs without ever throwing: see {@link SafeLog}. Replaced by tests only. */
    static volatile SafeLog LOG = new SafeLog(System.getLogger("org.kamaelia.axon"));
    private static final AtomicLong IDS = new AtomicLong();
    private static final ThreadLocal<Component> CURRENT = new ThreadLocal<>();
    /** Parkers for helper threads that wait in sendBlocking on a component's behalf. */
    private static final ThreadLocal<Parker> HELPER_PARKER =
            ThreadLocal.withInitial(() -> new Parker("helper thread " + Thread.currentThread().getName()));

    private final long id;
    private final String name;
    final Parker parker;

    private final Map<String, Inbox> inboxes = new ConcurrentHashMap<>(4);
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>(4);
    private final Inbox inboxBox;
    private final Inbox controlBox;
    private final Outbox outboxBox;
    private final Outbox signalBox;

    private static final AtomicLong CHILD_ORDER = new AtomicLong();
    /** Children, each with the order it was added in (a map, so adding and removing cost O(1)). */
    private final Map<Component, Long> children = new ConcurrentHashMap<>(4);
    private final List<Component> parents = new CopyOnWriteArrayList<>();
    /**
     * Components activated from this component's thread that are still running or have failed: what
     * run() waits for and failures() reports. One that finishes cleanly removes itself, so a
     * long-running server that starts a component per connection does not accumulate them.
     */
    private final Set<Component> started = ConcurrentHashMap.newKeySet();
    /** The component from whose thread this one was activated, or null. */
    private volatile Component starter;
    /** Links this component's postoffice made. Guarded by Linkage.TOPOLOGY. */
    final List<Linkage> linkages = new ArrayList<>(2);
    /** How many of this component's inboxes are linked onward. Written under Linkage.TOPOLOGY. */
    volatile int forwardingInboxes;
    /** Set when an inbox linked onward by another thread still holds messages to move. */
    private volatile boolean strays;

    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Scheduler scheduler;
    private volatile Thread thread;
    private volatile Throwable failure;

    /** Gives the standard boxes: inboxes "inbox" and "control", outboxes "outbox" and "signal". */
    protected Component() {
        this.id = IDS.incrementAndGet();
        String simple = getClass().getSimpleName();
        if (simple.isEmpty()) {
            String n = getClass().getName();
            simple = n.substring(n.lastIndexOf('.') + 1);
        }
        this.name = simple + "_" + id;
        this.parker = new Parker(name);
        this.parker.spaceHook = this::wakeSpaceWaiters;
        this.inboxBox = putInbox("inbox", "data to process");
        this.controlBox = putInbox("control", "shutdown requests (ProducerFinished, ShutdownMicroprocess)");
        this.outboxBox = putOutbox("outbox", "data produced");
        this.signalBox = putOutbox("signal", "end of stream and errors");
    }

    // ------------------------------------------------------------------ boxes

    private Inbox putInbox(String boxName, String description) {
        Inbox b = new Inbox(boxName, description, this, name, parker);
        inboxes.put(boxName, b);
        return b;
    }


    private Outbox putOutbox(String boxName, String description) {
        Outbox b = new Outbox(boxName, description, this, name);
        outboxes.put(boxName, b);
        return b;
    }

    /**
     * Declares an inbox with the default bound ({@link #DEFAULT_INBOX_SIZE}). Call it from the
     * constructor (or any time before the box is used).
     *
     * @throws IllegalArgumentException when an inbox of that name exists already
     */
    protected final void declareInbox(String boxName, String description) {
        Checks.boxName(boxName);
        Objects.requireNonNull(description, "description");
        if (inboxes.containsKey(boxName)) {
            throw new IllegalArgumentException(name + ": inbox '" + boxName + "' is already declared");
        }
        putInbox(boxName, description);
    }

    /**
     * Declares an inbox that holds at most {@code capacity} messages ({@link #UNBOUNDED} for no limit).
     *
     * @throws IllegalArgumentException when an inbox of that name exists already, or capacity &lt; 0
     */
    protected final void declareInbox(String boxName, String description, int capacity) {
        Checks.boxName(boxName);
        Objects.requireNonNull(description, "description");
        Checks.capacity(capacity);
        if (inboxes.containsKey(boxName)) {
            throw new IllegalArgumentException(name + ": inbox '" + boxName + "' is already declared");
        }
        putInbox(boxName, description).setCapacity(capacity);
    }

    /**
     * Declares an outbox.
     *
     * @throws IllegalArgumentException when an outbox of that name exists already
     */
    protected final void declareOutbox(String boxName, String description) {
        Checks.boxName(boxName);
        Objects.requireNonNull(description, "description");
        if (outboxes.containsKey(boxName)) {
            throw new IllegalArgumentException(name + ": outbox '" + boxName + "' is already declared");
        }
        putOutbox(boxName, description);
    }

    /**
     * Adds an inbox while running (Axon's AdaptiveCommsComponent.addInbox): the name is {@code base}
     * when free, else {@code base} followed by a number.
     *
     * @return the name of the new inbox
     */
    protected final String addInbox(String base, String description) {
        Checks.boxName(base);
        synchronized (inboxes) { // short, never blocks
            String n = unique(base, inboxes.keySet());
            putInbox(n, description);
            return n;
        }
    }

    /** Adds an outbox while running; see {@link #addInbox}. */
    protected final String addOutbox(String base, String description) {
        Checks.boxName(base);
        synchronized (outboxes) {
            String n = unique(base, outboxes.keySet());
            putOutbox(n, description);
            return n;
        }
    }

    private static String unique(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 1; ; i++) {
            String n = base + i;
            if (!taken.contains(n)) {
                return n;
            }
        }
    }

    /**
     * Deletes an inbox added with {@link #addInbox} or declared, removing every link into or out of it.
     * Messages still in it are dropped and counted. The standard boxes cannot be deleted.
     *
     * @throws NoSuchBoxException when there is no such inbox
     */
    protected final void deleteInbox(String boxName) {
        Inbox b = inbox(boxName);
        if (b == inboxBox || b == controlBox) {
            throw new IllegalArgumentException(name + ": the standard inbox '" + boxName + "' cannot be deleted");
        }
        removeLinksOf(b);
        inboxes.remove(boxName);
    }

    /** Deletes an outbox; see {@link #deleteInbox}. */
    protected final void deleteOutbox(String boxName) {
        Outbox b = outbox(boxName);
        if (b == outboxBox || b == signalBox) {
            throw new IllegalArgumentException(name + ": the standard outbox '" + boxName + "' cannot be deleted");
        }
        removeLinksOf(b);
        outboxes.remove(boxName);
    }

    private static void removeLinksOf(Box b) {
        List<Linkage> all = new ArrayList<>(Linkage.incoming(b));
        Linkage.TOPOLOGY.lock();
        try {
            if (b.out != null) {
                all.add(b.out);
            }
        } finally {
            Linkage.TOPOLOGY.unlock();
        }
        for (Linkage l : all) {
            l.remove();
        }
    }

    final Inbox inbox(String boxName) {
        if (boxName == "inbox") { // identity first: literals are interned; equals() below for the rest
            return inboxBox;
        }
        if (boxName == "control") {
            return controlBox;
        }
        Inbox b = inboxes.get(Objects.requireNonNull(boxName, "inbox name"));
        if (b == null) {
            throw new NoSuchBoxException(name, "inbox", boxName, inboxes.keySet());
        }
        return b;
    }

    final Outbox outbox(String boxName) {
        if (boxName == "outbox") {
            return outboxBox;
        }
        if (boxName == "signal") {
            return signalBox;
        }
        Outbox b = outboxes.get(Objects.requireNonNull(boxName, "outbox name"));
        if (b == null) {
            throw new NoSuchBoxException(name, "outbox", boxName, outboxes.keySet());
        }
        return b;
    }

    /** The names of this component's inboxes. */
    public final Set<String> inboxNames() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(inboxes.keySet()));
    }

    /** The names of this component's outboxes. */
    public final Set<String> outboxNames() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(outboxes.keySet()));
    }

    /** Each inbox's name with its one-line description. */
    public final Map<String, String> inboxDescriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        new java.util.TreeMap<>(inboxes).forEach((k, v) -> m.put(k, v.description));
        return m;
    }

    /** Each outbox's name with its one-line description. */
    public final Map<String, String> outboxDescriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        new java.util.TreeMap<>(outboxes).forEach((k, v) -> m.put(k, v.description));
        return m;
    }

    /** A few lines naming this component and describing each of its boxes. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append('\n');
        inboxDescriptions().forEach((k, v) -> sb.append("  inbox  ").append(k).append(": ").append(v).append('\n'));
        outboxDescriptions().forEach((k, v) -> sb.append("  outbox ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    /**
     * Limits an inbox to {@code capacity} messages, counted over every sender, exactly (Axon's
     * setInboxSize): a {@link #send} into it when full throws {@link BoxFullException}, and
     * {@link #sendBlocking} waits. {@link #UNBOUNDED} removes every limit, the default bound included.
     * The limit counts only while this inbox is a final destination. Any thread.
     */
    public final void setInboxSize(String inboxName, int capacity) {
        Checks.capacity(capacity);
        Inbox b = inbox(inboxName);
        b.setCapacity(capacity);
    }

    /**
     * The capacity of an inbox: as set with {@link #setInboxSize} ({@link #UNBOUNDED} when set so), or
     * {@link #DEFAULT_INBOX_SIZE} when never set (see {@link #hasDefaultInboxSize}).
     */
    public final int inboxSize(String inboxName) {
        return inbox(inboxName).capacity();
    }

    /** True while an inbox's capacity was never set: it has the default, soft, waiting bound. */
    public final boolean hasDefaultInboxSize(String inboxName) {
        return inbox(inboxName).hasDefaultBound();
    }

    /** Messages dropped at this inbox because this component had finished (unread ones included). */
    public final long droppedCount(String inboxName) {
        return inbox(inboxName).droppedCount();
    }

    /** Messages sent on this outbox while it was linked nowhere (Axon's null sink), counted. */
    public final long unlinkedDropCount(String outboxName) {
        return outbox(outboxName).unlinkedDrops();
    }

    // ------------------------------------------------------------------ messages (own thread)

    /** True when the named inbox holds a message. Counts only this inbox's own storage. */
    protected final boolean dataReady(String inboxName) {
        return !inbox(inboxName).queue.isEmpty();
    }

    /** {@code dataReady("inbox")}. */
    protected final boolean dataReady() {
        return !inboxBox.queue.isEmpty();
    }

    /** How many messages the named inbox holds (approximate while senders are active). */
    protected final int dataCount(String inboxName) {
        return inbox(inboxName).ownerSize();
    }

    /** True when any inbox holds a message. */
    protected final boolean anyReady() {
        if (!inboxBox.queue.isEmpty() || !controlBox.queue.isEmpty()) {
            return true;
        }
        for (Inbox b : inboxes.values()) {
            if (!b.queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the oldest message from an inbox.
     *
     * @throws EmptyBoxException when the inbox holds nothing
     * @throws NoSuchBoxException when there is no inbox of that name
     */
    protected final Object recv(String inboxName) {
        Inbox b = inbox(inboxName);
        Object m = b.take();
        if (m == null) {
            throw new EmptyBoxException(name, inboxName);
        }
        return m;
    }

    /**
     * Takes up to {@code max} messages from an inbox into {@code into}, from index 0, oldest first.
     * Cheaper than {@code recv} in a loop for a bounded inbox: the senders waiting for space are looked
     * at once per call instead of once per message (each look costs a memory fence).
     *
     * @return how many were taken: 0 when the inbox is empty (not an error, unlike {@link #recv(String)})
     * @throws IllegalArgumentException when {@code max} is negative or larger than {@code into.length}
     */
    protected final int recvBatch(String inboxName, Object[] into, int max) {
        Objects.requireNonNull(into, "into");
        if (max < 0 || max > into.length) {
            throw new IllegalArgumentException("max: " + max + " (expected: 0 to into.length, " + into.length + ")");
        }
        return inbox(inboxName).takeBatch(into, max);
    }

    /** {@code recv("inbox")}. */
    protected final Object recv() {
        return recv("inbox");
    }

    /**
     * Takes the oldest message from an inbox, waiting up to {@code timeout} for one.
     *
     * @return the message, or null when none came in time
     */
    protected final Object recv(String inboxName, Duration timeout) {
        Inbox b = inbox(inboxName);
        Object m = b.take();
        if (m != null) {
            return m;
        }
        long deadline = System.nanoTime() + Checks.nonNegative(timeout, "timeout").toNanos();
        boolean consumed = false;
        try {
            for (;;) {
                m = b.take();
                if (m != null) {
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                beforeWaiting();
                consumed |= parker.pause(left);
            }
        } finally {
            if (consumed) {
                parker.wake(); // the wake-up may have been for another box: keep it for the next pause
            }
        }
    }

    /**
     * Sends a message on an outbox: it is in the final inbox when this returns. When the destination
     * is at its default bound ({@link #DEFAULT_INBOX_SIZE}) this waits for space, as
     * {@link #sendBlocking} does.
     *
     * @throws BoxFullException when the destination's capacity was set ({@link #setInboxSize}) and it is
     *                          full; the message was not delivered, and this component is woken once
     *                          space is freed there
     * @throws ShutdownRequestedException when, while it waited for space, "control" held a
     *                          {@link ShutdownMicroprocess} (main()'s thread only); the message was not
     *                          delivered; if it escapes main() the component finishes and passes the
     *                          request on out of "signal"
     * @throws NoSuchBoxException when there is no outbox of that name
     */
    protected final void send(Object message, String outboxName) {
        Outbox ob = outbox(outboxName);
        Inbox full = ob.offer(Checks.message(message, name));
        if (full != null) {
            sendRefused(message, ob, full);
        }
    }

    /** {@code send(message, "outbox")}. */
    protected final void send(Object message) {
        Inbox full = outboxBox.offer(Checks.message(message, name));
        if (full != null) {
            sendRefused(message, outboxBox, full);
        }
    }

    /** A plain send found its destination full: refuse (capacity set) or wait (default bound). */
    private void sendRefused(Object message, Outbox ob, Inbox full) {
        if (full.refusesWhenFull()) {
            full.refused(message, waitParker(), ob);
        } else {
            awaitDelivery(message, ob, -1);
        }
    }

    /**
     * Sends a message, waiting as long as it takes for space in a bounded destination. This is how
     * backpressure travels through a graph. A sender waiting for space is woken once the receiver has
     * taken half the box's capacity since it last woke its waiting senders, or when the receiver next
     * waits or finishes (so a full box is refilled in batches while the receiver works on the other
     * half, not message by message). Besides main()'s thread, a helper thread that the component
     * started may call this (and {@link #send}) to send on the component's behalf; it waits on a parker of
     * its own, so it does not take main()'s wake-ups. Interrupting a thread waiting here ends the wait
     * with {@link ComponentInterruptedException}. On main()'s thread, a {@link ShutdownMicroprocess}
     * arriving on "control" ends the wait too.
     *
     * @throws ShutdownRequestedException when, while main()'s thread waited, "control" held a
     *                                    {@link ShutdownMicroprocess}; the message was not delivered
     */
    protected final void sendBlocking(Object message, String outboxName) {
        sendBlocking(message, outboxName, null);
    }

    /**
     * Sends a message, waiting for space in a bounded destination the way a component's own thread
     * should: by pausing, so that anything else that arrives (control above all) wakes it too. After
     * each refusal it asks {@code giveUp} (typically: has a shutdown arrived on "control"?) and
     * abandons the send when that says so. main()'s thread only.
     *
     * @return true when delivered, false when {@code giveUp} said so (the message was not delivered)
     */
    protected final boolean sendUnless(Object message, String outboxName, BooleanSupplier giveUp) {
        Objects.requireNonNull(giveUp, "giveUp");
        for (;;) {
            if (sendBlocking(message, outboxName, Duration.ZERO)) { // registers for the space-freed wake-up
                return true;
            }
            if (giveUp.getAsBoolean()) {
                return false;
            }
            pause();
        }
    }

    /**
     * Sends a message, waiting up to {@code timeout} for space in a bounded destination.
     *
     * @return true when delivered, false when the time ran out (the message was not delivered)
     * @throws ShutdownRequestedException as {@link #sendBlocking(Object, String)}
     */
    protected final boolean sendBlocking(Object message, String outboxName, Duration timeout) {
        Checks.message(message, name);
        Outbox ob = outbox(outboxName);
        long nanos = timeout == null ? -1 : Checks.nonNegative(timeout, "timeout").toNanos();
        return awaitDelivery(message, ob, nanos);
    }

    /**
     * Delivers, waiting for space up to {@code nanos} (negative: without limit). On main()'s thread a
     * wait also ends when "control" holds a ShutdownMicroprocess.
     */
    private boolean awaitDelivery(Object message, Outbox ob, long nanos) {
        boolean timed = nanos >= 0;
        long deadline = timed ? System.nanoTime() + nanos : 0;
        Parker waiter = waitParker();
        boolean consumed = false;
        boolean yielded = false;
        try {
            for (;;) {
                Inbox d = ob.offer(message);
                if (d == null) {
                    return true;
                }
                if (!yielded && !d.refusesWhenFull() && Thread.currentThread().isVirtual()) {
                    // At the default bound a virtual thread first lets the consumer run, as a sender far
                    // ahead does (see Inbox.yieldToConsumer): cheaper than parking when it is only behind.
                    yielded = true;
                    Thread.yield();
                    continue;
                }
                d.awaitSpace(waiter);
                Inbox again = ob.offer(message);
                if (again == null) {
                    return true;
                }
                if (again != d) {
                    continue; // relinked meanwhile: wait for space in the new destination
                }
                long left = timed ? deadline - System.nanoTime() : -1;
                if (timed && left <= 0) {
                    return false;
                }
                if (waiter == parker) {
                    Object stop = controlBox.find(m -> m instanceof ShutdownMicroprocess);
                    if (stop != null) {
                        throw new ShutdownRequestedException(name, ob.toString(), d.toString(),
                                (ShutdownMicroprocess) stop);
                    }
                    syncInboxes();
                }
                waiter.waitingOn = d;
                try {
                    consumed |= waiter.pause(left);
                } finally {
                    waiter.waitingOn = null;
                }
            }
        } finally {
            if (consumed && waiter == parker) {
                parker.wake(); // the wake-up may have been for something else: keep it for the next pause
            }
        }
    }

    /**
     * The parker the calling thread waits on: the component's own for its main() thread, a private one
     * for any other thread (a helper thread of a threaded component, sending on its behalf).
     */
    private Parker waitParker() {
        return Thread.currentThread() == thread ? parker : HELPER_PARKER.get();
    }

    /** Blocks until the next wake-up (see the class documentation). */
    protected final void pause() {
        beforeWaiting();
        parker.pause(-1);
        forwardStrays();
    }

    /**
     * Blocks until the next wake-up or until {@code timeout} has passed.
     *
     * @return true when woken, false when the time ran out
     */
    protected final boolean pause(Duration timeout) {
        beforeWaiting();
        long n = Checks.nonNegative(timeout, "timeout").toNanos();
        boolean woken = parker.pause(n);
        forwardStrays();
        return woken;
    }

    /**
     * Puts a message straight into one of this component's inboxes, from any thread (Axon's
     * {@code _deliver}); it goes on to the final inbox when that inbox is linked onward.
     *
     * @throws BoxFullException when the final inbox is bounded and full
     */
    public final void deliver(Object message, String inboxName) {
        Inbox b = inbox(inboxName);
        Inbox d = b.dest;
        Checks.message(message, name);
        if (!d.offer(message)) {
            Component cur = CURRENT.get();
            d.refused(message, cur == null ? null : cur.parker, b);
        }
    }

    // ------------------------------------------------------------------ linking

    /** Links {@code source}'s outbox to {@code sink}'s inbox; the link belongs to this component. */
    public final Linkage link(Component source, String outboxName, Component sink, String inboxName) {
        return link(source, outboxName, sink, inboxName, Linkage.Passthrough.NONE);
    }

    /**
     * Links two boxes; the link belongs to this component and is removed when it finishes.
     *
     * @param passthrough NONE: source outbox to sink inbox; INBOX: source inbox to sink inbox (a parent
     *                    passing its inbox to a child); OUTBOX: source outbox to sink outbox (a child's
     *                    outbox passed out through its parent)
     * @throws BoxAlreadyLinkedException when the source box already feeds a destination
     * @throws NoSuchBoxException when either box does not exist
     */
    public final Linkage link(Component source, String sourceBox, Component sink, String sinkBox,
                              Linkage.Passthrough passthrough) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(passthrough, "passthrough");
        Box src = passthrough == Linkage.Passthrough.INBOX ? source.inbox(sourceBox) : source.outbox(sourceBox);
        Box dst = passthrough == Linkage.Passthrough.OUTBOX ? sink.outbox(sinkBox) : sink.inbox(sinkBox);
        return Linkage.create(src, dst, passthrough, this);
    }

    /** Passes one of this component's inboxes through to a child's inbox (passthrough 1). */
    public final Linkage linkInbox(String myInbox, Component child, String childInbox) {
        return link(this, myInbox, child, childInbox, Linkage.Passthrough.INBOX);
    }

    /** Passes a child's outbox out through one of this component's outboxes (passthrough 2). */
    public final Linkage linkOutbox(Component child, String childOutbox, String myOutbox) {
        return link(child, childOutbox, this, myOutbox, Linkage.Passthrough.OUTBOX);
    }

    /** Removes a link this component made; a link it does not know is ignored. */
    public final void unlink(Linkage linkage) {
        Objects.requireNonNull(linkage, "linkage");
        if (linkage.creator == this) {
            linkage.remove();
        }
    }

    /** Removes every link this component made in which {@code c} is source or sink. */
    public final void unlink(Component c) {
        for (Linkage l : linkages()) {
            if (l.source() == c || l.sink() == c) {
                l.remove();
            }
        }
    }

    /** Removes every link this component made. */
    public final void unlinkAll() {
        for (Linkage l : linkages()) {
            l.remove();
        }
    }

    /** The links this component made and that still exist. */
    public final List<Linkage> linkages() {
        Linkage.TOPOLOGY.lock();
        try {
            return List.copyOf(linkages);
        } finally {
            Linkage.TOPOLOGY.unlock();
        }
    }

    /** Called by Linkage after an inbox of this component holding messages was linked onward. */
    void migrateOrRequest(Inbox from) {
        Thread t = thread;
        if (t == Thread.currentThread() || state.get() == State.CREATED) {
            moveStrays(from);
        } else {
            strays = true;
            parker.wake();
        }
    }

    /** What main()'s thread does before it waits: forward strays, and let senders see what it has taken. */
    private void beforeWaiting() {
        forwardStrays();
        syncInboxes();
    }

    /**
     * Brings each inbox's counts up to date with what this component has taken from it (an inbox counts
     * takes once per batch: see MessageQueue), so that a sender waiting for space, or a capacity set
     * meanwhile, sees them while this component waits. Own thread.
     */
    private void syncInboxes() {
        inboxBox.settle();
        controlBox.settle();
        if (inboxes.size() > 2) {
            for (Inbox b : inboxes.values()) {
                b.settle();
            }
        }
    }

    /**
     * The parker's hook, before this component waits: wakes the senders waiting for space in any of its
     * inboxes that now have room.
     *
     * @return true when some are still waiting
     */
    private boolean wakeSpaceWaiters() {
        boolean more = false;
        for (Inbox b : inboxes.values()) {
            more |= b.wakeSpaceWaitersWithRoom();
        }
        return more;
    }

    /** Moves messages left in inboxes that are linked onward to their final inbox. Own thread. */
    private void forwardStrays() {
        if (forwardingInboxes == 0 && !strays) {
            return;
        }
        strays = false;
        for (Inbox b : inboxes.values()) {
            if (b.dest != b) {
                moveStrays(b);
            }
        }
    }

    private static void moveStrays(Inbox from) {
        for (;;) {
            Inbox d = from.dest;
            if (d == null || d == from) {
                return;
            }
            Object m = from.take();
            if (m == null) {
                return;
            }
            d.offerForce(m);
        }
    }

    // ------------------------------------------------------------------ children

    /** Adds children; they are not activated. A child that finishes wakes this component. */
    public final void addChildren(Component... cs) {
        for (Component c : cs) {
            Objects.requireNonNull(c, "child");
            if (children.putIfAbsent(c, CHILD_ORDER.incrementAndGet()) == null) {
                c.parents.add(this);
                if (c.isFinished()) {
                    parker.wake();
                }
            }
        }
    }

    /** Removes a child and every link this component made that involves it. */
    public final void removeChild(Component c) {
        if (children.remove(c) != null) {
            c.parents.remove(this);
        }
        unlink(c);
    }

    /** A copy of the list of children, in the order they were added. */
    public final List<Component> childComponents() {
        List<Map.Entry<Component, Long>> es = new ArrayList<>(children.entrySet());
        es.sort(Map.Entry.comparingByValue());
        List<Component> out = new ArrayList<>(es.size());
        for (Map.Entry<Component, Long> e : es) {
            out.add(e.getKey());
        }
        return Collections.unmodifiableList(out);
    }

    // ------------------------------------------------------------------ lifecycle

    /** The code of this component; runs on its own thread once activated. */
    protected abstract void main() throws Exception;

    /**
     * Starts the component on the scheduler of the component whose thread calls this, or the default
     * scheduler. Returns this component, so {@code new X().activate()} can be chained.
     *
     * @throws IllegalStateException when it was activated before
     */
    public final <C extends Component> C activate() {
        Component cur = CURRENT.get();
        return activate(cur != null ? cur.scheduler : Scheduler.defaultScheduler());
    }

    /** Starts the component on the given scheduler; see {@link #activate()}. */
    @SuppressWarnings("unchecked")
    public final <C extends Component> C activate(Scheduler s) {
        Objects.requireNonNull(s, "scheduler");
        if (!state.compareAndSet(State.CREATED, State.ACTIVE)) {
            throw new IllegalStateException(name + ": already activated (state " + state.get() + ")");
        }
        scheduler = s;
        parker.scheduler = s;
        Component cur = CURRENT.get();
        if (cur != null) {
            starter = cur;
            cur.started.add(this);
        }
        s.register(this);
        try {
            Thread t = newThread(this::runMain);
            thread = t;
            t.start();
        } catch (Throwable e) {
            // No thread (e.g. no memory for a platform thread): it will never run. End it here as a
            // failure, so that joiners and the scheduler do not wait for it for ever; the caller learns why.
            thread = null;
            finish(e, null);
            throw e;
        }
        return (C) this;
    }

    /** Makes the thread that will run main(). Overridden by ThreadedComponent. */
    Thread newThread(Runnable body) {
        return Thread.ofVirtual().name(name).unstarted(body);
    }

    private void runMain() {
        CURRENT.set(this);
        Throwable err = null;
        ShutdownMicroprocess stop = null;
        try {
            main();
        } catch (ShutdownRequestedException e) {
            if (name.equals(e.component())) {
                stop = e.request(); // told to stop while it waited to send: not a failure
            } else {
                err = e;
            }
        } catch (Throwable t) {
            err = t;
        }
        try {
            finish(err, stop);
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * Closes the component down. Whatever a step throws (a logging handler, a failing toString, no
     * memory), the rest is done, and the component always ends FINISHED with its joiners released: a
     * component must never stay ACTIVE for ever because its end could not be reported.
     */
    private void finish(Throwable err, ShutdownMicroprocess stop) {
        Scheduler s = scheduler;
        try {
            if (err != null) {
                reportFailure(s, err);
            } else if (stop != null) {
                signalBox.sendForce(stop); // the convention: pass the request on
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, () -> name + ": could not pass on " + stop, t);
        } finally {
            try {
                parker.finished = true;
                state.set(State.FINISHED);
                for (Inbox b : inboxes.values()) {
                    b.close();
                }
                unlinkAll();
                for (Component p : parents) {
                    p.parker.wake();
                }
                Component st = starter;
                if (st != null && err == null) {
                    st.started.remove(this);
                }
            } finally {
                s.finished(this);
                done.countDown();
            }
        }
    }

    /** Records, logs and signals a failure: each step on its own, so that none can stop the others. */
    private void reportFailure(Scheduler s, Throwable err) {
        failure = err;
        try {
            s.recordFailure(this, err); // before anything downstream can see the end of stream
        } catch (Throwable t) {
            suppress(err, t);
        }
        String what = name + " failed: " + SafeLog.describe(err);
        LOG.log(System.Logger.Level.WARNING, what, err);
        try {
            signalBox.sendForce(new ErrorInformation(this, err, what));
        } catch (Throwable t) {
            suppress(err, t);
        }
        try {
            signalBox.sendForce(new ProducerFinished(this, err));
        } catch (Throwable t) {
            suppress(err, t);
        }
    }

    private static void suppress(Throwable err, Throwable t) {
        try {
            if (t != err) {
                err.addSuppressed(t);
            }
        } catch (Throwable ignored) {
            // addSuppressed failed too: nothing more can be recorded
        }
    }

    /** Activates this component, then blocks until it and everything it started have finished. */
    public final void run() {
        if (state.get() == State.CREATED) {
            activate();
        }
        join();
    }

    /** Blocks until this component and everything it started have finished. */
    public final void join() {
        join(null);
    }

    /**
     * Blocks until this component and everything it started have finished, or the time runs out.
     *
     * @return true when all have finished
     */
    public final boolean join(Duration timeout) {
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        Map<Component, Boolean> seen = new IdentityHashMap<>();
        ArrayList<Component> todo = new ArrayList<>();
        todo.add(this);
        try {
            while (!todo.isEmpty()) {
                Component c = todo.remove(todo.size() - 1);
                if (seen.put(c, Boolean.TRUE) != null) {
                    continue;
                }
                if (c.state.get() == State.CREATED) {
                    continue; // never activated: nothing to wait for
                }
                if (timeout == null) {
                    c.done.await();
                } else if (!c.done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
                Thread t = c.thread;
                if (t != null && t != Thread.currentThread()) { // its thread ends right after: wait, so none is left
                    if (timeout == null) {
                        t.join();
                    } else if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                        return false;
                    }
                }
                todo.addAll(c.started);
                todo.addAll(c.children.keySet());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentInterruptedException("interrupted while waiting for " + name + " to finish");
        }
    }

    /** True once main() has returned or thrown and the component has closed down. */
    public final boolean isFinished() {
        return state.get() == State.FINISHED;
    }

    public final State state() {
        return state.get();
    }

    /** The exception that ended main(), if it threw. */
    public final Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The failures of this component and of everything it started or holds as children. */
    public final List<ComponentFailure> failures() {
        List<ComponentFailure> out = new ArrayList<>();
        Map<Component, Boolean> seen = new IdentityHashMap<>();
        ArrayList<Component> todo = new ArrayList<>();
        todo.add(this);
        while (!todo.isEmpty()) {
            Component c = todo.remove(0);
            if (seen.put(c, Boolean.TRUE) != null) {
                continue;
            }
            Throwable f = c.failure;
            if (f != null) {
                out.add(new ComponentFailure(c, f));
            }
            todo.addAll(c.childComponents());
            todo.addAll(c.started);
        }
        return out;
    }

    /** The scheduler this component was activated on, or null before activation. */
    public final Scheduler scheduler() {
        return scheduler;
    }

    /** The service registry of this component's scheduler (Axon's coordinating assistant tracker). */
    protected final CoordinatingAssistantTracker tracker() {
        Scheduler s = scheduler;
        return (s != null ? s : Scheduler.defaultScheduler()).tracker();
    }

    /** The component whose main() runs on the calling thread, or null. */
    public static Component current() {
        return CURRENT.get();
    }

    /** Whether this component's thread is parked in a pause (for tests and diagnostics). */
    public final boolean isPaused() {
        return parker.isParked();
    }

    /** The thread running main(), or null before activation. */
    public final Thread thread() {
        return thread;
    }

    public final long id() {
        return id;
    }

    /** A name unique in this JVM: the class's simple name and the id. */
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Component " + name + " [ inboxes : " + inboxNames() + " outboxes : " + outboxNames() + " ]";
    }
}
