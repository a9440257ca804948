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

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * A named publish/subscribe hub: whatever any {@link PublishTo} of that name receives goes to every
 * current {@link SubscribeTo} of that name. Publishers and subscribers find it by name and may come
 * and go while it runs; none of them needs to know the others.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Scheduler s = new Scheduler("chat");
 * new Backplane("CHAT").activate(s);
 * new Pipeline(new ConsoleReader(), new PublishTo("CHAT")).activate(s);
 * new Pipeline(new SubscribeTo("CHAT"), new LinesToBytes(), new ConsoleEchoer()).activate(s);
 * // a server can give each connection a Pipeline(SubscribeTo("CHAT"), ...) and a PublishTo("CHAT")
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": messages to publish (PublishTo components pass their inbox through to it)</li>
 * <li>inbox "configuration": internal, subscriptions and unsubscriptions from SubscribeTo components</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it (and its subscribers); other
 *     messages are ignored</li>
 * <li>one outbox per subscriber, added and removed as they come and go: "published messages for" it</li>
 * <li>outbox "outbox": not used</li>
 * <li>outbox "signal": the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * <pre>
 *   PublishTo("N") inbox ==passthrough==+                        +--> SubscribeTo("N") --> outbox
 *   PublishTo("N") inbox ==passthrough==+--> Backplane("N") -----+--> SubscribeTo("N") --> outbox
 *                                            (registered in the scheduler's service registry)
 * </pre>
 * When it starts, it registers itself in the service registry of the scheduler it runs on
 * ({@code tracker()}), under the original's service names {@code "Backplane_I_<name>"} (its "inbox")
 * and {@code "Backplane_O_<name>"} (its "configuration"). Names are scoped per {@link
 * org.kamaelia.axon.Scheduler}: two schedulers may each have a backplane of the same name, and they
 * never see each other's messages. A second backplane of the same name on the same scheduler fails
 * at start (IllegalStateException, reported by the runtime on its "signal").
 *
 * <p>Each subscriber gets an outbox of its own, linked to it; each published message is sent to
 * every subscriber in the order they subscribed, with a blocking send, so a subscriber whose inbox is
 * bounded and full holds up the others (the slowest sets the pace; by default a SubscribeTo's inbox is
 * unbounded, so this happens only if one asks for a bound). A subscriber receives what is published
 * after its subscription has been handled, in publishing order; messages from different publishers
 * interleave in arrival order. The same message object goes to every subscriber: receivers must not
 * change it. A subscriber that has finished is removed.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it first publishes everything left in "inbox", then
 * deregisters (new publishers and subscribers can no longer find it), tells every subscriber, which
 * passes the same message on out of its own "signal" after the messages it already has, passes the
 * message on out of its own "signal", and stops. A {@link ShutdownMicroprocess}: the same without
 * publishing what is left; the subscribers stop at once too. Publishers are not told (as in the
 * original): messages they receive after the backplane has stopped are dropped and counted by the
 * runtime (the backplane's {@code droppedCount("inbox")}). Other control messages are ignored.
 */
public final class Backplane extends UtilComponent {

    /** A subscription request, delivered to "configuration" by {@link BackplaneDirectory}. */
    record Subscribe(SubscribeTo subscriber) {
    }

    /** The end of a subscription, delivered to "configuration" by the subscriber. */
    record Unsubscribe(SubscribeTo subscriber) {
    }

    private final String name;
    private BackplaneDirectory directory;
    /** Subscriber to the name of its outbox, in subscription order. Own thread only. */
    private final Map<SubscribeTo, String> subscribers = new LinkedHashMap<>();
    private volatile int subscriberCount;
    private volatile long published;
    private volatile boolean registered;

    /**
     * A backplane of the given name.
     *
     * @throws NullPointerException when name is null
     * @throws IllegalArgumentException when name is empty
     */
    public Backplane(String name) {
        this.name = Checks.nonEmpty(name, "name");
        declareInbox("configuration", "internal: subscriptions and unsubscriptions from SubscribeTo components");
    }

    /** The backplane's name. */
    public String backplaneName() {
        return name;
    }

    /** How many subscribers it has now. Any thread. */
    public int subscriberCount() {
        return subscriberCount;
    }

    /** How many messages it has taken from its inbox and sent to its subscribers (however many). Any thread. */
    public long publishedCount() {
        return published;
    }

    /** Whether it is registered and can be found by name. Any thread. */
    public boolean isRegistered() {
        return registered;
    }

    @Override
    protected void main() throws Exception {
        directory = BackplaneDirectory.of(tracker());
        directory.register(name, this);
        registered = true;
        try {
            runInboxLoop();
        } finally {
            unregister();
        }
    }

    private void unregister() {
        if (registered) {
            registered = false;
            directory.unregister(name, this);
        }
    }

    @Override
    void onMessage(Object message) {
        published++;
        configure();
        for (Iterator<Map.Entry<SubscribeTo, String>> it = subscribers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SubscribeTo, String> e = it.next();
            if (e.getKey().isFinished()) {
                deleteOutbox(e.getValue());
                it.remove();
                subscriberCount = subscribers.size();
                continue;
            }
            if (!sendOrAbort(message, e.getValue())) {
                return;
            }
        }
    }

    @Override
    void onDrained() {
        configure();
    }

    /** Handles the waiting subscriptions and unsubscriptions. */
    private void configure() {
        while (dataReady("configuration")) {
            Object m = recv("configuration");
            if (m instanceof Subscribe s && !subscribers.containsKey(s.subscriber())) {
                SubscribeTo sub = s.subscriber();
                String box = addOutbox("to_" + sub.name(), "published messages for " + sub.name());
                link(this, box, sub, SubscribeTo.FROM_BACKPLANE);
                subscribers.put(sub, box);
            } else if (m instanceof Unsubscribe u) {
                String box = subscribers.remove(u.subscriber());
                if (box != null) {
                    deleteOutbox(box);
                }
            }
        }
        subscriberCount = subscribers.size();
    }

    @Override
    void onStop(Object stopMessage) {
        // Deregister first: after this no subscription can be delivered, so the configuration inbox
        // holds every subscriber that must be told.
        unregister();
        configure();
        for (SubscribeTo sub : subscribers.keySet()) {
            sub.deliver(stopMessage, SubscribeTo.BACKPLANE_CLOSED);
        }
    }
}
