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

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Linkage;

/**
 * Prints a running component graph as text: each component's name and boxes, its children indented
 * under it, then every link the components of the tree have made. It walks
 * {@link Component#childComponents()} and {@link Component#linkages()}.
 *
 * <pre>
 * Graphline_5
 *   in: inbox control   out: outbox signal
 *   +- READER  ConsoleReader_6      in: inbox control        out: outbox signal
 *   +- CLIENT  ThreadedTCPClient_7  in: inbox control        out: outbox signal
 *   links:
 *     READER.outbox --&gt; CLIENT.inbox
 *     CLIENT.control ==&gt; ControlWatcher_8.inbox  (passthrough into a component it holds)
 * </pre>
 * Boxes whose name starts with "_" are the components' internal wiring: they are left out of the box
 * lists (as the style guide asks), but links that use them are shown. Links are removed when the
 * component that made them finishes, so print a graph while it runs: the demo prints a snapshot taken
 * when its server's protocol started.
 *
 * <h2>Thread safety</h2>
 * Stateless; safe to call from any thread while the graph runs (it reads thread-safe snapshots).
 */
final class GraphPrinter {
    private GraphPrinter() {
    }

    /**
     * Renders {@code root} and everything under it.
     *
     * @param title  said after the root's name (e.g. "the client side"), or null
     * @param labels names to show for some components (a Graphline's child names), or an empty map
     */
    static String render(Component root, String title, Map<Component, String> labels) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(labels, "labels");
        StringBuilder sb = new StringBuilder();
        sb.append(root.name());
        if (title != null) {
            sb.append("  (").append(title).append(')');
        }
        sb.append('\n');
        sb.append("  ").append(boxes(root)).append('\n');
        List<Component> all = new ArrayList<>();
        Map<Component, Boolean> seen = new IdentityHashMap<>();
        all.add(root);
        seen.put(root, true);
        children(root, labels, "  ", widths(root, labels), sb, all, seen);
        List<String> links = new ArrayList<>();
        for (Component c : all) {
            for (Linkage l : c.linkages()) {
                links.add(link(l, labels));
            }
        }
        if (!links.isEmpty()) {
            sb.append("  links:\n");
            int w = links.stream().mapToInt(s -> s.indexOf(" -->") >= 0 ? s.indexOf(" -->")
                    : Math.max(0, s.indexOf(" ==>"))).max().orElse(0);
            for (String s : links) {
                int arrow = s.indexOf(" -->") >= 0 ? s.indexOf(" -->") : s.indexOf(" ==>");
                sb.append("    ").append(s, 0, arrow).append(" ".repeat(Math.max(0, w - arrow)))
                        .append(s.substring(arrow)).append('\n');
            }
        }
        return sb.toString();
    }

    private static void children(Component parent, Map<Component, String> labels, String indent, int[] widths,
                                 StringBuilder sb, List<Component> all, Map<Component, Boolean> seen) {
        for (Component c : ordered(parent)) {
            if (seen.put(c, true) != null) {
                continue;
            }
            all.add(c);
            String label = labels.getOrDefault(c, "");
            String head = pad(label, widths[0]) + (widths[0] > 0 ? "  " : "") + pad(c.name(), widths[1]);
            sb.append(indent).append("+- ").append(head).append("  ").append(boxes(c)).append('\n');
            children(c, labels, indent + "   ", widths, sb, all, seen);
        }
    }

    /**
     * The children in the order they were made (by id): the order they were added in is not kept by
     * every parent (a Graphline holds its children in an unordered map), and the printout should be
     * the same on every run.
     */
    private static List<Component> ordered(Component parent) {
        List<Component> cs = new ArrayList<>(parent.childComponents());
        cs.sort(java.util.Comparator.comparingLong(Component::id));
        return cs;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** The widest label and the widest name under root. */
    private static int[] widths(Component root, Map<Component, String> labels) {
        int lw = 0;
        int nw = 0;
        List<Component> todo = new ArrayList<>(root.childComponents());
        Set<Component> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Component c = todo.remove(todo.size() - 1);
            if (!seen.add(c)) {
                continue;
            }
            lw = Math.max(lw, labels.getOrDefault(c, "").length());
            nw = Math.max(nw, c.name().length());
            todo.addAll(c.childComponents());
        }
        return new int[] {lw, nw};
    }

    /** "in: inbox control   out: outbox signal", without internal boxes. */
    static String boxes(Component c) {
        return "in: " + visible(c.inboxNames()) + "   out: " + visible(c.outboxNames());
    }

    private static String visible(Set<String> names) {
        List<String> ordered = new ArrayList<>();
        for (String standard : List.of("inbox", "control", "outbox", "signal")) {
            if (names.contains(standard)) {
                ordered.add(standard);
            }
        }
        for (String n : names) {
            if (!n.startsWith("_") && !ordered.contains(n)) {
                ordered.add(n);
            }
        }
        return ordered.stream().collect(Collectors.joining(" "));
    }

    private static String link(Linkage l, Map<Component, String> labels) {
        String from = end(l.source(), l.sourceBoxName(), labels);
        String to = end(l.sink(), l.sinkBoxName(), labels);
        return switch (l.passthrough()) {
            case NONE -> from + " --> " + to;
            case INBOX -> from + " ==> " + to + "  (passed in)";
            case OUTBOX -> from + " ==> " + to + "  (passed out)";
        };
    }

    private static String end(Component c, String box, Map<Component, String> labels) {
        String who = c == null ? "(handle)" : labels.getOrDefault(c, c.name());
        return who + "." + box;
    }
}
