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
package org.kamaelia.bench.tcp;

import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.ipc.SocketShutdown;

/** Components the TCP benchmarks wire around a ThreadedTCPClient. */
final class Parts {
    private Parts() {
    }

    /**
     * Sends the same {@code byte[]} {@code count} times on "outbox" with a blocking send (so a bounded
     * inbox downstream paces it), then a ProducerFinished on "signal".
     */
    static final class RepeatSource extends Component {
        private final byte[] message;
        private final long count;

        RepeatSource(byte[] message, long count) {
            this.message = message;
            this.count = count;
        }

        @Override
        protected void main() {
            for (long i = 0; i < count; i++) {
                sendBlocking(message, "outbox");
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /**
     * Counts the bytes of the {@code byte[]} chunks arriving on "inbox"; ends on ProducerFinished or
     * ShutdownMicroprocess on "control" (after draining "inbox") and keeps that message.
     */
    static final class CountingSink extends Component {
        long bytes;
        long chunks;
        Object end;

        @Override
        protected void main() {
            for (;;) {
                while (dataReady("inbox")) {
                    bytes += ((byte[]) recv("inbox")).length;
                    chunks++;
                }
                if (dataReady("control")) {
                    Object m = recv("control");
                    if (m instanceof ProducerFinished || m instanceof ShutdownMicroprocess) {
                        while (dataReady("inbox")) {
                            bytes += ((byte[]) recv("inbox")).length;
                            chunks++;
                        }
                        end = m;
                        return;
                    }
                    continue;
                }
                pause();
            }
        }
    }

    /** Throws unless {@code end} is a clean SocketShutdown. */
    static SocketShutdown requireClean(Object end, String what) {
        if (end instanceof SocketShutdown s && s.isClean()) {
            return s;
        }
        throw new AssertionError(what + ": the client did not end cleanly: " + end);
    }
}
