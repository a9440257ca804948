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
package org.kamaelia.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Sends the date and time as one human-readable line, then finishes (the server then closes the
 * connection): the Daytime protocol (RFC 867).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * SimpleServer server = SimpleServer.builder(DaytimeProtocol::new).port(13).build();
 * server.activate();
 * // a client reads e.g. "Monday, February 22, 1982 17:37:43-PST\r\n", then end of stream
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": anything; discarded, as the RFC says.</li>
 * <li>inbox "control": a ShutdownMicroprocess received before the line is sent stops it without
 *     sending; other messages are ignored.</li>
 * <li>outbox "outbox": one {@code byte[]}: the line in US-ASCII, ending with CR LF, in the form
 *     {@code Weekday, Month Day, Year HH:MM:SS-Zone} (the RFC's example form), in the clock's zone.</li>
 * <li>outbox "signal": a ProducerFinished after the line (the one received on "control" if any), or
 *     the ShutdownMicroprocess that stopped it.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It reads the clock once, when it starts, and sends the line. Give it a fixed {@link Clock} to make
 * the output predictable.
 *
 * <h2>Termination</h2>
 * It finishes on its own after sending the line. A ShutdownMicroprocess on "control" before or while
 * waiting to send stops it at once; it passes that on out of "signal".
 */
public class DaytimeProtocol extends ProtocolComponent {
    /** The line's format, e.g. {@code Monday, February 22, 1982 17:37:43-PST} (the RFC's example says Tuesday). */
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu HH:mm:ss-zzz", Locale.ENGLISH);

    private final Clock clock;

    /** Tells the time of the system clock in the default time zone. */
    public DaytimeProtocol() {
        this(Clock.systemDefaultZone());
    }

    /**
     * Tells the time of {@code clock}, in its zone.
     *
     * @throws NullPointerException when {@code clock} is null
     */
    public DaytimeProtocol(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The line for the given time, with its CR LF. */
    public static String line(ZonedDateTime time) {
        return FORMAT.format(Objects.requireNonNull(time, "time")) + "\r\n";
    }

    @Override
    protected void main() {
        if (!checkControl()) {
            byte[] line = line(ZonedDateTime.now(clock)).getBytes(StandardCharsets.US_ASCII);
            sendOrStop(line);
        }
        discardInput();
        signalEnd();
    }
}
