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
package org.kamaelia.internet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * A one-thread NIO echo server for the many-clients test, run in a process of its own (so that the
 * clients' process and the server's each stay under the descriptor limit). It uses only the JDK.
 *
 * <p>Prints {@code PORT <n>} on stdout once listening on 127.0.0.1, echoes every byte, closes a
 * connection when the client half-closes (after sending back what it had), prints
 * {@code PEAK <n>} (most connections open at once) when stdin reaches end of file, and exits.
 */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), 8192);
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("PORT " + ((InetSocketAddress) listener.getLocalAddress()).getPort());
        System.out.flush();
        int[] open = {0};
        int[] peak = {0};
        Thread.ofPlatform().daemon().start(() -> {
            try {
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the parent went away
            }
            System.out.println("PEAK " + peak[0]);
            System.out.flush();
            System.exit(0);
        });
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        for (;;) {
            selector.select();
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                try {
                    if (k.isAcceptable()) {
                        SocketChannel c;
                        while ((c = listener.accept()) != null) {
                            c.configureBlocking(false);
                            c.register(selector, SelectionKey.OP_READ);
                            peak[0] = Math.max(peak[0], ++open[0]);
                        }
                    } else {
                        SocketChannel c = (SocketChannel) k.channel();
                        ByteBuffer pending = (ByteBuffer) k.attachment();
                        if (pending != null) {
                            c.write(pending);
                            if (pending.hasRemaining()) {
                                continue;
                            }
                            k.attach(null);
                            k.interestOps(SelectionKey.OP_READ);
                        }
                        buf.clear();
                        int n = c.read(buf);
                        if (n < 0) {
                            k.cancel();
                            c.close();
                            open[0]--;
                            continue;
                        }
                        buf.flip();
                        c.write(buf);
                        if (buf.hasRemaining()) {
                            ByteBuffer rest = ByteBuffer.allocate(buf.remaining());
                            rest.put(buf).flip();
                            k.attach(rest);
                            k.interestOps(SelectionKey.OP_WRITE);
                        }
                    }
                } catch (IOException e) {
                    k.cancel();
                    k.channel().close();
                    open[0]--;
                }
            }
        }
    }
}
