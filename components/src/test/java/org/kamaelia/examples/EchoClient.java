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

import java.time.Duration;
import java.util.List;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.ThreadedTCPClient;
import org.kamaelia.protocol.EchoProtocol;
import org.kamaelia.util.BytesToLines;
import org.kamaelia.util.Collector;
import org.kamaelia.util.DataSource;

public class EchoClient {
    public static void main(String[] args) {
        // @start region="echo"
        var server = SimpleServer.builder(EchoProtocol::new).build();   // 127.0.0.1, a free port, bound now
        server.activate();

        var replies = new Collector();
        var client = new Pipeline(
                DataSource.of("hello\n", "world\n"),                    // sends each, then ProducerFinished
                new ThreadedTCPClient("127.0.0.1", server.port()),     // inbox -> server, server -> outbox
                new BytesToLines(),                                      // byte[] chunks -> lines
                replies);                                                // keeps what reaches it
        client.run();                                  // returns when the server has answered and closed
        System.out.println(replies.items());           // [hello, world]

        server.close();                                // stop listening, close every connection
        server.join(Duration.ofSeconds(5));
        // @end
        System.exit(replies.items().equals(List.of("hello", "world")) ? 0 : 1);
    }
}
