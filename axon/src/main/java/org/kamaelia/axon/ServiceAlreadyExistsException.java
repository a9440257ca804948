package org.kamaelia.axon;

/** Thrown by {@link CoordinatingAssistantTracker}; the message says which name and why. */
public class ServiceAlreadyExistsException extends AxonException {
    private static final long serialVersionUID = 1L;

    public ServiceAlreadyExistsException(String message) {
        super(message);
    }
}
