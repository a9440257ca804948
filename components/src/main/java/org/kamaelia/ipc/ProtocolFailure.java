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
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.internet.ConnectionInfo;

/**
 * One connection of a server lost its protocol: the protocol's main() threw, or the protocol factory
 * threw or returned something unusable. Sent by {@link org.kamaelia.chassis.ServerCore} on its
 * "signal" while it runs (the server goes on serving the other connections), so that whoever runs the
 * server can report it; {@link org.kamaelia.chassis.ServerCore#protocolFailures()} keeps the most
 * recent ones too.
 */
public class ProtocolFailure extends ErrorInformation {
    private final ConnectionInfo connection;
    private final Component protocol;

    /**
     * @param server     the server reporting it
     * @param connection the connection whose protocol failed
     * @param protocol   the protocol that failed, or null when the factory failed (there was none)
     * @param error      what was thrown
     * @param message    one line saying which connection and what happened
     */
    public ProtocolFailure(Object server, ConnectionInfo connection, Component protocol, Throwable error,
                           String message) {
        super(server, Objects.requireNonNull(error, "error"), message);
        this.connection = Objects.requireNonNull(connection, "connection");
        this.protocol = protocol;
    }

    /** The connection whose protocol failed. */
    public ConnectionInfo connection() {
        return connection;
    }

    /** The protocol that failed, or null when the factory failed. */
    public Component protocol() {
        return protocol;
    }
}
