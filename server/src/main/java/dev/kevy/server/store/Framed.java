package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A list element as stored in a node ({@link ListNodes}): its length both before and after its
 * bytes, so a node can be walked from either end (a listpack's "backlen"). One length byte on
 * each side for elements shorter than 255 bytes; else the byte 255 and a 4-byte length before,
 * the 4-byte length and the byte 255 after.
 *
 * <pre>
 *   short:  len | bytes | len                     (len + 2 bytes)
 *   long:   255 | len (int) | bytes | len (int) | 255   (len + 10 bytes)
 * </pre>
 *
 * <p>Walking backwards is what makes RPOP and a walk from the tail (LRANGE with negative
 * indexes, LPOS with a negative RANK) as cheap as from the head; one byte per element is the
 * price, as in Redis's listpack.
 */
final class Framed {
    private static final int LONG_MARK = 0xFF;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private Framed() {
    }

    /** Bytes an element of {@code length} bytes occupies, both lengths included. */
    static int size(int length) {
        return length < LONG_MARK ? length + 2 : length + 10;
    }

    /** Length of the element at {@code at}. */
    static int length(MemorySegment s, long at) {
        int first = s.get(BYTE, at) & 0xFF;
        return first < LONG_MARK ? first : s.get(EntryLayout.INT, at + 1);
    }

    /** Offset of the first byte of the element at {@code at}. */
    static long data(MemorySegment s, long at) {
        return at + ((s.get(BYTE, at) & 0xFF) < LONG_MARK ? 1 : 5);
    }

    /** Offset just past the element at {@code at}: where the next one starts. */
    static long next(MemorySegment s, long at) {
        int first = s.get(BYTE, at) & 0xFF;
        return first < LONG_MARK ? at + 2 + first : at + 10 + s.get(EntryLayout.INT, at + 1);
    }

    /** Offset of the element that ends just before {@code end}. */
    static long previous(MemorySegment s, long end) {
        int last = s.get(BYTE, end - 1) & 0xFF;
        return last < LONG_MARK ? end - 2 - last : end - 10 - s.get(EntryLayout.INT, end - 5);
    }

    /** Writes {@code length} bytes of {@code src} as an element at {@code at}; returns the offset after it. */
    static long write(MemorySegment s, long at, MemorySegment src, long srcOffset, int length) {
        if (length < LONG_MARK) {
            s.set(BYTE, at, (byte) length);
            MemorySegment.copy(src, srcOffset, s, at + 1, length);
            s.set(BYTE, at + 1 + length, (byte) length);
            return at + 2 + length;
        }
        s.set(BYTE, at, (byte) LONG_MARK);
        s.set(EntryLayout.INT, at + 1, length);
        MemorySegment.copy(src, srcOffset, s, at + 5, length);
        s.set(EntryLayout.INT, at + 5 + length, length);
        s.set(BYTE, at + 9 + length, (byte) LONG_MARK);
        return at + 10 + length;
    }

    /** Whether the element at {@code at} is exactly {@code length} bytes of {@code key} from {@code keyOffset}. */
    static boolean equals(MemorySegment s, long at, MemorySegment key, long keyOffset, int length) {
        return length(s, at) == length && Prefixed.sameBytes(s, data(s, at), key, keyOffset, length);
    }
}
