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

import java.io.IOException;

/**
 * Input that a framing component ({@link BytesToLines}, {@link LinesToBytes}, {@link BytesToFrames},
 * {@link FramesToBytes}, {@link ConsoleReader} in lines mode) cannot frame. It is carried by an
 * {@link org.kamaelia.axon.ipc.ErrorInformation} on that component's "signal"; its message names the
 * component, what was wrong, where (line or frame number, byte offset in the stream), the limit that
 * was broken and the offending value.
 *
 * <p>Likely causes: the peer does not speak the framing expected (text where length-prefixed frames
 * were expected, or the other way round); a line or frame larger than the configured maximum; a
 * stream cut off in the middle of a frame; a message of the wrong type sent to the component.
 */
public class FramingException extends IOException {
    private static final long serialVersionUID = 1L;

    public FramingException(String message) {
        super(message);
    }
}
