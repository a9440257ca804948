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
package org.kamaelia.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual threads are not preempted: a component that sends in a loop without pausing would keep its
 * carrier thread forever. A sender whose receiver has fallen {@link MessageQueue#YIELD_BACKLOG}
 * messages behind yields the carrier, so the receiver (and everything else) gets to run. The test runs
 * in a child JVM with a single carrier thread, where starvation would be total.
 */
class CarrierFairnessTest {

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    @Timeout(120)
    void aComponentSendingWithoutPausingLetsItsReceiverRunOnTheSameCarrier()
            throws IOException, InterruptedException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = location(FloodMain.class) + File.pathSeparator + location(Component.class);
        Process child = new ProcessBuilder(java, "-Xmx512m",
                "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1",
                "-cp", cp, FloodMain.class.getName())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(100, TimeUnit.SECONDS)).as("child ended").isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("parallelism=1 received=" + FloodMain.TO_RECEIVE + " stopped=true");
        assertThat(child.exitValue()).as(out).isZero();
    }
}
