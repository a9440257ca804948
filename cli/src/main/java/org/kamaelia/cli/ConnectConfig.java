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
package org.kamaelia.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code kamaelia connect HOST PORT [options]}: a netcat built from components.
 *
 * @param host             the host name or address literal to connect to
 * @param port             the port, 1 to 65535
 * @param send             bytes sent first, before standard input ({@code --send}, escapes already
 *                         decoded), or null for none
 * @param connectTimeout   how long connecting may take, over every address of the host
 * @param lines            line mode: standard input is read as lines, each sent with {@link #lineEnd()}
 * @param crlf             in line mode, end each line with CR LF instead of LF ({@code --crlf} implies
 *                         {@code --lines})
 * @param verbose          report connection events on standard error
 * @param progress         report bytes each way and the rate on standard error, every {@code progressInterval}
 * @param progressInterval how often progress is reported
 */
record ConnectConfig(String host, int port, byte[] send, Duration connectTimeout, boolean lines, boolean crlf,
                     boolean verbose, boolean progress, Duration progressInterval) implements CommandConfig {
    /** The connect timeout when none is given. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** How often --progress reports when no interval is given. */
    static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);

    /**
     * @throws NullPointerException     when host, connectTimeout or progressInterval is null
     * @throws IllegalArgumentException when host is blank, port is not 1 to 65535, a duration is not
     *                                  positive, or crlf is set without lines
     */
    ConnectConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("HOST: '" + host + "' (expected: a host name or address)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PORT: " + port + " (expected: 1 to 65535)");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (connectTimeout.isZero() || connectTimeout.isNegative()) {
            throw new IllegalArgumentException("--connect-timeout: " + connectTimeout + " (expected: > 0)");
        }
        if (progressInterval.isZero() || progressInterval.isNegative()) {
            throw new IllegalArgumentException("--progress-interval: " + progressInterval + " (expected: > 0)");
        }
        if (crlf && !lines) {
            throw new IllegalArgumentException("--crlf: set without line mode (expected: --lines as well)");
        }
        send = send == null ? null : send.clone();
    }

    /** A config for host:port with every option at its default. */
    static ConnectConfig of(String host, int port) {
        return new ConnectConfig(host, port, null, DEFAULT_CONNECT_TIMEOUT, false, false, false, false,
                DEFAULT_PROGRESS_INTERVAL);
    }

    /** A copy of the bytes sent first, or null. */
    @Override
    public byte[] send() {
        return send == null ? null : send.clone();
    }

    /** The line terminator in line mode: LF, or CR LF with {@code --crlf}. */
    String lineEnd() {
        return crlf ? "\r\n" : "\n";
    }

    /** host:port, with an IPv6 literal in brackets (once, also when HOST was written {@code [::1]}). */
    String where() {
        return Addresses.hostPort(host, port);
    }

    ConnectConfig withSend(String text) {
        return new ConnectConfig(host, port, text == null ? null : text.getBytes(StandardCharsets.UTF_8),
                connectTimeout, lines, crlf, verbose, progress, progressInterval);
    }

    ConnectConfig withConnectTimeout(Duration d) {
        return new ConnectConfig(host, port, send, d, lines, crlf, verbose, progress, progressInterval);
    }

    ConnectConfig withLines(boolean lines, boolean crlf) {
        return new ConnectConfig(host, port, send, connectTimeout, lines, crlf, verbose, progress, progressInterval);
    }

    ConnectConfig withVerbose(boolean v) {
        return new ConnectConfig(host, port, send, connectTimeout, lines, crlf, v, progress, progressInterval);
    }

    ConnectConfig withProgress(boolean p, Duration interval) {
        return new ConnectConfig(host, port, send, connectTimeout, lines, crlf, verbose, p, interval);
    }

    // byte[] compares by identity in a record: compare by content, so two parses of the same arguments are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectConfig c && host.equals(c.host) && port == c.port
                && java.util.Arrays.equals(send, c.send) && connectTimeout.equals(c.connectTimeout)
                && lines == c.lines && crlf == c.crlf && verbose == c.verbose && progress == c.progress
                && progressInterval.equals(c.progressInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, java.util.Arrays.hashCode(send), connectTimeout, lines, crlf, verbose,
                progress, progressInterval);
    }

    @Override
    public String toString() {
        return "ConnectConfig[" + where() + ", send=" + (send == null ? "none" : send.length + " bytes")
                + ", connectTimeout=" + Durations.format(connectTimeout) + ", lines=" + lines + ", crlf=" + crlf
                + ", verbose=" + verbose + ", progress=" + progress + " every "
                + Durations.format(progressInterval) + "]";
    }
}
