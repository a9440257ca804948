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

import java.util.Objects;

/**
 * {@code kamaelia demo [--protocol fortune|echo]} (also what {@code kamaelia} with no arguments runs).
 *
 * @param protocol the server the demo runs in the process: {@link ServerProtocol#FORTUNE} (the default)
 *                 or {@link ServerProtocol#ECHO}
 */
record DemoConfig(ServerProtocol protocol) implements CommandConfig {
    /** The demo's default: a fortune server. */
    static final DemoConfig DEFAULT = new DemoConfig(ServerProtocol.FORTUNE);

    /**
     * @throws NullPointerException     when protocol is null
     * @throws IllegalArgumentException when it is not fortune or echo (the others never finish or say nothing)
     */
    DemoConfig {
        Objects.requireNonNull(protocol, "protocol");
        if (protocol != ServerProtocol.FORTUNE && protocol != ServerProtocol.ECHO) {
            throw new IllegalArgumentException("--protocol: '" + protocol.cliName()
                    + "' (expected: fortune or echo for the demo)");
        }
    }
}
