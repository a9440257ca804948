/*
 * Copyright 2026 The Kamaelia for Java authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.kamaelia.cli;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code kamaelia serve [--port N] [--bind ADDR] [--max-connections N] [--backlog N] [--idle-timeout DURATION]
 * [--first-byte-timeout DURATION] --protocol NAME}.
 *
 * @param port             the port to listen on, 0 to 65535; 0 takes any free port (printed at start)
 * @param bind             the address to listen on: an address literal or a host name, resolved when the
 *                         server starts
 * @param protocol         what each connection gets
 * @param maxConnections   the most connections open at once ({@code --max-connections}, at least 1); beyond
 *                         it a new connection is accepted and closed at once
 * @param backlog          the listen backlog ({@code --backlog}, at least 1): connections the kernel holds
 *                         before they are accepted
 * @param idleTimeout      close a connection after this long with no data either way
 *                         ({@code --idle-timeout}); {@link Duration#ZERO} is off
 * @param firstByteTimeout close a connection whose client has sent nothing this long after connecting
 *                         ({@code --first-byte-timeout}); {@link Duration#ZERO} is off
 */
record ServeConfig(int port, String bind, ServerProtocol protocol, int maxConnections, int backlog,
                   Duration idleTimeout, Duration firstByteTimeout) implements CommandConfig {
    /** The port when none is given: 1601, the port of Kamaelia's own examples. */
    static final int DEFAULT_PORT = 1601;
    /** The address when none is given: loopback only. */
    static final String DEFAULT_BIND = "127.0.0.1";
    /** The most connections open at once when not given: the library's default. */
    static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** The listen backlog when not given: the library's default, the system's maximum (somaxconn). */
    static final int DEFAULT_BACKLOG = org.kamaelia.internet.TCPServer.systemBacklog();
    /** How long a connection may be idle when not given: 5 minutes. */
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** How long a client may take to send its first byte when not given: no limit. */
    static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ZERO;

    /**
     * @throws NullPointerException     when bind, protocol or a duration is null
     * @throws IllegalArgumentException when port is not 0 to 65535, bind is blank, maxConnections or
     *                                  backlog is below 1, or a duration is negative
     */
    ServeConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " (expected: 0 to 65535; 0 for any free port)");
        }
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(firstByteTimeout, "firstByteTimeout");
        if (bind.isBlank()) {
            throw new IllegalArgumentException("--bind: '" + bind + "' (expected: an address such as 127.0.0.1 "
                    + "or 0.0.0.0, or a host name)");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections: " + maxConnections + " (expected: >= 1)");
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("--backlog: " + backlog + " (expected: >= 1)");
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("--idle-timeout: " + idleTimeout
                    + " (expected: a duration >= 0; 0 for off)");
        }
        if (firstByteTimeout.isNegative()) {
            throw new IllegalArgumentException("--first-byte-timeout: " + firstByteTimeout
                    + " (expected: a duration >= 0; 0 for off)");
        }
    }

    /** A config with every other option at its default. */
    ServeConfig(int port, String bind, ServerProtocol protocol) {
        this(port, bind, protocol, DEFAULT_MAX_CONNECTIONS, DEFAULT_BACKLOG, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_FIRST_BYTE_TIMEOUT);
    }
}
