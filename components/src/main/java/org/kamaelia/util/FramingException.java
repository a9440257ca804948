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
