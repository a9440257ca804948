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

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry of named services and tracked values: Axon's Coordinating Assistant Tracker (CAT).
 *
 * <p>A <em>service</em> is a name for one inbox of one component, so components can find each other
 * without being wired by whoever built them (Kamaelia's selector and backplanes work this way). A
 * <em>tracked value</em> is a named value that components can read and update. Unlike Axon's, there is
 * no process-wide singleton: each {@link Scheduler} has its own ({@link Scheduler#tracker()}), so
 * independent graphs in one JVM, such as two tests, do not see each other.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread; each is atomic on its own.
 */
public final class CoordinatingAssistantTracker {

    /** A registered service: a component and the name of one of its inboxes. */
    public record Service(Component component, String inbox) {
    }

    private final CoordinatingAssistantTracker parent;
    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    public CoordinatingAssistantTracker() {
        this.parent = null;
    }

    /** Axon accepts a parent tracker; it is kept but not consulted, as in Axon. */
    public CoordinatingAssistantTracker(CoordinatingAssistantTracker parent) {
        this.parent = Objects.requireNonNull(parent, "parent");
    }

    /** The parent tracker given to the constructor, or null. */
    public CoordinatingAssistantTracker parent() {
        return parent;
    }

    /**
     * Registers {@code name} as the given inbox of {@code component}.
     *
     * @throws ServiceAlreadyExistsException when the name is taken, even by the same service
     * @throws BadComponentException when {@code component} is null
     * @throws BadInboxException when the component has no such inbox
     */
    public void registerService(String name, Component component, String inbox) {
        Objects.requireNonNull(name, "name");
        if (component == null) {
            throw new BadComponentException("service '" + name + "': no component given");
        }
        if (inbox == null || !component.inboxNames().contains(inbox)) {
            throw new BadInboxException("service '" + name + "': " + component.name() + " has no inbox '" + inbox
                    + "' (its inboxes: " + component.inboxNames() + ")");
        }
        if (services.putIfAbsent(name, new Service(component, inbox)) != null) {
            throw new ServiceAlreadyExistsException("service '" + name + "' is already registered as "
                    + services.get(name));
        }
    }

    /**
     * The component and inbox registered under {@code name}.
     *
     * @throws java.util.NoSuchElementException when nothing is registered under it
     */
    public Service retrieveService(String name) {
        Service s = services.get(Objects.requireNonNull(name, "name"));
        if (s == null) {
            throw new java.util.NoSuchElementException("no service named '" + name + "' (registered: "
                    + servicesRegistered() + ")");
        }
        return s;
    }

    /**
     * Removes a service.
     *
     * @throws MultipleServiceDeletionException when no service has that name
     */
    public void deRegisterService(String name) {
        if (services.remove(Objects.requireNonNull(name, "name")) == null) {
            throw new MultipleServiceDeletionException("service '" + name + "' is not registered (already removed?)");
        }
    }

    /** The names of the registered services. */
    public Set<String> servicesRegistered() {
        return new TreeSet<>(services.keySet());
    }

    /**
     * Starts tracking a value under {@code name}.
     *
     * @throws NamespaceClashException when the name is tracked already
     */
    public void trackValue(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (values.putIfAbsent(name, value) != null) {
            throw new NamespaceClashException("tracked value '" + name + "' exists already; use updateValue");
        }
    }

    /**
     * Replaces a tracked value.
     *
     * @throws AccessToUndeclaredTrackedVariableException when the name is not tracked
     */
    public void updateValue(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (values.replace(name, value) == null) {
            throw new AccessToUndeclaredTrackedVariableException("tracked value '" + name
                    + "' was never declared with trackValue");
        }
    }

    /**
     * The value tracked under {@code name}.
     *
     * @throws AccessToUndeclaredTrackedVariableException when the name is not tracked
     */
    public Object retrieveValue(String name) {
        Object v = values.get(Objects.requireNonNull(name, "name"));
        if (v == null) {
            throw new AccessToUndeclaredTrackedVariableException("tracked value '" + name
                    + "' was never declared with trackValue");
        }
        return v;
    }

    /** The names of the tracked values. */
    public Set<String> informationItemsLogged() {
        return new TreeSet<>(values.keySet());
    }

    /** Forgets every service and value (Axon's zap). */
    public void zap() {
        services.clear();
        values.clear();
    }
}
