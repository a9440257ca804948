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
package org.kamaelia.internet;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The two ends of one accepted TCP connection, as a server sees them: what a protocol factory is given
 * so the protocol can know who it is talking to (the original ServerCore passed {@code peer},
 * {@code peerport}, {@code localip} and {@code localport} to its factory).
 *
 * @param id    a number that {@link TCPServer} gives each connection it accepts, from 1 upwards
 * @param peer  the remote end (the client's address and port)
 * @param local the local end (the address and port the client connected to)
 */
public record ConnectionInfo(long id, InetSocketAddress peer, InetSocketAddress local) {
    /**
     * @throws NullPointerException when {@code peer} or {@code local} is null
     */
    public ConnectionInfo {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(local, "local");
    }

    @Override
    public String toString() {
        return "connection #" + id + " " + peer + " -> " + local;
    }
}
