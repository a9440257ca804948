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

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kamaelia.internet.ServerTestSupport.WAIT;
import static org.kamaelia.internet.ServerTestSupport.readToEnd;

import java.net.Socket;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.SimpleServer;

class DaytimeProtocolTest extends ProtocolTestBase {
    private static final ZonedDateTime RFC_EXAMPLE =
            ZonedDateTime.of(1982, 2, 22, 17, 37, 43, 0, ZoneId.of("America/Los_Angeles"));

    @Test
    void theLineHasTheRfc867ExampleFormInTheClocksZone() throws Exception {
        DaytimeProtocol daytime = new DaytimeProtocol(Clock.fixed(RFC_EXAMPLE.toInstant(), RFC_EXAMPLE.getZone()));
        Handle h = handle(daytime);

        assertThat(new String((byte[]) h.get("outbox", WAIT), US_ASCII))
                .isEqualTo("Monday, February 22, 1982 17:37:43-PST\r\n");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        assertThat(DaytimeProtocol.line(RFC_EXAMPLE)).isEqualTo("Monday, February 22, 1982 17:37:43-PST\r\n");
    }

    @Test
    void overTcpTheClientReadsOneLineThenEndOfStream() throws Exception {
        SimpleServer server = server(DaytimeProtocol::new);
        Socket c = client(server);

        String text = new String(readToEnd(c), US_ASCII);

        assertThat(text).matches("[A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{2}:\\d{2}:\\d{2}-\\S+\r\n");
        assertThat(nextMade().join(WAIT)).isTrue();
    }

    @Test
    void inputIsIgnoredAndDoesNotChangeTheLine() throws Exception {
        DaytimeProtocol daytime = new DaytimeProtocol(Clock.fixed(RFC_EXAMPLE.toInstant(), ZoneId.of("UTC")));
        Handle h = new Handle(daytime);
        daytime.deliver("what time is it?", "inbox");
        daytime.deliver("not a shutdown", "control");
        daytime.activate(scheduler);

        assertThat(new String((byte[]) h.get("outbox", WAIT), US_ASCII))
                .isEqualTo("Tuesday, February 23, 1982 01:37:43-UTC\r\n");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        assertThat(h.poll("outbox")).isNull();
    }

    @Test
    void aShutdownBeforeItRunsStopsItWithoutSendingAndIsPassedOn() throws Exception {
        DaytimeProtocol daytime = new DaytimeProtocol();
        Handle h = new Handle(daytime);
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        daytime.deliver(stop, "control");
        daytime.activate(scheduler);

        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        assertThat(h.poll("outbox")).isNull();
    }

    @Test
    void aProducerFinishedDoesNotStopTheLineAndIsPassedOnAfterIt() throws Exception {
        DaytimeProtocol daytime = new DaytimeProtocol(Clock.fixed(RFC_EXAMPLE.toInstant(), RFC_EXAMPLE.getZone()));
        Handle h = new Handle(daytime);
        ProducerFinished clientDone = new ProducerFinished();
        daytime.deliver(clientDone, "control"); // e.g. a client that half-closed at once
        daytime.activate(scheduler);

        assertThat(h.get("outbox", WAIT)).isInstanceOf(byte[].class);
        assertThat(h.get("signal", WAIT)).isSameAs(clientDone);
    }

    @Test
    void aNullClockIsRejected() {
        assertThatThrownBy(() -> new DaytimeProtocol(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
    }
}
