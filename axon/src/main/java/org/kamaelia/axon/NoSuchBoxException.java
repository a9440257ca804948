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

import java.util.Set;
import java.util.TreeSet;

/**
 * A box name that the component does not have (Axon raised KeyError).
 *
 * <p>Likely causes: a typo in the name; a box that was never declared with {@code declareInbox} or
 * {@code declareOutbox}; an inbox name used where an outbox was meant, or the other way round.
 */
public class NoSuchBoxException extends AxonException {
    private static final long serialVersionUID = 1L;

    public NoSuchBoxException(String component, String kind, String box, Set<String> known) {
        super(component + ": no " + kind + " named '" + box + "' (its " + kind + "es: " + new TreeSet<>(known) + ")");
    }
}
