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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the command takes and prints them: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m},
 * {@code 1h}, a plain number of seconds ({@code 5}), or ISO-8601 ({@code PT5S}).
 *
 * <h2>Thread safety</h2>
 * Stateless.
 */
final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    /** The longest duration taken: what a long counts in nanoseconds (about 292 years), in whole hours. */
    static final Duration MAX = Duration.ofHours(Long.MAX_VALUE / 3_600_000_000_000L);

    private Durations() {
    }

    /**
     * Parses a duration that must be positive.
     *
     * @param text the text, e.g. {@code 5s}
     * @param name what it is, for the message (e.g. {@code --connect-timeout})
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when it is not a duration or not positive; the message names it
     */
    static Duration parsePositive(String text, String name) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        Duration d = parse(text.strip(), name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + text + " (expected: a duration > 0)");
        }
        return d;
    }

    /**
     * Parses a duration that may be zero (which the option documents as "off"), e.g. {@code --idle-timeout 0}.
     *
     * @param text the text, e.g. {@code 5m} or {@code 0}
     * @param name what it is, for the message (e.g. {@code --idle-timeout})
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when it is not a duration, negative or too large; the message names it
     */
    static Duration parseNonNegative(String text, String name) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        Duration d = parse(text.strip(), name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + text + " (expected: a duration >= 0; 0 for off)");
        }
        return d;
    }

    private static Duration parse(String text, String name) {
        String t = text.toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            BigDecimal nanosPerUnit = switch (unit) {
                case "ms" -> BigDecimal.valueOf(1_000_000L);
                case "s" -> BigDecimal.valueOf(1_000_000_000L);
                case "m" -> BigDecimal.valueOf(60_000_000_000L);
                default -> BigDecimal.valueOf(3_600_000_000_000L);
            };
            BigDecimal nanos = amount.multiply(nanosPerUnit);
            if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
                throw tooLarge(text, name);
            }
            return Duration.ofNanos(nanos.longValue());
        }
        if (t.startsWith("p")) {
            Duration d;
            try {
                d = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw bad(text, name);
            } catch (ArithmeticException e) {
                throw tooLarge(text, name);
            }
            if (d.compareTo(MAX) > 0) {
                throw tooLarge(text, name);
            }
            return d;
        }
        throw bad(text, name);
    }

    private static IllegalArgumentException tooLarge(String text, String name) {
        return new IllegalArgumentException(name + ": '" + text + "' is too large (expected: at most "
                + format(MAX) + ")");
    }

    private static IllegalArgumentException bad(String text, String name) {
        return new IllegalArgumentException(name + ": '" + text
                + "' (expected: a duration such as 500ms, 5s, 1.5s, 2m or 1h)");
    }

    /** A short human form: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h30m}. */
    static String format(Duration d) {
        Objects.requireNonNull(d, "d");
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 != 0 || ms < 60_000) {
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
        long s = ms / 1000;
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (sec > 0) {
            sb.append(sec).append('s');
        }
        return sb.toString();
    }
}
