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

/**
 * {@code recv} on an inbox that holds no message (Axon raised IndexError).
 *
 * <p>Likely causes: receiving without checking {@code dataReady} first; receiving from an inbox that is
 * linked onward to a child (its messages go straight to the child, so it always looks empty).
 */
public class EmptyBoxException extends AxonException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final String box;

    public EmptyBoxException(String component, String box) {
        super(component + ": inbox '" + box + "' is empty (check dataReady(\"" + box + "\") before recv)");
        this.component = component;
        this.box = box;
    }

    public String component() {
        return component;
    }

    public String box() {
        return box;
    }
}
