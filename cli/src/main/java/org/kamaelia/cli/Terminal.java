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

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The streams and the interrupt source one run of the command uses. The logic never touches
 * {@code System.in}/{@code out}/{@code err}: {@link Main} passes the process's, tests pass their own.
 *
 * @param in         standard input (connect reads it as raw bytes)
 * @param out        standard output (connect writes the server's bytes to it unchanged)
 * @param err        standard error: diagnostics, errors, help for wrong usage
 * @param interrupts where Ctrl-C is learnt of
 */
record Terminal(InputStream in, OutputStream out, PrintStream err, Interrupts interrupts) {
    Terminal {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(interrupts, "interrupts");
    }

    /**
     * The process's: file descriptors 0 and 1 as raw streams (the components buffer and flush
     * themselves, and a write error such as a closed pipe surfaces as an IOException), standard error as
     * UTF-8 text. A closed descriptor 0 cannot be told apart from a file the JVM opened in its place,
     * which would then be read as input: the launcher (./kamaelia) gives the JVM /dev/null instead
     * of a closed standard input.
     */
    static Terminal system() {
        return new Terminal(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
                Interrupts.jvm());
    }
}
