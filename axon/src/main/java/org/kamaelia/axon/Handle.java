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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets code outside any component talk to a running component: put messages into its inboxes and get
 * what it sends on its outboxes, blocking with timeouts. Axon's {@code Handle}, without its polling
 * thread: puts are delivered at once and gets wake as soon as a message arrives.
 * <pre>{@code
 * Handle h = new Handle(new Pipeline(a, b, c)).activate();
 * h.put("hello", "inbox");
 * Object reply = h.get("outbox", Duration.ofSeconds(5));
 * h.put(new ProducerFinished(), "control");
 * h.awaitFinished(Duration.ofSeconds(5));
 * }</pre>
 * The handle links the component's outboxes (by default "outbox" and "signal"; any declared ones can
 * be named) to private inboxes of its own, and private outboxes of its own to each of the component's
 * inboxes. An outbox already linked elsewhere cannot be watched (a box feeds one destination).
 *
 * <h2>Thread safety</h2>
 * {@code put} may be called from any thread. {@code get} and {@code poll} on one handle are
 * serialised by a lock: one thread waits at a time.
 */
public final class Handle {
    private final Component component;
    private final Parker parker;
    private final Map<String, Inbox> fromComponent = new LinkedHashMap<>();
    private final ReentrantLock getLock = new ReentrantLock();

    /** A handle watching the component's "outbox" and "signal". */
    public Handle(Component component) {
        this(component, "outbox", "signal");
    }

    /** A handle watching the named outboxes of the component. */
    public Handle(Component component, String... outboxesToWatch) {
        this.component = Objects.requireNonNull(component, "component");
        this.parker = new Parker("Handle(" + component.name() + ")");
        this.parker.spaceHook = () -> {
            boolean more = false;
            for (Inbox in : fromComponent.values()) {
                more |= in.wakeSpaceWaitersWithRoom();
            }
            return more;
        };
        for (String ob : outboxesToWatch) {
            Inbox in = new Inbox(ob, "from " + component.name() + "'s outbox " + ob, null, parker.ownerName, parker);
            Linkage.create(component.outbox(ob), in, Linkage.Passthrough.NONE, null);
            fromComponent.put(ob, in);
        }
    }

    /** Activates the wrapped component (if it was not already) and returns this handle. */
    public Handle activate() {
        if (component.state() == Component.State.CREATED) {
            component.activate();
        }
        return this;
    }

    /** The wrapped component. */
    public Component component() {
        return component;
    }

    /**
     * Delivers a message to one of the component's inboxes; never blocks.
     *
     * @throws BoxFullException when that inbox is bounded and full
     */
    public void put(Object message, String inbox) {
        component.deliver(message, inbox);
    }

    /**
     * Delivers a message, waiting up to {@code timeout} for space in a bounded inbox.
     *
     * @return true when delivered, false when the time ran out
     */
    public boolean put(Object message, String inbox, Duration timeout) {
        Objects.requireNonNull(message, "message");
        Box b = component.inbox(inbox);
        long deadline = System.nanoTime() + Checks.nonNegative(timeout, "timeout").toNanos();
        Parker waiter = new Parker("Handle(" + component.name() + ").put");
        for (;;) {
            Inbox d = b.dest;
            if (d.offer(message)) {
                return true;
            }
            d.awaitSpace(waiter);
            if (d.offer(message)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waiter.pause(left);
        }
    }

    /**
     * Takes the oldest message the component sent on {@code outbox}, waiting up to {@code timeout}.
     *
     * @throws TimeoutException when nothing came in time
     */
    public Object get(String outbox, Duration timeout) throws TimeoutException {
        Inbox in = watched(outbox);
        long deadline = System.nanoTime() + Checks.nonNegative(timeout, "timeout").toNanos();
        getLock.lock();
        try {
            for (;;) {
                Object m = in.take();
                if (m != null) {
                    in.queue.sync();
                    parker.releaseSpaceFenced(); // the component may wait for space here
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("Handle(" + component.name() + "): nothing on '" + outbox
                            + "' within " + timeout);
                }
                parker.pause(left);
            }
        } finally {
            getLock.unlock();
        }
    }

    /** Takes the oldest message sent on {@code outbox}, or returns null when there is none. */
    public Object poll(String outbox) {
        Inbox in = watched(outbox);
        getLock.lock();
        try {
            Object m = in.take();
            if (m != null) {
                in.queue.sync();
                parker.releaseSpaceFenced();
            }
            return m;
        } finally {
            getLock.unlock();
        }
    }

    /** Takes every message waiting from {@code outbox}, without waiting. */
    public List<Object> drain(String outbox) {
        Inbox in = watched(outbox);
        getLock.lock();
        try {
            java.util.ArrayList<Object> out = new java.util.ArrayList<>();
            Object m;
            while ((m = in.take()) != null) {
                out.add(m);
            }
            in.queue.sync();
            parker.releaseSpaceFenced();
            return out;
        } finally {
            getLock.unlock();
        }
    }

    /** Waits until the component and everything it started have finished. */
    public boolean awaitFinished(Duration timeout) {
        return component.join(Checks.nonNegative(timeout, "timeout"));
    }

    private Inbox watched(String outbox) {
        Inbox in = fromComponent.get(Objects.requireNonNull(outbox, "outbox"));
        if (in == null) {
            throw new NoSuchBoxException(parker.ownerName, "watched outbox", outbox, fromComponent.keySet());
        }
        return in;
    }
}
