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

import java.util.Objects;

/**
 * A component whose {@code main()} runs on a thread of its own and may block freely: in socket I/O,
 * native calls, long computations. Axon's {@code threadedcomponent}.
 *
 * <h2>Threads</h2>
 * <pre>
 *   other components --send--> [inbox]   ThreadedComponent.main()  [outbox] --send--> other components
 *                              [control]  on its own thread:        [signal]
 *                                         PLATFORM (default) or VIRTUAL
 * </pre>
 * It has the same API as {@link Component}: boxes are thread-safe, so {@code main()} calls
 * {@code recv}, {@code send}, {@code dataReady} and {@code pause} directly. A PLATFORM thread (the
 * default) suits code that blocks in ways a virtual thread handles badly (native calls, CPU-bound
 * loops, {@code synchronized} blocks around I/O on Java 21); a VIRTUAL thread suits code that blocks
 * in socket I/O, which unmounts it, so thousands can run at once (the TCP client uses it).
 *
 * <h2>How it differs from Axon's threadedcomponent</h2>
 * <ul>
 * <li>No proxy generator and no per-box queues between the thread and the boxes: the thread works on
 *     the boxes themselves. So there is no extra "queue length" of capacity in each direction; an
 *     inbox's capacity is exactly what {@link #setInboxSize} says, and {@code dataReady} sees every
 *     delivered message at once.</li>
 * <li>{@code send} raises {@link BoxFullException} only when the destination inbox is bounded and full
 *     (Axon's raised when its private outqueue of 1000 filled up); {@code sendBlocking} waits instead.</li>
 * <li>{@code recv} does not block: it throws {@link EmptyBoxException} on an empty inbox, as in an
 *     ordinary component; {@code recv(box, timeout)} is the blocking receive.</li>
 * <li>An exception escaping {@code main()} ends this component only (Axon re-raised it in the
 *     scheduler and stopped the whole system).</li>
 * <li>{@code link} and {@code unlink} may be called from the thread directly: linking is thread-safe.</li>
 * </ul>
 */
public abstract class ThreadedComponent extends Component {

    /** Which kind of thread runs {@code main()}. */
    public enum ThreadType { PLATFORM, VIRTUAL }

    private final ThreadType threadType;

    /** A threaded component on a platform (daemon) thread. */
    protected ThreadedComponent() {
        this(ThreadType.PLATFORM);
    }

    /** A threaded component on the given kind of thread. */
    protected ThreadedComponent(ThreadType threadType) {
        this.threadType = Objects.requireNonNull(threadType, "threadType");
    }

    public final ThreadType threadType() {
        return threadType;
    }

    @Override
    final Thread newThread(Runnable body) {
        if (threadType == ThreadType.VIRTUAL) {
            return Thread.ofVirtual().name(name()).unstarted(body);
        }
        return Thread.ofPlatform().name(name()).daemon(true).unstarted(body);
    }
}
