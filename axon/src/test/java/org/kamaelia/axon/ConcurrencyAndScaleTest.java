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
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.TestComponents.Body;
import org.kamaelia.axon.ipc.ProducerFinished;

/** Many senders into one inbox, and many components alive at once. */
class ConcurrencyAndScaleTest {

    @Test
    @Timeout(120)
    void aMillionMessagesFromEightConcurrentSendersArriveOnceEachInSendOrderPerSender() throws Exception {
        int senders = 8;
        int each = 125_000;
        Scheduler s = new Scheduler("many-senders");
        long[] next = new long[senders];
        List<String> errors = new ArrayList<>();
        long[] total = {0};
        CountDownLatch go = new CountDownLatch(1);
        Body sink = new Body(self -> {
            int finished = 0;
            while (finished < senders) {
                while (self.ready("inbox")) {
                    long v = (Long) self.take("inbox");
                    int who = (int) (v >>> 32);
                    long seq = v & 0xffffffffL;
                    if (seq != next[who] && errors.size() < 10) {
                        errors.add("sender " + who + ": expected " + next[who] + " got " + seq);
                    }
                    next[who] = seq + 1;
                    total[0]++;
                }
                while (self.ready("control")) {
                    self.take("control");
                    finished++;
                }
                if (finished < senders) {
                    self.sleepUntilWoken();
                }
            }
            while (self.ready("inbox")) { // a sender's data all came before its ProducerFinished
                self.take("inbox");
                total[0]++;
            }
        });
        List<Body> all = new ArrayList<>();
        for (int w = 0; w < senders; w++) {
            long who = w;
            Body sender = new Body(self -> {
                go.await();
                for (long i = 0; i < each; i++) {
                    self.put((who << 32) | i, "outbox");
                }
                self.put(new ProducerFinished(self), "signal");
            });
            sender.link(sender, "outbox", sink, "inbox");
            sender.link(sender, "signal", sink, "control");
            all.add(sender);
        }
        sink.activate(s);
        for (Body b : all) {
            b.activate(s);
        }
        go.countDown();
        assertThat(sink.join(Duration.ofSeconds(100))).isTrue();
        assertThat(errors).isEmpty();
        assertThat(total[0]).isEqualTo((long) senders * each);
        for (int w = 0; w < senders; w++) {
            assertThat(next[w]).isEqualTo(each);
        }
    }

    /** Waits on control, then forwards it to the next component's control. */
    static final class Relay extends Component {
        @Override
        protected void main() {
            while (!dataReady("control")) {
                pause();
            }
            send(recv("control"), "signal");
        }
    }

    @Test
    @Timeout(300)
    void aHundredThousandComponentsCanBeAliveAtOnceAndAllFinish() throws Exception {
        int n = 100_000;
        Scheduler s = new Scheduler("hundred-thousand");
        Relay[] relays = new Relay[n];
        for (int i = 0; i < n; i++) {
            relays[i] = new Relay();
        }
        Body owner = new Body(self -> { });
        for (int i = 0; i + 1 < n; i++) {
            owner.link(relays[i], "signal", relays[i + 1], "control");
        }
        for (Relay r : relays) {
            r.activate(s);
        }
        assertThat(s.awaitQuiescence(Duration.ofSeconds(120))).isTrue();
        assertThat(s.liveComponents()).hasSize(n);
        relays[0].deliver(new ProducerFinished(), "control");
        assertThat(s.awaitTermination(Duration.ofSeconds(120))).isTrue();
        assertThat(relays[n - 1].unlinkedDropCount("signal")).isEqualTo(1);
        assertThat(s.failures()).isEmpty();
    }
}
