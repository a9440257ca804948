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
