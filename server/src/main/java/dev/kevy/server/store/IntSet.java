package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.LONG;

/**
 * The encoding of a small set of integers ("intset"): the members as 64-bit values in ascending
 * order, filling the entry's value bytes (so the count is the value length / 8). Membership is a
 * binary search; SMEMBERS answers in ascending order, as Redis does.
 */
final class IntSet {
    static final int WIDTH = 8;

    private IntSet() {
    }

    /** The member's index, or {@code -(insertion point) - 1} when absent (as {@code Arrays.binarySearch}). */
    static int search(MemorySegment s, long base, int count, long member) {
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long v = s.get(LONG, base + (long) mid * WIDTH);
            if (v < member) {
                low = mid + 1;
            } else if (v > member) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    static long get(MemorySegment s, long base, int index) {
        return s.get(LONG, base + (long) index * WIDTH);
    }

    /** Bytes the members take as packed decimal text ({@link Packed}), the header included. */
    static int packedSize(MemorySegment s, long base, int count) {
        int size = Packed.HEADER;
        for (int i = 0; i < count; i++) {
            size += Prefixed.size(Decimal.length(get(s, base, i)));
        }
        return size;
    }
}
