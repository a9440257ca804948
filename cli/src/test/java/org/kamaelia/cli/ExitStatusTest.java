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

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** How the exception that ended a connection becomes an exit status and one line on standard error. */
class ExitStatusTest {

    /** As ThreadedTCPClient reports a refused connect: a ConnectException naming the tries, caused by the last. */
    private static ConnectException refused() {
        ConnectException e =
                new ConnectException("127.0.0.1:9: could not connect (tried 127.0.0.1: Connection refused)");
        e.initCause(new ConnectException("Connection refused"));
        return e;
    }

    @Test
    void theCodesAreDistinctAndDocumented() {
        assertThat(ExitStatus.OK.code()).isZero();
        assertThat(ExitStatus.FAILURE.code()).isEqualTo(1);
        assertThat(ExitStatus.USAGE.code()).isEqualTo(2);
        assertThat(ExitStatus.REFUSED.code()).isEqualTo(3);
        assertThat(ExitStatus.UNKNOWN_HOST.code()).isEqualTo(4);
        assertThat(ExitStatus.TIMED_OUT.code()).isEqualTo(5);
        assertThat(ExitStatus.RESET.code()).isEqualTo(6);
        assertThat(ExitStatus.INTERRUPTED.code()).isEqualTo(130);
        assertThat(ExitStatus.helpList()).hasSize(ExitStatus.values().length)
                .allSatisfy(line -> assertThat(line).matches(" *\\d+:.+"));
    }

    @Test
    void noFailureIsSuccess() {
        assertThat(ExitStatus.ofConnectionFailure(null)).isEqualTo(ExitStatus.OK);
    }

    @Test
    void aRefusedConnectionIsThree() {
        assertThat(ExitStatus.ofConnectionFailure(refused())).isEqualTo(ExitStatus.REFUSED);
        assertThat(ExitStatus.describeConnectionFailure(refused(), "127.0.0.1:9"))
                .isEqualTo("connection refused: 127.0.0.1:9");
    }

    @Test
    void noRouteToTheHostIsThreeAndSaysSo() {
        ConnectException e = new ConnectException("10.0.0.1:80: could not connect (tried 10.0.0.1: No route to host)");
        e.initCause(new NoRouteToHostException("No route to host"));
        assertThat(ExitStatus.ofConnectionFailure(e)).isEqualTo(ExitStatus.REFUSED);
        assertThat(ExitStatus.describeConnectionFailure(e, "10.0.0.1:80"))
                .isEqualTo("could not connect to 10.0.0.1:80: No route to host");
    }

    @Test
    void anUnknownHostIsFour() {
        UnknownHostException e = new UnknownHostException("nowhere.invalid: Name or service not known");
        assertThat(ExitStatus.ofConnectionFailure(e)).isEqualTo(ExitStatus.UNKNOWN_HOST);
        assertThat(ExitStatus.describeConnectionFailure(e, "nowhere.invalid:80"))
                .isEqualTo("unknown host: nowhere.invalid (Name or service not known)");
    }

    @Test
    void aConnectTimeoutIsFive() {
        SocketTimeoutException e = new SocketTimeoutException("h:80: connect timed out after PT1S");
        e.initCause(new SocketTimeoutException("Connect timed out"));
        assertThat(ExitStatus.ofConnectionFailure(e)).isEqualTo(ExitStatus.TIMED_OUT);
        assertThat(ExitStatus.describeConnectionFailure(e, "h:80")).isEqualTo("timed out connecting to h:80");
    }

    @Test
    void aResetOrBrokenConnectionIsSix() {
        assertThat(ExitStatus.ofConnectionFailure(new SocketException("Connection reset"))).isEqualTo(ExitStatus.RESET);
        assertThat(ExitStatus.ofConnectionFailure(new IOException("Broken pipe"))).isEqualTo(ExitStatus.RESET);
        assertThat(ExitStatus.describeConnectionFailure(new SocketException("Connection reset by peer"), "h:1"))
                .isEqualTo("connection reset: h:1 (Connection reset by peer)");
    }

    @Test
    void anythingElseIsOne() {
        IllegalStateException e = new IllegalStateException("bug");
        assertThat(ExitStatus.ofConnectionFailure(e)).isEqualTo(ExitStatus.FAILURE);
        assertThat(ExitStatus.describeConnectionFailure(e, "h:1")).isEqualTo("connection to h:1 failed: " + e);
    }

    @Test
    void theRootMessageIsTheInnermostOne() {
        assertThat(ExitStatus.rootMessage(refused())).isEqualTo("Connection refused");
        assertThat(ExitStatus.rootMessage(new IOException())).isEqualTo("IOException");
        assertThat(ExitStatus.rootMessage(new IOException("outer", new IOException()))).isEqualTo("outer");
    }
}
