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
package org.kamaelia.axon.examples;

import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/** The transformer shown in {@link Component}'s class documentation (run by DoublerExampleTest). */
// @start region="doubler"
public class Doubler extends Component {
    @Override
    protected void main() {
        for (;;) {
            Object stop = dataReady("control") ? recv("control") : null;  // first: then "inbox" holds
            while (dataReady("inbox")) {                                  // all that was sent before it
                send(2 * (Integer) recv("inbox"), "outbox");
            }
            if (stop instanceof ProducerFinished || stop instanceof ShutdownMicroprocess) {
                send(stop, "signal");          // pass the request on, as every component does
                return;
            }
            if (stop == null) {
                pause();                       // sleep until a message arrives
            }
        }
    }
}
// @end
