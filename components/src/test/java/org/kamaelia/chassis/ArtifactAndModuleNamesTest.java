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
package org.kamaelia.chassis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The components' artifact ({@code org.kamaelia:kamaelia}) and Java module ({@code org.kamaelia.components}) have
 * different names; the README says which module each artifact is. These tests keep what it says true: they read the
 * built module descriptor, this module's pom and the README at the root of the checkout.
 */
class ArtifactAndModuleNamesTest {
    private static final Path MODULE_DIR = Path.of("").toAbsolutePath();

    @Test
    void theReadmeNamesTheModuleThatTheComponentsArtifactIs() throws IOException {
        String module = builtModuleName();
        String artifact = "org.kamaelia:" + artifactId();
        String readme = Files.readString(MODULE_DIR.resolveSibling("README.md"));

        assertThat(readme)
                .as("README.md says which module the artifact is")
                .contains("`" + artifact + "` is the module `" + module + "`")
                .contains("`requires " + module + ";`");
    }

    @Test
    void theComponentsModuleRequiresAxonTransitivelySoOneRequiresIsEnough() throws IOException {
        ModuleDescriptor descriptor = builtDescriptor();

        assertThat(descriptor.requires())
                .anySatisfy(r -> {
                    assertThat(r.name()).isEqualTo("org.kamaelia.axon");
                    assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
                });
    }

    private static String builtModuleName() throws IOException {
        return builtDescriptor().name();
    }

    private static ModuleDescriptor builtDescriptor() throws IOException {
        Path file = MODULE_DIR.resolve("target/classes/module-info.class");
        try (InputStream in = Files.newInputStream(file)) {
            return ModuleDescriptor.read(in);
        }
    }

    /** This module's own artifactId: the first one after the parent element of components/pom.xml. */
    private static String artifactId() throws IOException {
        String pom = Files.readString(MODULE_DIR.resolve("pom.xml"));
        Matcher m = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
        assertThat(m.find()).as("components/pom.xml has an artifactId after its parent").isTrue();
        return m.group(1);
    }
}
