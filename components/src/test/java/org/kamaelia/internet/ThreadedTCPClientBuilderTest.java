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
package org.kamaelia.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ThreadedComponent;

/** The constructors' and the builder's argument checks, defaults and the boxes a client declares. */
class ThreadedTCPClientBuilderTest {

    @Test
    void isAThreadedComponentOnVirtualThreadsWithTheStandardBoxesDescribed() {
        ThreadedTCPClient c = new ThreadedTCPClient("example.org", 80);
        assertThat(c).isInstanceOf(ThreadedComponent.class);
        assertThat(c.threadType()).isEqualTo(ThreadedComponent.ThreadType.VIRTUAL);
        assertThat(c.inboxNames()).contains("inbox", "control");
        assertThat(c.outboxNames()).containsExactlyInAnyOrder("outbox", "signal");
        assertThat(c.inboxSize("inbox")).as("bounded by default").isEqualTo(ThreadedTCPClient.MIN_INBOX_CAPACITY);
        assertThat(c.host()).isEqualTo("example.org");
        assertThat(c.port()).isEqualTo(80);
        assertThat(c.toString()).contains("example.org:80");
    }

    @Test
    void inboxCapacityFixesTheInboxSize() {
        assertThat(ThreadedTCPClient.builder("h", 1).inboxCapacity(10).build().inboxSize("inbox")).isEqualTo(10);
        assertThat(ThreadedTCPClient.builder("h", 1).inboxCapacity(0).build().inboxSize("inbox"))
                .isEqualTo(Component.UNBOUNDED);
    }

    @Test
    void refusesABadHostOrPort() {
        assertThatThrownBy(() -> new ThreadedTCPClient(null, 80))
                .isInstanceOf(NullPointerException.class).hasMessage("host");
        assertThatThrownBy(() -> new ThreadedTCPClient("", 80))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("host: \"\" (expected: a host name or address)");
        assertThatThrownBy(() -> new ThreadedTCPClient("h", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port: 0 (expected: 1 to 65535)");
        assertThatThrownBy(() -> ThreadedTCPClient.builder("h", 65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port: 65536 (expected: 1 to 65535)");
    }

    @Test
    void refusesBadOptions() {
        ThreadedTCPClient.Builder b = ThreadedTCPClient.builder("h", 1);
        assertThatThrownBy(() -> b.connectTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("connectTimeout");
        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> b.idleTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idleTimeout: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> b.gracefulCloseTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gracefulCloseTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> b.receiveChunkSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("receiveChunkSize: 0 (expected: 1 to 16777216)");
        assertThatThrownBy(() -> b.inboxCapacity(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inboxCapacity: -1 (expected: >= 1, or 0 for unbounded)");
        assertThatThrownBy(() -> b.addresses(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("addresses: [] (expected: at least one address)");
        assertThatThrownBy(() -> b.addresses((InetAddress) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("addresses[0]");
        assertThatThrownBy(() -> b.threadType(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("threadType");
        assertThatThrownBy(() -> b.initialMessage(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialMessage: a java.lang.Object (expected: byte[], ByteBuffer or CharSequence)");
    }

    @Test
    void theBuilderMakesANewClientEachTime() {
        ThreadedTCPClient.Builder b = ThreadedTCPClient.builder("h", 1).tcpNoDelay(false).keepAlive(true);
        assertThat(b.build()).isNotSameAs(b.build());
        assertThat(b.threadType(ThreadedComponent.ThreadType.PLATFORM).build().threadType())
                .isEqualTo(ThreadedComponent.ThreadType.PLATFORM);
    }
}
