package org.kamaelia.axon;

/** Thrown by {@link CoordinatingAssistantTracker}; the message says which name and why. */
public class BadComponentException extends AxonException {
    private static final long serialVersionUID = 1L;

    public BadComponentException(String message) {
        super(message);
    }
}
