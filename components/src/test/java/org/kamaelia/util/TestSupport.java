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

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/** Helpers and fixture components for the tests of this package. */
final class TestSupport {
    /** How long a test waits for something that should happen (generous: the machine is shared). */
    static final Duration WAIT = Duration.ofSeconds(10);

    private TestSupport() {
    }

    /** Activates {@code c} on {@code s} with a handle on its "outbox" and "signal". */
    static Handle start(Component c, Scheduler s) {
        Handle h = new Handle(c);
        c.activate(s);
        return h;
    }

    /** Takes {@code n} messages from a watched outbox, failing the test when they do not come in time. */
    static List<Object> take(Handle h, String box, int n) throws TimeoutException {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(h.get(box, WAIT));
        }
        return out;
    }

    /** The next message on "signal", which must be an ErrorInformation. */
    static ErrorInformation nextError(Handle h) throws TimeoutException {
        Object m = h.get("signal", WAIT);
        assertThat(m).isInstanceOf(ErrorInformation.class);
        return (ErrorInformation) m;
    }

    /** Waits for the component to finish, failing the test when it does not in time. */
    static void awaitFinished(Component c) {
        assertThat(c.join(WAIT)).as(c.name() + " finished").isTrue();
    }

    /** Asks the component to stop (ShutdownMicroprocess on "control") and waits for it to finish. */
    static void stopAndAwait(Component c) {
        c.deliver(new org.kamaelia.axon.ipc.ShutdownMicroprocess(), "control");
        awaitFinished(c);
    }

    /** Waits until the scheduler is quiescent, failing the test when it is not in time. */
    static void awaitQuiet(Scheduler s) {
        assertThat(s.awaitQuiescence(WAIT)).as("scheduler " + s.name() + " quiescent").isTrue();
    }

    /**
     * Waits until a condition holds, failing the test if it does not in time. For threads outside any
     * scheduler, which quiescence does not cover; it polls, yielding between looks.
     */
    static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.yield();
        }
    }

    static boolean isStop(Object m) {
        return m instanceof ProducerFinished || m instanceof ShutdownMicroprocess;
    }

    /**
     * A consumer with a bounded inbox that takes messages only as far as it is allowed: deliver an
     * Integer to its "permits" inbox to let it take that many more. It keeps what it takes.
     */
    static final class Gate extends Component {
        final List<Object> items = Collections.synchronizedList(new ArrayList<>());
        private final Semaphore taken = new Semaphore(0);

        Gate(int capacity) {
            setInboxSize("inbox", capacity);
            declareInbox("permits", "how many more messages it may take");
        }

        /** Lets it take {@code n} more messages. Any thread. */
        void allow(int n) {
            deliver(n, "permits");
        }

        /** A copy of what it has taken so far. Any thread. */
        List<Object> snapshot() {
            return new ArrayList<>(items); // a synchronized list copies under its lock
        }

        /** Waits until it has taken at least {@code n} messages in all, failing the test if it does not in time. */
        void awaitTaken(int n) throws InterruptedException {
            assertThat(taken.tryAcquire(n, WAIT.toMillis(), TimeUnit.MILLISECONDS)).as(n + " messages taken").isTrue();
            taken.release(n);
        }

        @Override
        protected void main() {
            long allowance = 0;
            for (;;) {
                while (dataReady("permits")) {
                    allowance += (Integer) recv("permits");
                }
                while (allowance > 0 && dataReady("inbox")) {
                    items.add(recv("inbox"));
                    taken.release();
                    allowance--;
                }
                if (dataReady("control")) {
                    Object m = recv("control");
                    if (isStop(m)) {
                        send(m, "signal");
                        return;
                    }
                }
                pause();
            }
        }
    }

    /** Runs a body as main(), with the protected API opened up for test lambdas. */
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

        void waitForWakeUp() {
            pause();
        }

        boolean waitForWakeUp(Duration d) {
            return pause(d);
        }
    }
}
