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
 * Small messages, issue 3: 10 million 100-byte messages, one message each, from a component into the
 * client's "inbox", to a server that drains them. References, to the same server in the same run:
 * <ul>
 * <li>{@link #limitCopyInto64KiB}: the limit. One thread copies the same messages into one 64 KiB array
 *     and writes the array with a plain {@link java.net.Socket} (default options) each time it is full.
 *     Target: the client at least 0.5 times this.</li>
 * <li>{@link #plainWritePerMessage}: one {@code OutputStream.write} per message (TCP_NODELAY on, as
 *     the client's default: every message leaves as a segment of its own). This one sends 1 million messages per invocation, not 10 million: at a
 *     few hundred thousand a second 10 million would take half a minute per invocation; its rate does
 *     not depend on the count.</li>
 * </ul>
 * One operation is one message, so the score is messages per second. Every invocation uses a fresh
 * connection (the client a fresh {@code Pipeline(RepeatSource, ThreadedTCPClient, CountingSink)}) and
 * ends when the server has read every byte and closed.
 *
 * <p>The server is {@link LoopbackServer#drain()}: a platform thread in the same JVM.
 *
 * <p>Run: {@code bench/run-jmh SmallMessagesBenchmark}.
 */
public class SmallMessagesBenchmark extends LoopbackBenchmark {
    static final int MESSAGE = 100;
    static final int MESSAGES = 10_000_000;
    static final int PER_WRITE_MESSAGES = 1_000_000;
    static final int BUFFER = 64 * 1024;

    private final byte[] message = new byte[MESSAGE];
    private final byte[] buffer = new byte[BUFFER];

    @Setup(Level.Trial)
    public void start() {
        for (int i = 0; i < MESSAGE; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
        server = LoopbackServer.drain();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long client() {
        return client(new ThreadedTCPClient("127.0.0.1", server.port()));
    }

    /**
     * Not a reference: the client with an unbounded inbox ({@code inboxCapacity(0)}), which the issue's
     * bounded-memory rule rules out as a default. It shows what the bounded inbox's send and receive
     * path costs per message (TCP-BENCHMARKS.md, "Small messages").
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long clientUnboundedInbox() {
        return client(ThreadedTCPClient.builder("127.0.0.1", server.port()).inboxCapacity(0).build());
    }

    private long client(ThreadedTCPClient client) {
        server.resetDrained();
        SocketShutdown end = runToCleanEnd("small messages", new CountingSink(), new RepeatSource(message, MESSAGES), client);
        return requireAllSent(end, (long) MESSAGE * MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long limitCopyInto64KiB() throws IOException {
        server.resetDrained();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            int pos = 0;
            for (int i = 0; i < MESSAGES; i++) {
                if (BUFFER - pos < MESSAGE) {
                    out.write(buffer, 0, pos);
                    pos = 0;
                }
                System.arraycopy(message, 0, buffer, pos, MESSAGE);
                pos += MESSAGE;
            }
            out.write(buffer, 0, pos);
            endAndCheck(s, (long) MESSAGE * MESSAGES);
        }
        return MESSAGES;
    }

    @Benchmark
    @OperationsPerInvocation(PER_WRITE_MESSAGES)
    public long plainWritePerMessage() throws IOException {
        server.resetDrained();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < PER_WRITE_MESSAGES; i++) {
                out.write(message);
            }
            endAndCheck(s, (long) MESSAGE * PER_WRITE_MESSAGES);
        }
        return PER_WRITE_MESSAGES;
    }
}
