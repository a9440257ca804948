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
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.kamaelia.internet.Fixtures.pattern;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.chassis.Pipeline;
import org.kamaelia.internet.Fixtures.ByteSink;
import org.kamaelia.internet.Fixtures.Probe;
import org.kamaelia.ipc.SocketShutdown;

/**
 * The client against servers nobody here wrote: socat as an echo server, redis-server and nginx, started
 * on loopback by {@code scripts/interop-servers.sh start} (./run-tests does it when it can, and always in
 * CI). Each test reads its server's port from a system property or environment variable
 * ({@code KAMAELIA_SOCAT_PORT}, {@code KAMAELIA_REDIS_PORT}, {@code KAMAELIA_NGINX_PORT}) and is skipped,
 * saying why, when it is not set.
 */
@Timeout(120)
class ThreadedTCPClientInteropTest {
    private final Scheduler scheduler;

    ThreadedTCPClientInteropTest(TestInfo info) {
        this.scheduler = new Scheduler(info.getDisplayName());
    }

    private static int port(String name) {
        String v = System.getProperty(name, System.getenv(name));
        assumeTrue(v != null && !v.isBlank(), name + " is not set: the " + name.substring(9, name.length() - 5)
                .toLowerCase(java.util.Locale.ROOT) + " server is not running (start the servers with"
                + " scripts/interop-servers.sh start and export what scripts/interop-servers.sh env prints;"
                + " ./run-tests does this when it can)");
        return Integer.parseInt(v.trim());
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void socatEchoesEveryByteAndClosesAfterTheHalfClose() throws Exception {
        int port = port("KAMAELIA_SOCAT_PORT");
        byte[] data = pattern(0, 3 * 1024 * 1024);
        ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", port);
        ByteSink sink = new ByteSink(0, true);
        new Pipeline(new Fixtures.Source(java.util.List.of(data), true), client, sink).activate(scheduler);
        assertThat(sink.finished.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.received.get()).isEqualTo(data.length);
        assertThat(sink.patternOk).isTrue();
        assertThat(sink.control).singleElement().isInstanceOf(SocketShutdown.class);
        assertThat(((SocketShutdown) sink.control.get(0)).isClean()).isTrue();
    }

    @Test
    void redisAnswersPingWithPong() throws Exception {
        int port = port("KAMAELIA_REDIS_PORT");
        Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", port, "PING\r\n")).activate(scheduler);
        assertThat(ascii(p.read(7))).isEqualTo("+PONG\r\n");
        p.handle.put(new ProducerFinished(), "control"); // redis closes when we half-close
        assertThat(p.awaitShutdown().isClean()).isTrue();
        p.awaitFinished();
    }

    @Test
    void redisReturnsWhatWasSet() throws Exception {
        int port = port("KAMAELIA_REDIS_PORT");
        String key = "kamaelia:" + System.nanoTime();
        String value = "value with spaces ✓";
        int vlen = value.getBytes(StandardCharsets.UTF_8).length;
        Probe p = new Probe(new ThreadedTCPClient("127.0.0.1", port)).activate(scheduler);
        p.handle.put(resp("SET", key, value), "inbox");
        assertThat(ascii(p.read(5))).isEqualTo("+OK\r\n");
        p.handle.put(resp("GET", key), "inbox");
        String header = "$" + vlen + "\r\n";
        byte[] reply = p.read(header.length() + vlen + 2);
        assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo(header + value + "\r\n");
        p.handle.put(resp("DEL", key), "inbox");
        assertThat(ascii(p.read(4))).isEqualTo(":1\r\n");
        p.handle.put(new ProducerFinished(), "control");
        assertThat(p.awaitShutdown().isClean()).isTrue();
        p.awaitFinished();
    }

    /** A command in the Redis serialization protocol: an array of bulk strings. */
    private static byte[] resp(String... parts) {
        StringBuilder sb = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String s : parts) {
            sb.append('$').append(s.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(s).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nginxServesTheFileForAnHttp10Get() throws Exception {
        int port = port("KAMAELIA_NGINX_PORT");
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 20000; i++) {
            expected.append(i).append('\n'); // what scripts/interop-servers.sh puts in the file
        }
        ThreadedTCPClient client = new ThreadedTCPClient("127.0.0.1", port,
                "GET /kamaelia-interop.txt HTTP/1.0\r\nHost: localhost\r\n\r\n");
        ByteSink sink = new ByteSink(0, false);
        new Pipeline(client, sink).activate(scheduler);
        assertThat(sink.finished.await(60, TimeUnit.SECONDS)).as("nginx closes after an HTTP/1.0 reply").isTrue();
        String response = new String(sink.bytes(), StandardCharsets.US_ASCII);
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n");
        int bodyAt = response.indexOf("\r\n\r\n");
        assertThat(bodyAt).isPositive();
        assertThat(response.substring(0, bodyAt)).containsIgnoringCase("Content-Length: " + expected.length());
        assertThat(response.substring(bodyAt + 4)).isEqualTo(expected.toString());
        assertThat(((SocketShutdown) sink.control.get(0)).isClean()).isTrue();
    }
}
