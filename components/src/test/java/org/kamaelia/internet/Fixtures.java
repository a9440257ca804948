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
package org.kamaelia.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.ipc.SocketShutdown;

/** Fixture components and helpers for the TCP client tests. */
final class Fixtures {
    static final Duration WAIT = Duration.ofSeconds(20);

    private Fixtures() {
    }

    static boolean isShutdown(Object m) {
        return m instanceof ProducerFinished || m instanceof ShutdownMicroprocess;
    }

    /** The byte at {@code offset} of the test stream: a pattern that shows loss, duplication or reordering. */
    static byte patternAt(long offset) {
        return (byte) (offset * 31 + (offset >>> 9) + (offset >>> 17));
    }

    static byte[] pattern(long offset, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = patternAt(offset + i);
        }
        return b;
    }

    /** Waits for a condition, polling every few milliseconds; false when it did not hold in time. */
    static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            never.await(5, TimeUnit.MILLISECONDS); // a bounded poll interval, not a sleep standing in for a condition
        }
        return true;
    }

    /** Sends each item on "outbox" (waiting for space), then a ProducerFinished on "signal" when asked. */
    static final class Source extends Component {
        private final Iterable<?> items;
        private final boolean finish;

        Source(Iterable<?> items, boolean finish) {
            this.items = items;
            this.finish = finish;
        }

        @Override
        protected void main() {
            for (Object o : items) {
                sendBlocking(o, "outbox");
            }
            if (finish) {
                sendBlocking(new ProducerFinished(this), "signal");
            }
        }
    }

    /**
     * Sends {@code total} bytes of the test pattern in messages of {@code size} bytes, counting what it
     * has handed over, then a ProducerFinished. A shutdown message on "control" stops it early.
     */
    static final class PatternSource extends Component {
        final AtomicLong sent = new AtomicLong();
        private final long total;
        private final int size;

        PatternSource(long total, int size) {
            this.total = total;
            this.size = size;
        }

        @Override
        protected void main() {
            long off = 0;
            while (off < total) {
                if (dataReady("control") && isShutdown(recv("control"))) {
                    return; // stopped from outside
                }
                int n = (int) Math.min(size, total - off);
                byte[] m = new byte[n];
                for (int i = 0; i < n; i++) {
                    m[i] = patternAt(off + i);
                }
                sendBlocking(m, "outbox");
                off += n;
                sent.set(off);
            }
            sendBlocking(new ProducerFinished(this), "signal");
        }
    }

    /**
     * Receives byte[] chunks: keeps them (up to a limit) or checks them against the test pattern, and
     * records what arrives on "control"; stops on ProducerFinished or ShutdownMicroprocess after draining
     * its inbox. A bounded inbox and a gate make it a slow consumer.
     */
    static final class ByteSink extends Component {
        final AtomicLong received = new AtomicLong();
        final AtomicLong chunks = new AtomicLong();
        final List<Object> control = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch finished = new CountDownLatch(1);
        volatile int largestChunk;
        volatile boolean patternOk = true;
        volatile boolean open = true;
        private final boolean checkPattern;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        ByteSink(int capacity, boolean checkPattern) {
            this.checkPattern = checkPattern;
            setInboxSize("inbox", capacity);
        }

        /** Stops taking from the inbox until {@link #resume()}. */
        void stall() {
            open = false;
        }

        void resume() {
            open = true;
            deliver(Boolean.TRUE, "wake");
        }

        {
            declareInbox("wake", "test: wakes it after resume()");
        }

        /** How many chunks wait in its inbox. */
        int waiting() {
            return dataCount("inbox");
        }

        byte[] bytes() {
            synchronized (kept) {
                return kept.toByteArray();
            }
        }

        @Override
        protected void main() {
            try {
                for (;;) {
                    while (dataReady("wake")) {
                        recv("wake");
                    }
                    while (open && dataReady("inbox")) {
                        take((byte[]) recv("inbox"));
                    }
                    while (open && dataReady("control")) {
                        Object m = recv("control");
                        control.add(m);
                        if (isShutdown(m)) {
                            while (dataReady("inbox")) {
                                take((byte[]) recv("inbox"));
                            }
                            return;
                        }
                    }
                    pause();
                }
            } finally {
                finished.countDown();
            }
        }

        private void take(byte[] b) {
            long off = received.get();
            if (checkPattern) {
                for (int i = 0; i < b.length; i++) {
                    if (b[i] != patternAt(off + i)) {
                        patternOk = false;
                        break;
                    }
                }
            } else {
                synchronized (kept) {
                    kept.writeBytes(b);
                }
            }
            largestChunk = Math.max(largestChunk, b.length);
            chunks.incrementAndGet();
            received.addAndGet(b.length);
        }
    }

    /** A test's view of a client through a Handle: its bytes out and its signal messages. */
    static final class Probe {
        final ThreadedTCPClient client;
        final Handle handle;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Object> signals = new ArrayList<>();

        Probe(ThreadedTCPClient client) {
            this.client = client;
            this.handle = new Handle(client);
        }

        Probe activate(org.kamaelia.axon.Scheduler s) {
            client.activate(s);
            return this;
        }

        /** Takes chunks from "outbox" until {@code n} bytes in all have arrived; returns those bytes. */
        byte[] read(int n) throws TimeoutException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (bytes.size() < n) {
                Object m = handle.get("outbox", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                assertThat(m).isInstanceOf(byte[].class);
                bytes.writeBytes((byte[]) m);
            }
            byte[] all = bytes.toByteArray();
            bytes.reset();
            bytes.write(all, n, all.length - n);
            return java.util.Arrays.copyOf(all, n);
        }

        /** Every byte still to come on "outbox" (call after the client finished). */
        byte[] rest() {
            for (Object m : handle.drain("outbox")) {
                bytes.writeBytes((byte[]) m);
            }
            byte[] all = bytes.toByteArray();
            bytes.reset();
            return all;
        }

        /** Takes "signal" messages until a SocketShutdown; returns that one, keeping all in {@link #signals}. */
        SocketShutdown awaitShutdown() throws TimeoutException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (;;) {
                Object m = handle.get("signal", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                signals.add(m);
                if (m instanceof SocketShutdown s) {
                    return s;
                }
            }
        }

        /** Waits for the client (and its watcher) to finish, and checks nothing followed the SocketShutdown. */
        void awaitFinished() {
            assertThat(handle.awaitFinished(WAIT)).as("client finished").isTrue();
            assertThat(handle.drain("signal")).as("nothing on signal after the SocketShutdown").isEmpty();
        }
    }

    /** Counts this process's open file descriptors (Linux). */
    static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count() - 1; // the directory stream itself
        }
    }

    /** Waits until the open descriptor count is back to {@code expected} (other JVM activity settles). */
    static void assertFdsBackTo(int expected) throws Exception {
        int[] last = {-1};
        boolean ok = eventually(WAIT, () -> {
            try {
                last[0] = openFds();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return last[0] <= expected;
        });
        assertThat(ok).as("open file descriptors back to %d (now %d)", expected, last[0]).isTrue();
    }

    /** Checks that the client's threads (main, reader, control watcher) have all ended. */
    static void assertThreadsEnded(ThreadedTCPClient c) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        ts.add(c.thread());
        ts.add(c.controlWatcher().thread());
        if (c.readerThread() != null) {
            ts.add(c.readerThread());
        }
        for (Thread t : ts) {
            assertThat(t).as("thread of %s", c.name()).isNotNull();
            assertThat(t.join(WAIT)).as("%s ended", t.getName()).isTrue();
        }
        assertThat(c.controlWatcher().isFinished()).isTrue();
    }
}
