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
package org.kamaelia.axon.ipc;

/**
 * "I have finished producing": a clean end of stream. Sent on "signal", received on "control". The
 * receiver finishes what it has (its inbox first), passes this message on out of its own "signal", and
 * stops.
 */
public class ProducerFinished extends Ipc {
    private final Object caller;
    private final Object message;

    /** With no caller and no message, as Axon's {@code producerFinished()}. */
    public ProducerFinished() {
        this(null, null);
    }

    public ProducerFinished(Object caller) {
        this(caller, null);
    }

    /**
     * @param caller  who finished (usually the component), or null
     * @param message a detail, or null
     */
    public ProducerFinished(Object caller, Object message) {
        this.caller = caller;
        this.message = message;
    }

    /** Who finished, or null. */
    public Object caller() {
        return caller;
    }

    /** A detail, or null. */
    public Object message() {
        return message;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + Names.of(caller) + (message == null ? "" : ", " + message) + ")";
    }
}
