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

import org.kamaelia.axon.Component;

public class Step1OneComponent {
    /** A component is a class with a main(): straight-line code on a virtual thread of its own. */
    static class CountDown extends Component {
        @Override
        protected void main() {
            for (int i = 3; i > 0; i--) {
                System.out.println(i);
            }
            System.out.println("lift-off");
        }                                   // returning from main() finishes the component
    }

    public static void main(String[] args) {
        new CountDown().run();              // activate it, then wait until it has finished
    }
}
