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
package org.kamaelia.bench.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server end of the TCP benchmarks: a listener on 127.0.0.1 in the benchmark's own JVM, with one
 * PLATFORM thread per accepted connection running plain blocking {@link SocketChannel} code, so that the
 * client under test and its reference talk to exactly the same server.
 *
 * <ul>
 * <li>{@link Kind#DRAIN}: reads into a 1 MiB direct buffer until end of stream, then closes; the byte
 *     count of the last connection is kept for checks.</li>
 * <li>{@link Kind#BLAST}: writes {@code blastBytes} from a 1 MiB direct buffer, then closes.</li>
 * <li>{@link Kind#ECHO}: writes back whatever it reads (a 64 KiB direct buffer), until end of stream.</li>
 * </ul>
 * The echo server's sockets have TCP_NODELAY on; the others keep the defaults.
 *
 * <h2>Thread safety</h2>
 * Start and close from one thread; the connection threads touch only their own socket, the shared
 * counters (atomic) and the set of open connections (concurrent).
 */
final class LoopbackServer implements AutoCloseable {

    enum Kind { DRAIN, BLAST, ECHO }

    private final Kind kind;
    private final long blastBytes;
    private final ServerSocketChannel listener;
    private final Thread acceptor;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long lastDrained = -1;

    private LoopbackServer(Kind kind, long blastBytes) {
        this.kind = kind;
        this.blastBytes = blastBytes;
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("bench-" + kind + "-acceptor").start(this::acceptLoop);
    }

    /** A server that reads and discards everything. */
    static LoopbackServer drain() {
        return new LoopbackServer(Kind.DRAIN, 0);
    }

    /** A server that sends {@code bytes} bytes to each connection, then closes it. */
    static LoopbackServer blast(long bytes) {
        return new LoopbackServer(Kind.BLAST, bytes);
    }

    /** A server that echoes every byte. */
    static LoopbackServer echo() {
        return new LoopbackServer(Kind.ECHO, 0);
    }

    int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes the drain server read on the last connection that ended, -1 before any did. */
    long lastDrained() {
        return lastDrained;
    }

    /** Forgets the last drained count (before a new connection whose count will be checked). */
    void resetDrained() {
        lastDrained = -1;
    }

    /** Throws the first error a connection thread met, if any (a benchmark run must not hide one). */
    void check() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("loopback " + kind + " server failed", t);
        }
    }

    private void acceptLoop() {
        try {
            for (;;) {
                SocketChannel c = listener.accept();
                if (kind == Kind.ECHO) {
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                open.add(c);
                Thread.ofPlatform().daemon().name("bench-" + kind).start(() -> serve(c));
            }
        } catch (ClosedChannelException e) {
            // closed: done
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            switch (kind) {
                case DRAIN -> {
                    ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
                    long total = 0;
                    int n;
                    while ((n = c.read(b)) >= 0) {
                        total += n;
                        b.clear();
                    }
                    lastDrained = total;
                }
                case BLAST -> {
                    ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
                    long left = blastBytes;
                    while (left > 0) {
                        b.clear();
                        if (left < b.capacity()) {
                            b.limit((int) left);
                        }
                        while (b.hasRemaining()) {
                            left -= c.write(b);
                        }
                    }
                    c.shutdownOutput();
                    ByteBuffer sink = ByteBuffer.allocate(256);
                    while (c.read(sink) >= 0) { // wait for the client to close: both ends see a clean close
                        sink.clear();
                    }
                }
                case ECHO -> {
                    ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
                    while (c.read(b) >= 0) {
                        b.flip();
                        while (b.hasRemaining()) {
                            c.write(b);
                        }
                        b.clear();
                    }
                }
            }
        } catch (IOException e) {
            if (listener.isOpen()) {
                failure.compareAndSet(null, e);
            }
        } finally {
            open.remove(c);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
            for (SocketChannel c : open) {
                c.close();
            }
            acceptor.join(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
