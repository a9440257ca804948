package org.kamaelia.axon.ipc;

import java.util.List;

/**
 * "Stop now": a hard shutdown request sent to "control". The receiver stops as soon as it can, without
 * finishing pending work, and passes this message on out of its "signal".
 */
public class ShutdownMicroprocess extends Ipc {
    private final List<Object> microprocesses;

    /** @param microprocesses the components this request is about (Axon's arguments), often none */
    public ShutdownMicroprocess(Object... microprocesses) {
        this.microprocesses = List.of(microprocesses);
    }

    /** The components given to the constructor, in order. */
    public List<Object> microprocesses() {
        return microprocesses;
    }
}
