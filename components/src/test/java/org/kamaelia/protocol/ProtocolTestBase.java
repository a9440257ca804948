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

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamaelia.internet.ServerTestSupport.WAIT;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.chassis.SimpleServer;
import org.kamaelia.internet.GatedSink;
import org.kamaelia.internet.ServerTestSupport;

/** A scheduler per test, servers and clients closed after each, and the protocols a server made. */
@Timeout(60)
abstract class ProtocolTestBase {
    protected Scheduler scheduler;
    private final List<Socket> clients = new ArrayList<>();
    private final List<SimpleServer> servers = new ArrayList<>();
    /** Every protocol component the servers of this test made, in order. */
    protected final BlockingQueue<Component> made = new LinkedBlockingQueue<>();

    @BeforeEach
    void newScheduler(TestInfo info) {
        scheduler = new Scheduler(info.getDisplayName());
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket c : clients) {
            c.close();
        }
        for (SimpleServer s : servers) {
            s.close();
        }
        assertThat(scheduler.awaitTermination(WAIT)).as("every component finished: " + scheduler).isTrue();
    }

    /** A running server on a free loopback port whose protocols come from {@code protocol}. */
    protected SimpleServer server(Supplier<? extends Component> protocol) {
        SimpleServer s = SimpleServer.builder(() -> {
            Component c = protocol.get();
            made.add(c);
            return c;
        }).build();
        servers.add(s);
        s.activate(scheduler);
        return s;
    }

    protected Socket client(SimpleServer server) throws IOException {
        Socket s = ServerTestSupport.connect(server.port());
        clients.add(s);
        return s;
    }

    /** The next protocol component a server made. */
    protected Component nextMade() throws InterruptedException {
        Component c = made.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(c).as("a protocol was made").isNotNull();
        return c;
    }

    /** Activates {@code protocol} with a handle on its "outbox" and "signal". */
    protected Handle handle(Component protocol) {
        Handle h = new Handle(protocol);
        protocol.activate(scheduler);
        return h;
    }

    /**
     * Wires {@code protocol}'s "outbox" and "signal" to a closed {@link GatedSink} of the given capacity
     * (so the sink records how the protocol ended, and ends with it); activate the protocol yourself.
     */
    protected GatedSink intoGatedSink(Component protocol, int capacity) {
        GatedSink sink = new GatedSink(capacity);
        sink.link(protocol, "outbox", sink, "inbox");
        sink.link(protocol, "signal", sink, "control");
        sink.activate(scheduler);
        return sink;
    }
}
