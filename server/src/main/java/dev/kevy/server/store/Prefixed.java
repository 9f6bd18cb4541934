package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The length-prefixed byte string that collection elements are stored as, in both the compact
 * encoding ({@link Packed}) and the elements of a {@link FieldTable}: one length byte for strings
 * shorter than 255 bytes, else the byte 255 followed by a 4-byte length; then the bytes.
 *
 * <p>Small elements are the common case (the compact encoding holds only elements of at most 64
 * bytes by default), so they pay one byte of overhead, as in Redis's listpack. A position of a
 * prefixed string is enough to find its length, its bytes and the string after it.
 */
final class Prefixed {
    private static final int LONG_MARK = 0xFF;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private Prefixed() {
    }

    /** Bytes a string of {@code length} bytes occupies, prefix included. */
    static int size(int length) {
        return (length < LONG_MARK ? 1 : 5) + length;
    }

    /** Length of the string at {@code at}. */
    static int length(MemorySegment s, long at) {
        int first = s.get(BYTE, at) & 0xFF;
        return first < LONG_MARK ? first : s.get(EntryLayout.INT, at + 1);
    }

    /** Offset of the first byte of the string at {@code at}. */
    static long data(MemorySegment s, long at) {
        return at + ((s.get(BYTE, at) & 0xFF) < LONG_MARK ? 1 : 5);
    }

    /** Offset just past the string at {@code at}: where the next one starts. */
    static long next(MemorySegment s, long at) {
        int first = s.get(BYTE, at) & 0xFF;
        return first < LONG_MARK ? at + 1 + first : at + 5 + s.get(EntryLayout.INT, at + 1);
    }

    /** Writes {@code length} bytes of {@code src} as a prefixed string at {@code at}; returns the offset after it. */
    static long write(MemorySegment s, long at, MemorySegment src, long srcOffset, int length) {
        long data;
        if (length < LONG_MARK) {
            s.set(BYTE, at, (byte) length);
            data = at + 1;
        } else {
            s.set(BYTE, at, (byte) LONG_MARK);
            s.set(EntryLayout.INT, at + 1, length);
            data = at + 5;
        }
        MemorySegment.copy(src, srcOffset, s, data, length);
        return data + length;
    }

    /** Whether the string at {@code at} is exactly {@code length} bytes of {@code key} from {@code keyOffset}. */
    static boolean equals(MemorySegment s, long at, MemorySegment key, long keyOffset, int length) {
        int first = s.get(BYTE, at) & 0xFF;
        long data;
        if (first < LONG_MARK) {
            if (first != length) {
                return false;
            }
            data = at + 1;
        } else {
            if (s.get(EntryLayout.INT, at + 1) != length) {
                return false;
            }
            data = at + 5;
        }
        return sameBytes(s, data, key, keyOffset, length);
    }

    /**
     * Compares two byte ranges of one length. A packed collection compares a field with every
     * element of the same length, so most calls must fail fast: ranges of 8 to 16 bytes compare
     * as two (overlapping) words, the last word first because keys that share a prefix differ
     * at the end, ranges of 4 to 7 bytes as two four-byte words; only longer ranges pay for
     * {@link MemorySegment#mismatch}.
     */
    static boolean sameBytes(MemorySegment s, long at, MemorySegment key, long keyOffset, int length) {
        if (length < 8) {
            if (length >= 4) { // two four-byte words, overlapping when shorter than eight
                return s.get(EntryLayout.INT, at) == key.get(EntryLayout.INT, keyOffset)
                        && s.get(EntryLayout.INT, at + length - 4) == key.get(EntryLayout.INT, keyOffset + length - 4);
            }
            for (int i = 0; i < length; i++) {
                if (s.get(BYTE, at + i) != key.get(BYTE, keyOffset + i)) {
                    return false;
                }
            }
            return true;
        }
        if (s.get(EntryLayout.LONG, at + length - 8) != key.get(EntryLayout.LONG, keyOffset + length - 8)) {
            return false;
        }
        if (length <= 16) {
            return s.get(EntryLayout.LONG, at) == key.get(EntryLayout.LONG, keyOffset);
        }
        return MemorySegment.mismatch(s, at, at + length, key, keyOffset, keyOffset + length) == -1;
    }

    /** Orders two byte ranges: memcmp over the shorter length, then the shorter first (Redis's {@code sdscmp}). */
    static int compare(MemorySegment a, long aOffset, int aLength, MemorySegment b, long bOffset, int bLength) {
        int n = Math.min(aLength, bLength);
        long m = MemorySegment.mismatch(a, aOffset, aOffset + n, b, bOffset, bOffset + n);
        if (m >= 0) {
            return Integer.compare(a.get(BYTE, aOffset + m) & 0xFF, b.get(BYTE, bOffset + m) & 0xFF);
        }
        return Integer.compare(aLength, bLength);
    }
}
