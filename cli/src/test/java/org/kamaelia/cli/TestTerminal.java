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

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Terminal} for tests: standard output and error captured (and waitable), standard input given,
 * and interrupts the test triggers itself ({@link FakeInterrupts}).
 */
final class TestTerminal {
    final Capture out = new Capture();
    final Capture err = new Capture();
    final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    final FakeInterrupts interrupts = new FakeInterrupts();

    Terminal with(InputStream in) {
        return new Terminal(in, out, errStream, interrupts);
    }

    Terminal withNoInput() {
        return with(new ByteArrayInputStream(new byte[0]));
    }

    String out() {
        return out.text();
    }

    String err() {
        return err.text();
    }

    /** An output stream that keeps everything written and lets a test wait for text to appear. */
    static final class Capture extends OutputStream {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition grew = lock.newCondition();
        private byte[] buf = new byte[1024];
        private int size;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            lock.lock();
            try {
                if (size + len > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
                }
                System.arraycopy(b, off, buf, size, len);
                size += len;
                grew.signalAll();
            } finally {
                lock.unlock();
            }
        }

        byte[] bytes() {
            lock.lock();
            try {
                return Arrays.copyOf(buf, size);
            } finally {
                lock.unlock();
            }
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        /** Waits until the text written so far matches {@code regex} somewhere; returns the match. */
        Matcher await(String regex, Duration timeout) throws InterruptedException, TimeoutException {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                for (;;) {
                    Matcher m = p.matcher(new String(buf, 0, size, StandardCharsets.UTF_8));
                    if (m.find()) {
                        return m;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TimeoutException("no match for /" + regex + "/ within " + timeout + " in: "
                                + new String(buf, 0, size, StandardCharsets.UTF_8));
                    }
                    grew.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Interrupts a test triggers with {@link #interrupt()}, as the JVM's shutdown hooks would run. */
    static final class FakeInterrupts implements Interrupts {
        private final List<Runnable> actions = new CopyOnWriteArrayList<>();
        final List<Integer> halts = new CopyOnWriteArrayList<>();
        private final AtomicBoolean fired = new AtomicBoolean();

        @Override
        public Registration onInterrupt(Runnable action) {
            actions.add(action);
            return () -> !fired.get() && actions.remove(action);
        }

        @Override
        public void halt(int status) {
            halts.add(status);
        }

        /** How many actions are registered (and not cancelled). */
        int registered() {
            return actions.size();
        }

        /** Runs every registered action on a thread of its own; returns those threads (to join). */
        List<Thread> interrupt() {
            fired.set(true);
            List<Thread> ts = new ArrayList<>();
            for (Runnable r : actions) {
                ts.add(Thread.ofPlatform().name("test-interrupt").start(r));
            }
            return ts;
        }

        static void joinAll(List<Thread> ts, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread t : ts) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                t.join(left);
            }
        }
    }
}
