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
package org.kamaelia.examples;

import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.SimpleServer;

// @start region="server"
public class ShoutServer {
    /** One per connection: the client's bytes arrive on "inbox", what it sends on "outbox" goes back. */
    static class Shout extends Component {
        @Override
        protected void main() {
            for (;;) {
                Object stop = dataReady("control") ? recv("control") : null; // first: then "inbox" holds
                while (dataReady("inbox")) {                                 // all that came before it
                    byte[] chunk = ((byte[]) recv("inbox")).clone();
                    for (int i = 0; i < chunk.length; i++) {
                        if (chunk[i] >= 'a' && chunk[i] <= 'z') {
                            chunk[i] -= 'a' - 'A';                   // ASCII letters only: binary-safe
                        }
                    }
                    sendBlocking(chunk, "outbox");                   // waits while the client reads slowly
                }
                if (stop instanceof ProducerFinished || stop instanceof ShutdownMicroprocess) {
                    send(stop, "signal");             // the client closed its side (a SocketShutdown) or the
                    return;                           // server stops: pass it on, which closes the connection
                }
                if (stop == null) {
                    pause();                          // sleep until a message arrives
                }
            }
        }
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 1601;
        var server = new SimpleServer(Shout::new, port);            // 127.0.0.1; port 0: any free port
        server.activate();
        System.out.println("listening on 127.0.0.1:" + server.port());
        server.join();                                              // until Ctrl-C
    }
}
// @end
