package org.kamaelia.util;

/**
 * What {@link PureTransformer} and {@link Filter} do when the function they apply throws.
 */
public enum OnError {
    /**
     * Send an {@link org.kamaelia.axon.ipc.ErrorInformation} on "signal" carrying the exception and
     * naming the message (its number and type), drop that message, and carry on with the next one.
     * The default: one bad message does not end a stream.
     */
    REPORT,

    /**
     * End the component as a failure: main() throws a {@link ProcessingException} naming the message,
     * with the function's exception as its cause. The runtime then sends an ErrorInformation and a
     * ProducerFinished on "signal", records the failure, and a Pipeline around it shuts down the stages
     * before it.
     */
    FAIL
}
