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

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process entry point of the {@code kamaelia} command: runs {@link Cli} on the process's streams
 * and exits with its status. All the logic is in {@link Cli}, which tests call with their own streams.
 *
 * <p>The runtime logs a component that fails at WARNING, with its stack trace; the command reports every
 * failure itself, in one line, so it raises the level of the {@code org.kamaelia} loggers to SEVERE.
 * Set the environment variable {@code KAMAELIA_LOG} to a java.util.logging level (e.g. {@code FINE},
 * {@code WARNING}) to see them.
 */
public final class Main {
    /** Held so the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final Logger KAMAELIA_LOGGER = Logger.getLogger("org.kamaelia");

    private Main() {
    }

    public static void main(String[] args) {
        KAMAELIA_LOGGER.setLevel(logLevel(System.getenv("KAMAELIA_LOG")));
        int code = Cli.run(Terminal.system(), args);
        System.exit(code);
    }

    static Level logLevel(String setting) {
        if (setting == null || setting.isBlank()) {
            return Level.SEVERE;
        }
        try {
            return Level.parse(setting.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.SEVERE;
        }
    }
}
