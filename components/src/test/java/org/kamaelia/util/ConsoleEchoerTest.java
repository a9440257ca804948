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
package org.kamaelia.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kamaelia.util.TestSupport.WAIT;
import static org.kamaelia.util.TestSupport.awaitFinished;
import static org.kamaelia.util.TestSupport.awaitQuiet;
import static org.kamaelia.util.TestSupport.nextError;
import static org.kamaelia.util.TestSupport.start;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Pipeline;

@Timeout(60)
class ConsoleEchoerTest {

    /** Records what is written and how often it is flushed. */
    static final class RecordingStream extends ByteArrayOutputStream {
        final AtomicInteger flushes = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.incrementAndGet();
            super.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }
    }

    private static byte[] allByteValues() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void writesEveryOneOfTheTwoHundredAndFiftySixByteValuesUnchanged() throws Exception {
        Scheduler s = new Scheduler("echoer-binary");
        RecordingStream out = new RecordingStream();
        ConsoleEchoer e = new ConsoleEchoer(out);
        Handle h = start(e, s);
        byte[] all = allByteValues();
        ByteBuffer direct = ByteBuffer.allocateDirect(256).put(all).flip();
        ByteBuffer slice = ByteBuffer.wrap(all, 10, 20);
        h.put(all, "inbox");
        h.put(direct, "inbox");
        h.put(slice, "inbox");
        h.put(new ProducerFinished(), "control");
        h.get("signal", WAIT);
        awaitFinished(e);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(all);
        expected.write(all);
        expected.write(all, 10, 20);
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(direct.position()).as("a ByteBuffer message is not consumed").isZero();
        assertThat(slice.position()).isEqualTo(10);
        assertThat(e.bytesWritten()).isEqualTo(256 + 256 + 20);
    }

    @Test
    void bytesSurviveARoundTripThroughConsoleReaderAndConsoleEchoer() throws Exception {
        byte[] data = new byte[256 * 64];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i ^ (i >>> 8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleEchoer echoer = new ConsoleEchoer(out);
        Pipeline p = new Pipeline(ConsoleReader.builder().input(new ByteArrayInputStream(data)).bytes().chunkSize(777)
                .build(), echoer);
        p.activate(new Scheduler("echoer-roundtrip"));
        awaitFinished(p);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(p.failures()).isEmpty();
    }

    @Test
    void writesOtherMessagesAsTextOptionallyFollowedByALineFeed() throws Exception {
        Scheduler s = new Scheduler("echoer-text");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ConsoleEchoer a = new ConsoleEchoer(plain);
        ConsoleEchoer b = ConsoleEchoer.builder().output(lines).newlineAfterText(true).build();
        for (ConsoleEchoer e : new ConsoleEchoer[] {a, b}) {
            Handle h = start(e, s);
            h.put("héllo", "inbox");
            h.put(42, "inbox");
            h.put("raw\n".getBytes(StandardCharsets.UTF_8), "inbox");
            h.put(new ProducerFinished(), "control");
            h.get("signal", WAIT);
            awaitFinished(e);
        }
        assertThat(plain.toString(StandardCharsets.UTF_8)).isEqualTo("héllo42raw\n");
        assertThat(lines.toString(StandardCharsets.UTF_8)).isEqualTo("héllo\n42\nraw\n");
    }

    @Test
    void usesTheChosenCharsetForText() throws Exception {
        Scheduler s = new Scheduler("echoer-charset");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleEchoer e = ConsoleEchoer.builder().output(out).charset(StandardCharsets.ISO_8859_1).build();
        Handle h = start(e, s);
        h.put("é", "inbox");
        h.put(new ProducerFinished(), "control");
        h.get("signal", WAIT);
        assertThat(out.toByteArray()).containsExactly(0xE9);
    }

    @Test
    void flushesWhenItsInboxRunsDryNotAfterEveryMessage() throws Exception {
        Scheduler s = new Scheduler("echoer-flush");
        RecordingStream out = new RecordingStream();
        ConsoleEchoer e = new ConsoleEchoer(out);
        Handle h = new Handle(e);
        for (int i = 0; i < 1000; i++) {
            h.put("line " + i + "\n", "inbox"); // all waiting before it starts
        }
        e.activate(s);
        awaitQuiet(s);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("line 0\n").endsWith("line 999\n");
        assertThat(out.flushes.get()).as("one flush for the whole backlog").isEqualTo(1);
        assertThat(out.writes.get()).as("buffered: far fewer writes than messages").isLessThan(10);

        h.put("more\n", "inbox");
        awaitQuiet(s);
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("more\n");
        assertThat(out.flushes.get()).as("visible as soon as nothing more is waiting").isEqualTo(2);
        h.put(new ShutdownMicroprocess(), "control");
        awaitFinished(e);
    }

    @Test
    void writesEverythingInItsInboxBeforePassingOnProducerFinished() throws Exception {
        writesEverythingBeforeStopping(new ProducerFinished());
    }

    @Test
    void writesEverythingInItsInboxBeforePassingOnShutdownMicroprocess() throws Exception {
        writesEverythingBeforeStopping(new ShutdownMicroprocess());
    }

    private void writesEverythingBeforeStopping(Object stop) throws Exception {
        Scheduler s = new Scheduler("echoer-drain");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleEchoer e = new ConsoleEchoer(out);
        Handle h = new Handle(e);
        for (int i = 0; i < 100; i++) {
            h.put(i + ",", "inbox");
        }
        h.put(stop, "control");
        e.activate(s);
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        awaitFinished(e);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append(i).append(',');
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(e.droppedCount("inbox")).isZero();
    }

    @Test
    void aStatusStringOnControlDoesNotStopItUnlikeTheOriginal() throws Exception {
        Scheduler s = new Scheduler("echoer-status");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleEchoer e = new ConsoleEchoer(out);
        Handle h = start(e, s);
        h.put("Thread running", "control");
        h.put("data", "inbox");
        awaitQuiet(s);
        assertThat(e.isFinished()).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("data");
        h.put(new ProducerFinished(), "control");
        awaitFinished(e);
    }

    @Test
    void forwardsEachMessageAfterWritingItWhenAsked() throws Exception {
        Scheduler s = new Scheduler("echoer-forward");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleEchoer e = ConsoleEchoer.builder().output(out).forward(true).build();
        Handle h = start(e, s);
        byte[] b = {1, 2, 3};
        h.put(b, "inbox");
        h.put("x", "inbox");
        assertThat(h.get("outbox", WAIT)).isSameAs(b);
        assertThat(h.get("outbox", WAIT)).isEqualTo("x");
        h.put(new ProducerFinished(), "control");
        awaitFinished(e);
    }

    @Test
    void aFailingStreamEndsItAsAFailureNamingHowMuchWasWritten() throws Exception {
        OutputStream broken = new OutputStream() {
            private int n;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (n++ > 0) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        Scheduler s = new Scheduler("echoer-broken");
        ConsoleEchoer e = new ConsoleEchoer(broken);
        Handle h = start(e, s);
        h.put("first", "inbox");
        awaitQuiet(s);
        h.put(new byte[100_000], "inbox"); // larger than the buffer: written straight through, and fails
        ErrorInformation err = nextError(h);
        assertThat(err.exception()).isInstanceOf(IOException.class)
                .hasMessageContaining(e.name())
                .hasMessageContaining("failed after 5 bytes")
                .hasMessageContaining("Broken pipe");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        awaitFinished(e);
        assertThat(e.failure()).containsSame(err.exception());
    }

    @Test
    void aPrintStreamReportingAnErrorEndsItAsAFailure() throws Exception {
        PrintStream ps = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("closed");
            }
        });
        Scheduler s = new Scheduler("echoer-printstream");
        ConsoleEchoer e = new ConsoleEchoer(ps);
        Handle h = start(e, s);
        h.put("x", "inbox");
        ErrorInformation err = nextError(h);
        assertThat(err.exception()).hasMessageContaining("checkError");
        awaitFinished(e);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new ConsoleEchoer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ConsoleEchoer.builder().charset(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ConsoleEchoer.builder().output(null)).isInstanceOf(NullPointerException.class);
    }
}
