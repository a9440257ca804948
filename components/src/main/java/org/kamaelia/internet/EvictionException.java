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
package org.kamaelia.internet;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Why a server connection was evicted: the peer was idle for the idle timeout, or sent nothing within
 * the first-byte timeout. Package-private: users see a {@link SocketTimeoutException} whose message says
 * which timeout and how long; {@link TCPServer} counts evictions by {@link #kind}.
 */
final class EvictionException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    enum Kind { IDLE, FIRST_BYTE }

    final Kind kind;

    EvictionException(Kind kind, Duration timeout) {
        super(kind == Kind.IDLE ? "idle for " + format(timeout) + " (idle timeout)"
                : "no first byte within " + format(timeout) + " (first-byte timeout)");
        this.kind = kind;
    }

    /** 30s, 1500ms, ... */
    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
