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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.ipc.SocketShutdown;
import org.kamaelia.util.FramingException;

/** The command's own small components, each driven through a Handle. */
@Timeout(30)
class CliComponentsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Scheduler scheduler = new Scheduler("cli-components-test");

    private Handle start(Component c, String... outboxes) {
        Handle h = new Handle(c, outboxes);
        c.activate(scheduler);
        return h;
    }

    private static void assertNothingOn(Handle h, String outbox) {
        assertThat(h.poll(outbox)).as("nothing more on %s", outbox).isNull();
    }

    // ------------------------------------------------------------------ ByteMeter

    @Test
    void aByteMeterPassesMessagesOnUnchangedAndCountsTheirBytes() throws Exception {
        ByteMeter m = new ByteMeter("test bytes");
        Handle h = start(m, "outbox", "signal");
        byte[] a = {1, 2, 3};
        ByteBuffer b = ByteBuffer.wrap(new byte[10], 2, 5);
        h.put(a, "inbox");
        h.put(b, "inbox");
        h.put("é", "inbox");
        assertThat(h.get("outbox", WAIT)).isSameAs(a);
        assertThat(h.get("outbox", WAIT)).isSameAs(b);
        assertThat(h.get("outbox", WAIT)).isEqualTo("é");
        assertThat(m.bytes()).isEqualTo(3 + 5 + 2);
        assertThat(m.messages()).isEqualTo(3);
        assertThat(b.remaining()).isEqualTo(5);
        assertThat(m.describe()).contains("counts: test bytes");
        ProducerFinished end = new ProducerFinished();
        h.put(end, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(end);
        assertThat(h.awaitFinished(WAIT)).isTrue();
    }

    @Test
    void aByteMeterPassesOnWhatItHoldsBeforeAProducerFinished() throws Exception {
        ByteMeter m = new ByteMeter("x");
        m.setInboxSize("inbox", 0);
        for (int i = 0; i < 100; i++) {
            m.deliver(new byte[] {(byte) i}, "inbox");
        }
        m.deliver(new ProducerFinished(), "control");
        Handle h = start(m, "outbox", "signal");
        for (int i = 0; i < 100; i++) {
            assertThat((byte[]) h.get("outbox", WAIT)).containsExactly(i);
        }
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        assertThat(m.bytes()).isEqualTo(100);
    }

    @Test
    void aByteMeterWaitingForSpaceStopsAtOnceOnShutdown() throws Exception {
        ByteMeter m = new ByteMeter("x");
        Sink sink = new Sink();
        sink.setInboxSize("inbox", 1);
        Handle h = new Handle(m, "signal");
        new Wiring(m, sink).activate(scheduler);
        h.put(new byte[] {1}, "inbox"); // fills the sink's one place (it never reads)
        h.put(new byte[] {2}, "inbox"); // waits for space
        scheduler.awaitQuiescence(WAIT);
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        h.put(stop, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        assertThat(m.bytes()).isEqualTo(1); // the second one was not passed on, so not counted
        sink.deliver(new ShutdownMicroprocess(), "control");
    }

    /** Holds what it gets until told to stop. */
    static final class Sink extends Component {
        @Override
        protected void main() {
            while (!dataReady("control")) {
                pause();
            }
        }
    }

    /** Links a's outbox to b's inbox and runs both. */
    static final class Wiring extends Component {
        private final Component a;
        private final Component b;

        Wiring(Component a, Component b) {
            this.a = a;
            this.b = b;
        }

        @Override
        protected void main() {
            addChildren(a, b);
            link(a, "outbox", b, "inbox");
            a.activate();
            b.activate();
            while (!a.isFinished() || !b.isFinished()) {
                pause();
            }
        }
    }

    // ------------------------------------------------------------------ Script

    @Test
    void aScriptSendsEachLineWhenTheReplyToThePreviousOneHasCome() throws Exception {
        Script s = new Script(List.of("one", "two"));
        Handle h = start(s, "outbox", "signal");
        assertThat(h.get("outbox", WAIT)).isEqualTo("one");
        scheduler.awaitQuiescence(WAIT);
        assertNothingOn(h, "outbox");
        h.put("reply one", "inbox");
        assertThat(h.get("outbox", WAIT)).isEqualTo("two");
        scheduler.awaitQuiescence(WAIT);
        assertNothingOn(h, "signal");
        h.put("reply two", "inbox");
        Object end = h.get("signal", WAIT);
        assertThat(end).isInstanceOf(ProducerFinished.class);
        assertThat(((ProducerFinished) end).caller()).isSameAs(s);
        h.put("late reply", "inbox"); // read, nothing more sent
        h.put(end, "control");        // its own end message, come round the ring: it stops quietly
        assertThat(h.awaitFinished(WAIT)).isTrue();
        assertNothingOn(h, "outbox");
        assertNothingOn(h, "signal");
    }

    @Test
    void aScriptWithNoLinesFinishesItsSideAtOnce() throws Exception {
        Handle h = start(new Script(List.of()), "outbox", "signal");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(h.awaitFinished(WAIT)).isTrue();
        assertNothingOn(h, "signal");
    }

    @Test
    void aScriptStoppedMidwayPassesTheShutdownOn() throws Exception {
        Handle h = start(new Script(List.of("one", "two")), "outbox", "signal");
        assertThat(h.get("outbox", WAIT)).isEqualTo("one");
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        h.put(stop, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        assertThat(h.awaitFinished(WAIT)).isTrue();
    }

    // ------------------------------------------------------------------ Show

    @Test
    void aShowPrintsEachMessageAfterItsMarkerAndPassesItOn() throws Exception {
        TestTerminal.Capture out = new TestTerminal.Capture();
        Show show = new Show("--> ", new PrintStream(out, true, StandardCharsets.UTF_8));
        Handle h = start(show, "outbox", "signal");
        byte[] bytes = "bytes\r\n".getBytes(StandardCharsets.UTF_8);
        h.put("text", "inbox");
        h.put(bytes, "inbox");
        h.put("tab\there\u0001\rCR", "inbox");
        h.put(42, "inbox");
        assertThat(h.get("outbox", WAIT)).isEqualTo("text");
        assertThat(h.get("outbox", WAIT)).isSameAs(bytes);
        h.get("outbox", WAIT);
        h.get("outbox", WAIT);
        assertThat(out.text()).isEqualTo("--> text\n--> bytes\n--> tab\there\\x01\\rCR\n--> 42\n");
        SocketShutdown end = new SocketShutdown();
        h.put(end, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(end);
        assertThat(show.endMessage()).isSameAs(end);
        assertThat(Show.text(ByteBuffer.wrap("bb\n".getBytes(StandardCharsets.UTF_8)))).isEqualTo("bb");
    }

    // ------------------------------------------------------------------ SessionMonitor

    private static final String[] MONITOR_OUT = {SessionMonitor.INPUT_END, SessionMonitor.CLIENT_CONTROL,
        SessionMonitor.OUTPUT_END, SessionMonitor.READER_CONTROL, "signal"};

    @Test
    void theMonitorPassesTheInputsEndOnAndTheConnectionsEndToTheWriterThenFinishes() throws Exception {
        TestTerminal.Capture err = new TestTerminal.Capture();
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(err, true, StandardCharsets.UTF_8), true, null);
        Handle h = start(m, MONITOR_OUT);
        ProducerFinished eof = new ProducerFinished();
        h.put(eof, SessionMonitor.READER_SIGNAL);
        assertThat(h.get(SessionMonitor.INPUT_END, WAIT)).isSameAs(eof);
        SocketShutdown closed = new SocketShutdown(null, null, 3, 4, 0, 0);
        h.put(closed, SessionMonitor.CLIENT_SIGNAL);
        assertThat(h.get(SessionMonitor.OUTPUT_END, WAIT)).isSameAs(closed);
        scheduler.awaitQuiescence(WAIT);
        assertNothingOn(h, SessionMonitor.READER_CONTROL); // the reader had finished: nothing to stop
        assertThat(m.outcome()).isNull();
        h.put(closed, SessionMonitor.ECHOER_SIGNAL);
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        SessionMonitor.Outcome o = m.outcome();
        assertThat(o.interrupted()).isFalse();
        assertThat(o.clientFailure()).isNull();
        assertThat(o.shutdown()).isSameAs(closed);
        assertThat(err.text()).isEqualTo(
                "kamaelia: end of standard input: half-closed the connection, waiting for the server to finish\n"
                        + "kamaelia: connection to h:1 closed: sent 3 bytes, received 4 bytes\n");
        assertNothingOn(h, SessionMonitor.CLIENT_CONTROL);
    }

    @Test
    void inVerboseModeTheInputsEndIsReportedAfterTheConnectionEvenWhenItCameFirst() throws Exception {
        TestTerminal.Capture err = new TestTerminal.Capture();
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(err, true, StandardCharsets.UTF_8), true, null);
        // both waiting before it runs: it reads the reader's end first
        m.deliver(new ProducerFinished(), SessionMonitor.READER_SIGNAL);
        java.net.InetSocketAddress server = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 1);
        java.net.InetSocketAddress local = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 2);
        m.deliver(new org.kamaelia.ipc.SocketConnected(this, local, server), SessionMonitor.CLIENT_SIGNAL);
        Handle h = start(m, MONITOR_OUT);
        h.get(SessionMonitor.INPUT_END, WAIT);
        SocketShutdown closed = new SocketShutdown(null, null, 0, 0, 0, 0);
        h.put(closed, SessionMonitor.CLIENT_SIGNAL);
        h.put(h.get(SessionMonitor.OUTPUT_END, WAIT), SessionMonitor.ECHOER_SIGNAL);
        h.get("signal", WAIT);
        assertThat(err.text()).isEqualTo("kamaelia: connected to h:1 (127.0.0.1 port 1, from port 2)\n"
                + "kamaelia: end of standard input: half-closed the connection, waiting for the server to finish\n"
                + "kamaelia: connection to h:1 closed: sent 0 bytes, received 0 bytes\n");
    }

    @Test
    void theConnectionEndingFirstStopsTheReaderAndUnsentInputIsReported() throws Exception {
        TestTerminal.Capture err = new TestTerminal.Capture();
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(err, true, StandardCharsets.UTF_8), false, null);
        Handle h = start(m, MONITOR_OUT);
        h.put(new SocketShutdown(null, null, 0, 9, 2, 100), SessionMonitor.CLIENT_SIGNAL);
        assertThat(h.get(SessionMonitor.READER_CONTROL, WAIT)).isInstanceOf(ShutdownMicroprocess.class);
        h.put(h.get(SessionMonitor.OUTPUT_END, WAIT), SessionMonitor.ECHOER_SIGNAL);
        ShutdownMicroprocess readerStopped = new ShutdownMicroprocess();
        h.put(readerStopped, SessionMonitor.READER_SIGNAL);
        assertThat(h.get(SessionMonitor.INPUT_END, WAIT)).isSameAs(readerStopped); // stops what is between
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        assertThat(err.text()).isEqualTo(
                "kamaelia: the connection closed before 100 bytes of input (2 messages) could be sent\n");
    }

    @Test
    void unsentInputIsNotReportedWhenTheConnectionFailedWhichSaysEnough() throws Exception {
        TestTerminal.Capture err = new TestTerminal.Capture();
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(err, true, StandardCharsets.UTF_8), false, null);
        Handle h = start(m, MONITOR_OUT);
        ConnectException refused = new ConnectException("Connection refused");
        h.put(new SocketShutdown(null, refused, 0, 0, 1, 1), SessionMonitor.CLIENT_SIGNAL); // input was queued
        h.put(h.get(SessionMonitor.OUTPUT_END, WAIT), SessionMonitor.ECHOER_SIGNAL);
        h.get(SessionMonitor.READER_CONTROL, WAIT);
        h.put(new ShutdownMicroprocess(), SessionMonitor.READER_SIGNAL);
        h.get("signal", WAIT);
        assertThat(err.text()).isEmpty();
        assertThat(m.outcome().clientFailure()).isSameAs(refused);
    }

    @Test
    void oneUnsentByteIsReportedInTheSingular() throws Exception {
        TestTerminal.Capture err = new TestTerminal.Capture();
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(err, true, StandardCharsets.UTF_8), false, null);
        Handle h = start(m, MONITOR_OUT);
        h.put(new SocketShutdown(null, null, 0, 0, 1, 1), SessionMonitor.CLIENT_SIGNAL);
        err.await("kamaelia: the connection closed before 1 byte of input \\(1 message\\) could be sent\n", WAIT);
        h.put(new ShutdownMicroprocess(), "control");
    }

    @Test
    void theClientsFailureIsKeptForTheExitStatus() throws Exception {
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(new TestTerminal.Capture()), true, null);
        Handle h = start(m, MONITOR_OUT);
        ConnectException refused = new ConnectException("Connection refused");
        h.put(new ErrorInformation(this, refused, "refused"), SessionMonitor.CLIENT_SIGNAL);
        h.put(new SocketShutdown(null, refused, 0, 0, 0, 0), SessionMonitor.CLIENT_SIGNAL);
        h.put(new ProducerFinished(), SessionMonitor.ECHOER_SIGNAL);
        h.get(SessionMonitor.READER_CONTROL, WAIT);
        h.put(new ShutdownMicroprocess(), SessionMonitor.READER_SIGNAL);
        h.get("signal", WAIT);
        assertThat(m.outcome().clientFailure()).isSameAs(refused);
    }

    @Test
    void aWriteFailureClosesTheConnectionAndStopsTheReader() throws Exception {
        TestTerminal.Capture err = new TestTerminal.Capture();
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(err, true, StandardCharsets.UTF_8), false, null);
        Handle h = start(m, MONITOR_OUT);
        java.io.IOException broken = new java.io.IOException("x", new java.io.IOException("Broken pipe"));
        h.put(new ErrorInformation(this, broken, "failed"), SessionMonitor.ECHOER_SIGNAL);
        h.put(new ProducerFinished(null, broken), SessionMonitor.ECHOER_SIGNAL);
        assertThat(h.get(SessionMonitor.CLIENT_CONTROL, WAIT)).isInstanceOf(ShutdownMicroprocess.class);
        assertThat(h.get(SessionMonitor.READER_CONTROL, WAIT)).isInstanceOf(ShutdownMicroprocess.class);
        h.put(new SocketShutdown(), SessionMonitor.CLIENT_SIGNAL);
        h.put(new ShutdownMicroprocess(), SessionMonitor.READER_SIGNAL);
        h.get("signal", WAIT);
        assertThat(m.outcome().echoerFailure()).isSameAs(broken);
        assertThat(err.text())
                .isEqualTo("kamaelia: writing standard output failed: Broken pipe (closing the connection)\n");
        assertNothingOn(h, SessionMonitor.CLIENT_CONTROL); // once is enough
    }

    @Test
    void readProblemsAreReportedWhenTheyHappen() throws Exception {
        TestTerminal.Capture err = new TestTerminal.Capture();
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(err, true, StandardCharsets.UTF_8), false, null);
        Handle h = start(m, MONITOR_OUT);
        FramingException tooLong = new FramingException("line 3 is longer than 65536 bytes");
        h.put(new ErrorInformation(this, tooLong, "x"), SessionMonitor.READER_SIGNAL);
        err.await("line 3 is longer than 65536 bytes \\(that line was not sent\\)\n", WAIT);
        h.put(new ErrorInformation(this, new java.io.IOException("EIO"), "x"), SessionMonitor.READER_SIGNAL);
        err.await("kamaelia: reading standard input failed: EIO \\(treated as its end\\)\n", WAIT);
        h.put(new ShutdownMicroprocess(), "control");
        assertThat(h.get(SessionMonitor.CLIENT_CONTROL, WAIT)).isInstanceOf(ShutdownMicroprocess.class);
        assertThat(h.get(SessionMonitor.READER_CONTROL, WAIT)).isInstanceOf(ShutdownMicroprocess.class);
        h.put(new ProducerFinished(), SessionMonitor.READER_SIGNAL);
        h.put(new SocketShutdown(), SessionMonitor.CLIENT_SIGNAL);
        h.put(new SocketShutdown(), SessionMonitor.ECHOER_SIGNAL);
        h.get("signal", WAIT);
        assertThat(m.outcome().readerFailure()).isSameAs(tooLong);
        assertThat(m.outcome().interrupted()).isTrue();
    }

    @Test
    void progressIsReportedEveryIntervalAndSummedUpAtTheEnd() throws Exception {
        TestTerminal.Capture err = new TestTerminal.Capture();
        AtomicLong sent = new AtomicLong();
        AtomicLong received = new AtomicLong();
        SessionMonitor m = new SessionMonitor("h:1", new PrintStream(err, true, StandardCharsets.UTF_8), false,
                new SessionMonitor.Progress(sent::get, received::get, Duration.ofMillis(20)));
        Handle h = start(m, MONITOR_OUT);
        sent.set(2048);
        err.await("kamaelia: progress: \\d+\\.\\ds: sent 2.00 KiB \\(\\d.*/s\\), received 0 B \\(0 B/s\\)\n", WAIT);
        received.set(5 * 1024 * 1024);
        err.await("received 5.00 MiB", WAIT);
        h.put(new ProducerFinished(), SessionMonitor.READER_SIGNAL);
        h.put(new SocketShutdown(), SessionMonitor.CLIENT_SIGNAL);
        h.put(new SocketShutdown(), SessionMonitor.ECHOER_SIGNAL);
        h.get("signal", WAIT);
        assertThat(err.text()).containsPattern(
                "kamaelia: progress: done in \\d+\\.\\ds: sent 2.00 KiB \\(.*/s\\), received 5.00 MiB \\(.*/s\\)\n$");
    }

    @Test
    void theMonitorChecksItsArguments() {
        assertThatThrownBy(() -> new SessionMonitor(null, System.err, false, null))
                .isInstanceOf(NullPointerException.class).hasMessage("where");
        assertThatThrownBy(() -> new SessionMonitor("h:1", null, false, null))
                .isInstanceOf(NullPointerException.class).hasMessage("err");
        assertThatThrownBy(() -> new SessionMonitor.Progress(null, () -> 0, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class);
    }
}
