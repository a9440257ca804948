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
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.util.ConsoleEchoer;
import org.kamaelia.util.DataSource;

public class Step7Server {
    /** The protocol, one per connection: counts the client's bytes and answers when the client has finished. */
    static class ByteCounter extends Component {
        @Override
        protected void main() {
            long count = 0;
            for (;;) {
                Object stop = dataReady("control") ? recv("control") : null;
                while (dataReady("inbox")) {
                    count += ((byte[]) recv("inbox")).length;      // the client's bytes, in chunks
                }
                if (stop instanceof ProducerFinished) {            // the client closed its side: answer
                    send(count + " bytes\n", "outbox");            // text goes out as UTF-8
                }
                if (stop instanceof ProducerFinished || stop instanceof ShutdownMicroprocess) {
                    send(stop, "signal");                          // then close the connection
                    return;
                }
                if (stop == null) {
                    pause();
                }
            }
        }
    }

    public static void main(String[] args) {
        var server = new SimpleServer(ByteCounter::new, 0);       // port 0: any free port
        server.activate();

        for (String text : new String[] {"hello\n", "hello, world\n"}) {   // two connections, one after the other
            new Pipeline(
                    DataSource.of(text),
                    new ThreadedTCPClient("127.0.0.1", server.port()),
                    new ConsoleEchoer())
                    .run();
        }
        server.close();
        server.join(Duration.ofSeconds(5));
        System.out.println("connections: " + server.acceptedCount());
    }
}
