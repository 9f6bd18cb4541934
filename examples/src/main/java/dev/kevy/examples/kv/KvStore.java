package dev.kevy.examples.kv;

import dev.kevy.rt.KeyHash;
import dev.kevy.rt.buffer.BufferPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * One shard's keys and values, held off-heap so that storing, overwriting and deleting allocate
 * nothing once the store has grown to its working set.
 *
 * <h2>Entries</h2>
 * Each entry is one block: {@code int valueLength, u16 keyLength, key bytes, value bytes}. Blocks
 * come in size classes 64, 96, 128, 192, 256, ... (powers of two and the halfway points between
 * them, so a block wastes less than a third of itself), as memcached's slab allocator does: each
 * class carves its blocks from its own pages and keeps the blocks it got back on a free list,
 * linked through their first 8 bytes. An overwrite that stays in its class rewrites the block in
 * place; one that changes class takes a block of the new class and frees the old; a delete frees
 * its block. So a steady workload reuses blocks forever, and memory is bounded by each class's
 * peak: a block freed in one class is never lent to another, and pages are never returned before
 * {@link #close()} (memcached's "slab calcification"; the price of a store this small).
 *
 * <p>Pages are 1 MiB blocks of the shard's {@link BufferPool} (a class larger than that gets one
 * block per entry, a dedicated pool block). All pages together never exceed {@code maxBytes}; a
 * {@link #put} that would need more fails and changes nothing (there is no eviction).
 *
 * <h2>Index</h2>
 * Open addressing with linear probing over two arrays: each slot holds an entry's 64-bit key
 * hash (0 marks an empty slot) and its address ({@code page << 32 | offset}). The table is kept at
 * most half full and doubles when it would not be: the only allocation after start-up, and only
 * while the number of keys grows past every earlier peak. Deletion shifts the following entries of
 * the probe run back (no tombstones), so lookups never slow down with churn.
 *
 * <p>Not thread-safe: one store belongs to one shard thread.
 */
final class KvStore {
    /** {@link #find} result for an absent key. */
    static final long NONE = -1;
    /** Default {@code maxBytes}: pages one shard may hold. */
    static final long DEFAULT_MAX_BYTES = 256L << 20;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    /** Entry layout. */
    private static final long VALUE_LENGTH = 0;
    private static final long KEY_LENGTH = 4;
    private static final long KEY = 6;
    /** In a free block: the address of the next free block of its class, or NONE. */
    private static final long NEXT_FREE = 0;

    private static final int MIN_BLOCK_SHIFT = 6;
    private static final long PAGE_BYTES = 1L << 20;
    private static final int MAX_KEY_LENGTH = 0xFFFF;
    private static final int INITIAL_SLOTS = 1024;

    private final BufferPool pool;
    private final long maxBytes;
    private long reservedBytes;

    private MemorySegment[] pages = new MemorySegment[16];
    private int pageCount;

    /** Per class: first free block, next block to carve, end of the page being carved. */
    private final long[] freeHead;
    private final long[] carveAt;
    private final long[] carveEnd;

    private long[] hashes = new long[INITIAL_SLOTS];
    private long[] entries = new long[INITIAL_SLOTS];
    private int mask = INITIAL_SLOTS - 1;
    private int size;

    /**
     * @param pool           where pages come from (the shard's)
     * @param maxValueLength the largest value a {@link #put} may bring
     * @param maxBytes       most bytes of pages held at once
     */
    KvStore(BufferPool pool, long maxValueLength, long maxBytes) {
        this.pool = pool;
        this.maxBytes = maxBytes;
        int classes = classOf(KEY + MAX_KEY_LENGTH + maxValueLength) + 1;
        freeHead = new long[classes];
        carveAt = new long[classes];
        carveEnd = new long[classes];
        Arrays.fill(freeHead, NONE);
        Arrays.fill(carveAt, NONE);
        Arrays.fill(carveEnd, NONE);
    }

    /** Keys held. */
    int size() {
        return size;
    }

    /** Bytes of pages held. */
    long reservedBytes() {
        return reservedBytes;
    }

    /** The entry of the key {@code [offset, offset + length)} of {@code key}, or {@link #NONE}. */
    long find(MemorySegment key, long offset, long length) {
        int slot = slotOf(hash(key, offset, length), key, offset, length);
        return slot < 0 ? NONE : entries[slot];
    }

    /** The segment holding {@code entry}'s bytes. */
    MemorySegment segmentOf(long entry) {
        return pages[(int) (entry >>> 32)];
    }

    /** Where {@code entry}'s value starts in {@link #segmentOf}. */
    long valueOffset(long entry) {
        long at = offsetOf(entry);
        return at + KEY + keyLength(segmentOf(entry), at);
    }

    /** Length of {@code entry}'s value. */
    long valueLength(long entry) {
        return segmentOf(entry).get(INT, offsetOf(entry) + VALUE_LENGTH);
    }

    /**
     * Stores a copy of the value under a copy of the key, replacing any value it had.
     *
     * @return {@code false} if the store is full; the key's old value (or absence) is kept
     */
    boolean put(MemorySegment key, long keyOffset, long keyLength,
                MemorySegment value, long valueOffset, long valueLength) {
        if (keyLength > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key of " + keyLength + " bytes");
        }
        long hash = hash(key, keyOffset, keyLength);
        int slot = slotOf(hash, key, keyOffset, keyLength);
        int wanted = classOf(KEY + keyLength + valueLength);
        if (slot >= 0) {
            long old = entries[slot];
            int oldClass = classOf(KEY + keyLength + valueLength(old));
            if (oldClass == wanted) {
                writeValue(old, value, valueOffset, valueLength);
                return true;
            }
            long block = allocate(wanted);
            if (block == NONE) {
                return false;
            }
            writeEntry(block, key, keyOffset, keyLength, value, valueOffset, valueLength);
            release(old, oldClass);
            entries[slot] = block;
            return true;
        }
        long block = allocate(wanted);
        if (block == NONE) {
            return false;
        }
        writeEntry(block, key, keyOffset, keyLength, value, valueOffset, valueLength);
        if ((size + 1) * 2L > hashes.length) {
            growIndex();
        }
        insert(hash, block);
        size++;
        return true;
    }

    /** Deletes the key; {@code false} if it was absent. */
    boolean remove(MemorySegment key, long offset, long length) {
        int slot = slotOf(hash(key, offset, length), key, offset, length);
        if (slot < 0) {
            return false;
        }
        long entry = entries[slot];
        release(entry, classOf(KEY + length + valueLength(entry)));
        closeGap(slot);
        size--;
        return true;
    }

    /** Gives every page back to the pool; the store must not be used afterwards. */
    void close() {
        for (int i = 0; i < pageCount; i++) {
            pool.release(pages[i]);
            pages[i] = null;
        }
        pageCount = 0;
        reservedBytes = 0;
        size = 0;
    }

    private int slotOf(long hash, MemorySegment key, long offset, long length) {
        for (int i = (int) hash & mask; hashes[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == hash && keyEquals(entries[i], key, offset, length)) {
                return i;
            }
        }
        return -1;
    }

    private boolean keyEquals(long entry, MemorySegment key, long offset, long length) {
        MemorySegment page = segmentOf(entry);
        long at = offsetOf(entry);
        return keyLength(page, at) == length
                && MemorySegment.mismatch(page, at + KEY, at + KEY + length, key, offset, offset + length) == -1;
    }

    private void insert(long hash, long entry) {
        int i = (int) hash & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        entries[i] = entry;
    }

    /**
     * Empties {@code slot} and moves back every later entry of the probe run that may take the
     * hole: one whose home slot is not between the hole and where it sits (cyclically).
     */
    private void closeGap(int slot) {
        int hole = slot;
        for (int j = (slot + 1) & mask; hashes[j] != 0; j = (j + 1) & mask) {
            int home = (int) hashes[j] & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                hashes[hole] = hashes[j];
                entries[hole] = entries[j];
                hole = j;
            }
        }
        hashes[hole] = 0;
        entries[hole] = NONE;
    }

    private void growIndex() {
        long[] oldHashes = hashes;
        long[] oldEntries = entries;
        hashes = new long[oldHashes.length * 2];
        entries = new long[oldHashes.length * 2];
        mask = hashes.length - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                insert(oldHashes[i], oldEntries[i]);
            }
        }
    }

    private void writeEntry(long block, MemorySegment key, long keyOffset, long keyLength,
                            MemorySegment value, long valueOffset, long valueLength) {
        MemorySegment page = segmentOf(block);
        long at = offsetOf(block);
        page.set(SHORT, at + KEY_LENGTH, (short) keyLength);
        MemorySegment.copy(key, keyOffset, page, at + KEY, keyLength);
        writeValue(block, value, valueOffset, valueLength);
    }

    private void writeValue(long entry, MemorySegment value, long valueOffset, long valueLength) {
        MemorySegment page = segmentOf(entry);
        long at = offsetOf(entry);
        page.set(INT, at + VALUE_LENGTH, (int) valueLength);
        MemorySegment.copy(value, valueOffset, page, at + KEY + keyLength(page, at), valueLength);
    }

    /** A block of class {@code c}: a freed one if any, else carved; {@link #NONE} if full. */
    private long allocate(int c) {
        long block = freeHead[c];
        if (block != NONE) {
            freeHead[c] = segmentOf(block).get(LONG, offsetOf(block) + NEXT_FREE);
            return block;
        }
        long size = classSize(c);
        if (carveAt[c] == NONE || carveAt[c] + size > carveEnd[c]) {
            int page = addPage(Math.max(PAGE_BYTES, size));
            if (page < 0) {
                return NONE;
            }
            carveAt[c] = (long) page << 32;
            carveEnd[c] = carveAt[c] + pages[page].byteSize();
        }
        block = carveAt[c];
        carveAt[c] += size;
        return block;
    }

    private void release(long block, int c) {
        segmentOf(block).set(LONG, offsetOf(block) + NEXT_FREE, freeHead[c]);
        freeHead[c] = block;
    }

    /** A new page of at least {@code bytes}; its number, or -1 past {@code maxBytes}. */
    private int addPage(long bytes) {
        long blockSize = pool.blockSizeFor(bytes);
        if (reservedBytes + blockSize > maxBytes) {
            return -1;
        }
        if (pageCount == pages.length) {
            pages = Arrays.copyOf(pages, pageCount * 2);
        }
        MemorySegment page = pool.acquire(bytes);
        reservedBytes += page.byteSize();
        pages[pageCount] = page;
        return pageCount++;
    }

    /**
     * The class of a block of {@code bytes}: class 2k is {@code 64 << k}, class 2k+1 is
     * {@code 96 << k}, so each class is the smallest that fits.
     */
    static int classOf(long bytes) {
        if (bytes <= 1L << MIN_BLOCK_SHIFT) {
            return 0;
        }
        long half = Long.highestOneBit(bytes - 1); // half < bytes <= 2 * half
        int k = 2 * (Long.numberOfTrailingZeros(half) - MIN_BLOCK_SHIFT);
        return bytes <= half + (half >>> 1) ? k + 1 : k + 2;
    }

    /** Bytes of a block of class {@code c}. */
    static long classSize(int c) {
        return (c & 1) == 0 ? 64L << (c >>> 1) : 96L << (c >>> 1);
    }

    private static long offsetOf(long entry) {
        return entry & 0xFFFF_FFFFL;
    }

    private static long keyLength(MemorySegment page, long at) {
        return Short.toUnsignedLong(page.get(SHORT, at + KEY_LENGTH));
    }

    /** The key's hash, never 0 (0 marks an empty slot); the index uses its low bits. */
    private static long hash(MemorySegment key, long offset, long length) {
        long h = KeyHash.hash(key, offset, length);
        return h == 0 ? 1 : h;
    }
}
