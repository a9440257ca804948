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
import java.util.function.Function;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Applies a function to every message and sends what it returns: the {@code map} of a pipeline.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ConsoleReader(), new PureTransformer<String, String>(String::toUpperCase),
 *         new LinesToBytes(), new ConsoleEchoer()).run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": messages of type {@code I}</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>outbox "outbox": the function's results, in input order</li>
 * <li>outbox "signal": ErrorInformation when the function throws (with {@link OnError#REPORT}), then
 *     the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Each message taken from "inbox" is passed to the function, on this component's thread, one at a
 * time. A non-null result is sent on "outbox" with a blocking send (a bounded destination slows it
 * down); a null result sends nothing, so the function can also drop messages (as in the original).
 * The generic types are not checked when a message arrives: a message of the wrong type makes the
 * function throw ClassCastException, which is handled like any other exception it throws.
 *
 * <p>When the function throws a RuntimeException: with {@link OnError#REPORT} (the default) an
 * {@link org.kamaelia.axon.ipc.ErrorInformation} goes out on "signal", carrying the exception and
 * naming the message (its number, counting from 0, and its type); that message is dropped and the
 * next one is handled. With {@link OnError#FAIL} the component ends as a failure with a
 * {@link ProcessingException}. An Error is never caught.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it transforms everything left in "inbox", passes the
 * message on out of "signal" and stops. A {@link ShutdownMicroprocess}: it stops at once (a send
 * waiting for space is abandoned) and passes the message on. Other control messages are ignored.
 * Divergences from the original: Axon's PureTransformer stopped on ProducerFinished or Axon's
 * {@code shutdown}, ignored ShutdownMicroprocess, always sent a new ProducerFinished of its own, and
 * crashed on an exception from the function.
 *
 * @param <I> the type of the messages the function accepts
 * @param <O> the type of the results
 */
public final class PureTransformer<I, O> extends UtilComponent {
    private final Function<? super I, ? extends O> function;
    private final OnError onError;
    private long index;

    /**
     * A transformer that reports exceptions from the function and carries on ({@link OnError#REPORT}).
     *
     * @throws NullPointerException when function is null
     */
    public PureTransformer(Function<? super I, ? extends O> function) {
        this(function, OnError.REPORT);
    }

    /**
     * A transformer with the given policy for exceptions from the function.
     *
     * @throws NullPointerException when function or onError is null
     */
    public PureTransformer(Function<? super I, ? extends O> function, OnError onError) {
        this.function = Objects.requireNonNull(function, "function");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    @Override
    @SuppressWarnings("unchecked")
    void onMessage(Object message) {
        long n = index++;
        O result;
        try {
            result = function.apply((I) message);
        } catch (RuntimeException e) {
            userCodeFailed(onError, "the function", n, message, e);
            return;
        }
        if (result != null) {
            sendOrAbort(result, "outbox");
        }
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
