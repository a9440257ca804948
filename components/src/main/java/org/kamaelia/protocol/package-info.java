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
/**
 * Protocol components to run behind {@link org.kamaelia.chassis.SimpleServer} (or any component that
 * sends bytes and wants bytes back): {@link org.kamaelia.protocol.EchoProtocol} (RFC 862),
 * {@link org.kamaelia.protocol.DiscardProtocol} (RFC 863), {@link org.kamaelia.protocol.ChargenProtocol}
 * (RFC 864), {@link org.kamaelia.protocol.DaytimeProtocol} (RFC 867) and
 * {@link org.kamaelia.protocol.FortuneCookieProtocol}.
 *
 * <p>Each takes the client's bytes on "inbox" and the client's end of stream on "control" (a
 * {@link org.kamaelia.ipc.SocketShutdown}, which is-a ProducerFinished), sends its answer on "outbox",
 * and ends with one message on "signal": the ProducerFinished or ShutdownMicroprocess that stopped it,
 * or a ProducerFinished of its own when it finished by itself; in a server that message closes the
 * connection once everything sent has been written. Sending waits while the receiver's inbox is full
 * (backpressure: a client that reads slowly slows its protocol down), and a ShutdownMicroprocess is
 * heard even while waiting.
 */
package org.kamaelia.protocol;
