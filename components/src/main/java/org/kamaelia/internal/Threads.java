package org.kamaelia.internal;

/** Thread helpers shared by the components; not exported from the module. */
public final class Threads {
    private Threads() {
    }

    /**
     * Waits for {@code t} to end, however often the caller is interrupted meanwhile; the interrupt is
     * restored afterwards. For shutdown paths that must not leave a thread behind.
     */
    public static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        for (;;) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
