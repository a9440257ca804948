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
package org.kamaelia.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kamaelia.axon.Component;
import org.kamaelia.chassis.Pipeline;

/**
 * What the documentation's examples need: the Java blocks of a Markdown file, each tied by the marker line
 * {@code <!-- example: PATH -->} right above it to a source file of the repository that it must equal (from its
 * {@code package} line on), and a way to run an example's {@code main} in a JVM of its own, as a user would.
 */
public final class Examples {
    /** The root of the checkout: the tests run in the module's directory. */
    public static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final Pattern SNIPPET_MARKUP = Pattern.compile("(?m)^[ \\t]*// @(start|end)\\b.*\\n");
    private static final Pattern MARKER = Pattern.compile("^<!-- example: (\\S+) -->$");

    private Examples() {
    }

    /**
     * The Java blocks of a Markdown file by the file each names, in order; a block with no marker (or a marker with
     * no block) is an error, except blocks right below the line {@code exemptMarker} (checked elsewhere).
     */
    public static Map<String, String> javaBlocks(String markdownFile, String exemptMarker) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(markdownFile), UTF_8);
        Map<String, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```java")) {
                continue;
            }
            String above = i > 0 ? lines.get(i - 1) : "";
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).equals("```")) {
                end++;
            }
            String body = String.join("\n", lines.subList(i + 1, end));
            i = end;
            if (above.equals(exemptMarker)) {
                continue;
            }
            Matcher m = MARKER.matcher(above);
            assertThat(m.matches())
                    .as("%s line %d: a ```java block must follow a line '<!-- example: PATH -->' naming its file",
                            markdownFile, i + 1)
                    .isTrue();
            assertThat(blocks.put(m.group(1), body)).as("%s names %s twice", markdownFile, m.group(1)).isNull();
        }
        return blocks;
    }

    /** The plain block ("```" to "```") that comes first after the Java block of {@code exampleFile}: what it prints. */
    public static String outputShownAfter(String markdownFile, String exampleFile) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(markdownFile), UTF_8);
        int i = lines.indexOf("<!-- example: " + exampleFile + " -->");
        assertThat(i).as("%s shows %s", markdownFile, exampleFile).isNotNegative();
        i += 2;
        while (i < lines.size() && !lines.get(i).equals("```")) { // the end of the Java block
            i++;
        }
        i++;
        while (i < lines.size() && !lines.get(i).equals("```") && !lines.get(i).startsWith("<!-- example:")) {
            i++;
        }
        assertThat(i < lines.size() && lines.get(i).equals("```"))
                .as("%s shows what %s prints in a ``` block after its code", markdownFile, exampleFile).isTrue();
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).equals("```")) {
            end++;
        }
        return String.join("\n", lines.subList(i + 1, end)) + "\n";
    }

    /**
     * A source file as the documentation shows it: from its package line on, without the trailing newline and without
     * the lines that mark a region for the Javadoc's {@code {@snippet}} ({@code // @start region="..."},
     * {@code // @end}).
     */
    public static String shown(String file) throws IOException {
        String text = Files.readString(ROOT.resolve(file), UTF_8);
        int start = text.indexOf("package ");
        assertThat(start).as("%s has a package line", file).isNotNegative();
        return SNIPPET_MARKUP.matcher(text.substring(start)).replaceAll("").stripTrailing();
    }

    /** What a finished child JVM printed and its exit status. */
    public record Run(int exit, String out, String err) {
    }

    /** Starts {@code main} of {@code mainClass} in a JVM of its own, on this project's classes. */
    public static Process start(String mainClass, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = List.of(location(Examples.class), location(Pipeline.class), location(Component.class))
                .stream().distinct().collect(Collectors.joining(":"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", cp, mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /** Runs {@code main} of {@code mainClass} in a JVM of its own with no input, to its end (at most {@link #WAIT}). */
    public static Run run(String mainClass, String... args) throws Exception {
        Process p = start(mainClass, args);
        p.getOutputStream().close();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish within " + WAIT);
        }
        return new Run(p.exitValue(), out.get(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                err.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static CompletableFuture<String> read(java.io.InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        });
        return text;
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
