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

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** How the command prints addresses: IPv6 in brackets and in the compressed form of RFC 5952. */
class AddressesTest {

    private static String format(String literal, int port) throws Exception {
        return Addresses.format(new InetSocketAddress(InetAddress.getByName(literal), port));
    }

    @Test
    void ipv6AddressesPrintInBracketsInTheCompressedFormOfRfc5952() throws Exception {
        assertThat(format("::1", 7)).isEqualTo("[::1]:7");
        assertThat(format("0:0:0:0:0:0:0:0", 7)).isEqualTo("[::]:7");
        assertThat(format("2001:0DB8:0000:0000:0000:0000:0000:0001", 80)).isEqualTo("[2001:db8::1]:80");
        // the longest run of zeros is shortened; of two equal runs the first; a single zero group is not
        assertThat(format("2001:db8:0:0:1:0:0:1", 1)).isEqualTo("[2001:db8::1:0:0:1]:1");
        assertThat(format("2001:db8:0:0:1:0:0:0", 1)).isEqualTo("[2001:db8:0:0:1::]:1");
        assertThat(format("2001:db8:0:1:1:1:1:1", 1)).isEqualTo("[2001:db8:0:1:1:1:1:1]:1");
        assertThat(format("1:0:0:0:0:0:0:0", 1)).isEqualTo("[1::]:1");
    }

    @Test
    void ipv4AddressesAndHostNamesPrintAsTheyAre() throws Exception {
        assertThat(format("127.0.0.1", 7)).isEqualTo("127.0.0.1:7");
        assertThat(Addresses.format(InetSocketAddress.createUnresolved("example.org", 80))).isEqualTo("example.org:80");
        assertThat(Addresses.hostPort("example.org", 80)).isEqualTo("example.org:80");
        assertThat(Addresses.hostPort("[::1]", 80)).isEqualTo("[::1]:80");
        assertThat(Addresses.hostPort("::1", 80)).isEqualTo("[::1]:80");
    }

    @Test
    void theScopeOfALinkLocalAddressIsKept() throws Exception {
        assertThat(Addresses.text(java.net.Inet6Address.getByAddress(null,
                InetAddress.getByName("fe80::1").getAddress(), 3))).isEqualTo("fe80::1%3");
    }
}
