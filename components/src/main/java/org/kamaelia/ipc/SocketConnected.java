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

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP connection has been made: sent on "signal" by a socket component that was asked to announce
 * it (see {@code ThreadedTCPClient.Builder.announceConnection}). It is not a shutdown message, so
 * components downstream that do not look for it ignore it. The typed form of the original's status
 * strings ("socket connected").
 */
public final class SocketConnected {
    private final Object caller;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;

    /**
     * @param caller the socket component (or null)
     * @param local  this end's address
     * @param remote the peer's address
     */
    public SocketConnected(Object caller, InetSocketAddress local, InetSocketAddress remote) {
        this.caller = caller;
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    /** The socket component that made the connection, or null. */
    public Object caller() {
        return caller;
    }

    /** This end's address. */
    public InetSocketAddress local() {
        return local;
    }

    /** The peer's address. */
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public String toString() {
        return "SocketConnected(" + local + " -> " + remote + ")";
    }
}
