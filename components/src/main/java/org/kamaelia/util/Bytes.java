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

/**
 * A view of the bytes of a byte[] or ByteBuffer message, without copying when it can. A ByteBuffer's
 * remaining bytes are used and its position is left alone (messages are shared; nobody may change
 * them).
 */
record Bytes(byte[] array, int offset, int length) {

    /** True for the message types the byte-stream components accept. */
    static boolean accepts(Object message) {
        return message instanceof byte[] || message instanceof ByteBuffer;
    }

    /**
     * The bytes of a byte[] or ByteBuffer message.
     *
     * @throws IllegalArgumentException for any other type
     */
    static Bytes of(Object message) {
        if (message instanceof byte[] b) {
            return new Bytes(b, 0, b.length);
        }
        if (message instanceof ByteBuffer bb) {
            if (bb.hasArray()) {
                return new Bytes(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
            }
            byte[] copy = new byte[bb.remaining()];
            bb.duplicate().get(copy);
            return new Bytes(copy, 0, copy.length);
        }
        throw new IllegalArgumentException("message: " + Checks.describe(message)
                + " (expected: byte[] or java.nio.ByteBuffer)");
    }
}
