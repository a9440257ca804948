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
import static org.kamaelia.util.TestSupport.awaitCondition;
import static org.kamaelia.util.TestSupport.nextError;
import static org.kamaelia.util.TestSupport.start;
import static org.kamaelia.util.TestSupport.stopAndAwait;
import static org.kamaelia.util.TestSupport.take;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

@Timeout(60)
class ConsoleReaderTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sendsEachLineWithoutItsTerminatorThenProducerFinishedAtEndOfInput() throws Exception {
        Scheduler s = new Scheduler("reader-lines");
        ConsoleReader r = new ConsoleReader(new ByteArrayInputStream(utf8("one\ntwo\r\nthrée\n\nlast")));
        Handle h = start(r, s);
        assertThat(take(h, "outbox", 5)).containsExactly("one", "two", "thrée", "", "last");
        Object end = h.get("signal", WAIT);
        assertThat(end).isExactlyInstanceOf(ProducerFinished.class);
        assertThat(((ProducerFinished) end).caller()).isSameAs(r);
        awaitFinished(r);
        assertThat(r.readerThread().join(WAIT)).as("reader thread ended").isTrue();
        assertThat(h.poll("outbox")).isNull();
    }

    @Test
    void linesSplitAcrossReadsAreJoined() throws Exception {
        Scheduler s = new Scheduler("reader-small-reads");
        ConsoleReader r = ConsoleReader.builder().input(new ByteArrayInputStream(utf8("héllo\r\nwörld\n")))
                .chunkSize(1).build();
        Handle h = start(r, s);
        assertThat(take(h, "outbox", 2)).containsExactly("héllo", "wörld");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        awaitFinished(r);
    }

    @Test
    void bytesModePassesEveryByteValueThroughUnchanged() throws Exception {
        byte[] data = new byte[256 * 40];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + i / 256);
        }
        Scheduler s = new Scheduler("reader-binary");
        ConsoleReader r = ConsoleReader.builder().input(new ByteArrayInputStream(data)).bytes().chunkSize(1000).build();
        Handle h = start(r, s);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class); // after all the data
        for (Object chunk : h.drain("outbox")) {
            assertThat(chunk).isInstanceOf(byte[].class);
            assertThat(((byte[]) chunk).length).isBetween(1, 1000);
            got.write((byte[]) chunk);
        }
        assertThat(got.toByteArray()).isEqualTo(data);
        awaitFinished(r);
        assertThat(r.readerThread().join(WAIT)).isTrue();
    }

    @Test
    void stopsPromptlyOnShutdownMicroprocessWhileItsReadIsBlockedOnAPipeThatNeverEnds() throws Exception {
        stopsWhileBlocked(new ShutdownMicroprocess());
    }

    @Test
    void stopsPromptlyOnProducerFinishedWhileItsReadIsBlockedOnAPipeThatNeverEnds() throws Exception {
        stopsWhileBlocked(new ProducerFinished());
    }

    private void stopsWhileBlocked(Object stop) throws Exception {
        Scheduler s = new Scheduler("reader-blocked");
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 4096);
        ReadWatcher watched = new ReadWatcher(pipe);
        ConsoleReader r = new ConsoleReader(watched);
        Handle h = start(r, s);
        writer.write(utf8("first\n"));
        writer.flush();
        assertThat(h.get("outbox", WAIT)).isEqualTo("first");
        watched.awaitReadsEntered(2); // the reader thread is now blocked in its second read()
        awaitQuiet(s);
        Thread reader = r.readerThread();
        assertThat(reader.isDaemon()).isTrue();
        assertThat(reader.isVirtual()).isFalse();

        long t0 = System.nanoTime();
        h.put(stop, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        awaitFinished(r);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(tookMs).as("stop took %d ms", tookMs).isLessThan(WAIT.toMillis());
        assertThat(reader.isAlive()).as("the abandoned reader is still blocked in read()").isTrue();

        // The documented fate of the stream: the abandoned read returns, its data is discarded, the
        // thread ends without reading again, and nothing more is sent.
        writer.write(utf8("late\nlater\n"));
        writer.flush();
        assertThat(reader.join(WAIT)).as("abandoned reader ended after its read returned").isTrue();
        assertThat(pipe.available()).as("the read consumed what was written").isZero();
        assertThat(h.poll("outbox")).isNull();
        assertThat(h.poll("signal")).isNull();
        writer.close();
    }

    @Test
    void producerFinishedSendsAnUnfinishedLastLineAsTheEndOfInputWould() throws Exception {
        Scheduler s = new Scheduler("reader-pf-partial-line");
        PipedOutputStream writer = new PipedOutputStream();
        ReadWatcher watched = new ReadWatcher(new PipedInputStream(writer));
        ConsoleReader r = new ConsoleReader(watched);
        Handle h = start(r, s);
        writer.write(utf8("whole\npart"));
        writer.flush();
        assertThat(h.get("outbox", WAIT)).isEqualTo("whole");
        watched.awaitReadsEntered(2);
        awaitQuiet(s);
        ProducerFinished pf = new ProducerFinished();
        h.put(pf, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(pf);
        assertThat(h.drain("outbox")).containsExactly("part");
        awaitFinished(r);
        writer.close();
        assertThat(r.readerThread().join(WAIT)).isTrue();
    }

    @Test
    void anAbandonedReaderEndsWhenTheWritingEndOfItsPipeIsClosed() throws Exception {
        Scheduler s = new Scheduler("reader-close");
        PipedOutputStream writer = new PipedOutputStream();
        ConsoleReader r = ConsoleReader.builder().input(new PipedInputStream(writer)).bytes().build();
        Handle h = start(r, s);
        awaitQuiet(s);
        h.put(new ShutdownMicroprocess(), "control");
        awaitFinished(r);
        writer.close();
        assertThat(r.readerThread().join(WAIT)).isTrue();
        assertThat(h.poll("outbox")).isNull();
    }

    @Test
    void producerFinishedSendsOnWhatTheReaderHadAlreadyHandedOver() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InputStream scripted = new InputStream() {
            private int calls;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (calls < 3) {
                    b[off] = (byte) ('a' + calls++);
                    return 1;
                }
                try {
                    release.await(); // a read that blocks until the test is done
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        };
        ReadWatcher watched = new ReadWatcher(scripted);
        Scheduler s = new Scheduler("reader-pf-handed-over");
        ConsoleReader r = ConsoleReader.builder().input(watched).bytes().build();
        TestSupport.Gate gate = new TestSupport.Gate(1);
        TestSupport.Body top = new TestSupport.Body(self -> {
            self.link(r, "outbox", gate, "inbox");
            self.addChildren(r, gate);
            r.activate();
            gate.activate();
            while (!gate.isFinished()) {
                self.waitForWakeUp();
            }
        });
        Handle sig = new Handle(r, "signal");
        top.activate(s);
        // "a" fills the gate's inbox, "b" waits in a blocking send, "c" has been handed over (the
        // fourth read has begun), and the fourth read blocks.
        watched.awaitReadsEntered(4);
        awaitQuiet(s);
        ProducerFinished pf = new ProducerFinished();
        r.deliver(pf, "control");
        awaitQuiet(s);
        assertThat(r.isFinished()).as("still sending what it holds").isFalse();
        gate.allow(Integer.MAX_VALUE);
        assertThat(sig.get("signal", WAIT)).isSameAs(pf);
        awaitFinished(r);
        gate.awaitTaken(3);
        assertThat(gate.snapshot().stream().map(b -> new String((byte[]) b, StandardCharsets.UTF_8)))
                .containsExactly("a", "b", "c");
        gate.deliver(new ShutdownMicroprocess(), "control");
        awaitFinished(top);
        release.countDown();
        assertThat(r.readerThread().join(WAIT)).isTrue();
    }

    @Test
    void slowsDownToABoundedConsumerInsteadOfReadingAhead() throws Exception {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served.addAndGet(len);
                return len;
            }
        };
        int chunk = 100;
        Scheduler s = new Scheduler("reader-backpressure");
        ConsoleReader r = ConsoleReader.builder().input(endless).bytes().chunkSize(chunk).build();
        TestSupport.Gate gate = new TestSupport.Gate(2);
        TestSupport.Body top = new TestSupport.Body(self -> {
            self.link(r, "outbox", gate, "inbox");
            self.addChildren(r, gate);
            r.activate();
            gate.activate();
            while (!gate.isFinished()) {
                self.waitForWakeUp();
            }
        });
        top.activate(s);
        gate.allow(5);
        gate.awaitTaken(5);
        // The reader thread stops reading (waits for a permit) once it is far enough ahead; without
        // backpressure it would never wait, and this would time out.
        // What the stream gives at most: the 5 chunks the gate took, the 2 in its full inbox, the one
        // main() is waiting to send, and the 3 more handed over (with that one, READ_AHEAD chunks not yet
        // sent on). The reader gets that far, then waits for a permit instead of reading on.
        long most = (long) chunk * (5 + 2 + ConsoleReader.READ_AHEAD);
        awaitCondition("the reader reads ahead as far as it may", () -> served.get() >= most);
        awaitCondition("the reader then waits for a permit", r::readerWaitingForPermit);
        awaitQuiet(s);
        assertThat(served.get()).isEqualTo(most);
        assertThat(r.isFinished()).isFalse();
        stopAndAwait(r);
        assertThat(r.readerThread().join(WAIT)).as("the reader waiting for a permit ends at once").isTrue();
        assertThat(gate.snapshot()).hasSize(5);
        gate.deliver(new ShutdownMicroprocess(), "control");
        awaitFinished(top);
    }

    @Test
    void aReadErrorIsReportedAfterTheDataReadBeforeIt() throws Exception {
        InputStream failing = new InputStream() {
            private int calls;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (calls++ == 0) {
                    byte[] d = utf8("ok\npartial");
                    System.arraycopy(d, 0, b, off, d.length);
                    return d.length;
                }
                throw new IOException("disk on fire");
            }
        };
        Scheduler s = new Scheduler("reader-error");
        ConsoleReader r = new ConsoleReader(failing);
        Handle h = start(r, s);
        assertThat(take(h, "outbox", 2)).containsExactly("ok", "partial");
        ErrorInformation e = nextError(h);
        assertThat(e.exception()).isInstanceOf(IOException.class).hasMessage("disk on fire");
        assertThat(e.message()).contains(r.name(), "reading the input failed after 10 bytes", "disk on fire");
        Object end = h.get("signal", WAIT);
        assertThat(end).isInstanceOf(ProducerFinished.class);
        assertThat(((ProducerFinished) end).message()).isSameAs(e.exception());
        awaitFinished(r);
        assertThat(r.failure()).isEmpty();
    }

    @Test
    void aLineOverTheLimitIsReportedAndSkipped() throws Exception {
        Scheduler s = new Scheduler("reader-long-line");
        ConsoleReader r = ConsoleReader.builder().input(new ByteArrayInputStream(utf8("short\n0123456789abc\nnext\n")))
                .maxLineLength(10).build();
        Handle h = start(r, s);
        ErrorInformation e = nextError(h);
        assertThat(e.exception()).isInstanceOf(FramingException.class);
        assertThat(e.message()).contains("line 2", "limit of 10 bytes", "13 bytes");
        assertThat(take(h, "outbox", 2)).containsExactly("short", "next");
        assertThat(h.get("signal", WAIT)).isInstanceOf(ProducerFinished.class);
        awaitFinished(r);
    }

    @Test
    void readsStandardInputByDefaultWithoutTouchingItUntilActivated() {
        ConsoleReader r = new ConsoleReader();
        assertThat(r.mode()).isEqualTo(ConsoleReader.Mode.LINES);
        assertThat(r.readerThread()).isNull();
        assertThat(r.state()).isEqualTo(Component.State.CREATED);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new ConsoleReader(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ConsoleReader.builder().chunkSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chunkSize: 0 (expected: > 0)");
        assertThatThrownBy(() -> ConsoleReader.builder().maxLineLength(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxLineLength: -1 (expected: > 0)");
        assertThatThrownBy(() -> ConsoleReader.builder().mode(null)).isInstanceOf(NullPointerException.class);
    }

    /** An input stream that lets a test wait until a number of read calls have begun. */
    static final class ReadWatcher extends InputStream {
        private final InputStream in;
        private final Semaphore entered = new Semaphore(0);

        ReadWatcher(InputStream in) {
            this.in = in;
        }

        void awaitReadsEntered(int n) throws InterruptedException {
            assertThat(entered.tryAcquire(n, WAIT.toMillis(), TimeUnit.MILLISECONDS)).as(n + " reads begun").isTrue();
            entered.release(n);
        }

        @Override
        public int read() throws IOException {
            entered.release();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            entered.release();
            return in.read(b, off, len);
        }
    }
}
