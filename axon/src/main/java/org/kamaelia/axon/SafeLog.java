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
package org.kamaelia.axon;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link System.Logger} that never throws: the runtime logs on paths that must complete (a
 * component's close-down above all), and a log call can fail there, from a handler that throws, or
 * from class loading when the process has run out of file descriptors (NoClassDefFoundError). A
 * record that could not be logged is counted ({@link #failures()}), and the first such failure is
 * written to standard error once, if that still works.
 *
 * <h2>Thread safety</h2>
 * Any thread; the counters are atomic.
 */
final class SafeLog {
    private static final AtomicLong FAILURES = new AtomicLong();

    private final System.Logger logger;

    SafeLog(System.Logger logger) {
        this.logger = logger;
    }

    void log(System.Logger.Level level, String message, Throwable thrown) {
        try {
            logger.log(level, message, thrown);
        } catch (Throwable t) {
            failed(t);
        }
    }

    void log(System.Logger.Level level, Supplier<String> message, Throwable thrown) {
        try {
            logger.log(level, message, thrown);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** How many records could not be logged in this JVM because the logger threw. */
    static long failures() {
        return FAILURES.get();
    }

    private static void failed(Throwable t) {
        if (FAILURES.getAndIncrement() == 0) {
            try {
                System.err.println("kamaelia: logging failed (further failures are only counted): " + describe(t));
            } catch (Throwable ignored) {
                // standard error is gone too: the count is all that is left
            }
        }
    }

    /** {@code t.toString()}, or its class name when that throws. */
    static String describe(Throwable t) {
        try {
            return String.valueOf(t);
        } catch (Throwable e) {
            return t.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
        }
    }
}
