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
 * Everyday components: console input and output, sources and sinks, transformers, fan-out,
 * publish/subscribe, and framing of byte streams into lines or length-prefixed frames.
 *
 * <h2>The components</h2>
 * <table>
 * <caption>Components of this package</caption>
 * <tr><th>Component</th><th>inbox</th><th>outbox</th></tr>
 * <tr><td>{@link org.kamaelia.util.ConsoleReader}</td><td>(an InputStream, stdin by default)</td>
 *     <td>lines (String) or raw chunks (byte[])</td></tr>
 * <tr><td>{@link org.kamaelia.util.ConsoleEchoer}</td><td>byte[], ByteBuffer, anything as text</td>
 *     <td>(an OutputStream, stdout by default)</td></tr>
 * <tr><td>{@link org.kamaelia.util.DataSource}</td><td>(an Iterable or Stream)</td><td>its items</td></tr>
 * <tr><td>{@link org.kamaelia.util.Collector}</td><td>anything, kept in a list</td><td>-</td></tr>
 * <tr><td>{@link org.kamaelia.util.NullSink}</td><td>anything, discarded</td><td>-</td></tr>
 * <tr><td>{@link org.kamaelia.util.PureTransformer}</td><td>I</td><td>function(I)</td></tr>
 * <tr><td>{@link org.kamaelia.util.Filter}</td><td>T</td><td>the T the predicate accepts</td></tr>
 * <tr><td>{@link org.kamaelia.util.Fanout}</td><td>anything</td><td>a copy on each named outbox</td></tr>
 * <tr><td>{@link org.kamaelia.util.Backplane}, {@link org.kamaelia.util.PublishTo},
 *     {@link org.kamaelia.util.SubscribeTo}</td><td>published messages</td><td>to every subscriber</td></tr>
 * <tr><td>{@link org.kamaelia.util.BytesToLines} / {@link org.kamaelia.util.LinesToBytes}</td>
 *     <td>byte chunks / lines</td><td>lines / byte[]</td></tr>
 * <tr><td>{@link org.kamaelia.util.BytesToFrames} / {@link org.kamaelia.util.FramesToBytes}</td>
 *     <td>byte chunks / frames</td><td>frames / byte[] with a 4-byte length prefix</td></tr>
 * </table>
 *
 * <h2>Conventions every component here follows</h2>
 * <ul>
 * <li>It stops only on a {@code ProducerFinished} or a {@code ShutdownMicroprocess} (or a subtype of
 *     either, such as {@code SocketShutdown}) on "control", and ignores every other control message.</li>
 * <li>ProducerFinished ("no more input"): it first handles everything already in its inbox, finishes
 *     the stream (a last unterminated line, a report of a partial frame), then passes that same message
 *     on out of "signal" and stops. ShutdownMicroprocess ("stop now"): it stops as soon as it can,
 *     even while a send is waiting for space, and passes the message on. A source that runs dry sends
 *     {@code new ProducerFinished(this)}. The last data always goes out before the signal.</li>
 * <li>Data goes out with a blocking send: a bounded inbox downstream slows a component down instead
 *     of making it fail or drop.</li>
 * <li>Bad input is reported on "signal" as an {@code ErrorInformation} carrying an exception whose
 *     message names the component, what was wrong and where; the component carries on where it can.
 *     Only input that leaves no way to go on (a corrupt frame length) makes a component end on its
 *     own, and it then says so on "signal" before its ProducerFinished.</li>
 * <li>Messages are passed by reference and may reach several receivers (Fanout, Backplane): nobody
 *     changes a message it has received, a byte[] included.</li>
 * </ul>
 */
package org.kamaelia.util;
