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

import java.util.List;
import java.util.Objects;
import org.kamaelia.axon.ipc.ProducerFinished;

/**
 * Sends lines one at a time, each next one when a reply has come back: the demo's side of a
 * conversation. With no lines it just says it has finished.
 *
 * <h2>Example</h2>
 * In a ring (the demo's Graphline), so that replies pace it and its own end message comes back to it:
 * <pre>{@code
 * SCRIPT --> SHOW_SENT --> LinesToBytes --> CLIENT --> BytesToLines --> SHOW_RECEIVED --+
 *   ^   (outbox to inbox, signal to control, all the way round)                          |
 *   +-------------------------------------------------------------------------------------+
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": replies; each one lets the next line go (after the last one, they are just read)</li>
 * <li>inbox "control": the end message that has travelled round the ring (ProducerFinished), or a
 *     ShutdownMicroprocess: either stops it</li>
 * <li>outbox "outbox": the lines, as Strings without terminator</li>
 * <li>outbox "signal": {@code ProducerFinished(this)} once the reply to the last line has come (at once
 *     when there are no lines); on a ShutdownMicroprocess, that message</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * It sends the first line, then one more each time a message arrives on "inbox". After the last line's
 * reply it sends ProducerFinished, which closes the conversation down the ring, and keeps reading
 * replies until an end message arrives on "control".
 *
 * <h2>Termination</h2>
 * A ProducerFinished on "control" (normally its own, come round) ends it quietly: it has already sent
 * its end message, and passing it on again would only go round once more. A ShutdownMicroprocess ends it
 * at once and is passed on, unless it had already sent its ProducerFinished.
 *
 * <h2>Thread safety</h2>
 * Confined to main().
 */
final class Script extends CliComponent {
    private final List<String> lines;

    /** @param lines the lines to send, in order (may be empty) */
    Script(List<String> lines) {
        this.lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    @Override
    protected void main() {
        int next = 0;
        boolean finished = false;
        if (lines.isEmpty()) {
            send(new ProducerFinished(this), "signal");
            finished = true;
        } else {
            send(lines.get(next++), "outbox");
        }
        for (;;) {
            while (dataReady("inbox")) {
                recv("inbox");
                if (finished) {
                    continue;
                }
                if (next < lines.size()) {
                    send(lines.get(next++), "outbox");
                } else {
                    send(new ProducerFinished(this), "signal");
                    finished = true;
                }
            }
            if (checkControl()) {
                if (!finished) {
                    send(stopMessage(), "signal");
                }
                return;
            }
            pause();
        }
    }
}
