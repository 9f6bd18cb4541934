package dev.kevy.bench.load;

import java.nio.ByteBuffer;

/**
 * Finds where each RESP2 reply ends in a byte stream, without building any object for it.
 *
 * <p>The load generator only needs to know that a reply is complete and what kind it is (to check
 * that a GET got a bulk string or nil and a SET got {@code +OK}); it never needs the payload. So
 * bulk payloads are skipped by count, even when they span many reads, and arrays are tracked with
 * a small stack of remaining element counts. State survives between calls, so a reply may arrive
 * split at any byte.
 */
final class ReplyScanner {

    /** Not enough bytes for the next reply; read more and call again. */
    static final int NEED_MORE = -1;
    /** The stream is not RESP2 (or a line is longer than {@link #MAX_LINE}); close the connection. */
    static final int PROTOCOL_ERROR = -2;

    /** {@code +OK}. */
    static final int OK = 1;
    /** Any other simple string ({@code +...}). */
    static final int SIMPLE = 2;
    /** An error reply ({@code -...}). */
    static final int ERROR = 3;
    /** An integer reply ({@code :...}). */
    static final int INTEGER = 4;
    /** A bulk string ({@code $n} with n &gt;= 0). */
    static final int BULK = 5;
    /** A nil bulk string or nil array ({@code $-1}, {@code *-1}). */
    static final int NIL = 6;
    /** An array, with all its elements. */
    static final int ARRAY = 7;

    /** Longest header line accepted: far above any length or status line a server sends. */
    static final int MAX_LINE = 64 * 1024;
    private static final int MAX_DEPTH = 16;

    /** Payload bytes (including the trailing CRLF) of the current bulk string still to skip. */
    private long skip;
    /** Open arrays, innermost last: how many elements each still expects. */
    private final long[] remaining = new long[MAX_DEPTH];
    private int depth;
    /** Kind of the reply being scanned, fixed by its first byte. */
    private int topKind;

    /**
     * Consumes bytes from {@code buf} (position to limit) up to the end of the next complete
     * reply.
     *
     * @return the reply's kind ({@link #OK} ... {@link #ARRAY}), {@link #NEED_MORE} when the
     *     buffer ends first (bytes of an incomplete header line are left unconsumed), or {@link
     *     #PROTOCOL_ERROR}
     */
    int next(ByteBuffer buf) {
        for (;;) {
            if (skip > 0) {
                int take = (int) Math.min(skip, buf.remaining());
                buf.position(buf.position() + take);
                skip -= take;
                if (skip > 0) {
                    return NEED_MORE;
                }
                if (completeElement()) {
                    return topKind;
                }
                continue;
            }
            int start = buf.position();
            int limit = buf.limit();
            if (start >= limit) {
                return NEED_MORE;
            }
            int cr = findCrlf(buf, start + 1, limit);
            if (cr < 0) {
                return limit - start >= MAX_LINE ? PROTOCOL_ERROR : NEED_MORE;
            }
            byte type = buf.get(start);
            buf.position(cr + 2);
            int kind;
            switch (type) {
                case '+' -> kind = (cr - start == 3 && buf.get(start + 1) == 'O' && buf.get(start + 2) == 'K')
                        ? OK : SIMPLE;
                case '-' -> kind = ERROR;
                case ':' -> kind = INTEGER;
                case '$' -> {
                    long n = parseLength(buf, start + 1, cr);
                    if (n < -1) {
                        return PROTOCOL_ERROR;
                    }
                    if (n == -1) {
                        kind = NIL;
                    } else {
                        if (depth == 0) {
                            topKind = BULK;
                        }
                        skip = n + 2;
                        continue;
                    }
                }
                case '*' -> {
                    long n = parseLength(buf, start + 1, cr);
                    if (n < -1) {
                        return PROTOCOL_ERROR;
                    }
                    if (n > 0) {
                        if (depth == MAX_DEPTH) {
                            return PROTOCOL_ERROR;
                        }
                        if (depth == 0) {
                            topKind = ARRAY;
                        }
                        remaining[depth++] = n;
                        continue;
                    }
                    kind = n == 0 ? ARRAY : NIL;
                }
                default -> {
                    return PROTOCOL_ERROR;
                }
            }
            if (depth == 0) {
                return kind;
            }
            if (completeElement()) {
                return topKind;
            }
        }
    }

    /** Counts one finished element against the open arrays; true when the top-level reply ended. */
    private boolean completeElement() {
        while (depth > 0) {
            if (--remaining[depth - 1] > 0) {
                return false;
            }
            depth--;
        }
        return true;
    }

    private static int findCrlf(ByteBuffer buf, int from, int limit) {
        for (int i = from; i < limit - 1; i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Parses a decimal length; returns Long.MIN_VALUE when the text is not one. */
    private static long parseLength(ByteBuffer buf, int from, int to) {
        if (from >= to || to - from > 19) {
            return Long.MIN_VALUE;
        }
        boolean negative = buf.get(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < to; i++) {
            int d = buf.get(i) - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }
}
