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

import java.util.Objects;
import java.util.function.Predicate;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Passes on the messages a predicate accepts and drops the others: the {@code filter} of a pipeline.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ConsoleReader(), new Filter<String>(line -> !line.isBlank()), new LinesToBytes(),
 *         new ConsoleEchoer()).run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": messages of type {@code T}</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>outbox "outbox": the accepted messages, unchanged and in input order</li>
 * <li>outbox "signal": ErrorInformation when the predicate throws (with {@link OnError#REPORT}), then
 *     the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Each message taken from "inbox" is tested on this component's thread; an accepted message is sent
 * on "outbox" with a blocking send, a rejected one is dropped and counted ({@link #rejectedCount()}).
 * When the predicate throws (a ClassCastException for a message of the wrong type included), the
 * {@link OnError} policy applies as in {@link PureTransformer}: {@link OnError#REPORT} (the default)
 * sends an ErrorInformation naming the message and drops it, {@link OnError#FAIL} ends the component
 * with a {@link ProcessingException}.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it tests everything left in "inbox", passes the message
 * on out of "signal" and stops. A {@link ShutdownMicroprocess}: it stops at once and passes the
 * message on. Other control messages are ignored. The original's Filter took an object whose
 * {@code filter} method returned a value or None (a transformer that may drop); here that is
 * {@link PureTransformer} with a function returning null, and Filter takes a plain Predicate.
 *
 * @param <T> the type of the messages the predicate accepts
 */
public final class Filter<T> extends UtilComponent {
    private final Predicate<? super T> predicate;
    private final OnError onError;
    private long index;
    private volatile long rejected;

    /**
     * A filter that reports exceptions from the predicate and carries on ({@link OnError#REPORT}).
     *
     * @throws NullPointerException when predicate is null
     */
    public Filter(Predicate<? super T> predicate) {
        this(predicate, OnError.REPORT);
    }

    /**
     * A filter with the given policy for exceptions from the predicate.
     *
     * @throws NullPointerException when predicate or onError is null
     */
    public Filter(Predicate<? super T> predicate, OnError onError) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    /** How many messages the predicate has rejected so far (not counting those it threw on). Any thread. */
    public long rejectedCount() {
        return rejected;
    }

    @Override
    @SuppressWarnings("unchecked")
    void onMessage(Object message) {
        long n = index++;
        boolean accepted;
        try {
            accepted = predicate.test((T) message);
        } catch (RuntimeException e) {
            userCodeFailed(onError, "the predicate", n, message, e);
            return;
        }
        if (accepted) {
            sendOrAbort(message, "outbox");
        } else {
            rejected++;
        }
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
