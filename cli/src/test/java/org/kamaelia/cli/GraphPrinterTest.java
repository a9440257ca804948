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

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kamaelia.axon.Component;
import org.kamaelia.chassis.Graphline;
import org.kamaelia.chassis.Pipeline;

/** The graph printer on graphs built (and wired) here. */
class GraphPrinterTest {

    /** A component that declares an extra and an internal box, and links nothing itself. */
    static final class Widget extends Component {
        Widget() {
            declareInbox("config", "settings");
            declareOutbox("_internal", "private wiring");
        }

        @Override
        protected void main() {
        }
    }

    /** A parent that wires its children in its constructor, so the links exist before it runs. */
    static final class Wired extends Component {
        final Widget a = new Widget();
        final Widget b = new Widget();

        Wired() {
            addChildren(a, b);
            link(a, "outbox", b, "inbox");
            link(a, "_internal", b, "config");
            linkInbox("control", a, "control");
            linkOutbox(b, "signal", "signal");
        }

        @Override
        protected void main() {
        }
    }

    @Test
    void itPrintsNamesBoxesChildrenAndEveryLinkWithItsKind() {
        Wired w = new Wired();
        String b = w.b.name();
        String text = GraphPrinter.render(w, "a test", Map.of(w.a, "A"));
        int width = Math.max((w.name() + ".control").length(), (b + ".signal").length()); // arrows line up after
        assertThat(text).isEqualTo(
                w.name() + "  (a test)\n"
                        + "  in: inbox control   out: outbox signal\n"
                        + "  +- A  " + w.a.name() + "  in: inbox control config   out: outbox signal\n"
                        + "  +-    " + b + "  in: inbox control config   out: outbox signal\n"
                        + "  links:\n"
                        + "    " + pad("A.outbox", width) + " --> " + b + ".inbox\n"
                        + "    " + pad("A._internal", width) + " --> " + b + ".config\n"
                        + "    " + pad(w.name() + ".control", width) + " ==> A.control  (passed in)\n"
                        + "    " + pad(b + ".signal", width) + " ==> " + w.name() + ".signal  (passed out)\n");
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    @Test
    void internalBoxesAreLeftOutOfTheBoxLists() {
        assertThat(GraphPrinter.boxes(new Widget())).isEqualTo("in: inbox control config   out: outbox signal");
    }

    @Test
    void aComponentWithNoChildrenOrLinksIsOneNameAndItsBoxes() {
        Widget w = new Widget();
        assertThat(GraphPrinter.render(w, null, Map.of()))
                .isEqualTo(w.name() + "\n  in: inbox control config   out: outbox signal\n");
    }

    @Test
    void nestedChildrenAreIndentedUnderTheirParent() {
        Widget inner = new Widget();
        Pipeline p = new Pipeline(inner);
        Graphline g = Graphline.builder().child("P", p).build();
        // before they run neither has wired anything; the tree is there already
        String text = GraphPrinter.render(g, null, Map.of(p, "P"));
        assertThat(text).doesNotContain("+-"); // a Graphline adds its children when it runs
        Wired w = new Wired();
        Wired outer = new Wired();
        outer.addChildren(w);
        assertThat(GraphPrinter.render(outer, null, Map.of()))
                .contains("\n  +- " + w.name())
                .contains("\n     +- " + w.a.name());
    }
}
