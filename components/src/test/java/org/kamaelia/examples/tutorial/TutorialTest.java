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
package org.kamaelia.examples.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamaelia.examples.Examples;

/**
 * docs/tutorial.md: each step's program is a file of this directory, shown there exactly, and it prints, in a JVM of
 * its own, what the tutorial says it prints and exits 0.
 */
@Timeout(120)
class TutorialTest {
    private static final String TUTORIAL = "docs/tutorial.md";
    private static final String DIR = "components/src/test/java/org/kamaelia/examples/tutorial/";

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("Step1OneComponent", "3\n2\n1\nlift-off\n"),
                Arguments.of("Step2SendAndRecv", "tick 1\ntick 2\ntick 3\ndone\n"),
                Arguments.of("Step3Pipeline", "ONE\nTWO\nTHREE\n"),
                Arguments.of("Step4Shutdown", """
                        numbers waits at the bound: true
                        sent at least DEFAULT_INBOX_SIZE: true
                        stalled: stopped by ShutdownMicroprocess
                        failures: []
                        """),
                Arguments.of("Step5Graphline", "[AXON, KAMAELIA] [4, 8]\n"),
                Arguments.of("Step6Client", "ping\npong\n"),
                Arguments.of("Step7Server", "6 bytes\n13 bytes\nconnections: 2\n"));
    }

    @Test
    void everyJavaBlockOfTheTutorialIsAStepFileShownExactlyInOrder() throws Exception {
        Map<String, String> blocks = Examples.javaBlocks(TUTORIAL, null);
        assertThat(blocks.keySet()).containsExactlyElementsOf(
                steps().map(a -> DIR + a.get()[0] + ".java").toList());
        for (var e : blocks.entrySet()) {
            assertThat(e.getValue()).as("%s's block for %s", TUTORIAL, e.getKey()).isEqualTo(Examples.shown(e.getKey()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void eachStepPrintsWhatTheTutorialShowsAndExitsZero(String step, String expected) throws Exception {
        Examples.Run run = Examples.run(TutorialTest.class.getPackageName() + "." + step);
        assertThat(run.out()).as("what %s prints (stderr: %s)", step, run.err()).isEqualTo(expected);
        assertThat(run.exit()).as("%s's exit status (stderr: %s)", step, run.err()).isZero();
        assertThat(Examples.outputShownAfter(TUTORIAL, DIR + step + ".java")).as("what the tutorial says it prints")
                .isEqualTo(expected);
    }
}
