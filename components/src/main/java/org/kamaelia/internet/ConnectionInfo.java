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
