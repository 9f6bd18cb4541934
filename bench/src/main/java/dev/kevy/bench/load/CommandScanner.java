package dev.kevy.bench.load;

import java.nio.ByteBuffer;

/**
 * Finds where each client command ends in a byte stream and reports only its first letter: all
 * that {@link NullServer} needs to choose a canned reply.
 *
 * <p>Commands are RESP arrays of bulk strings, or inline lines (as {@code redis-cli} may send for
 * PING). Bulk payloads are skipped by count, so a command may arrive split at any byte.
 */
final class CommandScanner {

    /** Not enough bytes for the next command. */
    static final int NEED_MORE = -1;
    /** The stream is not a RESP command stream. */
    static final int PROTOCOL_ERROR = -2;

    private static final int MAX_LINE = 64 * 1024;

    /** Bulk strings still expected in the current command (0 between commands). */
    private long argsLeft;
    /** Argument count of the current command, to spot its first argument (the name). */
    private long argCount;
    /** Payload bytes (with the CRLF) of the current argument still to skip. */
    private long skip;
    /** The next payload byte is the command name's first letter. */
    private boolean atName;
    /** Upper-cased first letter of the current command's name (0 when the name is empty). */
    private int letter;

    /**
     * Consumes bytes up to the end of the next complete command.
     *
     * @return its name's first letter upper-cased (or 0 for an empty name), {@link #NEED_MORE}, or
     *     {@link #PROTOCOL_ERROR}
     */
    int next(ByteBuffer buf) {
        for (;;) {
            if (skip > 0) {
                if (atName) {
                    if (!buf.hasRemaining()) {
                        return NEED_MORE;
                    }
                    letter = upper(buf.get(buf.position()));
                    atName = false;
                }
                int take = (int) Math.min(skip, buf.remaining());
                buf.position(buf.position() + take);
                skip -= take;
                if (skip > 0) {
                    return NEED_MORE;
                }
                if (argsLeft == 0) {
                    return letter;
                }
                continue;
            }
            int start = buf.position();
            int limit = buf.limit();
            if (start >= limit) {
                return NEED_MORE;
            }
            int lf = -1;
            for (int i = start; i < limit; i++) {
                if (buf.get(i) == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0) {
                return limit - start >= MAX_LINE ? PROTOCOL_ERROR : NEED_MORE;
            }
            byte first = buf.get(start);
            buf.position(lf + 1);
            if (argsLeft > 0) {
                long len = parseLength(buf, start + 1, lf);
                if (first != '$' || len < 0) {
                    return PROTOCOL_ERROR;
                }
                boolean name = argsLeft == argCount;
                argsLeft--;
                if (name) {
                    letter = 0;
                    atName = len > 0;
                }
                skip = len + 2;
                continue;
            }
            if (first == '*') {
                long n = parseLength(buf, start + 1, lf);
                if (n < 0) {
                    return PROTOCOL_ERROR;
                }
                argsLeft = n;
                argCount = n;
                continue; // "*0" is an empty command; servers ignore it
            }
            if (lf - start <= 1) {
                continue; // an empty inline line
            }
            return upper(first);
        }
    }

    private static int upper(byte b) {
        return b >= 'a' && b <= 'z' ? b - 32 : b;
    }

    /** Parses a non-negative decimal ending before an optional '\r'; -1 when it is not one. */
    private static long parseLength(ByteBuffer buf, int from, int lf) {
        int to = lf > from && buf.get(lf - 1) == '\r' ? lf - 1 : lf;
        if (from >= to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = buf.get(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
