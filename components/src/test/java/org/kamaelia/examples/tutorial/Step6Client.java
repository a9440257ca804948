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
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.protocol.EchoProtocol;
import org.kamaelia.util.ConsoleEchoer;
import org.kamaelia.util.DataSource;

public class Step6Client {
    public static void main(String[] args) {
        var server = SimpleServer.builder(EchoProtocol::new).build();  // an echo server on 127.0.0.1, a free port
        server.activate();

        new Pipeline(
                DataSource.of("ping\n", "pong\n"),
                new ThreadedTCPClient("127.0.0.1", server.port()),    // what it gets goes to the server,
                new ConsoleEchoer())                                    // what the server sends comes out
                .run();                    // the DataSource's ProducerFinished half-closes the connection; the
                                           // server answers and closes; the client's SocketShutdown ends the rest
        server.close();
        server.join(Duration.ofSeconds(5));
    }
}
