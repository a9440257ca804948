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
package org.kamaelia.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Log calls that cannot fail their caller: the servers' accept and cleanup paths log through this, so
 * a logger or log handler that throws (any Throwable: a bug, an Error, a NoClassDefFoundError while the
 * process is out of file descriptors) can end neither the acceptor nor a connection's cleanup. Not
 * exported from the module.
 *
 * <p>A failed log call is counted ({@link #failureCount()}) and reported on standard error, itself
 * guarded: the first failure, then the 2nd, 4th, 8th... so a storm of them stays a few lines.
 *
 * <p>Thread safety: any thread; the count is atomic.
 */
public final class SafeLog {
    private static final AtomicLong FAILURES = new AtomicLong();

    private SafeLog() {
    }

    /** Logs {@code message} at {@code level}; never throws. */
    public static void log(System.Logger logger, System.Logger.Level level, String message) {
        try {
            logger.log(level, message);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** Logs {@code message} and {@code thrown} at {@code level}; never throws. */
    public static void log(System.Logger logger, System.Logger.Level level, String message, Throwable thrown) {
        try {
            logger.log(level, message, thrown);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** Logs the message {@code message} makes, if {@code level} is enabled; never throws. */
    public static void log(System.Logger logger, System.Logger.Level level, Supplier<String> message) {
        try {
            logger.log(level, message);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** {@code t.toString()}, or its class name when that throws. */
    public static String describe(Throwable t) {
        try {
            return String.valueOf(t);
        } catch (Throwable e) {
            return t.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
        }
    }

    /** Log calls that threw since the JVM started. Any thread. */
    public static long failureCount() {
        return FAILURES.get();
    }

    private static void failed(Throwable t) {
        long n = FAILURES.incrementAndGet();
        if ((n & (n - 1)) == 0) { // 1, 2, 4, 8, ...
            try {
                System.err.println("kamaelia: a log call failed (" + n + " so far; reported at powers of two): " + t);
            } catch (Throwable ignored) {
                // nowhere left to report it: it is counted
            }
        }
    }
}
