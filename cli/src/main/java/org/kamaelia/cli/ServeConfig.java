package org.kamaelia.cli;

import java.util.Objects;

/**
 * {@code kamaelia serve [--port N] [--bind ADDR] --protocol NAME}.
 *
 * @param port     the port to listen on, 0 to 65535; 0 takes any free port (printed at start)
 * @param bind     the address to listen on: an address literal or a host name, resolved when the server starts
 * @param protocol what each connection gets
 */
record ServeConfig(int port, String bind, ServerProtocol protocol) implements CommandConfig {
    /** The port when none is given: 1601, the port of Kamaelia's own examples. */
    static final int DEFAULT_PORT = 1601;
    /** The address when none is given: loopback only. */
    static final String DEFAULT_BIND = "127.0.0.1";

    /**
     * @throws NullPointerException     when bind or protocol is null
     * @throws IllegalArgumentException when port is not 0 to 65535 or bind is blank
     */
    ServeConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " (expected: 0 to 65535; 0 for any free port)");
        }
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(protocol, "protocol");
        if (bind.isBlank()) {
            throw new IllegalArgumentException("--bind: '" + bind + "' (expected: an address such as 127.0.0.1 "
                    + "or 0.0.0.0, or a host name)");
        }
    }
}
