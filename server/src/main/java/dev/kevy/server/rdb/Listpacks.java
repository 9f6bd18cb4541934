package dev.kevy.server.rdb;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Walks the compact blobs Redis 7 writes for small values: listpacks (hashes, sorted sets, list
 * nodes, 7.2's small sets) and intsets. Each element lands in {@link RdbInput}'s view (a string
 * inside the blob, or an integer's decimal text) and goes to a callback.
 *
 * <p>A listpack: a 32-bit total size, a 16-bit element count (65535 when unknown), the entries,
 * then 0xFF. An entry is an encoding byte (a 7-bit integer; a string of 6, 12 or 32-bit length; a
 * 13, 16, 24, 32 or 64-bit integer), its data, and a backward length of 1 to 5 bytes.
 */
final class Listpacks {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int HEADER = 6;

    private Listpacks() {
    }

    /**
     * Walks the listpack {@code [at, at + size)} of {@code s}: each element to the visitor's
     * {@link RdbVisitor#element}, or with {@code scored} each member and score pair to
     * {@link RdbVisitor#scored}. Returns the number of entries.
     */
    static int forEach(MemorySegment s, long at, long size, RdbInput view, RdbVisitor visitor, boolean scored) {
        if (size < HEADER + 1 || (s.get(INT_LE, at) & 0xFFFF_FFFFL) != size) {
            throw new RdbFormatException("a listpack whose size field disagrees with its " + size + " bytes");
        }
        long p = at + HEADER;
        long end = at + size;
        int count = 0;
        while (true) {
            check(p < end);
            int b = s.get(BYTE, p) & 0xFF;
            if (b == 0xFF) {
                check(p == end - 1);
                return count;
            }
            long entrySize;
            if ((b & 0x80) == 0) {
                view.integerText(b);
                entrySize = 1;
            } else if ((b & 0xC0) == 0x80) {
                entrySize = string(s, p, 1, b & 0x3F, end, view);
            } else if ((b & 0xE0) == 0xC0) {
                check(p + 2 <= end);
                int v = (b & 0x1F) << 8 | s.get(BYTE, p + 1) & 0xFF;
                view.integerText(v >= 1 << 12 ? v - (1 << 13) : v);
                entrySize = 2;
            } else if ((b & 0xF0) == 0xE0) {
                check(p + 2 <= end);
                entrySize = string(s, p, 2, (b & 0x0F) << 8 | s.get(BYTE, p + 1) & 0xFF, end, view);
            } else if (b == 0xF0) {
                check(p + 5 <= end);
                entrySize = string(s, p, 5, s.get(INT_LE, p + 1) & 0xFFFF_FFFFL, end, view);
            } else {
                entrySize = integer(s, p, b, end, view);
            }
            if (!scored) {
                visitor.element(view.segment, view.offset, view.length);
            } else if (count % 2 == 0) {
                view.keep(); // the member waits for its score
            } else {
                visitor.scored(view.kept, 0, view.keptLength, view.score());
            }
            count++;
            p += entrySize + backlenBytes(entrySize);
        }
    }

    private static long string(MemorySegment s, long p, int header, long length, long end, RdbInput view) {
        check(p + header + length <= end);
        view.segment = s;
        view.offset = p + header;
        view.length = (int) length;
        return header + length;
    }

    private static long integer(MemorySegment s, long p, int b, long end, RdbInput view) {
        int bytes = switch (b) {
            case 0xF1 -> 2;
            case 0xF2 -> 3;
            case 0xF3 -> 4;
            case 0xF4 -> 8;
            default -> throw new RdbFormatException("unknown listpack entry encoding 0x" + Integer.toHexString(b));
        };
        check(p + 1 + bytes <= end);
        long v = switch (bytes) {
            case 2 -> s.get(SHORT_LE, p + 1);
            case 3 -> (s.get(BYTE, p + 1) & 0xFF | (s.get(BYTE, p + 2) & 0xFF) << 8 | s.get(BYTE, p + 3) << 16);
            case 4 -> s.get(INT_LE, p + 1);
            default -> s.get(LONG_LE, p + 1);
        };
        view.integerText(v);
        return 1 + bytes;
    }

    /** Bytes of the backward length that follows an entry of {@code entrySize} bytes. */
    private static int backlenBytes(long entrySize) {
        return entrySize <= 127 ? 1 : entrySize < 16383 ? 2 : entrySize < 2097151 ? 3 : entrySize < 268435455 ? 4 : 5;
    }

    /** Walks the intset {@code [at, at + size)}: a 32-bit width (2, 4 or 8), a 32-bit count, sorted integers. */
    static int forEachInt(MemorySegment s, long at, long size, RdbInput view, RdbVisitor visitor) {
        check(size >= 8);
        int width = s.get(INT_LE, at);
        long count = s.get(INT_LE, at + 4) & 0xFFFF_FFFFL;
        if ((width != 2 && width != 4 && width != 8) || 8 + count * width != size) {
            throw new RdbFormatException("a malformed intset (width " + width + ", " + count + " values in " + size + " bytes)");
        }
        for (long i = 0; i < count; i++) {
            long p = at + 8 + i * width;
            view.integerText(width == 2 ? s.get(SHORT_LE, p) : width == 4 ? s.get(INT_LE, p) : s.get(LONG_LE, p));
            visitor.element(view.segment, view.offset, view.length);
        }
        return (int) count;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new RdbFormatException("a listpack entry runs past its end");
        }
    }
}
