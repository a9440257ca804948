package org.kamaelia.axon;

/**
 * {@code recv} on an inbox that holds no message (Axon raised IndexError).
 *
 * <p>Likely causes: receiving without checking {@code dataReady} first; receiving from an inbox that is
 * linked onward to a child (its messages go straight to the child, so it always looks empty).
 */
public class EmptyBoxException extends AxonException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final String box;

    public EmptyBoxException(String component, String box) {
        super(component + ": inbox '" + box + "' is empty (check dataReady(\"" + box + "\") before recv)");
        this.component = component;
        this.box = box;
    }

    public String component() {
        return component;
    }

    public String box() {
        return box;
    }
}
