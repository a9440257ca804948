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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations, escapes, sizes and protocol names as the command reads and prints them. */
class ParsingHelpersTest {

    @Test
    void durationsTakeUnitsFractionsPlainSecondsAndIso8601() {
        assertThat(Durations.parsePositive("500ms", "d")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parsePositive("5s", "d")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parsePositive("1.5s", "d")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parsePositive("2m", "d")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parsePositive("1h", "d")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parsePositive("7", "d")).isEqualTo(Duration.ofSeconds(7));
        assertThat(Durations.parsePositive(" 3 S ", "d")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.parsePositive("PT0.25S", "d")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void durationsRejectGarbageZeroNegativeAndOverflow() {
        assertThatThrownBy(() -> Durations.parsePositive("fast", "--t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--t: 'fast' (expected: a duration such as 500ms, 5s, 1.5s, 2m or 1h)");
        assertThatThrownBy(() -> Durations.parsePositive("0", "--t")).hasMessage("--t: 0 (expected: a duration > 0)");
        assertThatThrownBy(() -> Durations.parsePositive("-1s", "--t")).hasMessageContaining("'-1s'");
        assertThatThrownBy(() -> Durations.parsePositive("PT-1S", "--t")).hasMessageContaining("> 0");
        assertThatThrownBy(() -> Durations.parsePositive("99999999999999999h", "--t"))
                .hasMessageContaining("'99999999999999999h'");
        assertThatThrownBy(() -> Durations.parsePositive("P1X", "--t")).hasMessageContaining("'P1X'");
        assertThatThrownBy(() -> Durations.parsePositive(null, "--t")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aDurationTooLargeToCountIsCalledTooLargeNotBadlyFormatted() {
        assertThatThrownBy(() -> Durations.parsePositive("99999999999999h", "--connect-timeout"))
                .hasMessage("--connect-timeout: '99999999999999h' is too large (expected: at most 2562047h)");
        assertThatThrownBy(() -> Durations.parsePositive("PT99999999999999H", "--t"))
                .hasMessage("--t: 'PT99999999999999H' is too large (expected: at most 2562047h)");
        assertThat(Durations.parsePositive("2562047h", "--t")).isEqualTo(Duration.ofHours(2562047));
    }

    @Test
    void durationsPrintShort() {
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(5430))).isEqualTo("1h30m30s");
    }

    @Test
    void escapesDecodeToTheBytesTheyName() {
        assertThat(Escapes.decode("a\\r\\n\\t\\0\\\\\\xff\\x41", "--send"))
                .containsExactly('a', '\r', '\n', '\t', 0, '\\', 0xff, 'A');
        assertThat(Escapes.decode("", "--send")).isEmpty();
        assertThat(Escapes.decode("é", "--send")).containsExactly(0xc3, 0xa9);
    }

    @Test
    void escapesRejectUnknownAndIncompleteOnes() {
        assertThatThrownBy(() -> Escapes.decode("\\u0041", "--send")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown escape \\u at index 0");
        assertThatThrownBy(() -> Escapes.decode("\\xg1", "--send")).hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> Escapes.decode("ab\\", "--send")).hasMessageContaining("lone backslash at the end");
    }

    @Test
    void sizesUseBinaryUnits() {
        assertThat(Sizes.format(0)).isEqualTo("0 B");
        assertThat(Sizes.format(1023)).isEqualTo("1023 B");
        assertThat(Sizes.format(1536)).isEqualTo("1.50 KiB");
        assertThat(Sizes.format(10 * 1024 * 1024)).isEqualTo("10.0 MiB");
        assertThat(Sizes.format(300L * 1024 * 1024 * 1024)).isEqualTo("300 GiB");
    }

    @Test
    void protocolNamesAreLowerCaseAndAnyCaseIsAccepted() {
        assertThat(ServerProtocol.names()).isEqualTo("echo, discard, chargen, daytime, fortune");
        assertThat(ServerProtocol.fromCliName("Daytime")).isEqualTo(ServerProtocol.DAYTIME);
        assertThatThrownBy(() -> ServerProtocol.fromCliName("qotd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--protocol: 'qotd' (expected: one of echo, discard, chargen, daytime, fortune)");
        for (ServerProtocol p : ServerProtocol.values()) {
            assertThat(p.factory().get()).isNotNull();
            assertThat(p.description()).isNotBlank();
        }
    }

    @Test
    void serveAndDemoConfigsCheckTheirArguments() {
        assertThatThrownBy(() -> new ServeConfig(-1, "127.0.0.1", ServerProtocol.ECHO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--port: -1 ");
        assertThatThrownBy(() -> new ServeConfig(1, null, ServerProtocol.ECHO))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ServeConfig(1, "x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DemoConfig(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DemoConfig(ServerProtocol.DISCARD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--protocol: 'discard' (expected: fortune or echo for the demo)");
    }

    @Test
    void theLogLevelSettingDefaultsToSevere() {
        assertThat(Main.logLevel(null)).isEqualTo(java.util.logging.Level.SEVERE);
        assertThat(Main.logLevel("fine")).isEqualTo(java.util.logging.Level.FINE);
        assertThat(Main.logLevel("loud")).isEqualTo(java.util.logging.Level.SEVERE);
    }
}
