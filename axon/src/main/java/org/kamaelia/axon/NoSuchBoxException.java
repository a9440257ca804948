package org.kamaelia.axon;

import java.util.Set;
import java.util.TreeSet;

/**
 * A box name that the component does not have (Axon raised KeyError).
 *
 * <p>Likely causes: a typo in the name; a box that was never declared with {@code declareInbox} or
 * {@code declareOutbox}; an inbox name used where an outbox was meant, or the other way round.
 */
public class NoSuchBoxException extends AxonException {
    private static final long serialVersionUID = 1L;

    public NoSuchBoxException(String component, String kind, String box, Set<String> known) {
        super(component + ": no " + kind + " named '" + box + "' (its " + kind + "es: " + new TreeSet<>(known) + ")");
    }
}
