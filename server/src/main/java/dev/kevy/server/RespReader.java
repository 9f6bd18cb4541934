package dev.kevy.server;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Walks RESP replies in place, for reducers that combine shards' replies (INFO, SLOWLOG GET).
 * The replies come from our own shards, so the reader trusts their framing.
 */
final class RespReader {

    private MemorySegment s;
    private long at;

    RespReader reset(MemorySegment segment, long offset) {
        this.s = segment;
        this.at = offset;
        return this;
    }

    long position() {
        return at;
    }

    byte peekType() {
        return s.get(ValueLayout.JAVA_BYTE, at);
    }

    /** Reads a {@code *n}, {@code :n} or {@code $n} header and returns n. */
    long header() {
        at++; // type byte
        boolean negative = s.get(ValueLayout.JAVA_BYTE, at) == '-';
        if (negative) {
            at++;
        }
        long v = 0;
        byte b;
        while ((b = s.get(ValueLayout.JAVA_BYTE, at)) != '\r') {
            v = v * 10 + (b - '0');
            at++;
        }
        at += 2;
        return negative ? -v : v;
    }

    /** Steps over the body of a bulk string whose header returned {@code length} (nothing for nil). */
    private void skipBody(long length) {
        if (length >= 0) {
            at += length + 2;
        }
    }

    /** Skips one whole value of any type. */
    void skip() {
        byte type = peekType();
        switch (type) {
            case '$' -> skipBody(header());
            case '*' -> {
                long n = header();
                for (long i = 0; i < n; i++) {
                    skip();
                }
            }
            default -> { // + - : lines
                while (s.get(ValueLayout.JAVA_BYTE, at) != '\r') {
                    at++;
                }
                at += 2;
            }
        }
    }

    /** Reads a bulk string as text (nil reads as empty). */
    String bulkString() {
        long length = header();
        byte[] b = new byte[(int) Math.max(0, length)];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, at, b, 0, b.length);
        skipBody(length);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
