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
