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

import java.util.Objects;

/**
 * A report of an error, carrying the exception: sent on "signal". It does not end anything by itself;
 * components that do not look for it ignore it. When a component's main() throws, the runtime sends
 * one of these and then a {@link ProducerFinished}.
 */
public class ErrorInformation extends Ipc {
    private final Object caller;
    private final Throwable exception;
    private final String message;

    public ErrorInformation(Object caller) {
        this(caller, null, null);
    }

    /**
     * @param caller    who reports it (required)
     * @param exception the exception, or null
     * @param message   a human-readable description, or null
     */
    public ErrorInformation(Object caller, Throwable exception, String message) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.exception = exception;
        this.message = message;
    }

    public Object caller() {
        return caller;
    }

    /** The exception, or null. */
    public Throwable exception() {
        return exception;
    }

    /** A human-readable description, or null. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "ErrorInformation(" + Names.of(caller) + ", " + (message != null ? message : exception) + ")";
    }
}
