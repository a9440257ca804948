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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kamaelia.util.TestSupport.WAIT;
import static org.kamaelia.util.TestSupport.awaitFinished;
import static org.kamaelia.util.TestSupport.nextError;
import static org.kamaelia.util.TestSupport.start;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Pipeline;

/** Length-prefixed frames: {@link FramesToBytes} and {@link BytesToFrames}. */
@Timeout(120)
class FramingTest {

    private static byte[] frame(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static byte[] encode(List<byte[]> frames) throws Exception {
        StreamRun r = StreamRun.of(new FramesToBytes(), frames, new ProducerFinished());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o : r.out) {
            out.write((byte[]) o);
        }
        return out.toByteArray();
    }

    private static byte[] prefix(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    @Test
    void framesToBytesPrefixesEachFrameWithItsLengthBigEndian() throws Exception {
        StreamRun r = StreamRun.of(new FramesToBytes(), List.of(new byte[] {7, 8, 9}, new byte[0],
                ByteBuffer.wrap(new byte[300], 1, 258)), new ProducerFinished());
        assertThat((byte[]) r.out.get(0)).containsExactly(0, 0, 0, 3, 7, 8, 9);
        assertThat((byte[]) r.out.get(1)).containsExactly(0, 0, 0, 0);
        assertThat(((byte[]) r.out.get(2)).length).isEqualTo(4 + 258);
        assertThat(java.util.Arrays.copyOf((byte[]) r.out.get(2), 4)).containsExactly(0, 0, 1, 2);
    }

    @Test
    void framesComeBackTheSameWhereverTheStreamIsCutIntoTwoOrThreeChunks() throws Exception {
        List<byte[]> frames = List.of(frame(0, 1), frame(1, 2), frame(5, 3), frame(0, 4), frame(3, 5));
        byte[] stream = encode(frames);
        // Cuts fall inside every length prefix and every payload.
        for (int i = 0; i <= stream.length; i++) {
            for (int j = i; j <= stream.length; j++) {
                StreamRun r = StreamRun.of(new BytesToFrames(), StreamRun.split(stream, i, j), new ProducerFinished());
                assertThat(r.out).as("cut at %d and %d", i, j).usingRecursiveFieldByFieldElementComparator()
                        .isEqualTo(frames);
                assertThat(r.errors).isEmpty();
            }
        }
    }

    @Test
    void framesComeBackTheSameOneByteAtATimeAndAllInOneChunk() throws Exception {
        List<byte[]> frames = List.of(frame(1000, 1), frame(0, 2), frame(70_000, 3), frame(2, 4));
        byte[] stream = encode(frames);
        for (List<byte[]> chunks : List.of(StreamRun.bytewise(stream), List.of(stream))) {
            StreamRun r = StreamRun.of(new BytesToFrames(), chunks, new ProducerFinished());
            assertThat(r.out).hasSize(frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertThat((byte[]) r.out.get(i)).isEqualTo(frames.get(i));
            }
        }
    }

    @Test
    void framesSurviveARoundTripThroughAPipeline() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            frames.add(frame(i * 13 % 500, i));
        }
        Collector out = new Collector();
        Pipeline p = new Pipeline(new DataSource(frames), new FramesToBytes(), new BytesToFrames(), out);
        p.activate(new Scheduler("frames-roundtrip"));
        awaitFinished(p);
        List<byte[]> got = out.items(byte[].class);
        assertThat(got).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(got.get(i)).isEqualTo(frames.get(i));
        }
    }

    @Test
    void aNegativeLengthIsReportedAndEndsDecodingWithItsOwnProducerFinished() throws Exception {
        corruptLength(-1, "has a length of -1 (expected: 0 to 100)");
    }

    @Test
    void aLengthOverTheMaximumIsReportedAndEndsDecodingWithItsOwnProducerFinished() throws Exception {
        corruptLength(1_000_000, "has a length of 1000000 (expected: 0 to 100)");
    }

    private void corruptLength(int length, String expected) throws Exception {
        Scheduler s = new Scheduler("frames-corrupt");
        BytesToFrames d = new BytesToFrames(100);
        Handle h = start(d, s);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(prefix(2));
        in.write(new byte[] {1, 2});
        in.write(prefix(length));
        in.write(new byte[] {3, 4, 5});
        h.put(in.toByteArray(), "inbox");
        assertThat((byte[]) h.get("outbox", WAIT)).containsExactly(1, 2);
        ErrorInformation e = nextError(h);
        assertThat(e.exception()).isInstanceOf(FramingException.class)
                .hasMessage(d.name() + ": frame 1 (length prefix at byte 6) " + expected
                        + "; the stream cannot be resynchronised, so decoding stops");
        Object end = h.get("signal", WAIT);
        assertThat(end).isExactlyInstanceOf(ProducerFinished.class);
        assertThat(((ProducerFinished) end).caller()).isSameAs(d);
        assertThat(((ProducerFinished) end).message()).isSameAs(e.exception());
        awaitFinished(d);
        assertThat(d.failure()).as("bad input is not a bug of the component").isEmpty();
        h.put(prefix(0), "inbox");
        assertThat(d.droppedCount("inbox")).isEqualTo(1);
        assertThat(h.poll("outbox")).isNull();
    }

    @Test
    void aStreamEndingInsideALengthPrefixIsReported() throws Exception {
        StreamRun r = StreamRun.of(new BytesToFrames(), List.of(prefix(1), new byte[] {9}, new byte[] {0, 0}),
                new ProducerFinished());
        assertThat((byte[]) r.out.get(0)).containsExactly(9);
        assertThat(r.stop).isInstanceOf(ProducerFinished.class);
        assertThat(r.errors).singleElement().satisfies(e -> assertThat(e.message()).contains(
                "the stream ended inside frame 1 (from byte 5): 2 of the 4 length-prefix bytes had arrived",
                "partial frame dropped"));
    }

    @Test
    void aStreamEndingInsideAPayloadIsReported() throws Exception {
        StreamRun r = StreamRun.of(new BytesToFrames(), List.of(prefix(10), new byte[] {1, 2, 3}),
                new ProducerFinished());
        assertThat(r.out).isEmpty();
        assertThat(r.errors).singleElement().satisfies(e -> {
            assertThat(e.exception()).isInstanceOf(FramingException.class);
            assertThat(e.message())
                    .contains("the stream ended inside frame 0 (from byte 0): 3 of its 10 payload bytes");
        });
    }

    @Test
    void shutdownMicroprocessInsideAFrameIsReportedToo() throws Exception {
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        byte[] partial = {0, 0, 0, 10, 1};
        StreamRun r = StreamRun.of(new BytesToFrames(), List.of(partial), stop);
        assertThat(r.stop).isSameAs(stop);
        assertThat(r.errors).singleElement().satisfies(e ->
                assertThat(e.message()).contains("stopped by ShutdownMicroprocess inside frame 0", "1 of its 10"));
    }

    @Test
    void aMessageThatIsNotBytesIsReportedAndDecodingGoesOn() throws Exception {
        StreamRun r = StreamRun.of(new BytesToFrames(), List.of(prefix(1), "junk", new byte[] {5}),
                new ProducerFinished());
        assertThat((byte[]) r.out.get(0)).containsExactly(5);
        assertThat(r.errors).singleElement().satisfies(e -> assertThat(e.message()).contains("java.lang.String"));
    }

    @Test
    void framesToBytesReportsAndDropsAFrameOverTheMaximumAndAMessageThatIsNotBytes() throws Exception {
        StreamRun r = StreamRun.of(new FramesToBytes(4), List.of(new byte[5], "text", new byte[4]),
                new ProducerFinished());
        assertThat(r.out).hasSize(1);
        assertThat((byte[]) r.out.get(0)).hasSize(8);
        assertThat(r.errors).hasSize(2);
        assertThat(r.errors.get(0).message())
                .contains("frame 0 is 5 bytes, over the maximum frame size of 4 bytes; not sent");
        assertThat(r.errors.get(1).message()).contains("frame 1: java.lang.String \"text\"", "not sent");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new BytesToFrames(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFrameSize: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new FramesToBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxFrameSize: -1 (expected: 0 to ");
    }
}
