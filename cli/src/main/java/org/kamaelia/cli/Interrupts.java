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

import java.util.Objects;

/**
 * Where the command learns that the process is being stopped (Ctrl-C, SIGINT, SIGTERM), so that it can
 * shut its components down cleanly. The JVM's version uses a shutdown hook; tests use a fake they trigger.
 */
interface Interrupts {

    /** A registered action; {@link #cancel()} it when the work it would stop has ended. */
    interface Registration {
        /**
         * Unregisters the action.
         *
         * @return false when it is running or has run already (the process is stopping)
         */
        boolean cancel();
    }

    /**
     * Runs {@code action} (on a thread of its own) when the process is asked to stop.
     *
     * @throws NullPointerException when action is null
     */
    Registration onInterrupt(Runnable action);

    /**
     * Ends the process now with {@code status}, from inside an interrupt action, once it has cleaned up
     * (for {@code serve}, whose Ctrl-C is a clean exit 0). Tests' fakes record it and return.
     */
    void halt(int status);

    /** The JVM's: shutdown hooks, and {@link Runtime#halt(int)}. */
    static Interrupts jvm() {
        return new Interrupts() {
            @Override
            public Registration onInterrupt(Runnable action) {
                Objects.requireNonNull(action, "action");
                Thread hook = new Thread(action, "kamaelia-interrupt");
                Runtime.getRuntime().addShutdownHook(hook);
                return () -> {
                    try {
                        return Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        return false; // the hooks are running: the action has started
                    }
                };
            }

            @Override
            public void halt(int status) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(status);
            }
        };
    }
}
