package org.kamaelia.bench.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The echo server of {@link ManyConnections}, run as a process of its own so that the clients' JVM
 * holds only the client ends of the connections (each process stays under the descriptor limit, and
 * the client's RSS is not mixed with the server's). One thread, a selector, JDK only.
 *
 * <p>Prints {@code PORT <n>} once listening on 127.0.0.1; echoes every byte; closes a connection when
 * the client half-closes (after echoing what came before); when its standard input reaches end of
 * file, prints {@code PEAK <n>} (the most connections it held at once) and exits.
 */
public final class EchoServerProcess {
    private EchoServerProcess() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8192);
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("PORT " + ((InetSocketAddress) listener.getLocalAddress()).getPort());
        System.out.flush();
        int[] open = {0};
        int[] peak = {0};
        Thread.ofPlatform().daemon().start(() -> {
            try {
                System.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the parent went away: exit as well
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
                        continue;
                    }
                    SocketChannel c = (SocketChannel) k.channel();
                    ByteBuffer pending = (ByteBuffer) k.attachment();
                    if (pending != null) { // a write that did not complete: finish it before reading more
                        c.write(pending);
                        if (pending.hasRemaining()) {
                            continue;
                        }
                        k.attach(null);
                        k.interestOps(SelectionKey.OP_READ);
                        continue;
                    }
                    buf.clear();
                    if (c.read(buf) < 0) {
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
                } catch (IOException e) {
                    k.cancel();
                    k.channel().close();
                    open[0]--;
                }
            }
        }
    }
}
