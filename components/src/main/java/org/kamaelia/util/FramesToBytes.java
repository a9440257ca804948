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

import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Frames messages for a byte stream: each byte[] becomes a 4-byte big-endian length followed by the
 * bytes, so {@link BytesToFrames} at the other end gets back exactly the same messages whatever the
 * stream does to chunk boundaries.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new DataSource(records), new FramesToBytes(), new ThreadedTCPClient("localhost", 1601)).run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": frames, as byte[] or ByteBuffer (its remaining bytes)</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>outbox "outbox": one byte[] per frame: the length as a 4-byte big-endian int, then the bytes</li>
 * <li>outbox "signal": ErrorInformation carrying a {@link FramingException} for each bad input, then the
 *     control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * The prefix and the payload are copied into one new array, so each frame is one write downstream.
 * An empty message makes a frame of length 0. A message longer than the maximum frame size (1 MiB
 * by default; the receiver's {@link BytesToFrames} must allow at least as much) is reported, naming
 * its number (counting from 0), its length and the limit, and not sent; so is a message that is not
 * bytes. Frames go out with a blocking send.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it frames everything left in "inbox", passes the message
 * on out of "signal" and stops. A {@link ShutdownMicroprocess}: it stops at once and passes the
 * message on. Other control messages are ignored. (The original's Framer wrote a text header
 * {@code "<tag> <length>\n"}; this is the binary length prefix most protocols use.)
 */
public final class FramesToBytes extends UtilComponent {
    /** The default maximum frame size: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1 << 20;

    private final int maxFrameSize;
    private long index;

    /** Frames of at most {@link #DEFAULT_MAX_FRAME_SIZE} bytes. */
    public FramesToBytes() {
        this(DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * Frames of at most {@code maxFrameSize} bytes.
     *
     * @throws IllegalArgumentException when maxFrameSize &lt; 0 or more than {@code Integer.MAX_VALUE - 4}
     */
    public FramesToBytes(int maxFrameSize) {
        if (maxFrameSize < 0 || maxFrameSize > Integer.MAX_VALUE - 4) {
            throw new IllegalArgumentException("maxFrameSize: " + maxFrameSize + " (expected: 0 to "
                    + (Integer.MAX_VALUE - 4) + ")");
        }
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    void onMessage(Object message) {
        long n = index++;
        if (!Bytes.accepts(message)) {
            report(new FramingException(name() + ": frame " + n + ": " + Checks.describe(message)
                    + " (expected: byte[] or java.nio.ByteBuffer); not sent"));
            return;
        }
        Bytes b = Bytes.of(message);
        if (b.length() > maxFrameSize) {
            report(new FramingException(name() + ": frame " + n + " is " + b.length()
                    + " bytes, over the maximum frame size of " + maxFrameSize + " bytes; not sent"));
            return;
        }
        byte[] out = new byte[4 + b.length()];
        int len = b.length();
        out[0] = (byte) (len >>> 24);
        out[1] = (byte) (len >>> 16);
        out[2] = (byte) (len >>> 8);
        out[3] = (byte) len;
        System.arraycopy(b.array(), b.offset(), out, 4, len);
        sendOrAbort(out, "outbox");
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
