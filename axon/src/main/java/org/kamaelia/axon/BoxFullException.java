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
 * A send into a bounded inbox that is full (Axon's noSpaceInBox). The message was not delivered: it
 * stays with the sender, which is woken once space is freed in that inbox. Thrown by a send into an
 * inbox whose capacity was set ({@code setInboxSize}), and by a delivery from outside any component
 * ({@code deliver}, {@code Handle.put}) into an inbox at its default bound; a component's own send at
 * the default bound waits for space instead.
 *
 * <p>Likely causes: the receiver is slower than the sender (use {@code sendBlocking} to wait for space
 * instead, which is how backpressure is meant to travel); the inbox's capacity is too small for the
 * bursts it receives; the receiver has stopped reading without finishing.
 */
public class BoxFullException extends AxonException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final String box;
    private final int size;
    private final int capacity;

    BoxFullException(Box via, Inbox full, int size, int capacity, boolean defaultBound) {
        super((via == full ? "" : "send on " + via + ": ") + full.ownerName + " inbox '" + full.name
                + "' is full (" + size + " messages, " + (defaultBound
                        ? "the default bound of " + capacity + " from this sender; a component's send would wait"
                        : "capacity " + capacity) + ")");
        this.component = full.ownerName;
        this.box = full.name;
        this.size = size;
        this.capacity = capacity;
    }

    /** The name of the component whose inbox was full. */
    public String component() {
        return component;
    }

    /** The name of the full inbox. */
    public String box() {
        return box;
    }

    /** How many messages it held (Axon's first argument). */
    public int size() {
        return size;
    }

    /** Its capacity (Axon's second argument). */
    public int capacity() {
        return capacity;
    }
}
