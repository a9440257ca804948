package org.kamaelia.axon.ipc;

/**
 * The base of Axon's control and notification messages. Messages of these types are immutable:
 * every field is final and set by the constructor.
 *
 * <p>Components test them with {@code instanceof}, so the class relations are Axon's: each class here
 * extends Ipc directly, and none extends another; in the Kamaelia module, {@code SocketShutdown}
 * is-a {@link ProducerFinished} and {@code ServerShutdown} is-a {@link ShutdownMicroprocess}.
 */
public class Ipc {
    public Ipc() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
