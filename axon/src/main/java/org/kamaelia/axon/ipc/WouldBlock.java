package org.kamaelia.axon.ipc;

import java.util.Objects;

/** A hint that the caller is about to block. */
public class WouldBlock extends Ipc {
    private final Object caller;

    /** @param caller who is about to block (required) */
    public WouldBlock(Object caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    public Object caller() {
        return caller;
    }
}
