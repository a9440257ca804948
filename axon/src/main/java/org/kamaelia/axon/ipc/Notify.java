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

/** A generic event notice: who sent it and what it is about. */
public class Notify extends Ipc {
    private final Object caller;
    private final Object object;

    /**
     * @param caller who sends the notice (required)
     * @param object its payload (may be null)
     */
    public Notify(Object caller, Object object) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.object = object;
    }

    public Object caller() {
        return caller;
    }

    /** The payload (Axon's {@code .object}). */
    public Object object() {
        return object;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + Names.of(caller) + ", " + object + ")";
    }
}
