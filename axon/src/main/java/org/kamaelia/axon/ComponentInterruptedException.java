package org.kamaelia.axon;

/**
 * A component's thread was interrupted while it waited (in pause, a blocking receive or a blocking
 * send). The interrupt flag is set again before this is thrown.
 */
public class ComponentInterruptedException extends AxonException {
    private static final long serialVersionUID = 1L;

    public ComponentInterruptedException(String message) {
        super(message);
    }
}
