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
package org.kamaelia.util;

import static org.kamaelia.util.TestSupport.WAIT;
import static org.kamaelia.util.TestSupport.awaitFinished;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;

/** Feeds messages and then a stop message to a fresh component, and records what it sends. */
final class StreamRun {
    final List<Object> out = new ArrayList<>();
    final List<ErrorInformation> errors = new ArrayList<>();
    Object stop;
    Component component;

    private StreamRun() {
    }

    static StreamRun of(Component c, List<?> inputs, Object stopMessage) throws Exception {
        StreamRun r = new StreamRun();
        r.component = c;
        Handle h = new Handle(c);
        c.activate(new Scheduler("stream-run"));
        // Inputs may be more than an inbox's default bound: put them as the component takes them.
        Thread feeder = Thread.ofVirtual().start(() -> {
            for (Object in : inputs) {
                if (!h.put(in, "inbox", WAIT)) {
                    throw new IllegalStateException(c.name() + " took no input for " + WAIT);
                }
            }
            h.put(stopMessage, "control");
        });
        for (;;) {
            Object m = h.get("signal", WAIT);
            if (m instanceof ErrorInformation e) {
                r.errors.add(e);
            } else {
                r.stop = m;
                break;
            }
        }
        feeder.join();
        awaitFinished(c);
        r.out.addAll(h.drain("outbox"));
        return r;
    }

    /** The input split into chunks at the given offsets (in increasing order). */
    static List<byte[]> split(byte[] data, int... at) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            chunks.add(Arrays.copyOfRange(data, from, cut));
            from = cut;
        }
        chunks.add(Arrays.copyOfRange(data, from, data.length));
        return chunks;
    }

    /** The input one byte per chunk. */
    static List<byte[]> bytewise(byte[] data) {
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : data) {
            chunks.add(new byte[] {b});
        }
        return chunks;
    }
}
