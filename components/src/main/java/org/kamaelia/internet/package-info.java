/**
 * Internet components: TCP clients (and, later, servers) as Kamaelia components. Mirrors the original's
 * {@code Kamaelia.Internet}.
 *
 * <p>{@link org.kamaelia.internet.ThreadedTCPClient} holds one TCP connection on virtual threads: its
 * "inbox" goes to the server, the server's bytes come out of its "outbox", and its "signal" carries
 * typed errors and ends with one {@link org.kamaelia.ipc.SocketShutdown}.
 */
package org.kamaelia.internet;
