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
package org.kamaelia.protocol;

import java.util.function.BooleanSupplier;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * What the protocols of this package share: reading "control" by the shutdown conventions, and a
 * send that waits for space (backpressure) while still hearing "control".
 *
 * <h2>Why not plain sendBlocking</h2>
 * {@code sendBlocking} waits for space in the receiver's inbox and nothing else: a protocol blocked in
 * it towards a client that has stopped reading would not see a ShutdownMicroprocess until the client
 * read again. {@link #sendOrStop} waits in the same way (a refused send registers this component to
 * be woken when space is freed, then it pauses), but a delivery to "control" also wakes it, so a stop
 * request is honoured at once.
 *
 * <h2>Thread safety</h2>
 * Everything here is for main()'s thread only; the fields are confined to it.
 */
abstract class ProtocolComponent extends Component {
    private ShutdownMicroprocess stop;
    private ProducerFinished finish;

    /**
     * Reads every message waiting on "control": keeps the first {@link ShutdownMicroprocess} and the
     * first {@link ProducerFinished} (a SocketShutdown included); ignores anything else.
     *
     * @return true when a ShutdownMicroprocess has been received (now or before)
     */
    protected final boolean checkControl() {
        while (dataReady("control")) {
            Object m = recv("control");
            if (m instanceof ShutdownMicroprocess s) {
                if (stop == null) {
                    stop = s;
                }
            } else if (m instanceof ProducerFinished f) {
                if (finish == null) {
                    finish = f;
                }
            }
        }
        return stop != null;
    }

    /** The ShutdownMicroprocess received on "control", or null. */
    protected final ShutdownMicroprocess stopRequest() {
        return stop;
    }

    /** The ProducerFinished received on "control" (e.g. the client's end of stream), or null. */
    protected final ProducerFinished finishRequest() {
        return finish;
    }

    /**
     * Sends {@code message} on "outbox", waiting as long as the receiver's inbox is full, unless a
     * ShutdownMicroprocess arrives on "control" meanwhile.
     *
     * @return true when sent; false when a ShutdownMicroprocess came first (the message was not sent)
     */
    protected final boolean sendOrStop(Object message) {
        return stop == null && sendUnless(message, "outbox", stopArrived);
    }

    /** For {@link #sendOrStop}: reads control, then says whether a ShutdownMicroprocess has come. */
    private final BooleanSupplier stopArrived = this::checkControl;

    /** Discards everything waiting on "inbox". */
    protected final void discardInput() {
        while (dataReady("inbox")) {
            recv("inbox");
        }
    }

    /**
     * Sends the message this component ends with on "signal": the ShutdownMicroprocess or
     * ProducerFinished it received, or a new ProducerFinished from itself.
     */
    protected final void signalEnd() {
        Object m = stop != null ? stop : finish != null ? finish : new ProducerFinished(this);
        sendBlocking(m, "signal");
    }
}
