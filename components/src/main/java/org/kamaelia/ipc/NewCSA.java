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
import org.kamaelia.internet.ConnectionInfo;

/**
 * A server accepted a connection: sent by {@link org.kamaelia.internet.TCPServer} on its
 * "protocolHandlerSignal" outbox, carrying the socket component made for it (not yet activated) and
 * the connection's two addresses. The receiver wires the socket component to something and activates
 * it, or closes it. The original's {@code newCSA}.
 */
public class NewCSA extends Notify {
    private final ConnectionInfo connection;

    /**
     * @param caller     the server that accepted the connection
     * @param csa        the socket component for it, not yet activated
     * @param connection the connection's two addresses
     */
    public NewCSA(Object caller, ConnectedSocketAdapter csa, ConnectionInfo connection) {
        super(caller, Objects.requireNonNull(csa, "csa"));
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** The socket component for the new connection (the original's {@code .object}). */
    public ConnectedSocketAdapter csa() {
        return (ConnectedSocketAdapter) object();
    }

    /** The connection's two addresses. */
    public ConnectionInfo connection() {
        return connection;
    }
}
