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
package org.kamaelia.util;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.kamaelia.axon.AccessToUndeclaredTrackedVariableException;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.CoordinatingAssistantTracker;
import org.kamaelia.axon.NamespaceClashException;

/**
 * The backplanes of one scheduler, and the publishers and subscribers waiting for one to appear.
 * There is one per {@link CoordinatingAssistantTracker} (so one per scheduler), kept in it as the
 * tracked value {@link #KEY}. The backplanes themselves are registered in that tracker as services,
 * under the original's names: {@code "Backplane_I_<name>"} for a backplane's "inbox" (where publishers
 * send) and {@code "Backplane_O_<name>"} for its "configuration" inbox (where subscriptions go).
 *
 * <h2>Why a lock</h2>
 * Registering, deregistering, finding and subscribing are each done under {@link #lock}, so that:
 * a publisher or subscriber that finds no backplane is put on the waiting list before a backplane
 * being registered looks at that list (no missed wake-up); and a subscription is delivered to a
 * backplane only while it is registered, so a backplane that deregisters and then reads its
 * "configuration" inbox sees every subscription it will ever get (no subscriber left waiting for a
 * backplane that has gone). Nothing done under the lock blocks: tracker updates and deliveries into
 * unbounded inboxes.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread. {@link #lock} guards {@link #waiters} and makes each
 * method's tracker reads and writes one atomic step.
 */
final class BackplaneDirectory {
    /** The tracked value under which a tracker holds its directory. */
    static final String KEY = "org.kamaelia.util.Backplane.directory";

    /** A component waiting for a backplane, woken by a message on one of its inboxes. */
    private record Waiter(Component component, String inbox) {
    }

    private final CoordinatingAssistantTracker tracker;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final Map<String, List<Waiter>> waiters = new HashMap<>();

    private BackplaneDirectory(CoordinatingAssistantTracker tracker) {
        this.tracker = tracker;
    }

    /** The directory of a tracker, made on first use. */
    static BackplaneDirectory of(CoordinatingAssistantTracker tracker) {
        try {
            return (BackplaneDirectory) tracker.retrieveValue(KEY);
        } catch (AccessToUndeclaredTrackedVariableException absent) {
            BackplaneDirectory d = new BackplaneDirectory(tracker);
            try {
                tracker.trackValue(KEY, d);
                return d;
            } catch (NamespaceClashException raced) {
                return (BackplaneDirectory) tracker.retrieveValue(KEY);
            }
        }
    }

    static String inboxService(String name) {
        return "Backplane_I_" + name;
    }

    static String configurationService(String name) {
        return "Backplane_O_" + name;
    }

    /**
     * Registers a backplane under its name and wakes those waiting for it.
     *
     * @throws IllegalStateException when a backplane of that name is registered already
     */
    void register(String name, Backplane backplane) {
        List<Waiter> wake;
        lock.lock();
        try {
            Backplane existing = lookup(name);
            if (existing != null) {
                throw new IllegalStateException(backplane.name() + ": a backplane named '" + name
                        + "' is already registered on this scheduler (" + existing.name()
                        + "); backplane names must be unique per scheduler");
            }
            tracker.registerService(inboxService(name), backplane, "inbox");
            tracker.registerService(configurationService(name), backplane, "configuration");
            wake = waiters.remove(name);
            if (wake != null) {
                for (Waiter w : wake) {
                    w.component().deliver(name, w.inbox());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes a backplane's registration, if it is still the one registered under that name. */
    void unregister(String name, Backplane backplane) {
        lock.lock();
        try {
            if (lookup(name) == backplane) {
                tracker.deRegisterService(inboxService(name));
                tracker.deRegisterService(configurationService(name));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The backplane registered under {@code name}; or null, after putting {@code waiter} on the list to
     * be woken (a message on {@code wakeInbox}) when one is registered.
     */
    Backplane findOrWait(String name, Component waiter, String wakeInbox) {
        lock.lock();
        try {
            Backplane b = lookup(name);
            if (b == null) {
                waiters.computeIfAbsent(name, k -> new ArrayList<>()).add(new Waiter(waiter, wakeInbox));
            }
            return b;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #findOrWait}, and when the backplane is there, delivers {@code subscription} to its
     * "configuration" inbox while it is still registered.
     */
    Backplane subscribeOrWait(String name, Component waiter, String wakeInbox, Object subscription) {
        lock.lock();
        try {
            Backplane b = findOrWait(name, waiter, wakeInbox);
            if (b != null) {
                b.deliver(subscription, "configuration");
            }
            return b;
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code waiter} off the waiting list for {@code name}. */
    void cancelWait(String name, Component waiter) {
        lock.lock();
        try {
            List<Waiter> list = waiters.get(name);
            if (list != null) {
                list.removeIf(w -> w.component() == waiter);
                if (list.isEmpty()) {
                    waiters.remove(name);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The names of the registered backplanes. */
    Set<String> names() {
        Set<String> out = new TreeSet<>();
        for (String s : tracker.servicesRegistered()) {
            if (s.startsWith("Backplane_I_")) {
                out.add(s.substring("Backplane_I_".length()));
            }
        }
        return out;
    }

    private Backplane lookup(String name) {
        try {
            return tracker.retrieveService(inboxService(name)).component() instanceof Backplane b ? b : null;
        } catch (NoSuchElementException absent) {
            return null;
        }
    }
}
