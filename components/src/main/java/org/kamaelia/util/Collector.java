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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.kamaelia.axon.ComponentInterruptedException;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Keeps every message it receives in a list that code outside the graph can read and wait on: the
 * sink at the end of a test pipeline.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Collector out = new Collector();
 * new Pipeline(DataSource.of("a", "b", "c"), new PureTransformer<String, String>(String::toUpperCase), out)
 *         .activate(scheduler);
 * out.awaitFinished(Duration.ofSeconds(5));
 * assertThat(out.items()).containsExactly("A", "B", "C");
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": anything; appended to the list</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>outbox "outbox": not used</li>
 * <li>outbox "signal": the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Each message taken from "inbox" is appended, in arrival order, to a list guarded by a lock. Any
 * thread may read a copy ({@link #items()}) or wait until the list holds some number of items
 * ({@link #awaitItems}) or until the collector has finished ({@link #awaitFinished}). It keeps
 * everything: it is meant for tests and small results, not for unbounded streams.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it collects what is left in "inbox", passes the message on
 * out of "signal" and stops. A {@link ShutdownMicroprocess}: it passes the message on and stops
 * without collecting what is still waiting. {@link #stopMessage()} then tells which it was. Other
 * control messages are ignored.
 *
 * <h2>Thread safety</h2>
 * A ReentrantLock guards the list, the finished flag and the stop message; waiters wait on a
 * condition of that lock, signalled at every append and at the end. The component's own thread
 * appends; any thread reads. No user code runs under the lock.
 */
public final class Collector extends UtilComponent {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private final List<Object> items = new ArrayList<>();
    /** Guarded by lock. */
    private boolean finished;
    /** Guarded by lock. */
    private Object stoppedOn;

    public Collector() {
    }

    /** A copy of the items collected so far, in arrival order. Any thread. */
    public List<Object> items() {
        lock.lock();
        try {
            return List.copyOf(items);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A copy of the items collected so far, each cast to {@code type}.
     *
     * @throws ClassCastException when an item is not of that type
     */
    public <T> List<T> items(Class<T> type) {
        Objects.requireNonNull(type, "type");
        List<T> out = new ArrayList<>();
        for (Object o : items()) {
            out.add(type.cast(o));
        }
        return out;
    }

    /** How many items it holds. Any thread. */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until it holds at least {@code count} items, or has finished, or the time runs out.
     *
     * @return true when it holds at least {@code count} items
     * @throws IllegalArgumentException when count &lt; 0 or the timeout is negative
     */
    public boolean awaitItems(int count, Duration timeout) {
        Checks.atLeast(count, 0, "count");
        return await(timeout, () -> items.size() >= count || finished, () -> items.size() >= count);
    }

    /**
     * Waits until it has finished (received a stop message and passed it on), or the time runs out.
     *
     * @return true when it has finished
     * @throws IllegalArgumentException when the timeout is negative
     */
    public boolean awaitFinished(Duration timeout) {
        return await(timeout, () -> finished, () -> finished);
    }

    /** The control message it stopped on, once it has finished. Any thread. */
    public Optional<Object> stopMessage() {
        lock.lock();
        try {
            return Optional.ofNullable(stoppedOn);
        } finally {
            lock.unlock();
        }
    }

    private boolean await(Duration timeout, java.util.function.BooleanSupplier until,
                          java.util.function.BooleanSupplier result) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!until.getAsBoolean()) {
                if (left <= 0) {
                    return result.getAsBoolean();
                }
                left = changed.awaitNanos(left);
            }
            return result.getAsBoolean();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentInterruptedException("interrupted while waiting on " + name());
        } finally {
            lock.unlock();
        }
    }

    @Override
    void onMessage(Object message) {
        lock.lock();
        try {
            items.add(message);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    void onStop(Object stopMessage) {
        lock.lock();
        try {
            stoppedOn = stopMessage;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void main() throws Exception {
        try {
            runInboxLoop();
        } finally {
            lock.lock();
            try {
                finished = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
