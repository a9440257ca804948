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

import java.util.function.BooleanSupplier;
import org.kamaelia.axon.Component;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * The shared machinery of the components in this package: the shutdown convention, a blocking send
 * that still hears "stop now", and the usual inbox loop. Package-private: users see only the
 * components.
 *
 * <h2>The convention every component here follows</h2>
 * <ul>
 * <li>It stops only on a {@link ProducerFinished} or a {@link ShutdownMicroprocess} (or a subtype of
 *     either) on "control"; any other control message is read and ignored.</li>
 * <li>ProducerFinished means "no more input is coming": everything already in "inbox" is handled
 *     first, end-of-stream work is done, then the component stops.</li>
 * <li>ShutdownMicroprocess means "stop now": a send that is waiting for space is abandoned (that
 *     message is not delivered) and messages still waiting in "inbox" are left unhandled (the runtime
 *     counts them as dropped). A ShutdownMicroprocess that arrives after a ProducerFinished overrides it.</li>
 * <li>The control message it stopped on is passed on out of "signal", after its last data on
 *     "outbox". A component that stops on its own (a source that ran dry) sends
 *     {@code new ProducerFinished(this)} instead.</li>
 * <li>Data goes out with a blocking send ({@link #sendOrAbort}): a bounded destination slows the
 *     sender down instead of failing it with BoxFullException.</li>
 * </ul>
 *
 * <h2>Thread safety</h2>
 * Everything here is confined to the component's own main() thread: {@link #stop} is read and
 * written only there.
 */
abstract class UtilComponent extends Component {

    /** The control message this component is stopping on, or null. Own thread only. */
    private Object stop;
    /** Set when the component ends on its own at once ({@link #endNow}). Own thread only. */
    private boolean ended;

    UtilComponent() {
    }

    // ------------------------------------------------------------------ control

    /**
     * Reads every waiting control message. The first stop message is kept; a ShutdownMicroprocess
     * replaces a ProducerFinished kept earlier. Other messages are ignored.
     *
     * @return true when a stop message has been received (now or before)
     */
    final boolean checkControl() {
        while (dataReady("control")) {
            Object m = recv("control");
            if (ended) {
                continue; // it has already decided to end; the message it ends with stands
            }
            if (m instanceof ShutdownMicroprocess) {
                if (!(stop instanceof ShutdownMicroprocess)) {
                    stop = m;
                }
            } else if (m instanceof ProducerFinished && stop == null) {
                stop = m;
            }
        }
        return stop != null;
    }

    /**
     * True once a ShutdownMicroprocess has been received, or the component has decided to end at once
     * ({@link #endNow}): stop without finishing pending work.
     */
    final boolean stopNow() {
        return ended || stop instanceof ShutdownMicroprocess;
    }

    /** True when the component is ending on its own ({@link #endNow}), not because of a control message. */
    final boolean endedOnItsOwn() {
        return ended;
    }

    /** The control message this component is stopping on, or null. */
    final Object pendingStop() {
        return stop;
    }

    /**
     * Ends the component at once on its own initiative (input it cannot go on with): pending work is
     * abandoned as for a ShutdownMicroprocess, and {@code message} (a {@code ProducerFinished(this,
     * cause)}) is what goes out on "signal" at the end.
     */
    final void endNow(Object message) {
        stop = message;
        ended = true;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a message, waiting as long as it takes for space in a bounded destination, but giving up
     * when a ShutdownMicroprocess arrives on "control" meanwhile (a ProducerFinished is remembered and
     * the wait goes on: finishing pending work is what it asks for).
     *
     * @return true when the message was delivered, false when the send was abandoned because of a
     *         ShutdownMicroprocess (the message was not delivered)
     */
    final boolean sendOrAbort(Object message, String outbox) {
        return !stopNow() && sendUnless(message, outbox, shutdownArrived);
    }

    /** For {@link #sendOrAbort}: reads control, then says whether to stop at once. */
    private final BooleanSupplier shutdownArrived = () -> checkControl() && stopNow();

    /**
     * Sends a message on "signal", waiting for space if the destination is bounded; a control message
     * does not interrupt it. Used for errors and for the final stop message.
     */
    final void sendSignal(Object message) {
        sendPatiently(message, "signal");
    }

    /**
     * Sends a message, waiting for space if the destination is bounded; a control message does not
     * interrupt it.
     */
    final void sendPatiently(Object message, String outbox) {
        sendBlocking(message, outbox);
    }

    /**
     * Applies an {@link OnError} policy to user code that threw on a message: FAIL ends the component
     * with a {@link ProcessingException}; REPORT sends an ErrorInformation and the message is dropped.
     *
     * @param what names the user code in the message, e.g. "the function"
     * @param n    the message's number (from 0)
     */
    final void userCodeFailed(OnError onError, String what, long n, Object message, RuntimeException e) {
        String text = what + " threw on message " + n + " (" + Checks.describe(message) + "): " + e;
        if (onError == OnError.FAIL) {
            throw new ProcessingException(name() + ": " + text, e);
        }
        report(text + "; message dropped", e);
    }

    /** Sends an {@link ErrorInformation} on "signal" carrying {@code exception}, described by its message. */
    final void report(Throwable exception) {
        sendSignal(new ErrorInformation(this, exception, exception.getMessage()));
    }

    /** Sends an {@link ErrorInformation} on "signal" carrying {@code exception} and {@code text}. */
    final void report(String text, Throwable exception) {
        sendSignal(new ErrorInformation(this, exception, name() + ": " + text));
    }

    /**
     * The bytes of an inbox message, or null after reporting (a {@link FramingException} on "signal")
     * that it is neither {@code byte[]} nor {@code ByteBuffer} and was dropped.
     */
    final Bytes bytesOrReport(Object message) {
        if (!Bytes.accepts(message)) {
            report(new FramingException(name() + ": inbox: " + Checks.describe(message)
                    + " (expected: byte[] or java.nio.ByteBuffer); dropped"));
            return null;
        }
        return Bytes.of(message);
    }

    /** A line splitter's sink that sends each line on "outbox" and reports framing errors on "signal". */
    final LineSplitter.Sink linesToOutbox() {
        return new LineSplitter.Sink() {
            @Override
            public boolean line(String line) {
                return sendOrAbort(line, "outbox");
            }

            @Override
            public void error(FramingException e) {
                report(e);
            }
        };
    }

    // ------------------------------------------------------------------ the inbox loop

    /**
     * Handles one message taken from "inbox". It may send with {@link #sendOrAbort}; when that is
     * abandoned the loop notices through {@link #stopNow()}.
     */
    void onMessage(Object message) throws Exception {
    }

    /** Called each time "inbox" has been drained: the place to flush buffered output. */
    void onDrained() throws Exception {
    }

    /**
     * Called once before the stop message is passed on. For a ProducerFinished every message of
     * "inbox" has been handled: finish the stream (flush a partial line, report a partial frame). For a
     * ShutdownMicroprocess pending work is abandoned.
     */
    void onStop(Object stopMessage) throws Exception {
    }

    /** Whether "inbox" is drained also on a ShutdownMicroprocess (ConsoleEchoer: write what it has). */
    boolean drainsOnShutdown() {
        return false;
    }

    /**
     * The usual main loop: handle everything in "inbox", then look at "control", then pause; on a
     * stop message drain as the convention says, call {@link #onStop}, pass the message on out of
     * "signal", and return.
     */
    final void runInboxLoop() throws Exception {
        for (;;) {
            drainInbox();
            if (!stopNow() || drainsOnShutdown()) {
                onDrained();
            }
            if (stop != null || checkControl()) {
                // Everything the upstream sent before its ProducerFinished is in the inbox by now
                // (delivery is synchronous), so one more drain finishes the stream.
                drainInbox();
                if (!stopNow() || drainsOnShutdown()) {
                    onDrained();
                }
                onStop(stop);
                sendSignal(stop);
                return;
            }
            pause();
        }
    }

    private void drainInbox() throws Exception {
        while ((!stopNow() || drainsOnShutdown()) && dataReady("inbox")) {
            onMessage(recv("inbox"));
            if (dataReady("control")) {
                checkControl();
            }
        }
    }
}
