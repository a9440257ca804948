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
package org.kamaelia.axon.ipc;

/**
 * The base of Axon's control and notification messages. Messages of these types are immutable:
 * every field is final and set by the constructor.
 *
 * <p>Components test them with {@code instanceof}, so the class relations are Axon's: each class here
 * extends Ipc directly, and none extends another; in the Kamaelia module, {@code SocketShutdown}
 * is-a {@link ProducerFinished} and {@code ServerShutdown} is-a {@link ShutdownMicroprocess}.
 */
public class Ipc {
    public Ipc() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
