package org.kamaelia.axon.ipc;

/**
 * Axon's original "stop" message. A different class from {@link ShutdownMicroprocess}: an instanceof
 * test for one does not match the other. Few components act on it.
 */
public class Shutdown extends Ipc {
    public Shutdown() {
    }
}
