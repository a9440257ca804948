package org.kamaelia.ipc;

import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Tells a server to stop listening and close its connections. It is-a {@link ShutdownMicroprocess},
 * as in the original's class relations.
 */
public class ServerShutdown extends ShutdownMicroprocess {
    public ServerShutdown(Object... microprocesses) {
        super(microprocesses);
    }
}
