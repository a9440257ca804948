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
