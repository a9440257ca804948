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

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.kamaelia.axon.Component;
import org.kamaelia.protocol.ChargenProtocol;
import org.kamaelia.protocol.DaytimeProtocol;
import org.kamaelia.protocol.DiscardProtocol;
import org.kamaelia.protocol.EchoProtocol;
import org.kamaelia.protocol.FortuneCookieProtocol;

/** The protocols {@code kamaelia serve} can run, by their command-line names. */
enum ServerProtocol {
    ECHO("sends back every byte it receives (RFC 862)", EchoProtocol::new),
    DISCARD("reads and throws away everything it receives (RFC 863)", DiscardProtocol::new),
    CHARGEN("sends lines of printable characters until the client closes (RFC 864)", ChargenProtocol::new),
    DAYTIME("sends the date and time as one line, then closes (RFC 867)", DaytimeProtocol::new),
    FORTUNE("sends a few lines of wisdom, then closes", FortuneCookieProtocol::new);

    private final String description;
    private final Supplier<? extends Component> factory;

    ServerProtocol(String description, Supplier<? extends Component> factory) {
        this.description = description;
        this.factory = factory;
    }

    /** The name on the command line: {@code echo}, {@code discard}, ... */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String description() {
        return description;
    }

    /** Makes a protocol component for one connection. */
    Supplier<? extends Component> factory() {
        return factory;
    }

    /**
     * The protocol named {@code name} (any case).
     *
     * @throws NullPointerException     when name is null
     * @throws IllegalArgumentException when no protocol has that name; the message lists them
     */
    static ServerProtocol fromCliName(String name) {
        Objects.requireNonNull(name, "name");
        for (ServerProtocol p : values()) {
            if (p.cliName().equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("--protocol: '" + name + "' (expected: one of " + names() + ")");
    }

    /** The command-line names, comma-separated. */
    static String names() {
        return Arrays.stream(values()).map(ServerProtocol::cliName).collect(Collectors.joining(", "));
    }
}
