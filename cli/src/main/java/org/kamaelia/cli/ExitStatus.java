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
package org.kamaelia.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * The command's exit statuses, and how the failure that ended a connection maps to one. The table is
 * printed by {@code --help} and in the README.
 *
 * <p>The mapping looks at the exception a {@link org.kamaelia.internet.ThreadedTCPClient} reports (in its
 * ErrorInformation and its final SocketShutdown) and at its causes: the client wraps connect failures in
 * a {@link ConnectException} or {@link SocketTimeoutException} naming every address it tried, with the
 * last attempt's exception as the cause.
 */
enum ExitStatus {
    /** Everything went well. */
    OK(0, "success: the connection closed cleanly (connect), the server was stopped (serve), the demo ran"),
    /** A failure that is not one of the connection failures below. */
    FAILURE(1, "another failure: reading standard input or writing standard output failed, a component "
            + "reported an error (the line names it), the server could not listen, or an internal error (the "
            + "message says which)"),
    /** The arguments were wrong. */
    USAGE(2, "bad arguments: a one-line error naming what was wrong, then the usage"),
    /** Nothing accepted the connection. */
    REFUSED(3, "connection refused (nothing listens on that port), or no route to the host"),
    /** The host name did not resolve. */
    UNKNOWN_HOST(4, "unknown host: the name could not be resolved"),
    /** Connecting took longer than allowed. */
    TIMED_OUT(5, "timed out: connecting took longer than --connect-timeout"),
    /** The connection broke while in use. */
    RESET(6, "connection reset or broken by the peer or the network while in use"),
    /** Stopped by SIGINT (Ctrl-C) or SIGTERM while connected; the JVM reports the signal. */
    INTERRUPTED(130, "interrupted by Ctrl-C while connected (143 for SIGTERM); serve exits 0 when stopped so");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit code. */
    int code() {
        return code;
    }

    /** One line saying what it means. */
    String meaning() {
        return meaning;
    }

    /**
     * The status for a failure of the connection (as reported by the client), looking through its causes.
     *
     * @param failure the exception; null means no failure
     */
    static ExitStatus ofConnectionFailure(Throwable failure) {
        if (failure == null) {
            return OK;
        }
        if (find(failure, UnknownHostException.class) != null) {
            return UNKNOWN_HOST;
        }
        if (find(failure, SocketTimeoutException.class) != null) {
            return TIMED_OUT;
        }
        if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null
                || find(failure, PortUnreachableException.class) != null) {
            return REFUSED;
        }
        if (find(failure, IOException.class) != null) {
            return RESET;
        }
        return FAILURE;
    }

    /**
     * One line for standard error (without the {@code kamaelia: } prefix) saying what happened to the
     * connection to {@code where} (host:port), e.g. {@code connection refused: 127.0.0.1:9}.
     */
    static String describeConnectionFailure(Throwable failure, String where) {
        ExitStatus s = ofConnectionFailure(failure);
        String detail = rootMessage(failure);
        return switch (s) {
            case OK -> "connection closed: " + where;
            case UNKNOWN_HOST -> "unknown host: " + hostOf(where) + " ("
                    + (detail.startsWith(hostOf(where) + ": ") ? detail.substring(hostOf(where).length() + 2) : detail)
                    + ")";
            case TIMED_OUT -> "timed out connecting to " + where;
            case REFUSED -> detail.toLowerCase(java.util.Locale.ROOT).contains("refused")
                    ? "connection refused: " + where
                    : "could not connect to " + where + ": " + detail;
            case RESET -> "connection reset: " + where + " (" + detail + ")";
            default -> "connection to " + where + " failed: " + failure;
        };
    }

    /** The message of the innermost cause that has one, or the exception's class name. */
    static String rootMessage(Throwable t) {
        String msg = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                msg = c.getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return msg != null ? msg : t.getClass().getSimpleName();
    }

    private static String hostOf(String where) {
        int colon = where.lastIndexOf(':');
        String h = colon > 0 ? where.substring(0, colon) : where;
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** The table for {@code --help}: one "code:meaning" line each, in picocli's exitCodeList form. */
    static String[] helpList() {
        ExitStatus[] all = values();
        String[] out = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = String.format("%3d:%s", all[i].code, all[i].meaning);
        }
        return out;
    }
}
