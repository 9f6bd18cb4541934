package dev.kevy.server.store;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The entries that have an expiry, in a dense off-heap array, so active expiry can sample them
 * uniformly at random in O(1) without walking the table (Redis samples its expires dict for the
 * same reason).
 *
 * <p>Each entry's header records its position ({@link EntryLayout#EXPIRY_INDEX}); removal moves the
 * last element into the hole, and the caller rewrites that element's recorded position. The array
 * grows by 64 KiB chunks that are never copied, so growth never stalls on a large copy.
 */
final class ExpiryIndex {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final int CHUNK_SHIFT = 13; // 8192 entries
    private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;

    private MemorySegment[] chunks = new MemorySegment[8];
    private Arena arena;
    private int size;
    private long reservedBytes;

    int size() {
        return size;
    }

    long get(int index) {
        return chunks[index >>> CHUNK_SHIFT].get(LONG, (long) (index & CHUNK_MASK) << 3);
    }

    void set(int index, long entry) {
        chunks[index >>> CHUNK_SHIFT].set(LONG, (long) (index & CHUNK_MASK) << 3, entry);
    }

    /** Appends an entry and returns its position. */
    int add(long entry) {
        int index = size;
        int chunk = index >>> CHUNK_SHIFT;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[chunk] == null) {
            if (arena == null) {
                arena = Arena.ofShared();
            }
            chunks[chunk] = Pages.allocate(8L << CHUNK_SHIFT, arena);
            reservedBytes += 8L << CHUNK_SHIFT;
        }
        set(index, entry);
        size = index + 1;
        return index;
    }

    /**
     * Removes the element at {@code index} by moving the last element into it; returns the moved
     * entry, whose recorded position the caller must set to {@code index}, or 0 if none moved.
     */
    long removeAt(int index) {
        int last = --size;
        if (index == last) {
            return 0;
        }
        long moved = get(last);
        set(index, moved);
        return moved;
    }

    long reservedBytes() {
        return reservedBytes;
    }

    /** Forgets every element and frees the memory. */
    void reset() {
        close();
        chunks = new MemorySegment[8];
        size = 0;
        reservedBytes = 0;
    }

    void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }
}
