package org.kamaelia.axon;

/** Thrown by {@link CoordinatingAssistantTracker}; the message says which name and why. */
public class NamespaceClashException extends AxonException {
    private static final long serialVersionUID = 1L;

    public NamespaceClashException(String message) {
        super(message);
    }
}
