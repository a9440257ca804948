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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kamaelia.internet.ServerTestSupport.WAIT;
import static org.kamaelia.internet.ServerTestSupport.connect;
import static org.kamaelia.internet.ServerTestSupport.readExactly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kamaelia.axon.Component;
import org.kamaelia.chassis.ServerCore;

/**
 * Point 2 of the reliability issue: a server that runs out of file descriptors pauses accepting and
 * recovers, also when every log call throws (a logging backend whose loggers all throw, at every
 * level). The server runs in a child JVM under {@code ulimit -n 200} ({@link ServerCoreMain}); this test opens more connections than that, holds them until the server has
 * counted accept errors, closes them, and checks that the server accepts and echoes again and shuts
 * down cleanly.
 */
@Timeout(60)
class DescriptorExhaustionTest {
    private static final int LIMIT = 200;
    private static final int CONNECTIONS = 300;

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** The child's answer to STATS: accepted, accept errors, open connections, failed log calls. */
    private static long[] stats(PrintStream to, BufferedReader from) throws IOException {
        to.println("STATS");
        to.flush();
        String line = from.readLine();
        assertThat(line).startsWith("STATS ");
        return Stream.of(line.substring(6).split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @ParameterizedTest(name = "log handler throws: {0}")
    @ValueSource(booleans = {false, true})
    void runningOutOfDescriptorsPausesAcceptingAndTheServerRecoversEvenWhenLoggingThrows(boolean throwingLog,
            @TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> path = new ArrayList<>(List.of(location(ServerCoreMain.class), location(ServerCore.class),
                location(Component.class)));
        if (throwingLog) { // every System.Logger in the child throws, at every level
            Path services = tmp.resolve("META-INF/services");
            Files.createDirectories(services);
            Files.writeString(services.resolve("java.lang.System$LoggerFinder"),
                    ServerCoreMain.ThrowingLoggerFinder.class.getName() + "\n");
            path.add(0, tmp.toString());
        }
        String cp = path.stream().distinct().collect(Collectors.joining(":"));
        String command = "ulimit -n " + LIMIT + "; exec '" + java + "' -Xmx128m -cp '" + cp + "' "
                + ServerCoreMain.class.getName();
        Process child = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Socket> held = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
            PrintStream in = new PrintStream(child.getOutputStream(), true, UTF_8);
            String first = out.readLine();
            assertThat(first).as("the child's first line").startsWith("PORT ");
            int port = Integer.parseInt(first.substring(5));

            for (int i = 0; i < CONNECTIONS; i++) {
                held.add(connect(port)); // all complete: the backlog holds what the server cannot accept
            }
            long[][] last = new long[1][];
            Fixtures.eventually(WAIT, () -> { // another process: no event to wait on, so ask it
                try {
                    last[0] = stats(in, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return last[0][1] > 0;
            });
            long[] s = last[0];
            assertThat(s[1]).as("accept errors while out of descriptors").isPositive();
            assertThat(s[0]).as("accepted").isLessThan(CONNECTIONS);
            for (Socket c : held) {
                c.close();
            }
            held.clear();

            try (Socket again = connect(port)) {
                again.getOutputStream().write("hello again".getBytes(UTF_8));
                assertThat(new String(readExactly(again, 11), UTF_8)).isEqualTo("hello again");
            }
            s = stats(in, out);
            if (throwingLog) {
                assertThat(s[3]).as("log calls that threw, counted").isPositive();
            }
            in.println("QUIT");
            assertThat(out.readLine()).isEqualTo("BYE true");
            assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the child exited").isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            for (Socket c : held) {
                c.close();
            }
            child.destroyForcibly();
            child.waitFor();
        }
    }
}
