package dev.kevy.server;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * BITCOUNT's and BITPOS's scans over a range of bits of a string in place. Bits are numbered from
 * the most significant bit of the first byte, so eight bytes read big-endian are 64 consecutive
 * bits in order; whole words are scanned that way and only the partial bytes at the range's ends
 * one at a time.
 */
final class BitScan {

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfLong BIG_WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private BitScan() {
    }

    /**
     * The number of set bits from bit {@code fromBit} to bit {@code toBit} (inclusive,
     * {@code fromBit <= toBit}) of the bytes at {@code base}.
     */
    static long count(MemorySegment s, long base, long fromBit, long toBit) {
        long first = fromBit >>> 3;
        long last = toBit >>> 3;
        long total = countBytes(s, base + first, last - first + 1);
        int before = ~(0xFF >>> (fromBit & 7)) & 0xFF; // bits of the first byte left of fromBit
        int after = 0xFF >>> ((toBit & 7) + 1); // bits of the last byte right of toBit
        total -= Integer.bitCount(s.get(BYTE, base + first) & before);
        total -= Integer.bitCount(s.get(BYTE, base + last) & after);
        return total;
    }

    /** The number of set bits in {@code length} bytes at {@code at}. */
    static long countBytes(MemorySegment s, long at, long length) {
        long total = 0;
        long end = at + length;
        long p = at;
        for (; p + 8 <= end; p += 8) {
            total += Long.bitCount(s.get(WORD, p));
        }
        for (; p < end; p++) {
            total += Integer.bitCount(s.get(BYTE, p) & 0xFF);
        }
        return total;
    }

    /**
     * The position (from bit 0 of {@code base}) of the first bit equal to {@code bit} between
     * {@code fromBit} and {@code toBit} (inclusive, {@code fromBit <= toBit}), or -1 if there is none.
     */
    static long first(MemorySegment s, long base, long fromBit, long toBit, int bit) {
        long firstByte = fromBit >>> 3;
        long lastByte = toBit >>> 3;
        long flip = bit == 1 ? 0 : -1L; // look for set bits in the value, or in its complement
        long i = firstByte;
        while (i <= lastByte) {
            if (i > firstByte && i + 8 <= lastByte) { // a whole word strictly inside the range
                long w = s.get(BIG_WORD, base + i) ^ flip;
                if (w != 0) {
                    return i * 8 + Long.numberOfLeadingZeros(w);
                }
                i += 8;
                continue;
            }
            int b = (s.get(BYTE, base + i) ^ (int) flip) & 0xFF;
            if (i == firstByte) {
                b &= 0xFF >>> (fromBit & 7);
            }
            if (i == lastByte) {
                b &= ~(0xFF >>> ((toBit & 7) + 1));
            }
            if (b != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(b) - 24;
            }
            i++;
        }
        return -1;
    }
}
