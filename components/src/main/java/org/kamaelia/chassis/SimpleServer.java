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
package org.kamaelia.chassis;

import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.kamaelia.axon.Component;

/**
 * A {@link ServerCore} whose protocol factory takes no arguments: every connection gets
 * {@code protocol.get()}. The original's {@code SimpleServer}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * SimpleServer server = new SimpleServer(EchoProtocol::new, 1601);   // loopback, port 1601, bound now
 * server.activate();
 *
 * // in-process, for a demo or a test: any free port, read back at once
 * SimpleServer demo = SimpleServer.builder(ChargenProtocol::new).maxConnections(10).build();
 * demo.activate();
 * connectTo("127.0.0.1", demo.port());
 * demo.close();
 * demo.join(Duration.ofSeconds(5));
 * }</pre>
 * A server with a protocol component of its own, which answers in capitals (the README's server
 * example; compiled and run by the tests):
 * {@snippet class=org.kamaelia.examples.ShoutServer region=server}
 *
 * <h2>Boxes, how it works, termination</h2>
 * As {@link ServerCore}: "control" takes a ShutdownMicroprocess (or ServerShutdown) to stop listening
 * and close every connection; "signal" carries it on once the server has finished. Each connection's
 * protocol gets the client's bytes on "inbox" and the client's end of stream on "control" (a
 * SocketShutdown); what it sends on "outbox" goes to the client, and its ProducerFinished on "signal"
 * closes the connection after flushing.
 */
public class SimpleServer extends ServerCore {
    /**
     * A server on the loopback address with the default options, bound now.
     *
     * @param protocol makes the protocol component for each connection
     * @param port     the port; 0 for any free port (read it with {@link #port()})
     * @throws NullPointerException     when {@code protocol} is null
     * @throws IllegalArgumentException when the port is out of range
     * @throws UncheckedIOException     when the port cannot be bound
     */
    public SimpleServer(Supplier<? extends Component> protocol, int port) {
        this(protocol, new Builder<SimpleServer>(null).port(port));
    }

    private SimpleServer(Supplier<? extends Component> protocol, Builder<?> settings) {
        super(adapt(protocol), settings);
    }

    /** A builder for a server whose protocols are made by {@code protocol}. */
    public static Builder<SimpleServer> builder(Supplier<? extends Component> protocol) {
        Objects.requireNonNull(protocol, "protocol");
        return new Builder<>(b -> new SimpleServer(protocol, b));
    }

    private static ProtocolFactory adapt(Supplier<? extends Component> protocol) {
        Objects.requireNonNull(protocol, "protocol");
        return connection -> protocol.get();
    }
}
