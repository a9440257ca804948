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
package org.kamaelia.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/** Kamaelia's messages keep the original's class relations: axon-semantics.md §2.H, statement 106. */
class KamaeliaIpcTest {

    @Test
    void aSocketShutdownIsAProducerFinishedAndAServerShutdownIsAShutdownMicroprocess() {
        assertThat((Object) new SocketShutdown()).isInstanceOf(ProducerFinished.class);
        assertThat((Object) new ServerShutdown()).isInstanceOf(ShutdownMicroprocess.class);
        assertThat((Object) new SocketShutdown()).isNotInstanceOf(ShutdownMicroprocess.class);
    }

    @Test
    void aSocketShutdownSaysWhyTheConnectionEndedAndWhatWentEachWay() {
        SocketShutdown clean = new SocketShutdown();
        assertThat(clean.isClean()).isTrue();
        assertThat(clean.caller()).isNull();
        IOException reset = new IOException("Connection reset");
        SocketShutdown failed = new SocketShutdown("client", reset, 10, 20, 2, 300);
        assertThat(failed.isClean()).isFalse();
        assertThat(failed.cause()).isSameAs(reset);
        assertThat(failed.message()).isSameAs(reset);
        assertThat(failed.bytesSent()).isEqualTo(10);
        assertThat(failed.bytesReceived()).isEqualTo(20);
        assertThat(failed.unsentMessages()).isEqualTo(2);
        assertThat(failed.unsentBytes()).isEqualTo(300);
        assertThat(failed.toString()).contains("Connection reset").contains("unsent 2 messages / 300 B");
    }
}
