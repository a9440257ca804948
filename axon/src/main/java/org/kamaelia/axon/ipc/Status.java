package org.kamaelia.axon.ipc;

import java.util.Objects;

/** A generic status message. */
public class Status extends Ipc {
    private final Object status;

    /** @param status the status (required) */
    public Status(Object status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    public Object status() {
        return status;
    }

    @Override
    public String toString() {
        return "Status(" + status + ")";
    }
}
