package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Signed 64-bit integers as decimal text in place, with Redis's strictness: a value is an integer
 * only if it is exactly the text {@link #write} would produce for it, so "0" but not "-0", "01",
 * "+1", " 1", "1 " or "" (the rules of Redis's {@code string2ll} in {@code util.c}).
 */
public final class Decimal {
    /** Longest text of a long: "-9223372036854775808". */
    public static final int MAX_LENGTH = 20;

    /**
     * What {@link #parse} returns for text that is not an integer. {@link Long#MIN_VALUE}'s own
     * text parses to the same value, so a caller that gets it asks {@link #isMinValue}: one
     * comparison, on that rare answer only, instead of a second pass on every parse.
     */
    public static final long NOT_AN_INTEGER = Long.MIN_VALUE;

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final byte[] MIN_VALUE_TEXT = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    private static final MemorySegment MIN_VALUE_SEGMENT = MemorySegment.ofArray(MIN_VALUE_TEXT);

    private Decimal() {
    }

    /** The integer whose canonical text is the {@code length} bytes at {@code offset}, or {@link #NOT_AN_INTEGER}. */
    public static long parse(MemorySegment s, long offset, int length) {
        if (length == 0 || length > MAX_LENGTH) {
            return NOT_AN_INTEGER;
        }
        int first = s.get(BYTE, offset);
        if (length == 1 && first == '0') {
            return 0;
        }
        boolean negative = first == '-';
        int i = negative ? 1 : 0;
        if (i == length) {
            return NOT_AN_INTEGER;
        }
        int digit = s.get(BYTE, offset + i) - '0';
        if (digit < 1 || digit > 9) {
            return NOT_AN_INTEGER; // a leading zero, a sign other than '-', or not a digit
        }
        // Accumulate negatively: the negative range is one larger, so Long.MIN_VALUE parses.
        long acc = -digit;
        for (i++; i < length; i++) {
            digit = s.get(BYTE, offset + i) - '0';
            if (digit < 0 || digit > 9 || acc < Long.MIN_VALUE / 10) {
                return NOT_AN_INTEGER;
            }
            acc *= 10;
            if (acc < Long.MIN_VALUE + digit) {
                return NOT_AN_INTEGER;
            }
            acc -= digit;
        }
        if (negative) {
            return acc;
        }
        return acc == Long.MIN_VALUE ? NOT_AN_INTEGER : -acc;
    }

    /** Whether the {@code length} bytes at {@code offset} are the text of {@link Long#MIN_VALUE}. */
    public static boolean isMinValue(MemorySegment s, long offset, int length) {
        return length == MIN_VALUE_TEXT.length
                && MemorySegment.mismatch(s, offset, offset + length, MIN_VALUE_SEGMENT, 0, length) < 0;
    }

    /** Bytes {@link #write} uses for {@code v}. */
    public static int length(long v) {
        long negated = v < 0 ? v : -v; // negative magnitudes cover Long.MIN_VALUE
        int digits = 1;
        for (long bound = -10; digits < 19 && negated <= bound; bound *= 10) {
            digits++;
        }
        return (v < 0 ? 1 : 0) + digits;
    }

    /** Writes {@code v} as {@code length == length(v)} bytes at {@code offset}. */
    public static void write(MemorySegment s, long offset, int length, long v) {
        long negated = v < 0 ? v : -v;
        long at = offset + length - 1;
        do {
            long quotient = negated / 10;
            s.set(BYTE, at--, (byte) ('0' + (quotient * 10 - negated)));
            negated = quotient;
        } while (negated != 0);
        if (v < 0) {
            s.set(BYTE, at, (byte) '-');
        }
    }

    /** Whether the bytes are the canonical text of a 64-bit integer (Redis's {@code string2ll}), {@link Long#MIN_VALUE} included. */
    public static boolean isInteger(MemorySegment s, long offset, int length) {
        return parse(s, offset, length) != NOT_AN_INTEGER || isMinValue(s, offset, length);
    }

    /** The value of bytes {@link #isInteger} accepted. */
    public static long value(MemorySegment s, long offset, int length) {
        long v = parse(s, offset, length);
        return v == NOT_AN_INTEGER ? Long.MIN_VALUE : v;
    }
}
