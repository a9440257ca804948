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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/** Small fixture components for the tests. */
final class TestComponents {
    private TestComponents() {
    }

    static boolean isShutdown(Object m) {
        return m instanceof ProducerFinished || m instanceof ShutdownMicroprocess;
    }

    /** Sends each item, then ProducerFinished on signal. */
    static final class Source extends Component {
        private final Iterable<?> items;

        Source(Iterable<?> items) {
            this.items = items;
        }

        @Override
        protected void main() {
            for (Object o : items) {
                sendBlocking(o, "outbox");
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /** Sends the integers 0..n-1, then ProducerFinished. */
    static final class Counter extends Component {
        private final int n;

        Counter(int n) {
            this.n = n;
        }

        @Override
        protected void main() {
            for (int i = 0; i < n; i++) {
                sendBlocking(i, "outbox");
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /** Passes inbox to outbox; passes a shutdown message on and stops after draining. */
    static final class Pass extends Component {
        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    send(recv("inbox"), "outbox");
                }
                while (dataReady("control")) {
                    Object m = recv("control");
                    if (isShutdown(m)) {
                        while (dataReady("inbox")) {
                            send(recv("inbox"), "outbox");
                        }
                        send(m, "signal");
                        return;
                    }
                }
                pause();
            }
        }
    }

    /** Collects everything from inbox; stops on a shutdown message on control (after draining). */
    static final class Collector extends Component {
        final List<Object> items = Collections.synchronizedList(new ArrayList<>());
        final List<Object> control = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch finished = new CountDownLatch(1);
        private final Consumer<Object> onItem;

        Collector() {
            this(o -> { });
        }

        Collector(Consumer<Object> onItem) {
            this.onItem = onItem;
        }

        @Override
        protected void main() {
            try {
                for (;;) {
                    while (dataReady("inbox")) {
                        Object o = recv("inbox");
                        items.add(o);
                        onItem.accept(o);
                    }
                    while (dataReady("control")) {
                        Object m = recv("control");
                        control.add(m);
                        if (isShutdown(m)) {
                            while (dataReady("inbox")) {
                                items.add(recv("inbox"));
                            }
                            send(m, "signal");
                            return;
                        }
                    }
                    pause();
                }
            } finally {
                finished.countDown();
            }
        }
    }

    /**
     * A parent that links source to sink (outbox to inbox, signal to control), activates both, and stays
     * alive until both have finished: the links a component makes go when it finishes.
     */
    static Component pair(Component source, Component sink) {
        return new Body(self -> {
            self.link(source, "outbox", sink, "inbox");
            self.link(source, "signal", sink, "control");
            self.addChildren(source, sink);
            source.activate();
            sink.activate();
            while (!source.isFinished() || !sink.isFinished()) {
                self.sleepUntilWoken();
            }
        });
    }

    /** Runs a body as main(); for one-off behaviours in tests. */
    static final class Body extends Component {
        interface Main {
            void run(Body self) throws Exception;
        }

        private final Main body;

        Body(Main body) {
            this.body = body;
        }

        @Override
        protected void main() throws Exception {
            body.run(this);
        }

        // expose the protected API to test lambdas
        boolean ready(String box) {
            return dataReady(box);
        }

        Object take(String box) {
            return recv(box);
        }

        int takeBatch(String box, Object[] into, int max) {
            return recvBatch(box, into, max);
        }

        void put(Object m, String box) {
            send(m, box);
        }

        void putBlocking(Object m, String box) {
            sendBlocking(m, box);
        }

        boolean sendBlockingForTest(Object m, java.time.Duration timeout) {
            return sendBlocking(m, "outbox", timeout);
        }

        boolean sendUnlessForTest(Object m, java.util.function.BooleanSupplier giveUp) {
            return sendUnless(m, "outbox", giveUp);
        }

        void sleepUntilWoken() {
            pause();
        }

        boolean sleepUntilWoken(java.time.Duration d) {
            return pause(d);
        }

        Object takeWaiting(String box, java.time.Duration d) {
            return recv(box, d);
        }

        void inbox(String name, String description, int capacity) {
            declareInbox(name, description, capacity);
        }
    }
}
