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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kamaelia connect} as a real process, stopped by a real SIGTERM while connected to a server that
 * never closes: it must exit 143 and print {@code kamaelia: interrupted} exactly once, every time (the
 * JVM's shutdown hook used to let the JVM halt before the main thread printed it, in about 1 run of 4).
 * The command is started as the launcher starts it ({@code java -cp ... org.kamaelia.cli.Main}), with
 * this test's class path.
 */
@Timeout(90)
class InterruptedProcessTest {
    private static final int RUNS = 12;
    private static final long WAIT_SECONDS = 15;
    private static final String EOF = "<end of stderr>";

    private ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    @BeforeEach
    void startAServerThatNeverCloses() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("never-closing-server").start(() -> {
            try {
                for (;;) {
                    Socket s = server.accept();
                    synchronized (accepted) {
                        accepted.add(s); // held open until the test ends
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    @AfterEach
    void stopTheServer() throws IOException {
        server.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void sigtermWhileConnectedExits143AndPrintsInterruptedExactlyOnceEveryTime() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int run = 1; run <= RUNS; run++) {
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", classPath(), "org.kamaelia.cli.Main",
                    "connect", "-v", "127.0.0.1", String.valueOf(server.getLocalPort()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BlockingQueue<String> err = linesOf(p);
                List<String> seen = new ArrayList<>();
                String line;
                do { // wait for the connection, not for a time
                    line = err.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                    assertThat(line).as("run %d: a line on stderr within %ds; so far %s", run, WAIT_SECONDS, seen)
                            .isNotNull().isNotEqualTo(EOF);
                    seen.add(line);
                } while (!line.startsWith("kamaelia: connected to "));

                p.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our ends of its pipes)
                assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("run %d: ended", run).isTrue();
                while (!(line = err.poll(WAIT_SECONDS, TimeUnit.SECONDS)).equals(EOF)) {
                    seen.add(line);
                }
                assertThat(p.exitValue()).as("run %d: exit status; stderr %s", run, seen).isEqualTo(143);
                assertThat(seen).as("run %d: stderr %s", run, seen).filteredOn("kamaelia: interrupted"::equals).hasSize(1);
                assertThat(seen.get(seen.size() - 1)).as("run %d: the last line", run)
                        .isEqualTo("kamaelia: interrupted");
            } finally {
                p.destroyForcibly();
                p.getOutputStream().close(); // its standard input stayed open until now
            }
        }
    }

    /** This test's class path and module path (surefire puts the modules under test on the latter). */
    private static String classPath() {
        StringBuilder sb = new StringBuilder();
        for (String key : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(key);
            if (v != null && !v.isBlank()) {
                sb.append(sb.length() > 0 ? java.io.File.pathSeparator : "").append(v);
            }
        }
        return sb.toString();
    }

    /** The process's standard error, line by line, then {@link #EOF}. */
    private static BlockingQueue<String> linesOf(Process p) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon(true).name("stderr-reader").start(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    q.add(l);
                }
            } catch (IOException e) {
                q.add("(reading stderr failed: " + e + ")");
            } finally {
                q.add(EOF);
            }
        });
        return q;
    }
}
