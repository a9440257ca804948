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
package org.kamaelia.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamaelia.util.TestSupport.WAIT;
import static org.kamaelia.util.TestSupport.awaitFinished;
import static org.kamaelia.util.TestSupport.awaitQuiet;
import static org.kamaelia.util.TestSupport.start;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.Handle;
import org.kamaelia.axon.Scheduler;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.Shutdown;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.axon.ipc.Status;
import org.kamaelia.ipc.ServerShutdown;
import org.kamaelia.ipc.SocketShutdown;

/**
 * The shutdown convention, checked on every component of the package that takes its input from its
 * inbox (a contract suite): it stops on ProducerFinished and ShutdownMicroprocess and their subtypes,
 * passes that same message on out of "signal", and ignores every other control message.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlConventionTest {
    private final List<PipedOutputStream> pipes = new ArrayList<>();

    @AfterEach
    void closePipes() throws IOException {
        for (PipedOutputStream p : pipes) {
            p.close(); // ends the abandoned reader thread of a ConsoleReader case
        }
        pipes.clear();
    }

    Stream<Arguments> components() {
        return Stream.of(
                Arguments.of("NullSink", (Supplier<Component>) NullSink::new),
                Arguments.of("Collector", (Supplier<Component>) Collector::new),
                Arguments.of("PureTransformer", (Supplier<Component>) () -> new PureTransformer<>(x -> x)),
                Arguments.of("Filter", (Supplier<Component>) () -> new Filter<>(x -> true)),
                Arguments.of("Fanout", (Supplier<Component>) () -> new Fanout("a", "b")),
                Arguments.of("ConsoleEchoer",
                        (Supplier<Component>) () -> new ConsoleEchoer(new ByteArrayOutputStream())),
                Arguments.of("BytesToLines", (Supplier<Component>) BytesToLines::new),
                Arguments.of("LinesToBytes", (Supplier<Component>) LinesToBytes::new),
                Arguments.of("BytesToFrames", (Supplier<Component>) BytesToFrames::new),
                Arguments.of("FramesToBytes", (Supplier<Component>) FramesToBytes::new),
                Arguments.of("Backplane", (Supplier<Component>) () -> new Backplane("convention")),
                Arguments.of("ConsoleReader", (Supplier<Component>) this::blockedReader));
    }

    Stream<Arguments> stopMessages() {
        List<Arguments> out = new ArrayList<>();
        components().forEach(c -> {
            Object[] a = c.get();
            out.add(Arguments.of(a[0], a[1], new ProducerFinished()));
            out.add(Arguments.of(a[0], a[1], new ShutdownMicroprocess()));
            out.add(Arguments.of(a[0], a[1], new SocketShutdown()));
            out.add(Arguments.of(a[0], a[1], new ServerShutdown()));
        });
        return out.stream();
    }

    /** A reader whose input never ends (nothing is ever written to the pipe). */
    private Component blockedReader() {
        try {
            PipedOutputStream w = new PipedOutputStream();
            pipes.add(w);
            return new ConsoleReader(new PipedInputStream(w));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} stops on {2} and passes it on")
    @MethodSource("stopMessages")
    void stopsOnAStopMessageAndPassesThatSameMessageOn(String what, Supplier<Component> make, Object stop)
            throws Exception {
        Scheduler s = new Scheduler("convention-" + what);
        Component c = make.get();
        Handle h = start(c, s);
        awaitQuiet(s);
        h.put(stop, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        awaitFinished(c);
        assertThat(h.poll("signal")).isNull();
        assertThat(c.failure()).isEmpty();
    }

    @ParameterizedTest(name = "{0} ignores other control messages")
    @MethodSource("components")
    void ignoresEveryOtherControlMessage(String what, Supplier<Component> make) throws Exception {
        Scheduler s = new Scheduler("convention-ignore-" + what);
        Component c = make.get();
        Handle h = start(c, s);
        h.put("hello", "control");
        h.put(new Status("busy"), "control");
        h.put(new Shutdown(), "control");
        h.put(new ErrorInformation(this), "control");
        awaitQuiet(s);
        assertThat(c.isFinished()).isFalse();
        assertThat(h.poll("signal")).isNull();
        ShutdownMicroprocess stop = new ShutdownMicroprocess();
        h.put(stop, "control");
        assertThat(h.get("signal", WAIT)).isSameAs(stop);
        awaitFinished(c);
    }
}
