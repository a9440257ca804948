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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kamaelia.internet.ServerTestSupport.WAIT;
import static org.kamaelia.internet.ServerTestSupport.await;
import static org.kamaelia.internet.ServerTestSupport.readToEnd;

import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.GatedSink;

class FortuneCookieProtocolTest extends ProtocolTestBase {
    @TempDir
    Path dir;

    @Test
    void overTcpTheClientReadsTheBuiltInCookieThenEndOfStream() throws Exception {
        SimpleServer server = server(FortuneCookieProtocol::new);
        Socket c = client(server);

        String text = new String(readToEnd(c), UTF_8);

        assertThat(FortuneCookieProtocol.builtInCookie()).isNotEmpty();
        assertThat(text).isEqualTo(String.join("\r\n", FortuneCookieProtocol.builtInCookie()) + "\r\n");
    }

    @Test
    void itSendsTheLinesOfAFileInOrderAsUtf8() throws Exception {
        Path file = dir.resolve("cookie.txt");
        Files.writeString(file, "Caf\u00e9 au lait\nsnow \u2603\n", UTF_8);
        FortuneCookieProtocol cookie = new FortuneCookieProtocol(file);
        Handle h = handle(cookie);

        assertThat(new String((byte[]) h.get("outbox", WAIT), UTF_8)).isEqualTo("Caf\u00e9 au lait\r\n");
        assertThat(new String((byte[]) h.get("outbox", WAIT), UTF_8)).isEqualTo("snow \u2603\r\n");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        assertThat(cookie.lines()).containsExactly("Caf\u00e9 au lait", "snow \u2603");
    }

    @Test
    void aShutdownStopsItBetweenLinesEvenWhileItWaitsForSpace() throws Exception {
        FortuneCookieProtocol cookie = new FortuneCookieProtocol(List.of("one", "two", "three"));
        GatedSink sink = intoGatedSink(cookie, 1);
        cookie.activate(scheduler);
        await("it waits for space", () -> sink.queued() == 1 && cookie.isPaused());
        ShutdownMicroprocess stop = new ShutdownMicroprocess();

        cookie.deliver(stop, "control");

        assertThat(cookie.join(WAIT)).isTrue();
        assertThat(sink.join(WAIT)).isTrue();
        assertThat(sink.controls).containsExactly(stop);
    }

    @Test
    void aProducerFinishedLetsItSendEveryLineThenIsPassedOn() throws Exception {
        FortuneCookieProtocol cookie = new FortuneCookieProtocol(List.of("a", "b"));
        Handle h = new Handle(cookie);
        ProducerFinished clientDone = new ProducerFinished();
        cookie.deliver(clientDone, "control");
        cookie.activate(scheduler);

        assertThat(new String((byte[]) h.get("outbox", WAIT), UTF_8)).isEqualTo("a\r\n");
        assertThat(new String((byte[]) h.get("outbox", WAIT), UTF_8)).isEqualTo("b\r\n");
        assertThat(h.get("signal", WAIT)).isSameAs(clientDone);
    }

    @Test
    void inputAndOtherControlMessagesAreIgnored() throws Exception {
        FortuneCookieProtocol cookie = new FortuneCookieProtocol(List.of("only"));
        Handle h = new Handle(cookie);
        cookie.deliver("unwanted", "inbox");
        cookie.deliver("not a shutdown", "control");
        cookie.activate(scheduler);

        assertThat(new String((byte[]) h.get("outbox", WAIT), UTF_8)).isEqualTo("only\r\n");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
    }

    @Test
    void badLinesAndUnreadableFilesAreRejectedWithMessagesNamingThem() throws Exception {
        assertThatThrownBy(() -> new FortuneCookieProtocol(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lines: no lines (expected: at least one line)");
        assertThatThrownBy(() -> new FortuneCookieProtocol(List.of("fine", "two\nlines")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lines[1]: \"two\\nlines\" (expected: one line, without CR or LF)");
        assertThatThrownBy(() -> new FortuneCookieProtocol(Arrays.asList("fine", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("lines[1] is null");
        assertThatThrownBy(() -> new FortuneCookieProtocol((List<String>) null))
                .isInstanceOf(NullPointerException.class);
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> new FortuneCookieProtocol(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read " + missing);
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertThatThrownBy(() -> FortuneCookieProtocol.readLines(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file " + empty + ": no lines (expected: at least one line)");
    }
}
