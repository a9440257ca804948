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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/** Small components for the chassis tests. */
final class Fixtures {
    private Fixtures() {
    }

    static boolean isShutdown(Object m) {
        return m instanceof ProducerFinished || m instanceof ShutdownMicroprocess;
    }

    /** Sends items, then ProducerFinished; stops early on ShutdownMicroprocess. */
    static final class Source extends Component {
        private final List<?> items;
        final CountDownLatch started = new CountDownLatch(1);

        Source(List<?> items) {
            this.items = items;
        }

        @Override
        protected void main() {
            started.countDown();
            for (Object o : items) {
                while (dataReady("control")) {
                    Object m = recv("control");
                    if (m instanceof ShutdownMicroprocess) {
                        send(m, "signal");
                        return;
                    }
                }
                sendBlocking(o, "outbox");
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /** Waits until told to stop on control, then passes that message on. */
    static final class Waiter extends Component {
        final List<Object> control = Collections.synchronizedList(new ArrayList<>());

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    send(recv("inbox"), "outbox");
                }
                while (dataReady("control")) {
                    Object m = recv("control");
                    control.add(m);
                    if (isShutdown(m)) {
                        send(m, "signal");
                        return;
                    }
                }
                pause();
            }
        }
    }

    /** Applies a function to each message; stops on a shutdown message after draining. */
    static final class Map extends Component {
        private final java.util.function.Function<Object, Object> f;

        Map(java.util.function.Function<Object, Object> f) {
            this.f = f;
        }

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    send(f.apply(recv("inbox")), "outbox");
                }
                while (dataReady("control")) {
                    Object m = recv("control");
                    if (isShutdown(m)) {
                        while (dataReady("inbox")) {
                            send(f.apply(recv("inbox")), "outbox");
                        }
                        send(m, "signal");
                        return;
                    }
                }
                pause();
            }
        }
    }
}
