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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.bench.tcp.Parts.CountingSink;
import org.kamaelia.bench.tcp.Parts.RepeatSource;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.ipc.SocketShutdown;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * Bulk send, issue 3: 1 GiB in 64 KiB messages from a component into the client's "inbox", to a
 * server that drains it; against a plain {@link java.net.Socket} writing the same bytes (the same
 * 64 KiB array, 16,384 times, one {@code write} each) to the same server. Target: the client at least
 * 0.9 times the socket. {@code plainSocket} keeps the socket's default options (Nagle on), the reference
 * for the target; {@code plainSocketNoDelay} sets TCP_NODELAY, the client's default: on loopback a
 * 64 KiB write is one full segment plus a 53-byte one, which then leaves on its own, and that makes this
 * variant the slower of the two.
 *
 * <p>One operation is one byte, so the score is bytes per second. Each invocation makes a fresh
 * connection (and for the client a fresh graph: {@code Pipeline(RepeatSource, ThreadedTCPClient,
 * CountingSink)} on a new Scheduler) and ends when the server has read everything and closed: the
 * source's ProducerFinished makes the client send what is queued and half-close, the server reads end
 * of stream and closes, the client finishes with a clean SocketShutdown. The plain socket does the same:
 * writes, {@code shutdownOutput()}, reads end of stream, closes.
 *
 * <p>The server is {@link LoopbackServer#drain()}: a platform thread in the same JVM reading into a
 * 1 MiB direct buffer.
 *
 * <p>Run: {@code bench/run-jmh BulkSendBenchmark}.
 */
public class BulkSendBenchmark extends LoopbackBenchmark {
    static final int MESSAGE = 64 * 1024;
    static final int MESSAGES = 16 * 1024;
    static final long TOTAL = (long) MESSAGE * MESSAGES; // 1 GiB
    /** {@code TOTAL} as an int-typed constant for the annotations (1 GiB fits). */
    static final int TOTAL_INT = MESSAGE * MESSAGES;

    private final byte[] message = new byte[MESSAGE];

    @Setup(Level.Trial)
    public void start() {
        for (int i = 0; i < MESSAGE; i++) {
            message[i] = (byte) i;
        }
        server = LoopbackServer.drain();
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL_INT)
    public long client() {
        server.resetDrained();
        ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", server.port());
        SocketShutdown end = runToCleanEnd("bulk send", new CountingSink(), new RepeatSource(message, MESSAGES), client);
        return requireAllSent(end, TOTAL);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL_INT)
    public long plainSocket() throws IOException {
        return plain(false);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL_INT)
    public long plainSocketNoDelay() throws IOException {
        return plain(true);
    }

    private long plain(boolean noDelay) throws IOException {
        server.resetDrained();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            if (noDelay) {
                s.setTcpNoDelay(true);
            }
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < MESSAGES; i++) {
                out.write(message);
            }
            endAndCheck(s, TOTAL);
        }
        return TOTAL;
    }
}
