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

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamaelia.internet.ServerTestSupport.WAIT;
import static org.kamaelia.internet.ServerTestSupport.readToEnd;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.ipc.Ipc;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.SimpleServer;

class DiscardProtocolTest extends ProtocolTestBase {
    @Test
    void overTcpItTakesEverythingTheClientSendsAndSendsNothingBack() throws Exception {
        SimpleServer server = server(DiscardProtocol::new);
        Socket c = client(server);
        c.getOutputStream().write(new byte[1024 * 1024]);
        c.shutdownOutput();

        assertThat(readToEnd(c)).isEmpty();

        DiscardProtocol discard = (DiscardProtocol) nextMade();
        assertThat(discard.join(WAIT)).isTrue();
        assertThat(discard.discardedBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void anyKindOfMessageIsDiscardedAndCounted() throws Exception {
        DiscardProtocol discard = new DiscardProtocol();
        Handle h = handle(discard);
        h.put(new byte[10], "inbox");
        h.put(ByteBuffer.allocate(5), "inbox");
        h.put("text", "inbox");
        h.put(42, "inbox");
        h.put("not a shutdown", "control");
        h.put(new ProducerFinished(), "control");

        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        assertThat(discard.discardedMessages()).isEqualTo(4);
        assertThat(discard.discardedBytes()).isEqualTo(15);
        assertThat(h.poll("outbox")).isNull();
    }

    @ParameterizedTest
    @MethodSource("stops")
    void eitherShutdownMessageStopsItAndIsPassedOn(Ipc stop) throws Exception {
        DiscardProtocol discard = new DiscardProtocol();
        Handle h = handle(discard);
        h.put(new byte[3], "inbox");

        h.put(stop, "control");

        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        assertThat(discard.join(WAIT)).isTrue();
        assertThat(discard.discardedBytes()).isEqualTo(3);
    }

    static Stream<Ipc> stops() {
        return Stream.of(new ShutdownMicroprocess(), new ProducerFinished());
    }
}
