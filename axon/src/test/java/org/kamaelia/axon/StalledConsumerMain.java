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
 * The child process of {@link DefaultBoundTest}: a producer sends 16 KiB messages (512 MiB in all) to a
 * component that never reads, in a JVM with a 256 MB heap. With unbounded inboxes it dies of
 * OutOfMemoryError within seconds; with the default bound the producer waits. Prints whether the
 * producer ended up blocked; exit code 0 when it did and the graph then shut down.
 */
public final class StalledConsumerMain {
    private StalledConsumerMain() {
    }

    static final class Producer extends Component {
        @Override
        protected void main() {
            for (int i = 0; i < 32_768; i++) {
                send(new byte[16 * 1024], "outbox");
            }
        }
    }

    static final class NeverReads extends Component {
        @Override
        protected void main() {
            while (!dataReady("control")) {
                pause();
            }
        }
    }

    public static void main(String[] args) {
        Scheduler s = new Scheduler("stalled");
        Producer producer = new Producer();
        NeverReads sink = new NeverReads();
        producer.link(producer, "outbox", sink, "inbox");
        sink.activate(s);
        producer.activate(s);
        boolean quiet = s.awaitQuiescence(Duration.ofSeconds(60));
        boolean blocked = quiet && s.blockedOnFullInboxes().contains(producer);
        System.out.println("producer blocked=" + blocked);
        producer.deliver(new ShutdownMicroprocess(), "control");
        sink.deliver(new ShutdownMicroprocess(), "control");
        boolean ended = s.awaitTermination(Duration.ofSeconds(30));
        System.exit(blocked && ended ? 0 : 3);
    }
}
