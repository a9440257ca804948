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

import java.time.Duration;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * The child process of {@link CarrierFairnessTest}: a producer that sends without ever pausing until
 * something arrives on its control, and a consumer that must run to send it that something. Run with
 * one carrier thread, it only ends if the producer gives the carrier up now and then. Exit code 0 when
 * the producer was stopped, 3 when it was still flooding after a minute.
 */
public final class FloodMain {
    static final int TO_RECEIVE = 1_000_000;

    private FloodMain() {
    }

    static final class Flooder extends Component {
        long sent;

        @Override
        protected void main() {
            Integer payload = 7;
            while (!dataReady("control")) {
                send(payload, "outbox");
                sent++;
            }
        }
    }

    static final class Counter extends Component {
        long received;

        @Override
        protected void main() {
            while (received < TO_RECEIVE) {
                while (dataReady("inbox") && received < TO_RECEIVE) {
                    recv("inbox");
                    received++;
                }
                if (received < TO_RECEIVE) {
                    pause();
                }
            }
            send(new ShutdownMicroprocess(), "outbox");
        }
    }

    public static void main(String[] args) {
        Scheduler s = new Scheduler("flood");
        Flooder flooder = new Flooder();
        Counter counter = new Counter();
        flooder.link(flooder, "outbox", counter, "inbox");
        counter.link(counter, "outbox", flooder, "control");
        counter.activate(s);
        flooder.activate(s);
        boolean stopped = flooder.join(Duration.ofSeconds(60));
        System.out.println("parallelism=" + System.getProperty("jdk.virtualThreadScheduler.parallelism")
                + " received=" + counter.received + " stopped=" + stopped);
        System.exit(stopped ? 0 : 3);
    }
}
