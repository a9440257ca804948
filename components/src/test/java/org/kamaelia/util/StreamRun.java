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
