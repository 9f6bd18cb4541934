package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Signed 64-bit integers as decimal text in place, with Redis's strictness: a value is an integer
 * only if it is exactly the text {@link #write} would produce for it, so "0" but not "-0", "01",
 * "+1", " 1", "1 " or "" (the rules of Redis's {@code string2ll} in {@code util.c}).
 *
 * <p>One instance holds the last parsed value so parsing needs no allocation; it is owned by one
 * keyspace and so by one thread.
 */
final class Decimal {
    /** Longest text of a long: "-9223372036854775808". */
    static final int MAX_LENGTH = 20;

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    /** The value of the last successful {@link #parse}. */
    long value;

    /** Parses {@code length} bytes at {@code offset}; on success sets {@link #value} and returns true. */
    boolean parse(MemorySegment s, long offset, int length) {
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        int first = s.get(BYTE, offset);
        if (length == 1 && first == '0') {
            value = 0;
            return true;
        }
        boolean negative = first == '-';
        int i = negative ? 1 : 0;
        if (i == length) {
            return false;
        }
        int digit = s.get(BYTE, offset + i) - '0';
        if (digit < 1 || digit > 9) {
            return false; // a leading zero, a sign other than '-', or not a digit
        }
        // Accumulate negatively: the negative range is one larger, so Long.MIN_VALUE parses.
        long acc = -digit;
        for (i++; i < length; i++) {
            digit = s.get(BYTE, offset + i) - '0';
            if (digit < 0 || digit > 9 || acc < Long.MIN_VALUE / 10) {
                return false;
            }
            acc *= 10;
            if (acc < Long.MIN_VALUE + digit) {
                return false;
            }
            acc -= digit;
        }
        if (negative) {
            value = acc;
            return true;
        }
        if (acc == Long.MIN_VALUE) {
            return false;
        }
        value = -acc;
        return true;
    }

    /** Bytes {@link #write} uses for {@code v}. */
    static int length(long v) {
        long negated = v < 0 ? v : -v; // negative magnitudes cover Long.MIN_VALUE
        int digits = 1;
        for (long bound = -10; digits < 19 && negated <= bound; bound *= 10) {
            digits++;
        }
        return (v < 0 ? 1 : 0) + digits;
    }

    /** Writes {@code v} as {@code length == length(v)} bytes at {@code offset}. */
    static void write(MemorySegment s, long offset, int length, long v) {
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
}
