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
