package org.kamaelia.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/** Waits the tests share. */
final class TestSupport {
    private TestSupport() {
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
