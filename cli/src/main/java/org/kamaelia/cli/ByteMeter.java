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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Passes every message on unchanged and counts its bytes: the probes {@code kamaelia connect --progress}
 * reads.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * ByteMeter sent = new ByteMeter("bytes to the server");
 * new Pipeline(ConsoleReader.builder().bytes().build(), sent, new ThreadedTCPClient(host, port), ...);
 * long n = sent.bytes();                 // from any thread, while it runs
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": byte[], ByteBuffer (its remaining bytes are counted) or text (counted as UTF-8)</li>
 * <li>inbox "control": ProducerFinished (pass on what is in "inbox", then stop) or ShutdownMicroprocess
 *     (stop now); other messages are ignored</li>
 * <li>outbox "outbox": every message, unchanged</li>
 * <li>outbox "signal": the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It adds each message's size to a counter that any thread may read ({@link #bytes()}), then sends it
 * on, waiting for space when the next inbox is bounded, so it keeps the backpressure of the pipe it sits in.
 *
 * <h2>Termination</h2>
 * A ProducerFinished on "control": everything in "inbox" is passed on first, then the message goes out
 * of "signal". A ShutdownMicroprocess: it stops at once (even while waiting for space) and passes it on.
 *
 * <h2>Thread safety</h2>
 * The counters are volatile, written only by main(), read by any thread.
 */
final class ByteMeter extends CliComponent {
    private final String what;
    private volatile long bytes;
    private volatile long messages;

    /** @param what what it measures, for its description (e.g. "bytes to the server") */
    ByteMeter(String what) {
        this.what = what;
    }

    /** Bytes passed on so far. Any thread. */
    long bytes() {
        return bytes;
    }

    /** Messages passed on so far. Any thread. */
    long messages() {
        return messages;
    }

    @Override
    public String describe() {
        return super.describe() + "  counts: " + what + '\n';
    }

    @Override
    protected void main() {
        for (;;) {
            while (!stopNow() && dataReady("inbox")) {
                Object m = recv("inbox");
                long size = sizeOf(m);
                // counted before the send, so whoever receives the message already sees it counted
                bytes += size;
                messages++;
                if (!sendOrStop(m, "outbox")) {
                    bytes -= size; // abandoned: it did not pass
                    messages--;
                    break;
                }
            }
            if (checkControl() && (stopNow() || !dataReady("inbox"))) {
                sendBlocking(stopMessage(), "signal");
                return;
            }
            pause();
        }
    }

    static long sizeOf(Object m) {
        if (m instanceof byte[] a) {
            return a.length;
        }
        if (m instanceof ByteBuffer b) {
            return b.remaining();
        }
        if (m instanceof CharSequence cs) {
            return cs.toString().getBytes(StandardCharsets.UTF_8).length;
        }
        return 0;
    }
}
