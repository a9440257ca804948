package org.kamaelia.util;

import java.nio.charset.StandardCharsets;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;

/**
 * Turns lines of text into bytes: each line encoded in UTF-8 and followed by a terminator (LF by
 * default, CRLF or any other on request). The inverse of {@link BytesToLines}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * new Pipeline(DataSource.of("HELO example.org", "QUIT"), new LinesToBytes(LinesToBytes.CRLF),
 *         new ThreadedTCPClient("localhost", 25), new ConsoleEchoer()).run();
 * }</pre>
 *
 * <h2>Boxes</h2>
 * <ul>
 * <li>inbox "inbox": lines, as any CharSequence (String, StringBuilder...), without terminator</li>
 * <li>inbox "control": ProducerFinished or ShutdownMicroprocess stops it; other messages are ignored</li>
 * <li>outbox "outbox": one byte[] per line: its UTF-8 bytes, then the terminator</li>
 * <li>outbox "signal": ErrorInformation carrying a {@link FramingException} for each bad input, then the
 *     control message it stopped on</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Each line becomes one byte[] (so each line is one write downstream), sent with a blocking send.
 * A line that contains a CR, an LF or the terminator itself would not come back as the same line
 * from {@link BytesToLines}: it is reported (naming the line's number, counting from 0, and the index
 * of the character) and dropped, rather than silently split. A message that is not a CharSequence is
 * reported (naming its type) and dropped. An unpaired surrogate in a String is encoded as '?', as
 * {@link String#getBytes(java.nio.charset.Charset)} does.
 *
 * <h2>Termination</h2>
 * A {@link ProducerFinished} on "control": it encodes everything left in "inbox", passes the message
 * on out of "signal" and stops. A {@link ShutdownMicroprocess}: it stops at once and passes the
 * message on. Other control messages are ignored.
 */
public final class LinesToBytes extends UtilComponent {
    /** A line feed, the default terminator. */
    public static final String LF = "\n";
    /** Carriage return and line feed, the terminator of most Internet text protocols. */
    public static final String CRLF = "\r\n";

    private final String terminator;
    private final byte[] terminatorBytes;
    private long index;

    /** Lines ended by {@link #LF}. */
    public LinesToBytes() {
        this(LF);
    }

    /**
     * Lines ended by the given terminator.
     *
     * @throws NullPointerException when terminator is null
     * @throws IllegalArgumentException when terminator is empty
     */
    public LinesToBytes(String terminator) {
        this.terminator = Checks.nonEmpty(terminator, "terminator");
        this.terminatorBytes = terminator.getBytes(StandardCharsets.UTF_8);
    }

    /** The terminator written after each line. */
    public String terminator() {
        return terminator;
    }

    @Override
    void onMessage(Object message) {
        long n = index++;
        if (!(message instanceof CharSequence cs)) {
            report(new FramingException(name() + ": line " + n + ": " + Checks.describe(message)
                    + " (expected: a CharSequence such as String); dropped"));
            return;
        }
        String line = cs.toString();
        int bad = badCharacter(line);
        if (bad >= 0) {
            String what = line.charAt(bad) == '\n' ? "a line feed" : line.charAt(bad) == '\r' ? "a carriage return"
                    : "the terminator";
            report(new FramingException(name() + ": line " + n + " contains " + what + " at index " + bad
                    + " (expected: no CR, LF or terminator inside a line); dropped"));
            return;
        }
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + terminatorBytes.length];
        System.arraycopy(text, 0, out, 0, text.length);
        System.arraycopy(terminatorBytes, 0, out, text.length, terminatorBytes.length);
        sendOrAbort(out, "outbox");
    }

    private int badCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return line.indexOf(terminator);
    }

    @Override
    protected void main() throws Exception {
        runInboxLoop();
    }
}
