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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waits the tests share. */
final class TestSupport {
    private TestSupport() {
    }

    /**
     * Runs {@code body} on a new thread of its own (not the common pool: with two cores it has one
     * thread, and a run that blocks there would hold up every later one).
     */
    static <T> CompletableFuture<T> async(Supplier<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofPlatform().name("test-run").daemon(true).start(() -> {
            try {
                f.complete(body.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** Waits for {@code f}; on a timeout fails with what standard error said and what every thread is doing. */
    static <T> T await(CompletableFuture<T> f, Duration timeout, TestTerminal t) throws Exception {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            StringBuilder sb = new StringBuilder("no result within " + timeout + "; stderr so far:\n" + t.err()
                    + "\nthreads:\n");
            Thread.getAllStackTraces().forEach((th, st) -> {
                sb.append(th).append('\n');
                for (StackTraceElement el : st) {
                    sb.append("    at ").append(el).append('\n');
                }
            });
            throw new AssertionError(sb.toString(), e);
        }
    }

    /** Waits (bounded) until no live platform thread's name starts with {@code prefix}. */
    static void awaitNoThreadNamed(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            List<Thread> left = Thread.getAllStackTraces().keySet().stream()
                    .filter(th -> th.isAlive() && th.getName().startsWith(prefix)).toList();
            if (left.isEmpty()) {
                return;
            }
            long ms = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (System.nanoTime() >= deadline) {
                assertThat(left).as("threads still running").isEmpty();
            }
            left.get(0).join(ms); // wait on the thread itself, not a sleep
        }
    }
}
