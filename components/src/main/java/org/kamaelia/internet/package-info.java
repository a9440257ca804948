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
 * Internet components: TCP clients (and, later, servers) as Kamaelia components. Mirrors the original's
 * {@code Kamaelia.Internet}.
 *
 * <p>{@link org.kamaelia.internet.ThreadedTCPClient} holds one TCP connection on virtual threads: its
 * "inbox" goes to the server, the server's bytes come out of its "outbox", and its "signal" carries
 * typed errors and ends with one {@link org.kamaelia.ipc.SocketShutdown}.
 */
package org.kamaelia.internet;
