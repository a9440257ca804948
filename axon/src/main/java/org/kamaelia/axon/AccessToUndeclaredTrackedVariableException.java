package org.kamaelia.axon;

/** Thrown by {@link CoordinatingAssistantTracker}; the message says which name and why. */
public class AccessToUndeclaredTrackedVariableException extends AxonException {
    private static final long serialVersionUID = 1L;

    public AccessToUndeclaredTrackedVariableException(String message) {
        super(message);
    }
}
