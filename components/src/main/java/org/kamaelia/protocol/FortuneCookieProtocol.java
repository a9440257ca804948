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
package org.kamaelia.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Sends a few lines of text, then finishes (the server then closes the connection): the original's
 * {@code FortuneCookieProtocol}, which sent the output of the {@code fortune} program. Ours sends
 * lines given to it, read from a file, or a built-in cookie.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * SimpleServer server = SimpleServer.builder(FortuneCookieProtocol::new).port(1601).build();
 *
 * List<String> cookie = FortuneCookieProtocol.readLines(Path.of("cookie.txt")); // read once
 * SimpleServer mine = SimpleServer.builder(() -> new FortuneCookieProtocol(cookie)).build();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": anything; discarded.</li>
 * <li>inbox "control": ShutdownMicroprocess: stop at once, even between lines or while waiting to
 *     send; other messages are ignored.</li>
 * <li>outbox "outbox": one {@code byte[]} per line, UTF-8, ending with CR LF.</li>
 * <li>outbox "signal": a ProducerFinished after the last line (the one received on "control" if any),
 *     or the ShutdownMicroprocess that stopped it.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It sends the lines in order, each waiting for space when the receiver's inbox is full.
 *
 * <h2>Termination</h2>
 * It finishes on its own after the last line; a ShutdownMicroprocess on "control" stops it sooner.
 * Either way it ends with one message on "signal" (see above).
 */
public class FortuneCookieProtocol extends ProtocolComponent {
    private static final List<String> BUILT_IN = List.of(
            "A component that shares nothing has nothing to lock.",
            "Wire it like a pipe; it will behave like one.",
            "Every inbox is somebody's outbox, seen from the other side.");

    private final List<String> lines;

    /** Sends the built-in cookie ({@link #builtInCookie()}). */
    public FortuneCookieProtocol() {
        this.lines = BUILT_IN;
    }

    /**
     * Sends the given lines.
     *
     * @param lines the lines, without line ends; at least one
     * @throws NullPointerException     when {@code lines} or one of them is null
     * @throws IllegalArgumentException when it is empty, or a line contains CR or LF
     */
    public FortuneCookieProtocol(List<String> lines) {
        this.lines = checked(lines, "lines");
    }

    /**
     * Sends the lines of a UTF-8 text file, read now.
     *
     * @throws UncheckedIOException     when the file cannot be read (the message names it)
     * @throws IllegalArgumentException when it has no lines
     */
    public FortuneCookieProtocol(Path file) {
        this.lines = readLines(file);
    }

    /** The built-in cookie's lines. */
    public static List<String> builtInCookie() {
        return BUILT_IN;
    }

    /**
     * Reads the lines of a UTF-8 text file, to give to {@link #FortuneCookieProtocol(List)} once for
     * every connection.
     *
     * @throws NullPointerException     when {@code file} is null
     * @throws UncheckedIOException     when the file cannot be read (the message names it)
     * @throws IllegalArgumentException when it has no lines
     */
    public static List<String> readLines(Path file) {
        Objects.requireNonNull(file, "file");
        List<String> read;
        try {
            read = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("FortuneCookieProtocol: cannot read " + file + ": " + e, e);
        }
        return checked(read, "file " + file);
    }

    private static List<String> checked(List<String> lines, String what) {
        Objects.requireNonNull(lines, what);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(what + ": no lines (expected: at least one line)");
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = Objects.requireNonNull(lines.get(i), what + "[" + i + "] is null");
            if (l.indexOf('\r') >= 0 || l.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(what + "[" + i + "]: \"" + l.replace("\r", "\\r").replace("\n", "\\n")
                        + "\" (expected: one line, without CR or LF)");
            }
        }
        return List.copyOf(lines);
    }

    /** The lines it sends, in order. */
    public List<String> lines() {
        return lines;
    }

    @Override
    protected void main() {
        for (String line : lines) {
            discardInput();
            if (checkControl() || !sendOrStop((line + "\r\n").getBytes(StandardCharsets.UTF_8))) {
                signalEnd();
                return;
            }
        }
        discardInput();
        signalEnd();
    }
}
