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
import static org.kamaelia.internet.ServerTestSupport.await;
import static org.kamaelia.internet.ServerTestSupport.readExactly;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.ipc.Ipc;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.GatedSink;

class ChargenProtocolTest extends ProtocolTestBase {
    private static final String PRINTABLE =
            " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    @Test
    void theLinesAreTheRfc864RingOf95PrintableCharactersShiftedByOne() {
        assertThat(PRINTABLE).hasSize(95);
        assertThat(ChargenProtocol.line(0)).isEqualTo(PRINTABLE.substring(0, 72));
        assertThat(ChargenProtocol.line(1)).isEqualTo(PRINTABLE.substring(1, 73));
        assertThat(ChargenProtocol.line(94)).isEqualTo("~" + PRINTABLE.substring(0, 71));
        assertThat(ChargenProtocol.line(95)).isEqualTo(ChargenProtocol.line(0));
        for (int n = 0; n < 95; n++) {
            String ring = PRINTABLE + PRINTABLE;
            assertThat(ChargenProtocol.line(n)).as("line " + n).isEqualTo(ring.substring(n, n + 72));
        }
        assertThatThrownBy(() -> ChargenProtocol.line(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n: -1 (expected: >= 0)");
    }

    @Test
    void overTcpTheClientReadsTheRotatingCrLfLinesUntilItCloses() throws Exception {
        SimpleServer server = server(ChargenProtocol::new);
        Socket c = client(server);

        String text = new String(readExactly(c, 300 * 74), US_ASCII);

        for (int n = 0; n < 300; n++) {
            assertThat(text.substring(n * 74, (n + 1) * 74)).as("line " + n)
                    .isEqualTo(ChargenProtocol.line(n) + "\r\n");
        }
        ChargenProtocol chargen = (ChargenProtocol) nextMade();
        c.close(); // the rude abort the RFC warns about, with data still in flight
        assertThat(chargen.join(WAIT)).as("it stops when the client goes").isTrue();
        await("the connection is gone", () -> server.connectionCount() == 0);
    }

    @Test
    void aLineLimitSendsThatManyLinesThenItsOwnProducerFinished() throws Exception {
        ChargenProtocol chargen = new ChargenProtocol(40);
        Handle h = handle(chargen);
        chargen.deliver("ignored input", "inbox");

        Object end = h.get("signal", WAIT);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object m : h.drain("outbox")) {
            all.write((byte[]) m);
        }

        assertThat(end).isInstanceOf(ProducerFinished.class);
        assertThat(((ProducerFinished) end).caller()).isSameAs(chargen);
        String text = all.toString(US_ASCII);
        assertThat(text).hasSize(40 * 74);
        assertThat(text).startsWith(ChargenProtocol.line(0) + "\r\n").endsWith(ChargenProtocol.line(39) + "\r\n");
    }

    @Test
    void itWaitsForAFullReceiverWithBoundedMemoryAndStillHearsAShutdown() throws Exception {
        ChargenProtocol chargen = new ChargenProtocol();
        GatedSink sink = intoGatedSink(chargen, 2);
        chargen.activate(scheduler);
        await("it waits for space", () -> sink.queued() == 2 && chargen.isPaused());
        assertThat(scheduler.awaitQuiescence(WAIT)).isTrue();
        assertThat(sink.queued()).isEqualTo(2);
        ShutdownMicroprocess stop = new ShutdownMicroprocess();

        chargen.deliver(stop, "control");

        assertThat(chargen.join(WAIT)).isTrue();
        assertThat(sink.join(WAIT)).isTrue();
        assertThat(sink.controls).containsExactly(stop);
        assertThat(sink.mostQueued()).isLessThanOrEqualTo(2);
    }

    @Test
    void linkedToAComponentThatNeverReadsItWaitsAtTheDefaultBoundInsteadOfFillingTheHeap() throws Exception {
        ChargenProtocol chargen = new ChargenProtocol();
        GatedSink sink = new GatedSink(); // the default bound, and never opened: it never reads
        sink.link(chargen, "outbox", sink, "inbox");
        sink.link(chargen, "signal", sink, "control");
        sink.activate(scheduler);
        chargen.activate(scheduler);
        assertThat(scheduler.awaitQuiescence(WAIT)).isTrue();
        assertThat(sink.queued()).isBetween(Component.DEFAULT_INBOX_SIZE, Component.DEFAULT_INBOX_SIZE + 1023);
        ShutdownMicroprocess stop = new ShutdownMicroprocess();

        chargen.deliver(stop, "control");

        assertThat(chargen.join(WAIT)).isTrue();
        assertThat(sink.join(WAIT)).isTrue();
        assertThat(sink.controls).containsExactly(stop);
    }

    @ParameterizedTest
    @MethodSource("stops")
    void eitherShutdownMessageStopsAnEndlessStreamAndIsPassedOn(Ipc stop) throws Exception {
        ChargenProtocol chargen = new ChargenProtocol();
        GatedSink sink = intoGatedSink(chargen, 4);
        sink.open();
        chargen.activate(scheduler);
        await("lines flow", () -> sink.bytes() > 10 * 74);

        chargen.deliver(stop, "control");

        assertThat(chargen.join(WAIT)).isTrue();
        assertThat(sink.join(WAIT)).isTrue();
        assertThat(sink.controls).containsExactly(stop);
        assertThat(sink.bytes() % (16 * 74)).as("only whole messages of 16 lines").isZero();
    }

    static Stream<Ipc> stops() {
        return Stream.of(new ShutdownMicroprocess(), new ProducerFinished());
    }

    @Test
    void aNegativeLineLimitIsRejected() {
        assertThatThrownBy(() -> new ChargenProtocol(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lines: -1 (expected: >= 0)");
    }
}
