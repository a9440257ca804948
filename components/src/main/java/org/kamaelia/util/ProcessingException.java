package org.kamaelia.util;

/**
 * A function given to a component ({@link PureTransformer}, {@link Filter}) threw while handling a
 * message. Its message names the component, the message's number (counting from 0) and its type;
 * its cause is what the function threw.
 *
 * <p>Likely causes: the function does not accept a message of that type (a ClassCastException from
 * the generic types, which are not checked when the message arrives); a bug in the function; data
 * the function cannot handle.
 */
public class ProcessingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
