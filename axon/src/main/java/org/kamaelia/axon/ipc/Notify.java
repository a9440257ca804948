package org.kamaelia.axon.ipc;

import java.util.Objects;

/** A generic event notice: who sent it and what it is about. */
public class Notify extends Ipc {
    private final Object caller;
    private final Object object;

    /**
     * @param caller who sends the notice (required)
     * @param object its payload (may be null)
     */
    public Notify(Object caller, Object object) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.object = object;
    }

    public Object caller() {
        return caller;
    }

    /** The payload (Axon's {@code .object}). */
    public Object object() {
        return object;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + Names.of(caller) + ", " + object + ")";
    }
}
