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
import static org.kamaelia.internet.ServerTestSupport.await;
import static org.kamaelia.internet.ServerTestSupport.readToEnd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.GatedSink;
import org.kamaelia.ipc.SocketShutdown;

class EchoProtocolTest extends ProtocolTestBase {
    @Test
    void overTcpEveryByteComesBackUnchanged() throws Exception {
        SimpleServer server = server(EchoProtocol::new);
        Socket c = client(server);
        byte[] data = new byte[256 * 1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                c.getOutputStream().write(data);
                c.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        byte[] back = readToEnd(c);

        assertThat(writer.join(WAIT)).isTrue();
        assertThat(back).isEqualTo(data);
        EchoProtocol echo = (EchoProtocol) nextMade();
        assertThat(echo.join(WAIT)).isTrue();
    }

    @Test
    void passesEveryMessageOnUnchangedAndInOrder() throws Exception {
        Handle h = handle(new EchoProtocol());
        List<Object> messages = List.of(1, "two", new byte[] {3}, List.of(4));
        for (Object m : messages) {
            h.put(m, "inbox");
        }
        for (Object m : messages) {
            assertThat(h.get("outbox", WAIT)).isSameAs(m);
        }
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ShutdownMicroprocess.class);
    }

    @Test
    void aProducerFinishedComesAfterWhatWasAlreadyWaitingAndIsPassedOn() throws Exception {
        EchoProtocol echo = new EchoProtocol();
        Handle h = new Handle(echo);
        SocketShutdown end = new SocketShutdown();
        h.put("a", "inbox");
        h.put("b", "inbox");
        h.put(end, "control"); // all three wait before it runs
        echo.activate(scheduler);

        assertThat(h.get("outbox", WAIT)).isEqualTo("a");
        assertThat(h.get("outbox", WAIT)).isEqualTo("b");
        assertThat(h.get("signal", WAIT)).isSameAs(end);
        assertThat(echo.join(WAIT)).isTrue();
    }

    @Test
    void aShutdownMicroprocessStopsItAtOnceEvenWhileItWaitsForSpace() throws Exception {
        EchoProtocol echo = new EchoProtocol();
        GatedSink sink = intoGatedSink(echo, 1);
        echo.deliver("first", "inbox");
        echo.deliver("second", "inbox");
        echo.activate(scheduler);
        await("the echo waits for space", () -> sink.queued() == 1 && echo.isPaused());
        ShutdownMicroprocess stop = new ShutdownMicroprocess();

        echo.deliver(stop, "control");

        assertThat(echo.join(WAIT)).isTrue();
        assertThat(sink.join(WAIT)).isTrue();
        assertThat(sink.controls).containsExactly(stop);
        assertThat(sink.mostQueued()).isLessThanOrEqualTo(1);
    }

    @Test
    void aProducerFinishedWhileItWaitsForSpaceLetsItEchoTheRestFirst() throws Exception {
        EchoProtocol echo = new EchoProtocol();
        GatedSink sink = intoGatedSink(echo, 1);
        echo.deliver("first", "inbox");
        echo.deliver("second", "inbox");
        echo.activate(scheduler);
        await("the echo waits for space", () -> sink.queued() == 1 && echo.isPaused());
        ProducerFinished end = new ProducerFinished();
        echo.deliver(end, "control");
        assertThat(echo.isFinished()).isFalse();

        sink.open();

        assertThat(echo.join(WAIT)).isTrue();
        assertThat(sink.join(WAIT)).isTrue();
        assertThat(sink.received).containsExactly("first", "second");
        assertThat(sink.controls).containsExactly(end);
    }

    @Test
    void controlMessagesOtherThanTheShutdownsAreIgnored() throws Exception {
        Handle h = handle(new EchoProtocol());
        h.put("what is this", "control");
        h.put(new ErrorInformation(this), "control");
        h.put("still echoing", "inbox");

        assertThat(h.get("outbox", WAIT)).isEqualTo("still echoing");
        h.put(new ProducerFinished(), "control");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
    }
}
