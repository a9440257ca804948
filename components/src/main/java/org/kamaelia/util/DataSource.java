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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Sends each item of an {@link Iterable} or a {@link Stream} on "outbox", then a ProducerFinished on
 * "signal": the start of a pipeline that works on known data.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(DataSource.of("hello\n", "world\n"), new LinesToBytes(), new ConsoleEchoer()).run();
 * new Pipeline(new DataSource(Files.lines(path)), new ConsoleEchoer()).run(); // the stream is closed at the end
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": not used</li>
 * <li>inbox "control": ShutdownMicroprocess stops it early; ProducerFinished is remembered (see
 *     Termination); other messages are ignored</li>
 * <li>outbox "outbox": the items, in iteration order</li>
 * <li>outbox "signal": {@code ProducerFinished(this)} after the last item, or the control message it
 *     stopped on; {@link org.kamaelia.axon.ipc.ErrorInformation} for a null item</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It iterates lazily, one item at a time, so an Iterable or Stream may be endless or computed on the
 * fly. Each item goes out with a blocking send: when the next component's inbox is bounded and full,
 * the source waits for space, so nothing is lost or reordered and memory stays bounded. Between
 * items, and while it waits for space, it watches "control" (an iterator that blocks in
 * {@code hasNext()} or {@code next()} delays that until it returns). A null item cannot be a
 * message: it is reported as an ErrorInformation naming its position and skipped. An exception thrown by the
 * iterator ends the component as a failure (the runtime reports it on "signal"). A Stream is closed
 * when the source finishes, however it finishes, so resources it holds (open files) are released.
 * An Iterable is iterated once per DataSource; a Stream can of course be used only once.
 *
 * <h2>Termination</h2>
 * It finishes on its own when the items run out, sending {@code new ProducerFinished(this)} on
 * "signal". A {@link ShutdownMicroprocess} on "control" stops it before the next item, or abandons
 * a send that is waiting for space (that item is not delivered); the message is passed on out of
 * "signal". A {@link ProducerFinished} on "control" does not cut the items short (this component's
 * input is its items, not its inbox): it sends the rest, then passes that ProducerFinished on instead
 * of its own. Divergences from the original: Axon's DataSource emptied the list it was given, sent
 * one item per scheduler cycle without backpressure, and ignored "control".
 */
public final class DataSource extends UtilComponent {
    private final Iterable<?> items;
    private final Stream<?> stream;
    private volatile long sent;

    /**
     * A source of the items of {@code items}, iterated when the component runs.
     *
     * @throws NullPointerException when items is null
     */
    public DataSource(Iterable<?> items) {
        this.items = Objects.requireNonNull(items, "items");
        this.stream = null;
    }

    /**
     * A source of the elements of {@code stream}, which it closes when it finishes.
     *
     * @throws NullPointerException when stream is null
     */
    public DataSource(Stream<?> stream) {
        this.items = null;
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    /**
     * A source of the given items.
     *
     * @throws NullPointerException when an item is null (naming its index)
     */
    public static DataSource of(Object... items) {
        Objects.requireNonNull(items, "items");
        List<Object> list = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                throw new NullPointerException("items[" + i + "] is null (messages must not be null)");
            }
            list.add(items[i]);
        }
        return new DataSource(List.copyOf(list));
    }

    /** How many items it has sent so far. Any thread. */
    public long sentCount() {
        return sent;
    }

    @Override
    protected void main() {
        try {
            Iterator<?> it = stream != null ? stream.iterator() : items.iterator();
            long index = 0;
            while (!stopNow() && it.hasNext()) {
                Object item = it.next();
                if (item == null) {
                    report("item " + index + " is null (messages must not be null); skipped",
                            new NullPointerException("item " + index + " is null"));
                } else if (sendOrAbort(item, "outbox")) {
                    sent++;
                }
                index++;
                if (dataReady("control")) {
                    checkControl();
                }
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
        checkControl();
        sendSignal(pendingStop() != null ? pendingStop() : new ProducerFinished(this));
    }
}
