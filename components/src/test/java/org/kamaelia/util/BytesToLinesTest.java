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

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

@Timeout(120)
class BytesToLinesTest {
    private static final byte[] TEXT = "héllo\r\nwörld\n\r\n€uro\rmid\r\nlast".getBytes(StandardCharsets.UTF_8);
    private static final List<String> LINES = List.of("héllo", "wörld", "", "€uro\rmid", "last");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsLfAndCrlfLinesAndSendsTheUnterminatedLastLineAtTheEnd() throws Exception {
        StreamRun r = StreamRun.of(new BytesToLines(), List.of(TEXT), new ProducerFinished());
        assertThat(r.out).isEqualTo(LINES);
        assertThat(r.errors).isEmpty();
    }

    @Test
    void givesTheSameLinesWhereverTheStreamIsCutIntoTwoOrThreeChunks() throws Exception {
        // Cuts fall inside every CRLF and inside every multi-byte UTF-8 character.
        for (int i = 0; i <= TEXT.length; i++) {
            for (int j = i; j <= TEXT.length; j++) {
                StreamRun r = StreamRun.of(new BytesToLines(), StreamRun.split(TEXT, i, j), new ProducerFinished());
                assertThat(r.out).as("cut at %d and %d", i, j).isEqualTo(LINES);
                assertThat(r.errors).isEmpty();
            }
        }
    }

    @Test
    void givesTheSameLinesOneByteAtATime() throws Exception {
        StreamRun r = StreamRun.of(new BytesToLines(), StreamRun.bytewise(TEXT), new ProducerFinished());
        assertThat(r.out).isEqualTo(LINES);
    }

    @Test
    void acceptsByteBuffersWithoutMovingThem() throws Exception {
        ByteBuffer heap = ByteBuffer.wrap(utf8("xxab\ncd"), 2, 5);
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(utf8("e\r\n")).flip();
        StreamRun r = StreamRun.of(new BytesToLines(), List.of(heap, direct), new ProducerFinished());
        assertThat(r.out).containsExactly("ab", "cde");
        assertThat(heap.position()).isEqualTo(2);
        assertThat(direct.position()).isZero();
    }

    @Test
    void aLineOfExactlyTheLimitPassesEvenWhenItsCrlfIsSplit() throws Exception {
        byte[] in = utf8("abc\r\nabcd\n");
        for (int i = 0; i <= in.length; i++) {
            StreamRun r = StreamRun.of(new BytesToLines(4), StreamRun.split(in, i), new ProducerFinished());
            assertThat(r.out).as("cut at %d", i).containsExactly("abc", "abcd");
            assertThat(r.errors).isEmpty();
        }
    }

    @Test
    void aLineOverTheLimitThatArrivesWholeIsReportedWithItsLengthAndSkipped() throws Exception {
        StreamRun r = StreamRun.of(new BytesToLines(10), List.of(utf8("ok\n0123456789ABCDEF\r\nnext\n")),
                new ProducerFinished());
        assertThat(r.out).containsExactly("ok", "next");
        assertThat(r.errors).hasSize(1);
        assertThat(r.errors.get(0).exception()).isInstanceOf(FramingException.class)
                .hasMessage(r.component.name() + ": line 2 (from byte 3) is 16 bytes long, over the limit of 10 bytes; "
                        + "skipped");
    }

    @Test
    void aLineOverTheLimitIsReportedAsSoonAsTheLimitIsPassedAndSkippedUpToTheNextLineFeed() throws Exception {
        List<byte[]> in = List.of(utf8("ok\n01234"), utf8("56789ABCDEF"), utf8("GHIJ"), utf8("KL\nnext\n"));
        StreamRun r = StreamRun.of(new BytesToLines(10), in, new ProducerFinished());
        assertThat(r.out).containsExactly("ok", "next");
        assertThat(r.errors).hasSize(1);
        assertThat(r.errors.get(0).message()).contains("line 2 (from byte 3)", "limit of 10 bytes",
                "16 bytes so far without a line feed", "skipping to the next line feed");
    }

    @Test
    void aLineThatNeverEndsIsReportedOnceAndNeverBuffered() throws Exception {
        byte[] chunk = new byte[1000];
        java.util.Arrays.fill(chunk, (byte) 'x');
        List<byte[]> in = java.util.Collections.nCopies(200, chunk);
        StreamRun r = StreamRun.of(new BytesToLines(100), in, new ProducerFinished());
        assertThat(r.out).isEmpty();
        assertThat(r.errors).hasSize(1);
        assertThat(r.errors.get(0).message()).contains("1000 bytes so far");
    }

    @Test
    void malformedUtf8IsReplacedByDefault() throws Exception {
        byte[] in = {'a', (byte) 0xff, 'b', '\n'};
        StreamRun r = StreamRun.of(new BytesToLines(), List.of(in), new ProducerFinished());
        assertThat(r.out).containsExactly("a\uFFFDb");
    }

    @Test
    void malformedUtf8CanBeReportedAndItsLineSkipped() throws Exception {
        byte[] in = {'o', 'k', '\n', 'a', 'b', (byte) 0xC3, '\n', 'z', '\n'};
        StreamRun r = StreamRun.of(new BytesToLines(100, CodingErrorAction.REPORT), List.of(in),
                new ProducerFinished());
        assertThat(r.out).containsExactly("ok", "z");
        assertThat(r.errors).hasSize(1);
        assertThat(r.errors.get(0).message())
                .contains("line 2 (from byte 3) is not valid UTF-8", "at byte 2 of the line");
    }

    @Test
    void malformedUtf8CanBeLeftOut() throws Exception {
        byte[] in = {'a', (byte) 0xff, 'b', '\n'};
        StreamRun r = StreamRun.of(new BytesToLines(100, CodingErrorAction.IGNORE), List.of(in),
                new ProducerFinished());
        assertThat(r.out).containsExactly("ab");
    }

    @Test
    void aMessageThatIsNotBytesIsReportedAndDropped() throws Exception {
        StreamRun r = StreamRun.of(new BytesToLines(), List.of(utf8("a"), "oops", utf8("b\n")), new ProducerFinished());
        assertThat(r.out).containsExactly("ab");
        assertThat(r.errors).hasSize(1);
        assertThat(r.errors.get(0).message())
                .contains("java.lang.String \"oops\"", "expected: byte[] or java.nio.ByteBuffer");
    }

    @Test
    void shutdownMicroprocessDropsAndReportsAnUnfinishedLine() throws Exception {
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        StreamRun r = StreamRun.of(new BytesToLines(), List.of(utf8("done\npart")), stop);
        assertThat(r.out).containsExactly("done");
        assertThat(r.stop).isSameAs(stop);
        assertThat(r.errors).hasSize(1);
        assertThat(r.errors.get(0).message()).contains("unfinished line 2 of 4 bytes", "dropped");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new BytesToLines(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLineLength: 0 (expected: > 0)");
        assertThatThrownBy(() -> new BytesToLines(10, null)).isInstanceOf(NullPointerException.class);
    }
}
