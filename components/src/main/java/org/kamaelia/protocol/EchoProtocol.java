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
package org.kamaelia.protocol;

/**
 * Sends back everything it receives: the Echo protocol (RFC 862). The original's
 * {@code EchoProtocol}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * SimpleServer server = SimpleServer.builder(EchoProtocol::new).port(7).build();
 * server.activate();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": data to echo: any message, passed on unchanged (from a server: {@code byte[]}
 *     chunks).</li>
 * <li>inbox "control": ProducerFinished (e.g. the client's end of stream, a SocketShutdown): echo what
 *     has arrived, then stop; ShutdownMicroprocess: stop at once.</li>
 * <li>outbox "outbox": the same messages, in the same order.</li>
 * <li>outbox "signal": the control message that stopped it.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It sends each message on as it is, waiting for space when the receiver's inbox is full (so a client
 * that reads slowly slows down the reading from that client), while still hearing "control". It is
 * binary-safe: bytes are not looked at.
 *
 * <h2>Termination</h2>
 * On a ProducerFinished on "control" it first echoes everything already in "inbox", then passes that
 * message on out of "signal" and finishes; on a ShutdownMicroprocess it passes that on and finishes
 * at once, even while waiting for space. Other control messages are ignored.
 */
public class EchoProtocol extends ProtocolComponent {
    /** An echo for one connection (or one stream). */
    public EchoProtocol() {
    }

    @Override
    protected void main() {
        for (;;) {
            while (dataReady("inbox")) {
                if (!sendOrStop(recv("inbox"))) {
                    signalEnd();
                    return;
                }
            }
            if (checkControl() || finishRequest() != null) {
                // a ProducerFinished: everything sent before it is already in "inbox", and was echoed above
                signalEnd();
                return;
            }
            pause();
        }
    }
}
