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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Boxes added and deleted while running (Axon's AdaptiveCommsComponent): §2.J, statements 117-120. */
class DynamicBoxesTest {

    static final class Adaptive extends Component {
        @Override
        protected void main() {
        }

        String newInbox(String base) {
            return addInbox(base, "added for the test");
        }

        String newOutbox(String base) {
            return addOutbox(base, "added for the test");
        }

        void dropInbox(String name) {
            deleteInbox(name);
        }

        void dropOutbox(String name) {
            deleteOutbox(name);
        }

        Object take(String box) {
            return recv(box);
        }

        void put(Object m, String box) {
            send(m, box);
        }
    }

    @Test
    void addingABoxUsesTheNameWhenFreeAndANewNameStartingWithItWhenTaken() { // 117, 118
        Adaptive c = new Adaptive();
        assertThat(c.inboxNames()).containsExactly("control", "inbox");
        assertThat(c.newInbox("extra")).isEqualTo("extra");
        String second = c.newInbox("extra");
        assertThat(second).startsWith("extra").isNotEqualTo("extra");
        assertThat(c.newOutbox("out")).isEqualTo("out");
        assertThat(c.newOutbox("outbox")).startsWith("outbox").isNotEqualTo("outbox");
        assertThat(c.inboxNames()).contains("extra", second);
    }

    @Test
    void addedBoxesWorkAndAfterDeletionOnlyTheDefaultsRemain() { // 119
        Adaptive c = new Adaptive();
        Adaptive sink = new Adaptive();
        String in = c.newInbox("requests");
        String out = c.newOutbox("replies");
        c.link(c, out, sink, "inbox");
        c.deliver("q", in);
        assertThat(c.take(in)).isEqualTo("q");
        c.put("r", out);
        assertThat(sink.take("inbox")).isEqualTo("r");
        c.dropInbox(in);
        c.dropOutbox(out);
        assertThat(c.inboxNames()).containsExactly("control", "inbox");
        assertThat(c.outboxNames()).containsExactly("outbox", "signal");
        assertThat(c.linkages()).isEmpty();
    }

    @Test
    void deletingAnUnknownBoxIsAnErrorAndTheStandardBoxesCannotBeDeleted() { // 120 (standard boxes: diverges)
        Adaptive c = new Adaptive();
        assertThatThrownBy(() -> c.dropInbox("nope")).isInstanceOf(NoSuchBoxException.class);
        assertThatThrownBy(() -> c.dropOutbox("nope")).isInstanceOf(NoSuchBoxException.class);
        assertThatThrownBy(() -> c.dropInbox("inbox")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("standard inbox 'inbox'");
        String added = c.newInbox("temp");
        c.dropInbox(added);
        assertThatThrownBy(() -> c.dropInbox(added)).isInstanceOf(NoSuchBoxException.class);
    }
}
