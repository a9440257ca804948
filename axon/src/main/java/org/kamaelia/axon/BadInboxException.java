package org.kamaelia.axon;

/** Thrown by {@link CoordinatingAssistantTracker}; the message says which name and why. */
public class BadInboxException extends AxonException {
    private static final long serialVersionUID = 1L;

    public BadInboxException(String message) {
        super(message);
    }
}
