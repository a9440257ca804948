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
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.bench.tcp.Parts.CountingSink;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.ipc.SocketShutdown;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the bulk and small-message benchmarks share: their JMH settings (inherited by the subclasses),
 * one {@link LoopbackServer} per trial (each subclass starts its kind in its own {@code @Setup}), and
 * the run-and-check steps of one invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public abstract class LoopbackBenchmark {
    protected LoopbackServer server;

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
        server.check();
    }

    /**
     * Runs {@code Pipeline(stages..., sink)} on a scheduler of its own until it has finished, and returns
     * the client's final message, which must be a clean SocketShutdown.
     */
    static SocketShutdown runToCleanEnd(String what, CountingSink sink, Component... stages) {
        Component[] all = java.util.Arrays.copyOf(stages, stages.length + 1);
        all[stages.length] = sink;
        Pipeline p = new Pipeline(all);
        p.activate(new Scheduler(what));
        p.join();
        return Parts.requireClean(sink.end, what);
    }

    /** Throws unless the client sent, and the drain server read, exactly {@code want} bytes; returns them. */
    long requireAllSent(SocketShutdown end, long want) {
        if (end.bytesSent() != want || server.lastDrained() != want) {
            throw new AssertionError("sent " + end.bytesSent() + ", server read " + server.lastDrained() + " of " + want);
        }
        return want;
    }

    /** Half-closes a plain socket, waits for the drain server to close, checks it read everything. */
    void endAndCheck(Socket s, long want) throws IOException {
        s.shutdownOutput();
        InputStream in = s.getInputStream();
        if (in.read() != -1) {
            throw new AssertionError("the drain server sent something");
        }
        if (server.lastDrained() != want) {
            throw new AssertionError("server read " + server.lastDrained() + " of " + want);
        }
    }
}
