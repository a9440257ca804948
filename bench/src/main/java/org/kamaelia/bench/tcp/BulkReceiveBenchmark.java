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
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.bench.tcp.Parts.CountingSink;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.ipc.SocketShutdown;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Bulk receive, issue 3: a server sends 1 GiB; the client puts it out of its "outbox" as
 * {@code byte[]} chunks to a component that counts them; against a plain {@link java.net.Socket}
 * reading the same bytes from the same server into one 64 KiB array (the client's default chunk
 * size). Target: the client at least 0.9 times the socket.
 *
 * <p>One operation is one byte, so the score is bytes per second. Each invocation makes a fresh
 * connection (and for the client a fresh {@code Pipeline(ThreadedTCPClient, CountingSink)} on a new
 * Scheduler) and ends when every byte has been counted and the connection closed: the server closes
 * after the last byte, the client finishes with a clean SocketShutdown, which ends the sink.
 *
 * <p>{@code sinkCapacity} is the counting component's inbox capacity in chunks: 64 (bounded: the
 * reader waits for space, the backpressure the issue asks for) or 0 (unbounded). {@code chunkSize} is
 * the client's {@code receiveChunkSize} (default 64 KiB; {@code -p chunkSize=262144} measures the
 * larger chunks discussed in TCP-BENCHMARKS.md).
 *
 * <p>The server is {@link LoopbackServer#blast(long)}: a platform thread in the same JVM writing from
 * a 1 MiB direct buffer.
 *
 * <p>Run: {@code bench/run-jmh BulkReceiveBenchmark}.
 */
public class BulkReceiveBenchmark extends LoopbackBenchmark {
    static final int TOTAL_INT = 1 << 30; // 1 GiB
    static final long TOTAL = TOTAL_INT;
    static final int READ_SIZE = 64 * 1024;

    @Param({"64", "0"})
    public int sinkCapacity;

    /** The client's receive chunk size (its builder option); 65536 is the default. */
    @Param({"65536"})
    public int chunkSize = ThreadedTCPClient.DEFAULT_RECEIVE_CHUNK_SIZE;

    private final byte[] buf = new byte[READ_SIZE];

    @Setup(Level.Trial)
    public void start() {
        server = LoopbackServer.blast(TOTAL);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL_INT)
    public long client() {
        ThreadedTCPClient client = ThreadedTCPClient.builder("127.0.0.1", server.port())
                .receiveChunkSize(chunkSize).build();
        CountingSink sink = new CountingSink();
        sink.setInboxSize("inbox", sinkCapacity);
        SocketShutdown end = runToCleanEnd("bulk receive", sink, client);
        if (sink.bytes != TOTAL || end.bytesReceived() != TOTAL) {
            throw new AssertionError("counted " + sink.bytes + ", client received " + end.bytesReceived());
        }
        return sink.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL_INT)
    public long plainSocket() throws IOException {
        long total = 0;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            InputStream in = s.getInputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        }
        if (total != TOTAL) {
            throw new AssertionError("read " + total);
        }
        return total;
    }
}
