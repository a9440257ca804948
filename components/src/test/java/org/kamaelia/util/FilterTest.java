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

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.chassis.Pipeline;

@Timeout(60)
class FilterTest {

    @Test
    void passesOnTheAcceptedMessagesUnchangedAndInOrder() throws Exception {
        byte[] keep = {1};
        Filter<Object> f = new Filter<>(o -> !(o instanceof String));
        StreamRun r = StreamRun.of(f, List.of("drop", keep, 2, "drop too"), new ProducerFinished());
        assertThat(r.out).containsExactly(keep, 2);
        assertThat(r.out.get(0)).isSameAs(keep);
        assertThat(f.rejectedCount()).isEqualTo(2);
    }

    @Test
    void anExceptionFromThePredicateIsReportedNamingTheMessageAndTheRestCarryOn() throws Exception {
        Filter<String> f = new Filter<>(String::isEmpty);
        StreamRun r = StreamRun.of(f, List.of("", 7, ""), new ProducerFinished());
        assertThat(r.out).containsExactly("", "");
        assertThat(r.errors).singleElement().satisfies(e -> {
            assertThat(e.exception()).isInstanceOf(ClassCastException.class);
            assertThat(e.message()).contains("the predicate threw on message 1 (java.lang.Integer \"7\")",
                    "message dropped");
        });
        assertThat(f.rejectedCount()).isZero();
    }

    @Test
    void withOnErrorFailAnExceptionEndsItAsAFailure() throws Exception {
        Filter<Integer> f = new Filter<>(i -> 10 / i > 1, OnError.FAIL);
        Collector out = new Collector();
        Pipeline p = new Pipeline(DataSource.of(1, 0, 2), f, out);
        p.activate(new Scheduler("filter-fail"));
        awaitFinished(p);
        assertThat(f.failure()).get().isInstanceOf(ProcessingException.class)
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(ArithmeticException.class));
        assertThat(out.items()).containsExactly(1);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Filter<>(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Filter<>(x -> true, null)).isInstanceOf(NullPointerException.class);
    }
}
