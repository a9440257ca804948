/**
 * Kamaelia: components built on Axon. Chassis (Pipeline, Graphline, servers), internet (TCP client and
 * server), protocols, utilities.
 */
module org.kamaelia.components {
    requires transitive org.kamaelia.axon;

    exports org.kamaelia.chassis;
    exports org.kamaelia.internet;
    exports org.kamaelia.ipc;
    exports org.kamaelia.protocol;
    exports org.kamaelia.util;
}
