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

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Helpers for the server, chassis and protocol tests: loopback clients, condition waits, leak counts. */
public final class ServerTestSupport {
    /** How long any single wait in these tests may take before it counts as a failure. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private ServerTestSupport() {
    }

    /** A client socket connected to the loopback address, with a read timeout of {@link #WAIT}. */
    public static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) WAIT.toMillis());
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    /** Reads until end of stream (fails on the read timeout). */
    public static byte[] readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads exactly {@code n} bytes (fails on end of stream or the read timeout). */
    public static byte[] readExactly(Socket s, int n) throws IOException {
        byte[] b = s.getInputStream().readNBytes(n);
        if (b.length != n) {
            fail("expected " + n + " bytes, the stream ended after " + b.length);
        }
        return b;
    }

    /**
     * Waits until {@code condition} holds, checking every millisecond or so, for at most {@link #WAIT}.
     *
     * @throws AssertionError naming {@code what} when it does not hold in time
     */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT + " waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** How many sockets this process has open (entries of /proc/self/fd that are sockets). */
    public static long openSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed meanwhile (e.g. the directory stream's own descriptor)
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until no live thread has a name containing {@code part}. A component counts as finished a
     * moment before its thread has exited, so a thread count right after {@code join} may still see it.
     */
    public static void awaitNoThreadsNamed(String part) {
        await("no live thread is named *" + part + "*", () -> liveThreadsNamed(part) == 0);
    }

    /**
     * Writes a JSON thread dump (virtual threads included) with HotSpotDiagnosticMXBean. Called by
     * reflection: this module does not read java.management, and reflection needs no readability.
     */
    private static void dumpThreads(Path file) {
        try {
            Class<?> mxType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<Enum> formatType = (Class<Enum>) Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            Object bean = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getPlatformMXBean", Class.class).invoke(null, mxType);
            @SuppressWarnings("unchecked")
            Object json = Enum.valueOf(formatType, "JSON");
            mxType.getMethod("dumpThreads", String.class, formatType).invoke(bean, file.toString(), json);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot take a thread dump: " + e, e);
        }
    }

    /**
     * How many live threads (virtual ones included) have a name containing {@code part}, from a
     * thread dump of this JVM.
     */
    public static int liveThreadsNamed(String part) {
        try {
            Path dir = Files.createTempDirectory("threads");
            Path file = dir.resolve("dump.json");
            try {
                dumpThreads(file);
                Matcher m = Pattern.compile("\"name\": \"([^\"]*)\"").matcher(Files.readString(file));
                int count = 0;
                while (m.find()) {
                    if (m.group(1).contains(part)) {
                        count++;
                    }
                }
                return count;
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
