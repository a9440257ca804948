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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.ipc.ProtocolFailure;

/**
 * Prints what a running server reports on its "signal" for {@code kamaelia serve}: one line on standard
 * error for each connection whose protocol failed (the server goes on serving the others), so that a
 * failure reaches the user instead of only a log they do not see. After {@link #MAX_PRINTED} lines it
 * only counts them, so a client that makes every connection fail cannot flood the terminal.
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": the server's "signal": {@link ProtocolFailure}s, then the server's stop message,
 *     which ends this component. Other messages are ignored.</li>
 * <li>inbox "control": a ProducerFinished or ShutdownMicroprocess ends it.</li>
 * </ul>
 *
 * <h2>Thread safety</h2>
 * Its state is confined to its main(); {@link #protocolFailures()} may be read from any thread.
 */
final class ServerReporter extends CliComponent {
    /** How many failures are printed one by one before they are only counted. */
    static final int MAX_PRINTED = 100;

    private final PrintStream err;
    private final AtomicLong failures = new AtomicLong();

    ServerReporter(PrintStream err) {
        this.err = Objects.requireNonNull(err, "err");
    }

    /** Protocol failures reported so far. Any thread. */
    long protocolFailures() {
        return failures.get();
    }

    @Override
    protected void main() {
        for (;;) {
            while (dataReady("inbox")) {
                Object m = recv("inbox");
                if (m instanceof ProtocolFailure f) {
                    report(f);
                } else if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
                    return; // the server has finished
                }
            }
            if (checkControl()) {
                return;
            }
            pause();
        }
    }

    private void report(ProtocolFailure f) {
        long n = failures.incrementAndGet();
        if (n <= MAX_PRINTED) {
            err.println("kamaelia: " + f.message());
        } else if (n == MAX_PRINTED + 1) {
            err.println("kamaelia: more connections failed; from now on they are counted, not printed");
        }
    }
}
