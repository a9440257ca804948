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

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Prints each message it passes on, after a marker: the demo's view of what flows through a link.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(new Script(List.of("hello")), new Show("--> ", System.out), new LinesToBytes(LinesToBytes.CRLF),
 *         new ThreadedTCPClient(host, port), new BytesToLines(), new Show("<-- ", System.out));
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": anything; Strings are printed as they are, bytes as UTF-8 text, other messages
 *     with {@code String.valueOf}</li>
 * <li>inbox "control": ProducerFinished (pass on what is in "inbox", then stop) or ShutdownMicroprocess
 *     (stop now)</li>
 * <li>outbox "outbox": every message, unchanged, after it was printed</li>
 * <li>outbox "signal": the control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * One line per message: the marker, then the text without its trailing line end; control characters
 * other than tab are shown as {@code \r}, {@code \n} or {@code \xHH}, so the line stays one line.
 *
 * <h2>Termination</h2>
 * As {@link ByteMeter}: ProducerFinished after the inbox is drained, ShutdownMicroprocess at once; the
 * message goes out of "signal" and is kept ({@link #endMessage()}).
 *
 * <h2>Thread safety</h2>
 * Confined to main(), except {@link #endMessage()} (volatile) and the PrintStream (thread-safe).
 */
final class Show extends CliComponent {
    private final String marker;
    private final PrintStream out;
    private volatile Object endMessage;

    Show(String marker, PrintStream out) {
        this.marker = Objects.requireNonNull(marker, "marker");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The control message it stopped on, or null while it runs. Any thread. */
    Object endMessage() {
        return endMessage;
    }

    @Override
    protected void main() {
        for (;;) {
            while (!stopNow() && dataReady("inbox")) {
                Object m = recv("inbox");
                out.println(marker + text(m));
                if (!sendOrStop(m, "outbox")) {
                    break;
                }
            }
            if (checkControl() && (stopNow() || !dataReady("inbox"))) {
                endMessage = stopMessage();
                send(stopMessage(), "signal");
                return;
            }
            pause();
        }
    }

    static String text(Object m) {
        String s;
        if (m instanceof byte[] a) {
            s = new String(a, StandardCharsets.UTF_8);
        } else if (m instanceof ByteBuffer b) {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            s = new String(a, StandardCharsets.UTF_8);
        } else {
            s = String.valueOf(m);
        }
        if (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
