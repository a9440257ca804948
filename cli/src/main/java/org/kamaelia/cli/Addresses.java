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

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Addresses as the command prints them: {@code 127.0.0.1:7}, and an IPv6 address in brackets, in the
 * compressed form of RFC 5952 ({@code [::1]:7}, {@code [2001:db8::1]:7}), never Java's long form
 * ({@code 0:0:0:0:0:0:0:1}). Every line the command prints with an address goes through here: connect's
 * messages, serve's "listening on" and the demo.
 *
 * <h2>Thread safety</h2>
 * Stateless.
 */
final class Addresses {
    private Addresses() {
    }

    /**
     * ADDRESS:PORT, e.g. {@code 127.0.0.1:1601} or {@code [::1]:1601}; an unresolved address prints its
     * host name. A scope (zone) of a link-local IPv6 address is kept: {@code [fe80::1%eth0]:7}.
     *
     * @throws NullPointerException when a is null
     */
    static String format(InetSocketAddress a) {
        Objects.requireNonNull(a, "a");
        InetAddress ip = a.getAddress();
        return (ip == null ? hostPort(a.getHostString()) : bracketed(ip)) + ":" + a.getPort();
    }

    /** The address alone: {@code 127.0.0.1}, {@code ::1} (RFC 5952, no brackets). */
    static String text(InetAddress ip) {
        Objects.requireNonNull(ip, "ip");
        if (!(ip instanceof Inet6Address v6)) {
            return ip.getHostAddress();
        }
        String zone = "";
        if (v6.getScopedInterface() != null) {
            zone = "%" + v6.getScopedInterface().getName();
        } else if (v6.getScopeId() != 0) {
            zone = "%" + v6.getScopeId();
        }
        return rfc5952(v6.getAddress()) + zone;
    }

    /** As {@link #text}, an IPv6 address in brackets: what goes before {@code :PORT}. */
    static String bracketed(InetAddress ip) {
        String t = text(ip);
        return ip instanceof Inet6Address ? "[" + t + "]" : t;
    }

    /**
     * HOST:PORT for a host as the user wrote it: an IPv6 literal gets brackets, once ({@code ::1} and
     * {@code [::1]} both give {@code [::1]:PORT}); a name or an IPv4 address stays as it is.
     */
    static String hostPort(String host, int port) {
        return hostPort(host) + ":" + port;
    }

    private static String hostPort(String host) {
        Objects.requireNonNull(host, "host");
        String h = unbracketed(host);
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }

    /** The host without the brackets of an IPv6 literal written as {@code [::1]}. */
    static String unbracketed(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The 16 bytes of an IPv6 address in RFC 5952 form (section 4): lower-case hex, no leading zeros,
     * the longest run of two or more zero groups (the first of equal runs) written {@code ::}.
     */
    static String rfc5952(byte[] a) {
        if (a.length != 16) {
            throw new IllegalArgumentException("a: " + a.length + " bytes (expected: 16)");
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
