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
import static org.kamaelia.util.TestSupport.awaitFinished;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.chassis.Pipeline;

@Timeout(60)
class LinesToBytesTest {

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    @Test
    void endsEachLineWithALineFeedByDefault() throws Exception {
        StreamRun r = StreamRun.of(new LinesToBytes(), List.of("héllo", "", new StringBuilder("sb")),
                new ProducerFinished());
        assertThat(r.out).extracting(LinesToBytesTest::text).containsExactly("héllo\n", "\n", "sb\n");
    }

    @Test
    void endsEachLineWithTheChosenTerminator() throws Exception {
        StreamRun r = StreamRun.of(new LinesToBytes(LinesToBytes.CRLF), List.of("a", "b"), new ProducerFinished());
        assertThat(r.out).extracting(LinesToBytesTest::text).containsExactly("a\r\n", "b\r\n");
        StreamRun nul = StreamRun.of(new LinesToBytes("\0"), List.of("a"), new ProducerFinished());
        assertThat((byte[]) nul.out.get(0)).containsExactly('a', 0);
    }

    @Test
    void aLineContainingALineBreakOrTheTerminatorIsReportedAndDropped() throws Exception {
        StreamRun r = StreamRun.of(new LinesToBytes(";"), List.of("ok", "two\nlines", "cr\r", "semi;colon", "end"),
                new ProducerFinished());
        assertThat(r.out).extracting(LinesToBytesTest::text).containsExactly("ok;", "end;");
        assertThat(r.errors).hasSize(3);
        assertThat(r.errors.get(0).message()).contains("line 1 contains a line feed at index 3");
        assertThat(r.errors.get(1).message()).contains("line 2 contains a carriage return at index 2");
        assertThat(r.errors.get(2).message()).contains("line 3 contains the terminator at index 4");
        assertThat(r.errors.get(0).exception()).isInstanceOf(FramingException.class);
    }

    @Test
    void allowingCarriageReturnsSendsACrInsideOrAtTheEndOfALineAsItIs() throws Exception {
        StreamRun r = StreamRun.of(LinesToBytes.allowingCarriageReturns(LinesToBytes.CRLF),
                List.of("tw\ro", "old\rmac\r", "\r", "two\nlines", "plain"), new ProducerFinished());
        assertThat(r.out).extracting(LinesToBytesTest::text)
                .containsExactly("tw\ro\r\n", "old\rmac\r\r\n", "\r\r\n", "plain\r\n");
        assertThat(r.errors).singleElement().satisfies(e ->
                assertThat(e.message()).contains("line 3 contains a line feed at index 3"));
        StreamRun lf = StreamRun.of(LinesToBytes.allowingCarriageReturns(LinesToBytes.LF), List.of("a\rb"),
                new ProducerFinished());
        assertThat(lf.out).extracting(LinesToBytesTest::text).containsExactly("a\rb\n");
        assertThat(lf.errors).isEmpty();
        assertThat(LinesToBytes.allowingCarriageReturns(";").allowsCarriageReturns()).isTrue();
        assertThat(new LinesToBytes().allowsCarriageReturns()).isFalse();
    }

    @Test
    void aMessageThatIsNotTextIsReportedAndDropped() throws Exception {
        StreamRun r = StreamRun.of(new LinesToBytes(), List.of(42, "ok"), new ProducerFinished());
        assertThat(r.out).extracting(LinesToBytesTest::text).containsExactly("ok\n");
        assertThat(r.errors).singleElement().satisfies(e ->
                assertThat(e.message()).contains("line 0: java.lang.Integer \"42\"", "expected: a CharSequence"));
    }

    @Test
    void linesSurviveARoundTripThroughBytesToLines() throws Exception {
        List<String> lines = List.of("first", "", "ünïcödé €", "tab\there", "last");
        Collector out = new Collector();
        Pipeline p = new Pipeline(new DataSource(lines), new LinesToBytes(LinesToBytes.CRLF), new BytesToLines(), out);
        p.activate(new Scheduler("lines-roundtrip"));
        awaitFinished(p);
        assertThat(out.items()).isEqualTo(List.copyOf(lines));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new LinesToBytes("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("terminator: \"\" (expected: a non-empty string)");
        assertThatThrownBy(() -> new LinesToBytes(null)).isInstanceOf(NullPointerException.class);
    }
}
