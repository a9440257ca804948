package org.kamaelia.axon;

/** Thrown by {@link CoordinatingAssistantTracker}; the message says which name and why. */
public class MultipleServiceDeletionException extends AxonException {
    private static final long serialVersionUID = 1L;

    public MultipleServiceDeletionException(String message) {
        super(message);
    }
}
