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
package org.kamaelia.chassis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Wires named components into any graph, and is itself a component.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Graphline g = Graphline.builder()
 *         .child("READER", new ConsoleReader())
 *         .child("CLIENT", new ThreadedTCPClient("localhost", 1601))
 *         .child("ECHO", new ConsoleEchoer())
 *         .link("READER", "outbox", "CLIENT", "inbox")
 *         .link("READER", "signal", "CLIENT", "control")
 *         .link("CLIENT", "outbox", "ECHO", "inbox")
 *         .link("CLIENT", "signal", "ECHO", "control")
 *         .build();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * A link end whose name is not a child's ("self" by convention, or "") names the Graphline's own
 * boxes: {@code link("self", "inbox", "A", "inbox")} passes the Graphline's inbox through to A's, and
 * {@code link("A", "outbox", "self", "outbox")} passes A's outbox out through the Graphline's. Boxes
 * named on self that are not standard are created for this instance (Axon added them to the class,
 * so every later Graphline had them: not copied).
 *
 * <h2>How it works</h2>
 * Like Axon's: it wires and activates its children the first time it runs. When no link starts at
 * its own "control", each message arriving there is passed to the "control" of every child whose
 * "control" no link feeds, and a ShutdownMicroprocess among them is remembered.
 *
 * <h2>Termination</h2>
 * It finishes when every child has. Then, unless a link feeds its own "signal", it sends the
 * remembered ShutdownMicroprocess, or a new ProducerFinished when there was none (or when its
 * "control" was linked to a child). When its "signal" is fed by a link it sends nothing of its own.
 */
public class Graphline extends Component {

    /** One link of the graph, by names. */
    public record Link(String from, String fromBox, String to, String toBox) {
        public Link {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(fromBox, "fromBox");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(toBox, "toBox");
        }

        @Override
        public String toString() {
            return "(" + from + ", " + fromBox + ") -> (" + to + ", " + toBox + ")";
        }
    }

    private final Map<String, Component> children;
    private final List<Link> links;
    private final boolean controlWired;
    private final boolean signalWired;
    private final List<Component> unwiredControl = new ArrayList<>();

    private Graphline(Builder b) {
        this.children = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.children)); // builder's order
        this.links = List.copyOf(b.links);
        boolean cw = false;
        boolean sw = false;
        Set<Component> controlFed = new HashSet<>();
        for (Link l : links) {
            boolean fromSelf = !children.containsKey(l.from());
            boolean toSelf = !children.containsKey(l.to());
            if (fromSelf && toSelf) {
                throw new IllegalArgumentException("Graphline: link " + l + " joins two boxes of the Graphline itself: "
                        + "at least one end must name a child (children: " + b.children.keySet() + ")");
            }
            if (fromSelf) {
                Component to = children.get(l.to());
                requireBox(to.inboxNames(), l.toBox(), "inbox", l);
                if (!inboxNames().contains(l.fromBox())) {
                    declareInbox(l.fromBox(), "passed through to " + l.to() + "'s inbox " + l.toBox());
                }
                cw |= l.fromBox().equals("control");
                if (l.toBox().equals("control")) {
                    controlFed.add(to);
                }
            } else if (toSelf) {
                requireBox(children.get(l.from()).outboxNames(), l.fromBox(), "outbox", l);
                if (!outboxNames().contains(l.toBox())) {
                    declareOutbox(l.toBox(), "passed out from " + l.from() + "'s outbox " + l.fromBox());
                }
                sw |= l.toBox().equals("signal");
            } else {
                requireBox(children.get(l.from()).outboxNames(), l.fromBox(), "outbox", l);
                Component to = children.get(l.to());
                requireBox(to.inboxNames(), l.toBox(), "inbox", l);
                if (l.toBox().equals("control")) {
                    controlFed.add(to);
                }
            }
        }
        this.controlWired = cw;
        this.signalWired = sw;
        for (Component c : b.children.values()) {
            if (!controlFed.contains(c)) {
                unwiredControl.add(c);
            }
        }
    }

    private static void requireBox(Set<String> boxes, String box, String kind, Link l) {
        if (!boxes.contains(box)) {
            throw new IllegalArgumentException("Graphline: link " + l + ": no " + kind + " named '" + box
                    + "' (that child's " + kind + "es: " + boxes + ")");
        }
    }

    /** A builder: add named children and links, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The children by name, in the order they were given to the builder. */
    public Map<String, Component> namedChildren() {
        return children;
    }

    /** The links, as given to the builder. */
    public List<Link> links() {
        return links;
    }

    @Override
    protected void main() {
        Component[] all = children.values().toArray(new Component[0]);
        addChildren(all);
        for (Link l : links) {
            Component from = children.get(l.from());
            Component to = children.get(l.to());
            if (from == null) {
                linkInbox(l.fromBox(), to, l.toBox());
            } else if (to == null) {
                linkOutbox(from, l.fromBox(), l.toBox());
            } else {
                link(from, l.fromBox(), to, l.toBox());
            }
        }
        for (Component c : all) {
            c.activate();
        }
        ShutdownMicroprocess remembered = null;
        for (;;) {
            while (!controlWired && dataReady("control")) {
                Object msg = recv("control");
                if (msg instanceof ShutdownMicroprocess sm) {
                    remembered = sm;
                }
                for (Component c : unwiredControl) {
                    c.deliver(msg, "control");
                }
            }
            boolean allDone = true;
            for (Component c : all) {
                allDone &= c.isFinished();
            }
            if (allDone) {
                break;
            }
            pause();
        }
        if (!signalWired) {
            send(remembered != null ? remembered : new ProducerFinished(this), "signal");
        }
    }

    /** Builds a {@link Graphline}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Component> children = new LinkedHashMap<>();
        private final List<Link> links = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a child under a name.
         *
         * @throws IllegalArgumentException when the name is empty or taken, or the component was added
         */
        public Builder child(String name, Component component) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(component, "component");
            if (name.isEmpty() || name.equals("self")) {
                throw new IllegalArgumentException("Graphline: child name '" + name
                        + "' is reserved for the Graphline's own boxes");
            }
            if (children.containsKey(name)) {
                throw new IllegalArgumentException("Graphline: a child named '" + name + "' exists already");
            }
            if (children.containsValue(component)) {
                throw new IllegalArgumentException("Graphline: " + component.name() + " is already a child");
            }
            children.put(name, component);
            return this;
        }

        /** Links (from, fromBox) to (to, toBox); a name that is not a child's means the Graphline. */
        public Builder link(String from, String fromBox, String to, String toBox) {
            links.add(new Link(from, fromBox, to, toBox));
            return this;
        }

        /**
         * @throws IllegalArgumentException when there is no child, or a link names a box that does not
         *                                  exist or joins the Graphline to itself
         */
        public Graphline build() {
            if (children.isEmpty()) {
                throw new IllegalArgumentException("Graphline: no children (expected: at least one child)");
            }
            return new Graphline(this);
        }
    }
}
