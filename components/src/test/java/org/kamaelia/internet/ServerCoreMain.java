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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ResourceBundle;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internal.SafeLog;
import org.kamaelia.protocol.EchoProtocol;

/**
 * An echo {@link SimpleServer} in a process of its own, for tests that need a limit of their own (the
 * descriptor-exhaustion test runs it under {@code ulimit -n}). Uses only this project and the JDK.
 *
 * <p>Logging goes wherever System.Logger sends it; the test can replace that with
 * {@link ThrowingLoggerFinder}. Prints {@code PORT <n>} once listening; then, for each line on stdin:
 * {@code STATS} prints {@code STATS <accepted> <acceptErrors> <open> <logFailures>}; {@code QUIT}
 * shuts the server down, prints {@code BYE <finished>} and exits (0 when it finished in time).
 */
public final class ServerCoreMain {
    private ServerCoreMain() {
    }

    /**
     * A logging backend whose every logger, at every level, throws a NoClassDefFoundError (what a log
     * handler does when it cannot load a class while the process is out of descriptors). The test puts
     * it in place with a service file ({@code META-INF/services/java.lang.System$LoggerFinder}) on the
     * child's class path, which replaces java.util.logging for System.Logger.
     */
    public static final class ThrowingLoggerFinder extends System.LoggerFinder {
        @Override
        public System.Logger getLogger(String name, Module module) {
            return new System.Logger() {
                @Override
                public String getName() {
                    return name;
                }

                @Override
                public boolean isLoggable(Level level) {
                    return true;
                }

                @Override
                public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                    throw new NoClassDefFoundError("a log handler that throws, for " + msg);
                }

                @Override
                public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                    throw new NoClassDefFoundError("a log handler that throws, for " + format);
                }
            };
        }
    }

    private static String stats(SimpleServer server) {
        return "STATS " + server.acceptedCount() + " " + server.acceptErrorCount() + " "
                + server.connectionCount() + " " + SafeLog.failureCount();
    }

    public static void main(String[] args) throws IOException {
        SimpleServer server = SimpleServer.builder(EchoProtocol::new).build();
        server.activate();
        stats(server); // loads what STATS needs now, not while out of descriptors
        System.out.println("PORT " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("STATS")) {
                System.out.println(stats(server));
                System.out.flush();
            } else if (line.equals("QUIT")) {
                break;
            }
        }
        server.close();
        boolean finished = server.join(Duration.ofSeconds(10));
        System.out.println("BYE " + finished);
        System.out.flush();
        System.exit(finished ? 0 : 1);
    }
}
