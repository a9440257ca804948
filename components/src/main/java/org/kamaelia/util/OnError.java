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
 * What {@link PureTransformer} and {@link Filter} do when the function they apply throws.
 */
public enum OnError {
    /**
     * Send an {@link org.kamaelia.axon.ipc.ErrorInformation} on "signal" carrying the exception and
     * naming the message (its number and type), drop that message, and carry on with the next one.
     * The default: one bad message does not end a stream.
     */
    REPORT,

    /**
     * End the component as a failure: main() throws a {@link ProcessingException} naming the message,
     * with the function's exception as its cause. The runtime then sends an ErrorInformation and a
     * ProducerFinished on "signal", records the failure, and a Pipeline around it shuts down the stages
     * before it.
     */
    FAIL
}
