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

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.ipc.ProducerFinished;

/**
 * Chains of stages with random shapes (one to three sources fanning in, length, inbox capacities,
 * blocking or plain sends, timed or untimed pauses, message counts that cross the yield threshold or
 * not), each of which must deliver every message once, in order per source, and finish. A lost wake-up shows as a chain that does not finish.
 * The default is a quick run; {@code -Dkamaelia.stressGraphs=5000} makes it a long stress run.
 */
class RandomGraphStressTest {
    private static final int GRAPHS = Integer.getInteger("kamaelia.stressGraphs", 60);

    /** Sends id * 1,000,000 + (0..n-1), then ProducerFinished; blocking sends when its receiver is bounded. */
    static final class Numbers extends Component {
        private final int n;
        private final boolean blocking;
        private final int id;

        Numbers(int n, boolean blocking, int id) {
            this.n = n;
            this.blocking = blocking;
            this.id = id;
        }

        @Override
        protected void main() {
            for (int i = 0; i < n; i++) {
                Integer v = id * 1_000_000 + i;
                if (blocking) {
                    sendBlocking(v, "outbox");
                } else {
                    send(v, "outbox");
                }
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /** Passes messages on; pauses with or without a timeout; finishes after {@code ends} control messages, drained. */
    static final class Stage extends Component {
        private final boolean blocking;
        private final boolean timedPause;
        private final int ends;

        Stage(boolean blocking, boolean timedPause, int ends) {
            this.blocking = blocking;
            this.timedPause = timedPause;
            this.ends = ends;
        }

        private void pass(Object m) {
            if (blocking) {
                sendBlocking(m, "outbox");
            } else {
                send(m, "outbox");
            }
        }

        private int seen;

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    pass(recv("inbox"));
                }
                while (dataReady("control")) {
                    Object end = recv("control");
                    if (++seen == ends) {
                        while (dataReady("inbox")) {
                            pass(recv("inbox"));
                        }
                        send(end, "signal");
                        return;
                    }
                }
                if (timedPause) {
                    pause(Duration.ofMillis(50));
                } else {
                    pause();
                }
            }
        }
    }

    /** Checks that it gets each source's 0..n-1 in order. */
    static final class Check extends Component {
        final int[] next;
        String error;

        Check(int sources) {
            next = new int[sources];
        }

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    int v = (Integer) recv("inbox");
                    int id = v / 1_000_000;
                    int i = v % 1_000_000;
                    if (i != next[id] && error == null) {
                        error = "source " + id + ": expected " + next[id] + ", got " + i;
                    }
                    next[id] = i + 1;
                }
                if (dataReady("control")) {
                    if (!dataReady("inbox")) {
                        return;
                    }
                    continue;
                }
                pause();
            }
        }
    }

    /** What each component of a stuck chain is doing, for the failure message. */
    private static String states(List<Component> chain, Scheduler s) {
        StringBuilder sb = new StringBuilder();
        for (Component c : chain) {
            Thread t = c.thread();
            sb.append("\n  ").append(c.name()).append(": finished=").append(c.isFinished())
                    .append(" inbox=").append(c.inbox("inbox").size()).append("/").append(c.inboxSize("inbox"))
                    .append(" control=").append(c.inbox("control").size())
                    .append(" parked=").append(c.parker.isParked()).append(" permit=").append(c.parker.hasPermit())
                    .append(" waitingOn=").append(c.parker.waitingOn)
                    .append(" thread=").append(t == null ? "-" : t.getState());
            if (t != null) {
                for (StackTraceElement e : t.getStackTrace()) {
                    sb.append("\n      at ").append(e);
                }
            }
        }
        sb.append("\n  blocked on full inboxes: ").append(s.blockedOnFullInboxes());
        return sb.toString();
    }

    @Test
    @Timeout(600)
    void randomChainsOfBoundedAndUnboundedStagesDeliverEverythingInOrderAndFinish() {
        SplittableRandom rnd = new SplittableRandom(20261126L);
        int[] capacities = {0, 0, 1, 2, 16, 1024};
        int[] counts = {1, 100, 1500, 5000, 40_000};
        for (int g = 0; g < GRAPHS; g++) {
            int stages = 1 + rnd.nextInt(8);
            int n = counts[rnd.nextInt(counts.length)];
            int sources = rnd.nextInt(3) == 0 ? 2 + rnd.nextInt(2) : 1; // a third of the graphs fan in
            List<Component> chain = new ArrayList<>();
            List<Integer> caps = new ArrayList<>();
            Check check = new Check(sources);
            for (int i = 0; i <= stages; i++) {
                caps.add(capacities[rnd.nextInt(capacities.length)]);
            }
            // component i sends into component i+1, whose inbox capacity is caps.get(i); the sources all
            // send into the first stage
            List<Numbers> heads = new ArrayList<>();
            for (int k = 0; k < sources; k++) {
                heads.add(new Numbers(n, caps.get(0) != 0, k));
            }
            chain.add(heads.get(0));
            for (int i = 1; i <= stages; i++) {
                chain.add(new Stage(caps.get(i) != 0, rnd.nextInt(4) == 0, i == 1 ? sources : 1));
            }
            chain.add(check);
            for (int i = 1; i < chain.size(); i++) {
                chain.get(i).setInboxSize("inbox", caps.get(i - 1));
            }
            Scheduler s = new Scheduler("stress-" + g);
            for (int i = 0; i + 1 < chain.size(); i++) {
                Component a = chain.get(i);
                Component b = chain.get(i + 1);
                a.link(a, "outbox", b, "inbox");
                a.link(a, "signal", b, "control");
            }
            Component first = chain.get(1);
            for (int k = 1; k < sources; k++) {
                Numbers extra = heads.get(k);
                extra.link(extra, "outbox", first, "inbox");
                extra.link(extra, "signal", first, "control");
                chain.add(0, extra);
            }
            for (Component c : chain) {
                c.activate(s);
            }
            String shape = "graph " + g + ": " + sources + " source(s), " + stages + " stages, " + n
                    + " messages each, capacities " + caps;
            boolean done = check.join(Duration.ofSeconds(60));
            assertThat(done).as(shape + " finished; " + (done ? "" : states(chain, s))).isTrue();
            assertThat(check.error).as(shape).isNull();
            for (int k = 0; k < sources; k++) {
                assertThat(check.next[k]).as(shape + ", source " + k).isEqualTo(n);
            }
            assertThat(s.awaitTermination(Duration.ofSeconds(10))).as(shape + " all ended").isTrue();
        }
    }
}
