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
package org.kamaelia.ipc;

import org.kamaelia.axon.ipc.ProducerFinished;

/**
 * A TCP connection has ended. It is-a {@link ProducerFinished} (as in the original's class relations),
 * so the next stage of a Pipeline finishes by the usual convention when a socket component sends it
 * as its last message on "signal".
 *
 * <p>It says why the connection ended ({@link #cause()} is null for a clean close, else the exception)
 * and how many bytes went each way, and counts what was handed to the socket component but could not
 * be sent, so nothing is lost silently.
 */
public class SocketShutdown extends ProducerFinished {
    private final Throwable cause;
    private final long bytesSent;
    private final long bytesReceived;
    private final long unsentMessages;
    private final long unsentBytes;

    /** A clean shutdown with no details, as the original's {@code socketShutdown()}. */
    public SocketShutdown() {
        this(null, null, 0, 0, 0, 0);
    }

    /**
     * @param caller         the socket component (or null)
     * @param cause          why the connection ended: null when it closed cleanly
     * @param bytesSent      bytes written to the peer
     * @param bytesReceived  bytes read from the peer
     * @param unsentMessages messages handed over for sending that were not (fully) sent
     * @param unsentBytes    bytes of those messages that were not sent
     */
    public SocketShutdown(Object caller, Throwable cause, long bytesSent, long bytesReceived,
                          long unsentMessages, long unsentBytes) {
        super(caller, cause);
        this.cause = cause;
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
        this.unsentMessages = unsentMessages;
        this.unsentBytes = unsentBytes;
    }

    /** The exception that ended the connection, or null when it closed cleanly. */
    public Throwable cause() {
        return cause;
    }

    /** True when the connection closed without an error. */
    public boolean isClean() {
        return cause == null;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** Messages handed over for sending that were not (fully) sent. */
    public long unsentMessages() {
        return unsentMessages;
    }

    /** Bytes of those messages that were not sent. */
    public long unsentBytes() {
        return unsentBytes;
    }

    @Override
    public String toString() {
        return "SocketShutdown(" + (cause == null ? "clean" : String.valueOf(cause)) + ", sent " + bytesSent
                + " B, received " + bytesReceived + " B" + (unsentMessages == 0 ? "" : ", unsent " + unsentMessages
                + " messages / " + unsentBytes + " B") + ")";
    }
}
