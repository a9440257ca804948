package org.kamaelia.axon;

/**
 * A box that already feeds a destination was linked to a second one (Axon's
 * BoxAlreadyLinkedToDestination). A box may feed one destination; to send one stream to many inboxes
 * use a fan-out component.
 */
public class BoxAlreadyLinkedException extends AxonException {
    private static final long serialVersionUID = 1L;

    BoxAlreadyLinkedException(Box box, Linkage existing) {
        super(box + " already feeds a destination (" + existing + "); unlink it first, or use a fan-out component");
    }
}
