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
package org.kamaelia.ipc;

import java.util.Objects;
import org.kamaelia.axon.ipc.Notify;
import org.kamaelia.internet.ConnectedSocketAdapter;

/**
 * A connection a server accepted has closed: sent by {@link org.kamaelia.internet.TCPServer} on its
 * "protocolHandlerSignal" outbox once the socket component has closed its socket, carrying that
 * component and its final {@link SocketShutdown} (why it ended, bytes each way, what was left unsent).
 * The original's {@code shutdownCSA}.
 */
public class ShutdownCSA extends Notify {
    private final SocketShutdown reason;

    /**
     * @param caller the server that had accepted the connection
     * @param csa    the socket component that has closed
     * @param reason its final report
     */
    public ShutdownCSA(Object caller, ConnectedSocketAdapter csa, SocketShutdown reason) {
        super(caller, Objects.requireNonNull(csa, "csa"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The socket component that has closed (the original's {@code .object}). */
    public ConnectedSocketAdapter csa() {
        return (ConnectedSocketAdapter) object();
    }

    /** Its final report: why it ended, bytes each way, what was left unsent. */
    public SocketShutdown reason() {
        return reason;
    }
}
