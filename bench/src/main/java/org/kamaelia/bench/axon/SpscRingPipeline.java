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
package org.kamaelia.bench.axon;

import java.util.concurrent.locks.LockSupport;

/**
 * A reference for the pipeline benchmark, not Axon: the same shape (a source, N pass-through stages, a
 * sink, each on a virtual thread of its own) joined by bare single-producer single-consumer rings,
 * drained and filled in batches, with one publication and one wake-up check per batch. It shows what
 * the hardware and the virtual-thread scheduler allow when nothing else is paid for: no box names, no
 * lane checks, no per-message publication or wake-up.
 */
final class SpscRingPipeline {
    static final Object END = new Object();
    static final int CAPACITY = 1024;
    static final int BATCH = 256;

    private SpscRingPipeline() {
    }

    /** Padding before the producer's fields. */
    abstract static class Pad0 {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** The producer's side. */
    abstract static class ProducerSide extends Pad0 {
        volatile long tail;
        long tailLocal;
        long headCache;
        volatile boolean producerWaiting;
        Thread producer;
    }

    /** Padding between the sides. */
    abstract static class Pad1 extends ProducerSide {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    /** The consumer's side. */
    abstract static class ConsumerSide extends Pad1 {
        volatile long head;
        long headLocal;
        volatile boolean consumerWaiting;
        Thread consumer;
    }

    /** A ring of {@link #CAPACITY} slots between one producer thread and one consumer thread. */
    static final class Ring extends ConsumerSide {
        long p20, p21, p22, p23, p24, p25, p26, p27;
        final Object[] slots = new Object[CAPACITY];

        /**
         * Takes 1 to {@code into.length} messages, waiting for at least one. Consumer only.
         *
         * @return how many
         */
        int takeBatch(Object[] into) {
            long h = headLocal;
            long t;
            while ((t = tail) == h) {
                consumer = Thread.currentThread();
                consumerWaiting = true; // volatile store, then volatile load of tail: ordered
                while (consumerWaiting && tail == h) {
                    LockSupport.park(this);
                }
                consumerWaiting = false;
            }
            int n = (int) Math.min(t - h, into.length);
            for (int i = 0; i < n; i++) {
                int k = (int) (h + i) & (CAPACITY - 1);
                into[i] = slots[k];
                slots[k] = null;
            }
            headLocal = h + n;
            head = h + n; // one publication per batch
            if (producerWaiting) {
                producerWaiting = false;
                LockSupport.unpark(producer);
            }
            return n;
        }

        /** Puts {@code from[0..n)} in, waiting for space as needed. Producer only. */
        void putBatch(Object[] from, int n) {
            long t = tailLocal;
            for (int i = 0; i < n; i++) {
                if (t - headCache >= CAPACITY) {
                    headCache = head;
                    if (t - headCache >= CAPACITY) {
                        publish(t);
                        waitForSpace(t);
                    }
                }
                slots[(int) t & (CAPACITY - 1)] = from[i];
                t++;
            }
            publish(t);
        }

        private void publish(long t) {
            tailLocal = t;
            tail = t; // one publication per batch
            if (consumerWaiting) {
                consumerWaiting = false;
                LockSupport.unpark(consumer);
            }
        }

        private void waitForSpace(long t) {
            producer = Thread.currentThread();
            producerWaiting = true;
            while (producerWaiting && t - head >= CAPACITY) {
                LockSupport.park(this);
            }
            producerWaiting = false;
            headCache = head;
        }
    }

    /**
     * Pushes {@code messages} copies of {@code payload} through {@code stages} pass-through stages.
     *
     * @return how many the sink counted
     */
    static long run(int stages, int messages, Object payload) throws InterruptedException {
        Ring[] rings = new Ring[stages + 1];
        for (int i = 0; i < rings.length; i++) {
            rings[i] = new Ring();
        }
        Thread[] threads = new Thread[stages + 1];
        threads[0] = Thread.ofVirtual().start(() -> {
            Object[] batch = new Object[BATCH];
            int sent = 0;
            while (sent < messages) {
                int n = Math.min(BATCH, messages - sent);
                java.util.Arrays.fill(batch, 0, n, payload);
                rings[0].putBatch(batch, n);
                sent += n;
            }
            batch[0] = END;
            rings[0].putBatch(batch, 1);
        });
        for (int s = 1; s <= stages; s++) {
            Ring in = rings[s - 1];
            Ring out = rings[s];
            threads[s] = Thread.ofVirtual().start(() -> {
                Object[] batch = new Object[BATCH];
                for (;;) {
                    int n = in.takeBatch(batch);
                    out.putBatch(batch, n);
                    if (batch[n - 1] == END) {
                        return;
                    }
                }
            });
        }
        long[] count = new long[1];
        Thread sink = Thread.ofVirtual().start(() -> {
            Object[] batch = new Object[BATCH];
            Ring last = rings[stages];
            for (;;) {
                int n = last.takeBatch(batch);
                if (batch[n - 1] == END) {
                    count[0] += n - 1;
                    return;
                }
                count[0] += n;
            }
        });
        sink.join();
        for (Thread t : threads) {
            t.join();
        }
        return count[0];
    }
}
