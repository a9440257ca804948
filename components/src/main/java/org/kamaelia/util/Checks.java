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

import java.util.Objects;

/**
 * Argument checks with one message shape: {@code name: value (expected: ...)}. Null arguments throw
 * NullPointerException, bad values IllegalArgumentException. Each method returns the checked value.
 */
final class Checks {
    private Checks() {
    }

    static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    static String nonEmpty(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + ": \"\" (expected: a non-empty string)");
        }
        return value;
    }

    /** A short description of a message for error texts: its type, and its value when short. */
    static String describe(Object message) {
        if (message == null) {
            return "null";
        }
        String type = message.getClass().getName();
        if (message instanceof byte[] b) {
            return "byte[" + b.length + "]";
        }
        String text;
        try {
            text = String.valueOf(message);
        } catch (RuntimeException e) {
            return type;
        }
        if (text.length() > 40) {
            text = text.substring(0, 40) + "...";
        }
        return type + " \"" + text + "\"";
    }
}
