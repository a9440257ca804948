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
package org.kamaelia.examples.tutorial;

import org.kamaelia.chassis.Pipeline;
import org.kamaelia.util.ConsoleEchoer;
import org.kamaelia.util.DataSource;
import org.kamaelia.util.PureTransformer;

public class Step3Pipeline {
    public static void main(String[] args) {
        // @start region="pipeline"
        new Pipeline(                                   // each "outbox" to the next "inbox",
                DataSource.of("one", "two", "three"),   // each "signal" to the next "control"
                new PureTransformer<String, String>(s -> s.toUpperCase() + "\n"),
                new ConsoleEchoer())                    // writes what it gets to standard output
                .run();                                 // returns when every stage has finished
        // @end
    }
}
