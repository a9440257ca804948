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
package org.kamaelia.examples.tutorial;

import java.time.Duration;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

public class Step4Shutdown {
    /** Sends numbers for ever: only a ShutdownMicroprocess on "control" stops it. */
    static class Numbers extends Component {
        volatile long sent;

        @Override
        protected void main() {
            for (long i = 0; ; i++) {
                send(i, "outbox");                  // waits while the receiver's inbox is full
                sent = i + 1;
            }
        }
    }

    /** Reads nothing: it only waits for a stop request, passes it on and finishes. */
    static class Stalled extends Component {
        @Override
        protected void main() {
            for (;;) {
                while (dataReady("control")) {
                    Object msg = recv("control");
                    if (msg instanceof ProducerFinished || msg instanceof ShutdownMicroprocess) {
                        System.out.println("stalled: stopped by " + msg.getClass().getSimpleName());
                        send(msg, "signal");
                        return;
                    }
                }
                pause();
            }
        }
    }

    public static void main(String[] args) {
        var scheduler = new Scheduler("step4");
        var numbers = new Numbers();
        var stalled = new Stalled();
        stalled.link(numbers, "outbox", stalled, "inbox");
        stalled.link(numbers, "signal", stalled, "control");
        numbers.activate(scheduler);
        stalled.activate(scheduler);

        scheduler.awaitQuiescence(Duration.ofSeconds(10));     // everything is waiting now
        System.out.println("numbers waits at the bound: " + scheduler.blockedOnFullInboxes().contains(numbers));
        System.out.println("sent at least DEFAULT_INBOX_SIZE: " + (numbers.sent >= Component.DEFAULT_INBOX_SIZE));

        numbers.deliver(new ShutdownMicroprocess(), "control"); // ends its wait: it passes the request on
        scheduler.awaitTermination(Duration.ofSeconds(10));
        System.out.println("failures: " + scheduler.failures());
    }
}
