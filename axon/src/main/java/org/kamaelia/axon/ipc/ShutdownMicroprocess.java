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

import java.util.List;

/**
 * "Stop now": a hard shutdown request sent to "control". The receiver stops as soon as it can, without
 * finishing pending work, and passes this message on out of its "signal".
 */
public class ShutdownMicroprocess extends Ipc {
    private final List<Object> microprocesses;

    /** @param microprocesses the components this request is about (Axon's arguments), often none */
    public ShutdownMicroprocess(Object... microprocesses) {
        this.microprocesses = List.of(microprocesses);
    }

    /** The components given to the constructor, in order. */
    public List<Object> microprocesses() {
        return microprocesses;
    }
}
