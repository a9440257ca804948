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

public class Step2SendAndRecv {
    /** Sends three messages on "outbox", then says it has finished on "signal". */
    static class Ticker extends Component {
        @Override
        protected void main() {
            for (int i = 1; i <= 3; i++) {
                send("tick " + i, "outbox");
            }
            send(new ProducerFinished(this), "signal");
        }
    }

    /** Prints what reaches "inbox" until a ProducerFinished reaches "control". */
    static class Printer extends Component {
        @Override
        protected void main() {
            for (;;) {
                Object stop = dataReady("control") ? recv("control") : null;  // look here first: then
                while (dataReady("inbox")) {                                  // "inbox" holds all that
                    System.out.println(recv("inbox"));                        // was sent before it
                }
                if (stop instanceof ProducerFinished) {
                    System.out.println("done");
                    send(stop, "signal");           // pass it on: whatever comes next finishes too
                    return;
                }
                if (stop == null) {
                    pause();                        // sleep until the next message arrives
                }
            }
        }
    }

    public static void main(String[] args) {
        var ticker = new Ticker();
        var printer = new Printer();
        printer.link(ticker, "outbox", printer, "inbox");      // the links belong to the printer
        printer.link(ticker, "signal", printer, "control");
        ticker.activate();
        printer.activate();
        printer.join();
    }
}
