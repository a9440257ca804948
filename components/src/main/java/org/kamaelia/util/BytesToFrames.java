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

import java.util.Arrays;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Cuts a byte stream, arriving in chunks of any size, into the frames {@link FramesToBytes} made:
 * each a 4-byte big-endian length followed by that many bytes.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new ThreadedTCPClient("localhost", 1601), new BytesToFrames(64 * 1024), new RecordHandler()).run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": byte[] or ByteBuffer chunks of the stream</li>
 * <li>inbox "control": ProducerFinished (end of the stream) or ShutdownMicroprocess stops it; other
 *     messages are ignored</li>
 * <li>outbox "outbox": each frame's payload as a new byte[] (an empty array for a frame of length 0)</li>
 * <li>outbox "signal": ErrorInformation carrying a {@link FramingException} for bad input, then the
 *     control message it stopped on, or its own ProducerFinished after a corrupt length</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Chunk boundaries do not matter: a length prefix or a payload may be split across any number of
 * chunks, and one chunk may hold many frames. A payload that lies inside one chunk is copied out of it
 * at once; a longer one is assembled in an array of exactly its length, allocated only after the length
 * has been checked, so memory is bounded by the maximum frame size (1 MiB by default). Frames go out
 * with a blocking send.
 *
 * <p>Bad input:
 * <ul>
 * <li>a length prefix that is negative or over the maximum: the stream cannot be resynchronised (there
 *     is no way to find where the next frame starts), so it reports a FramingException naming the frame
 *     number (counting from 0), the byte offset of the prefix in the stream, the length read and the
 *     limit, then ends on its own: {@code ProducerFinished(this, exception)} on "signal", so what is
 *     downstream finishes by the usual convention. Input still in its inbox, or sent later, is dropped
 *     (the runtime counts it);</li>
 * <li>a message that is neither byte[] nor ByteBuffer: reported (its type) and dropped; decoding goes on;</li>
 * <li>the stream ending inside a frame: see Termination.</li>
 * </ul>
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control" ends the stream: everything left in "inbox" is decoded; if a
 * frame is incomplete (part of a prefix, or a payload shorter than its length) that is reported, with
 * how many bytes of what was expected had arrived, and the partial frame is dropped; then the message
 * is passed on out of "signal". A {@link ShutdownMicroprocess} stops it at once; a partial frame it
 * holds is reported the same way and dropped; the message is passed on. Other control messages are
 * ignored. The only other way it ends is a corrupt length (above).
 */
public final class BytesToFrames extends UtilComponent {
    /** The default maximum frame size: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1 << 20;

    private final int maxFrameSize;
    private final byte[] prefix = new byte[4];
    private int prefixLength;
    /** The payload being assembled, or null while reading a prefix. */
    private byte[] frame;
    private int frameFilled;
    private long frameNumber;
    private long frameStart;
    private long offset;

    /** Frames of at most {@link #DEFAULT_MAX_FRAME_SIZE} bytes. */
    public BytesToFrames() {
        this(DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * Frames of at most {@code maxFrameSize} bytes.
     *
     * @throws IllegalArgumentException when maxFrameSize &lt; 0
     */
    public BytesToFrames(int maxFrameSize) {
        this.maxFrameSize = Checks.atLeast(maxFrameSize, 0, "maxFrameSize");
    }

    @Override
    void onMessage(Object message) {
        Bytes b = bytesOrReport(message);
        if (b == null) {
            return;
        }
        byte[] a = b.array();
        int p = b.offset();
        int end = p + b.length();
        while (p < end) {
            if (frame == null) {
                if (prefixLength == 0) {
                    frameStart = offset;
                }
                int take = Math.min(4 - prefixLength, end - p);
                System.arraycopy(a, p, prefix, prefixLength, take);
                prefixLength += take;
                p += take;
                offset += take;
                if (prefixLength < 4) {
                    return;
                }
                int length = ((prefix[0] & 0xff) << 24) | ((prefix[1] & 0xff) << 16) | ((prefix[2] & 0xff) << 8)
                        | (prefix[3] & 0xff);
                prefixLength = 0;
                if (length < 0 || length > maxFrameSize) {
                    FramingException e = new FramingException(name() + ": frame " + frameNumber
                            + " (length prefix at byte " + frameStart + ") has a length of " + length
                            + " (expected: 0 to " + maxFrameSize + "); the stream cannot be resynchronised, "
                            + "so decoding stops");
                    report(e);
                    endNow(new ProducerFinished(this, e));
                    return;
                }
                if (end - p >= length) {
                    if (!emit(Arrays.copyOfRange(a, p, p + length))) {
                        return;
                    }
                    p += length;
                    offset += length;
                    continue;
                }
                frame = new byte[length];
                frameFilled = 0;
            }
            int take = Math.min(frame.length - frameFilled, end - p);
            System.arraycopy(a, p, frame, frameFilled, take);
            frameFilled += take;
            p += take;
            offset += take;
            if (frameFilled == frame.length) {
                byte[] done = frame;
                frame = null;
                if (!emit(done)) {
                    return;
                }
            }
        }
    }

    private boolean emit(byte[] payload) {
        frameNumber++;
        return sendOrAbort(payload, "outbox");
    }

    @Override
    void onStop(Object stopMessage) {
        if (endedOnItsOwn()) {
            return;
        }
        String why = stopNow() ? "stopped by " + stopMessage : "the stream ended";
        if (prefixLength > 0) {
            report(new FramingException(name() + ": " + why + " inside frame " + frameNumber + " (from byte "
                    + frameStart + "): " + prefixLength + " of the 4 length-prefix bytes had arrived; "
                    + "partial frame dropped"));
        } else if (frame != null) {
            report(new FramingException(name() + ": " + why + " inside frame " + frameNumber + " (from byte "
                    + frameStart + "): " + frameFilled + " of its " + frame.length + " payload bytes had arrived; "
                    + "partial frame dropped"));
        }
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
