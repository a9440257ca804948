package org.kamaelia.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void aMillionMessagesPassThroughTenStagesInOrder() throws Exception {
        int n = 1_000_000;
        Scheduler s = new Scheduler("smoke");
        long[] expected = {0};
        boolean[] ok = {true};
        TestComponents.Collector sink = new TestComponents.Collector(o -> {
            if ((Integer) o != expected[0]++) {
                ok[0] = false;
            }
        });
        Component[] stages = new Component[12];
        stages[0] = new TestComponents.Counter(n);
        for (int i = 1; i <= 10; i++) {
            stages[i] = new TestComponents.Pass();
        }
        stages[11] = sink;
        Component top = new TestComponents.Body(self -> {
            for (int i = 0; i + 1 < stages.length; i++) {
                self.link(stages[i], "outbox", stages[i + 1], "inbox");
                self.link(stages[i], "signal", stages[i + 1], "control");
            }
            self.addChildren(stages);
            for (Component c : stages) {
                c.activate();
            }
            while (!sink.isFinished()) {
                self.sleepUntilWoken();
            }
        });
        long t0 = System.nanoTime();
        top.activate(s);
        assertThat(top.join(Duration.ofSeconds(60))).isTrue();
        long t1 = System.nanoTime();
        System.out.printf("%,d msgs/s%n", (long) (n / ((t1 - t0) / 1e9)));
        assertThat(ok[0]).isTrue();
        assertThat(expected[0]).isEqualTo(n);
        assertThat(s.failures()).isEmpty();
    }
}
