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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A TCP server on loopback for tests, written with plain java.net sockets (so the client is tested
 * against code that does not share its machinery). It accepts connections on a thread of its own and
 * either hands each to a behaviour (an echo server, a server that never reads, ...) on a thread per
 * connection, or queues it for the test to script with {@link #accept(Duration)}.
 *
 * <p>{@link #close()} closes the listening socket and every accepted socket, and waits for its threads,
 * so a test that closes its server leaves no thread or descriptor of it behind.
 */
final class TestServer implements AutoCloseable {
    private final ServerSocket listener;
    private final BlockingQueue<Socket> queue = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Consumer<Socket> behaviour;

    private TestServer(InetAddress address, int port, int backlog, Consumer<Socket> behaviour, boolean accepting)
            throws IOException {
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(address, port), backlog);
        this.behaviour = behaviour;
        if (accepting) {
            Thread t = Thread.ofPlatform().daemon().name("test-server-acceptor-" + port()).start(this::acceptLoop);
            threads.add(t);
        }
    }

    /** A server on 127.0.0.1 whose connections the test takes with {@link #accept(Duration)}. */
    static TestServer scripted() throws IOException {
        return new TestServer(loopback(), 0, 50, null, true);
    }

    /** A scripted server on the given address and port (0: any free port). */
    static TestServer scripted(InetAddress address, int port) throws IOException {
        return new TestServer(address, port, 50, null, true);
    }

    /** A server that runs {@code behaviour} on each connection, on a thread of its own. */
    static TestServer serving(Consumer<Socket> behaviour) throws IOException {
        return new TestServer(loopback(), 0, 50, behaviour, true);
    }

    /**
     * An echo server: sends back every byte it reads; when the client half-closes, it finishes sending
     * and closes its side too.
     */
    static TestServer echo() throws IOException {
        return serving(TestServer::echoOn);
    }

    /** A listening socket that never accepts, with the given backlog (fill it to make connects hang). */
    static TestServer neverAccepting(int backlog) throws IOException {
        return new TestServer(loopback(), 0, backlog, null, false);
    }

    static InetAddress loopback() {
        return InetAddress.getLoopbackAddress().getAddress().length == 4
                ? InetAddress.getLoopbackAddress() : address("127.0.0.1");
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next accepted connection. */
    Socket accept(Duration timeout) throws InterruptedException, TimeoutException {
        Socket s = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (s == null) {
            throw new TimeoutException("no connection accepted within " + timeout);
        }
        return s;
    }

    /** How many connections were accepted so far. */
    int acceptedCount() {
        return sockets.size();
    }

    private void acceptLoop() {
        try {
            for (;;) {
                Socket s = listener.accept();
                sockets.add(s);
                if (behaviour == null) {
                    queue.add(s);
                } else {
                    Thread t = Thread.ofPlatform().daemon().name("test-server-conn").unstarted(() -> {
                        try {
                            behaviour.accept(s);
                        } finally {
                            closeQuietly(s);
                        }
                    });
                    threads.add(t);
                    t.start();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    static void echoOn(Socket s) {
        try {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] b = new byte[64 * 1024];
            int n;
            while ((n = in.read(b)) >= 0) {
                out.write(b, 0, n);
            }
            s.shutdownOutput();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Reads exactly {@code n} bytes from {@code s}, failing if they do not come within the timeout. */
    static byte[] readExactly(Socket s, int n, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        byte[] b = s.getInputStream().readNBytes(n);
        if (b.length != n) {
            throw new IOException("end of stream after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** Reads until end of stream, failing if it does not come within the timeout (for each read). */
    static byte[] readToEnd(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.getInputStream().transferTo(out);
        return out.toByteArray();
    }

    /** True when nothing (not even end of stream) arrives on {@code s} within the timeout. */
    static boolean staysSilent(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        try {
            s.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** Closes {@code s} with a reset (SO_LINGER 0): the peer gets ECONNRESET, not an end of stream. */
    static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(10));
        }
    }
}
