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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.TestComponents.Body;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;

/**
 * A component's close-down always completes: whatever its logging, its exception's toString or the
 * start of its thread throws, it ends FINISHED, its joiners are released, and its failure is reported
 * on "signal". And the scheduler's record of failures cannot grow without limit.
 */
@Timeout(60)
class CloseDownTest {
    private final Scheduler scheduler = new Scheduler("close-down");

    /** A logger that throws, as a java.util.logging handler does when the process is out of descriptors. */
    static final class ThrowingLogger implements System.Logger {
        volatile int calls;

        @Override
        public String getName() {
            return "throwing";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
            calls++;
            throw new NoClassDefFoundError("simulated: a log handler that fails (Too many open files)");
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
            calls++;
            throw new NoClassDefFoundError("simulated: a log handler that fails (Too many open files)");
        }
    }

    @Test
    void aComponentWhoseFailureCannotBeLoggedStillFinishesAndReportsItOnSignal() throws Exception {
        SafeLog saved = Component.LOG;
        ThrowingLogger logger = new ThrowingLogger();
        Component.LOG = new SafeLog(logger);
        try {
            Body failing = new Body(self -> {
                throw new IllegalStateException("the component's own failure");
            });
            Handle h = new Handle(failing);
            failing.activate(scheduler);
            assertThat(failing.join(Duration.ofSeconds(5))).isTrue();
            assertThat(failing.state()).isEqualTo(Component.State.FINISHED);
            assertThat(logger.calls).as("the log call was made, and threw").isPositive();
            assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOf(ErrorInformation.class);
            assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOf(ProducerFinished.class);
            assertThat(scheduler.awaitTermination(Duration.ofSeconds(5))).isTrue();
            assertThat(scheduler.failures()).hasSize(1);
            assertThat(SafeLog.failures()).isPositive();
        } finally {
            Component.LOG = saved;
        }
    }

    @Test
    void aComponentWhoseExceptionCannotBePrintedStillFinishesAndReportsIt() throws Exception {
        RuntimeException odd = new RuntimeException("odd") {
            @Override
            public String toString() {
                throw new IllegalStateException("toString fails");
            }
        };
        Body failing = new Body(self -> {
            throw odd;
        });
        Handle h = new Handle(failing);
        failing.activate(scheduler);
        assertThat(failing.join(Duration.ofSeconds(5))).isTrue();
        Object report = h.get("signal", Duration.ofSeconds(5));
        assertThat(report).isInstanceOfSatisfying(ErrorInformation.class,
                e -> assertThat(e.exception()).isSameAs(odd));
        assertThat(failing.failure()).containsSame(odd);
    }

    /** A component whose thread cannot start, as when the JVM has no memory left for a platform thread. */
    static final class Unstartable extends Component {
        @Override
        protected void main() {
        }

        @Override
        Thread newThread(Runnable body) {
            return new Thread(body) {
                @Override
                public synchronized void start() {
                    throw new OutOfMemoryError("unable to create native thread: simulated");
                }
            };
        }
    }

    @Test
    void aComponentWhoseThreadCannotStartEndsAsAFailureAndActivateSaysWhy() throws Exception {
        Unstartable c = new Unstartable();
        Handle h = new Handle(c);
        assertThatThrownBy(() -> c.activate(scheduler)).isInstanceOf(OutOfMemoryError.class)
                .hasMessageContaining("unable to create native thread");
        assertThat(c.state()).isEqualTo(Component.State.FINISHED);
        assertThat(c.join(Duration.ofSeconds(5))).isTrue();
        assertThat(scheduler.awaitTermination(Duration.ofSeconds(5))).isTrue();
        assertThat(c.failure()).get().isInstanceOf(OutOfMemoryError.class);
        assertThat(scheduler.failures()).extracting(ComponentFailure::component).containsExactly(c);
        assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOf(ErrorInformation.class);
        assertThat(h.get("signal", Duration.ofSeconds(5))).isInstanceOf(ProducerFinished.class);
    }

    @Test
    void theSchedulerKeepsOnlyTheMostRecentFailuresAndCountsTheOthers() throws Exception {
        int n = Scheduler.MAX_KEPT_FAILURES + 500;
        for (int i = 0; i < n; i++) {
            int k = i;
            new Body(self -> {
                throw new IllegalStateException("failure " + k);
            }).activate(scheduler);
        }
        assertThat(scheduler.awaitTermination(Duration.ofSeconds(30))).isTrue();
        List<ComponentFailure> kept = scheduler.failures();
        assertThat(kept).hasSize(Scheduler.MAX_KEPT_FAILURES);
        assertThat(scheduler.failureCount()).isEqualTo(n);
        assertThat(scheduler.droppedFailureCount()).isEqualTo(500);
    }
}
