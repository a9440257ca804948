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

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks with one message shape: {@code name: value (expected: ...)}. Null arguments throw
 * NullPointerException, bad values IllegalArgumentException. Each method returns the checked value.
 */
final class Checks {
    private Checks() {
    }

    static String boxName(String n) {
        Objects.requireNonNull(n, "box name");
        if (n.isEmpty()) {
            throw new IllegalArgumentException("box name: \"\" (expected: a non-empty name)");
        }
        return n;
    }

    static int capacity(int c) {
        if (c < 0) {
            throw new IllegalArgumentException("capacity: " + c + " (expected: >= 1, or 0 for unbounded)");
        }
        return c;
    }

    static Duration nonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + ": " + d + " (expected: >= 0)");
        }
        return d;
    }

    static Object message(Object m, String component) {
        if (m == null) {
            throw new NullPointerException(component + ": message is null (messages must not be null)");
        }
        return m;
    }

    static int positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + ": " + v + " (expected: > 0)");
        }
        return v;
    }

    /**
     * The default inbox bound: the system property {@code name} when set, else {@code fallback}.
     *
     * @throws IllegalArgumentException when the property is not a whole number of at least 1
     */
    static int defaultInboxSize(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + name + ": " + v + " (expected: a whole number >= 1)");
    }
}
