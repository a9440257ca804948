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
package org.kamaelia.chassis;

import org.kamaelia.axon.Component;
import org.kamaelia.internet.ConnectionInfo;

/**
 * Makes the protocol component for one accepted connection: what {@link ServerCore} calls for each
 * client. It sees the connection's two addresses, as the original's factory was given {@code peer},
 * {@code peerport}, {@code localip} and {@code localport}.
 * <pre>{@code
 * ProtocolFactory greeter = c -> new GreetingProtocol("hello " + c.peer().getAddress().getHostAddress());
 * }</pre>
 * It runs on the server's own thread, so it should be quick: do slow work (files, lookups) once,
 * outside it, or inside the protocol.
 */
@FunctionalInterface
public interface ProtocolFactory {
    /**
     * Makes a new, not yet activated component for one connection. The server wires its "inbox",
     * "control", "outbox" and "signal" to the connection and activates it.
     *
     * @param connection the connection's two addresses
     * @return a new component, never one returned before; not null
     */
    Component create(ConnectionInfo connection);
}
