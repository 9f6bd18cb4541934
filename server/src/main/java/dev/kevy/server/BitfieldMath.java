package dev.kevy.server;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * BITFIELD's integer arithmetic: reading and writing an integer of 1 to 64 bits at any bit
 * offset of a string, and deciding, as Redis 7 does, when a SET or INCRBY leaves the type's range.
 *
 * <p>Bits are numbered from the most significant bit of the first byte (bit 0), as SETBIT numbers
 * them, and a field's first bit is its most significant. Unsigned types have 1 to 63 bits, so every
 * unsigned value fits a non-negative {@code long}; signed types have 1 to 64.
 *
 * <p>The range checks follow Redis's {@code checkSignedBitfieldOverflow} and
 * {@code checkUnsignedBitfieldOverflow} exactly, including one place where Redis's 64-bit
 * arithmetic wraps: for a signed type under 64 bits, SET with a value within the type's maximum of
 * {@link Long#MIN_VALUE} counts as overflowing upward (OVERFLOW SAT stores the maximum), because
 * Redis computes {@code max - value} in 64 bits before comparing.
 */
final class BitfieldMath {

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    /** {@link #signedOverflow}/{@link #unsignedOverflow}: the result fits the type. */
    static final int FITS = 0;
    /** The result is above the type's maximum. */
    static final int ABOVE = 1;
    /** The result is below the type's minimum. */
    static final int BELOW = -1;

    private BitfieldMath() {
    }

    /**
     * The unsigned integer of {@code bits} bits (1 to 64) at bit {@code bitOffset} of the
     * {@code length} bytes at {@code base}; bits past the end read as 0 (as Redis's GET does).
     */
    static long getUnsigned(MemorySegment s, long base, long length, long bitOffset, int bits) {
        long value = 0;
        for (int i = 0; i < bits; i++) {
            long bit = bitOffset + i;
            long index = bit >>> 3;
            int b = index < length ? s.get(BYTE, base + index) : 0;
            value = value << 1 | (b >>> (7 - (int) (bit & 7)) & 1);
        }
        return value;
    }

    /** As {@link #getUnsigned}, the field's first bit being its sign (two's complement). */
    static long getSigned(MemorySegment s, long base, long length, long bitOffset, int bits) {
        return signExtend(getUnsigned(s, base, length, bitOffset, bits), bits);
    }

    /** Writes the low {@code bits} bits of {@code value} at bit {@code bitOffset}; the bytes must exist. */
    static void set(MemorySegment s, long base, long bitOffset, int bits, long value) {
        for (int i = 0; i < bits; i++) {
            long bit = bitOffset + i;
            long at = base + (bit >>> 3);
            int mask = 1 << (7 - (int) (bit & 7));
            int b = s.get(BYTE, at);
            boolean one = (value >>> (bits - 1 - i) & 1) != 0;
            s.set(BYTE, at, (byte) (one ? b | mask : b & ~mask));
        }
    }

    /** Largest value of a signed type of {@code bits} bits. */
    static long signedMax(int bits) {
        return bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    }

    /** Smallest value of a signed type of {@code bits} bits. */
    static long signedMin(int bits) {
        return -signedMax(bits) - 1;
    }

    /** Largest value of an unsigned type of {@code bits} bits (at most 63). */
    static long unsignedMax(int bits) {
        return (1L << bits) - 1;
    }

    /**
     * Whether {@code value + incr} leaves a signed type of {@code bits} bits: {@link #FITS},
     * {@link #ABOVE} or {@link #BELOW}. INCRBY passes the field's value; SET passes its argument
     * as {@code value} and 0 as {@code incr}.
     */
    static int signedOverflow(long value, long incr, int bits) {
        long max = signedMax(bits);
        long min = signedMin(bits);
        long roomUp = max - value; // may wrap: Redis compares with the wrapped value (see the class comment)
        long roomDown = min - value;
        boolean wide = bits == 64;
        if (value > max || (!wide && incr > roomUp) || (value >= 0 && incr > 0 && incr > roomUp)) {
            return ABOVE;
        }
        if (value < min || (!wide && incr < roomDown) || (value < 0 && incr < 0 && incr < roomDown)) {
            return BELOW;
        }
        return FITS;
    }

    /**
     * Whether {@code value + incr} leaves an unsigned type of {@code bits} bits (at most 63).
     * {@code value} is read as unsigned: SET of a negative argument is above any maximum.
     */
    static int unsignedOverflow(long value, long incr, int bits) {
        long max = unsignedMax(bits);
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > max - value)) {
            return ABOVE;
        }
        if (incr < 0 && incr < -value) {
            return BELOW;
        }
        return FITS;
    }

    /** OVERFLOW WRAP for a signed type: {@code sum} (computed modulo 2^64) reduced to {@code bits} bits. */
    static long wrapSigned(long sum, int bits) {
        return signExtend(sum, bits);
    }

    /** OVERFLOW WRAP for an unsigned type: the low {@code bits} bits of {@code sum}. */
    static long wrapUnsigned(long sum, int bits) {
        return sum & unsignedMax(bits);
    }

    private static long signExtend(long value, int bits) {
        int shift = 64 - bits;
        return value << shift >> shift;
    }
}
