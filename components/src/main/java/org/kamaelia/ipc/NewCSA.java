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
