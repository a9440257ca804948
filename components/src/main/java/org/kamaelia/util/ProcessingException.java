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

/**
 * A function given to a component ({@link PureTransformer}, {@link Filter}) threw while handling a
 * message. Its message names the component, the message's number (counting from 0) and its type;
 * its cause is what the function threw.
 *
 * <p>Likely causes: the function does not accept a message of that type (a ClassCastException from
 * the generic types, which are not checked when the message arrives); a bug in the function; data
 * the function cannot handle.
 */
public class ProcessingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
