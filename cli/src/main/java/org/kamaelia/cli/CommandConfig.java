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

/**
 * What one run of the command is to do, parsed and checked from the arguments, with no I/O done yet:
 * one immutable record per subcommand. {@link Cli#parse(String...)} makes them; tests build them
 * directly too.
 */
sealed interface CommandConfig permits DemoConfig, ConnectConfig, ServeConfig {
}
