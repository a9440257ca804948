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
package org.kamaelia.internal;

/**
 * Loads and initializes classes ahead of need. The servers preload the classes of their failure and
 * closing paths when they are first used: a class is read from a jar or a directory, which takes a
 * file descriptor, so loading it while the process is out of descriptors fails with
 * NoClassDefFoundError, and the JVM does not retry a failed resolution from the same call site. Not
 * exported from the module.
 */
public final class Preload {
    private Preload() {
    }

    /** Loads and initializes each class (a no-op for those already initialized). */
    public static void classes(Class<?>... cs) {
        for (Class<?> c : cs) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(c + " was loaded a moment ago", e); // cannot happen: c is a loaded class
            }
        }
    }
}
