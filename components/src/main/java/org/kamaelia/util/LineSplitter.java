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

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Splits a byte stream, fed in chunks of any size, into UTF-8 lines ended by LF or CRLF, with a
 * bounded buffer. Shared by {@link BytesToLines} and {@link ConsoleReader}.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>A line ends at a line feed (0x0A); one carriage return (0x0D) right before it is part of the
 *     terminator. The terminator is not part of the line. A CR anywhere else is kept.</li>
 * <li>The length of a line is its number of bytes without the terminator. A line longer than
 *     {@code maxLineLength} is reported and skipped: as soon as more than that many bytes (plus one
 *     possible CR) have arrived without a line feed the error goes out, naming the length so far, and
 *     bytes are discarded up to the next line feed; when the whole line arrived in one piece the error
 *     names its exact length. Memory use stays at most {@code maxLineLength + 1} bytes.</li>
 * <li>Bytes are decoded as UTF-8 once a whole line is there, so a character split between two chunks
 *     is decoded correctly. Malformed bytes are replaced by U+FFFD ({@link CodingErrorAction#REPLACE}),
 *     left out ({@link CodingErrorAction#IGNORE}), or make the line an error that is reported and
 *     skipped ({@link CodingErrorAction#REPORT}).</li>
 * <li>At the end of the stream, bytes after the last line feed are a last line (a final lone CR is
 *     dropped with it, as the first half of a CRLF), as {@code BufferedReader.readLine} does.</li>
 * <li>Lines are numbered from 1; byte offsets in the stream from 0.</li>
 * </ul>
 *
 * <h2>Thread safety</h2>
 * None: one component's thread uses it.
 */
final class LineSplitter {

    /** Where lines and errors go. */
    interface Sink {
        /** Takes one line; returns false to stop (the rest of the chunk is then dropped). */
        boolean line(String line);

        /** Takes an error about the input. */
        void error(FramingException e);
    }

    private final String owner;
    private final int maxLineLength;
    private final CodingErrorAction onMalformed;
    private final CharsetDecoder decoder;
    private byte[] buf;
    private int len;
    private boolean discarding;
    /** The number of the line being assembled, from 1. */
    private long lineNumber = 1;
    /** The stream offset of its first byte. */
    private long lineStart;
    /** Bytes of the stream consumed so far. */
    private long offset;

    LineSplitter(String owner, int maxLineLength, CodingErrorAction onMalformed) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.maxLineLength = Checks.positive(maxLineLength, "maxLineLength");
        this.onMalformed = Objects.requireNonNull(onMalformed, "onMalformed");
        this.decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(onMalformed)
                .onUnmappableCharacter(onMalformed);
        this.buf = new byte[(int) Math.min(256L, maxLineLength + 1L)];
    }

    /** Bytes of an unfinished line held (0 while skipping a line that was too long). */
    int pendingBytes() {
        return len;
    }

    /** The number of the line being assembled, from 1. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * Feeds bytes, handing complete lines and errors to {@code sink}.
     *
     * @return false when the sink asked to stop
     */
    boolean feed(byte[] a, int off, int n, Sink sink) {
        int end = off + n;
        int p = off;
        while (p < end) {
            int lf = indexOfLineFeed(a, p, end);
            if (lf < 0) {
                int piece = end - p;
                offset += piece;
                if (discarding) {
                    return true;
                }
                long soFar = (long) len + piece;
                boolean overLimit = soFar > maxLineLength + 1L
                        || (soFar == maxLineLength + 1L && a[end - 1] != '\r');
                if (overLimit) {
                    sink.error(new FramingException(owner + ": line " + lineNumber + " (from byte " + lineStart
                            + ") is longer than the limit of " + maxLineLength + " bytes: " + soFar
                            + " bytes so far without a line feed; skipping to the next line feed"));
                    discarding = true;
                    len = 0;
                    return true;
                }
                append(a, p, piece);
                return true;
            }
            int piece = lf - p;
            offset += piece + 1L;
            if (discarding) {
                discarding = false;
                nextLine();
                p = lf + 1;
                continue;
            }
            long total = (long) len + piece;
            byte last = piece > 0 ? a[lf - 1] : (len > 0 ? buf[len - 1] : 0);
            long content = total > 0 && last == '\r' ? total - 1 : total;
            if (content > maxLineLength) {
                sink.error(new FramingException(owner + ": line " + lineNumber + " (from byte " + lineStart
                        + ") is " + content + " bytes long, over the limit of " + maxLineLength + " bytes; skipped"));
                len = 0;
                nextLine();
                p = lf + 1;
                continue;
            }
            String line;
            if (len == 0) {
                line = decode(a, p, (int) content, sink);
            } else {
                append(a, p, piece);
                line = decode(buf, 0, (int) content, sink);
                len = 0;
            }
            nextLine();
            p = lf + 1;
            if (line != null && !sink.line(line)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The end of the stream: hands an unfinished last line to the sink.
     *
     * @return false when the sink asked to stop
     */
    boolean end(Sink sink) {
        if (discarding || len == 0) {
            discarding = false;
            return true;
        }
        int content = buf[len - 1] == '\r' ? len - 1 : len;
        String line = decode(buf, 0, content, sink);
        len = 0;
        nextLine();
        return line == null || sink.line(line);
    }

    private void nextLine() {
        lineNumber++;
        lineStart = offset;
    }

    private void append(byte[] a, int p, int n) {
        int need = len + n;
        if (need > buf.length) {
            int cap = buf.length;
            while (cap < need) {
                cap = (int) Math.min((long) cap * 2, maxLineLength + 1L);
            }
            buf = java.util.Arrays.copyOf(buf, cap);
        }
        System.arraycopy(a, p, buf, len, n);
        len = need;
    }

    private String decode(byte[] a, int off, int n, Sink sink) {
        if (onMalformed == CodingErrorAction.REPLACE) {
            return new String(a, off, n, StandardCharsets.UTF_8);
        }
        ByteBuffer in = ByteBuffer.wrap(a, off, n);
        try {
            CharBuffer out = decoder.reset().decode(in);
            return out.toString();
        } catch (CharacterCodingException e) {
            sink.error(new FramingException(owner + ": line " + lineNumber + " (from byte " + lineStart
                    + ") is not valid UTF-8 (" + e + " at byte " + (in.position() - off) + " of the line); skipped"));
            return null;
        }
    }

    private static int indexOfLineFeed(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
