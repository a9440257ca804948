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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes the backslash escapes of {@code --send}: {@code \r}, {@code \n}, {@code \t}, {@code \0},
 * {@code \\} and {@code \xHH} (one byte). Other characters are sent as UTF-8.
 *
 * <h2>Thread safety</h2>
 * Stateless.
 */
final class Escapes {
    private Escapes() {
    }

    /**
     * The bytes {@code text} stands for.
     *
     * @param name the option, for messages
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when an escape is unknown or incomplete; the message gives its position
     */
    static byte[] decode(String text, String name) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                plain.append(c);
                continue;
            }
            flush(plain, out);
            if (i + 1 >= text.length()) {
                throw bad(text, name, i, "a lone backslash at the end");
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    int hi = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                    int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                    if (hi < 0 || lo < 0) {
                        throw bad(text, name, i - 1, "\\x needs two hex digits");
                    }
                    out.write(hi * 16 + lo);
                    i += 2;
                }
                default -> throw bad(text, name, i - 1, "unknown escape \\" + e);
            }
        }
        flush(plain, out);
        return out.toByteArray();
    }

    private static void flush(StringBuilder plain, ByteArrayOutputStream out) {
        if (!plain.isEmpty()) {
            out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
            plain.setLength(0);
        }
    }

    private static IllegalArgumentException bad(String text, String name, int at, String what) {
        return new IllegalArgumentException(name + ": '" + text + "': " + what + " at index " + at
                + " (expected: \\r, \\n, \\t, \\0, \\\\ or \\xHH)");
    }
}
