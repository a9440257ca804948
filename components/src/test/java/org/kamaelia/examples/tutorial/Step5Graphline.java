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
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.chassis.Graphline;
import org.kamaelia.util.Collector;
import org.kamaelia.util.DataSource;
import org.kamaelia.util.PureTransformer;

public class Step5Graphline {
    /** Sends each message on "outbox" and on a second outbox, "copy"; its end on "signal" and "copySignal". */
    static class Fork extends Component {
        Fork() {
            declareOutbox("copy", "a copy of each message");
            declareOutbox("copySignal", "the end of the stream, for the copies' branch");
        }

        @Override
        protected void main() {
            for (;;) {
                Object stop = dataReady("control") ? recv("control") : null;
                while (dataReady("inbox")) {
                    Object msg = recv("inbox");
                    send(msg, "outbox");
                    send(msg, "copy");
                }
                if (stop instanceof ProducerFinished || stop instanceof ShutdownMicroprocess) {
                    send(stop, "signal");
                    send(stop, "copySignal");
                    return;
                }
                if (stop == null) {
                    pause();
                }
            }
        }
    }

    public static void main(String[] args) {
        var upper = new Collector();
        var lengths = new Collector();
        Graphline.builder()                                    // any graph: name the children, then the links
                .child("words", DataSource.of("axon", "kamaelia"))
                .child("fork", new Fork())
                .child("upper", new PureTransformer<String, String>(String::toUpperCase))
                .child("length", new PureTransformer<String, Integer>(String::length))
                .child("upperOut", upper)
                .child("lengthOut", lengths)
                .link("words", "outbox", "fork", "inbox")
                .link("words", "signal", "fork", "control")
                .link("fork", "outbox", "upper", "inbox")
                .link("fork", "signal", "upper", "control")
                .link("fork", "copy", "length", "inbox")
                .link("fork", "copySignal", "length", "control")
                .link("upper", "outbox", "upperOut", "inbox")
                .link("upper", "signal", "upperOut", "control")
                .link("length", "outbox", "lengthOut", "inbox")
                .link("length", "signal", "lengthOut", "control")
                .build()
                .run();                                        // finishes when every child has
        System.out.println(upper.items() + " " + lengths.items());
    }
}
