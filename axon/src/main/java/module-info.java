/**
 * Axon: the component runtime of Kamaelia for Java. Components, inboxes and outboxes, linkages,
 * scheduling, threaded components, control messages and the service registry. No dependencies.
 */
module org.kamaelia.axon {
    exports org.kamaelia.axon;
    exports org.kamaelia.axon.ipc;
}
