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

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.chassis.SimpleServer;

/**
 * Runs {@code kamaelia serve}: a {@link SimpleServer} giving each connection a protocol component,
 * until the process is interrupted.
 *
 * <p>It binds first (so a port in use is reported at once, exit 1), prints
 * {@code kamaelia: listening on ADDRESS:PORT} on standard error (scripts that pass {@code --port 0} read
 * the port from it), then waits for the server to finish. Ctrl-C (SIGINT or SIGTERM, through a shutdown
 * hook) delivers a ServerShutdown, waits for the server to close its listener and every connection, and
 * exits 0. If the listening socket fails, it reports that and exits 1.
 *
 * <h2>Thread safety</h2>
 * {@link #run()} runs on the caller's thread; the interrupt action on the hook's thread touches only the
 * server (thread-safe), the {@code stopping} flag (atomic) and standard error.
 */
final class ServeSession {
    /** How long a shutdown waits for the server (its own timeout for protocols is 5 s). */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ServeConfig config;
    private final Terminal terminal;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    ServeSession(ServeConfig config, Terminal terminal) {
        this.config = Objects.requireNonNull(config, "config");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    /** Runs the server until it is interrupted or fails; returns the exit status. */
    ExitStatus run() {
        PrintStream err = terminal.err();
        InetAddress bind;
        try {
            bind = InetAddress.getByName(config.bind());
        } catch (UnknownHostException e) {
            err.println("kamaelia: unknown bind address: " + config.bind() + " (" + ExitStatus.rootMessage(e) + ")");
            return ExitStatus.UNKNOWN_HOST;
        }
        SimpleServer server;
        try {
            server = SimpleServer.builder(config.protocol().factory()).bindAddress(bind).port(config.port())
                    .maxConnections(config.maxConnections()).backlog(config.backlog())
                    .idleTimeout(config.idleTimeout()).firstByteTimeout(config.firstByteTimeout()).build();
        } catch (UncheckedIOException e) {
            err.println("kamaelia: cannot listen on " + Addresses.format(new InetSocketAddress(bind, config.port())) + ": "
                    + ExitStatus.rootMessage(e));
            return ExitStatus.FAILURE;
        }
        ServerReporter reporter = new ServerReporter(err); // a connection's protocol failure: one line on stderr
        reporter.link(server, "signal", reporter, "inbox");
        // The interrupt action is in place before "listening on" is printed: a script that stops the
        // server as soon as it reads that line gets a clean stop.
        Interrupts.Registration reg = terminal.interrupts().onInterrupt(() -> {
            stopping.set(true);
            server.close();
            boolean done = server.join(STOP_WAIT) && reporter.join(STOP_WAIT);
            long failed = reporter.protocolFailures();
            err.println("kamaelia: server stopped" + (done ? "" : " (not all connections closed within "
                    + Durations.format(STOP_WAIT) + ")") + "; " + server.acceptedCount()
                    + (server.acceptedCount() == 1 ? " connection" : " connections") + " served"
                    + (failed == 0 ? "" : ", " + failed + (failed == 1 ? " protocol failure" : " protocol failures")));
            err.flush();
            stopped.countDown();
            terminal.interrupts().halt(ExitStatus.OK.code());
        });
        Scheduler scheduler = new Scheduler("kamaelia-serve");
        reporter.activate(scheduler);
        server.activate(scheduler);
        err.println("kamaelia: listening on " + Addresses.format(server.localAddress()) + " (" + config.protocol().cliName()
                + "; Ctrl-C stops it)");
        server.join();
        boolean cancelled = reg.cancel();
        if (!cancelled || stopping.get()) {
            awaitStopped(); // its last line is printed by the interrupt action
            return ExitStatus.OK; // stopped on request
        }
        err.println("kamaelia: the server stopped: " + server.failures().stream()
                .map(f -> String.valueOf(f.error())).findFirst().orElse("its listening socket closed"));
        return ExitStatus.FAILURE;
    }

    private void awaitStopped() {
        try {
            stopped.await(STOP_WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
