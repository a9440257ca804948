package org.kamaelia.axon;

/**
 * The base of the exceptions the Axon runtime throws (Axon's AxonException).
 */
public class AxonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AxonException(String message) {
        super(message);
    }

    public AxonException(String message, Throwable cause) {
        super(message, cause);
    }
}
