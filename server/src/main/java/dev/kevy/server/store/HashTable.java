package dev.kevy.server.store;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One open-addressing table with Robin Hood linear probing and backward-shift deletion.
 *
 * <p>A slot is 16 bytes: the key's full 64-bit hash, then the entry's block (0 = empty). Keeping
 * the whole hash in the slot means a probe rejects a non-matching key without touching its entry
 * (a false match needs equal 64-bit hashes), and rehashing or deleting never reads an entry: the
 * home slot of every occupant is {@code hash & mask}. The table is indexed with the LOW bits of
 * the hash because shard routing consumes the high 32 ({@code KeyHash.shardOf}).
 *
 * <p>Why Robin Hood over plain linear probing: an insert that finds a slot whose occupant sits
 * closer to its home than the newcomer does swaps them, so every key stays within a short,
 * low-variance distance of its home and a miss can stop as soon as it meets an occupant closer to
 * home than the probe is ({@code displacement < distance}); plain linear probing must run to an
 * empty slot, about 8.5 probes at 3/4 load. Why not control bytes (Swiss table): without SIMD in
 * the base JDK a group match costs SWAR arithmetic on every probe, and deletions leave tombstones
 * that incremental rehash and SCAN would have to reason about; backward shift leaves none.
 * {@code KeyspaceBench} measures the hit and miss paths.
 *
 * <p>Robin Hood also keeps the occupants of one home slot contiguous, after any displaced
 * occupants of earlier homes and before those of later homes. That is what lets SCAN treat
 * "every entry whose home is h" as Redis treats bucket h of a chained table.
 *
 * <p>The slots live in chunks of at most 8192 (128 KiB) allocated on first write, so creating a
 * table of millions of slots costs nothing up front: zeroing is paid a chunk at a time as the
 * incremental rehash fills it. A missing chunk reads as empty slots.
 */
final class HashTable {
    static final int SLOT_BYTES = 16;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final int HASH = 0;
    private static final int ENTRY = 8;
    private static final int MAX_CHUNK_SHIFT = 13;

    final int capacity;
    final int mask;
    /** Occupied slots. */
    int count;

    private final int chunkShift;
    private final int chunkMask;
    private final MemorySegment[] chunks;
    private final Arena arena;
    private long reservedBytes;

    /** A table of {@code capacity} slots, a power of two. */
    HashTable(int capacity) {
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.chunkShift = Math.min(Integer.numberOfTrailingZeros(capacity), MAX_CHUNK_SHIFT);
        this.chunkMask = (1 << chunkShift) - 1;
        this.chunks = new MemorySegment[capacity >>> chunkShift];
        this.arena = Arena.ofShared();
    }

    /** The entry block in a slot, 0 when empty. */
    long entryAt(int slot) {
        MemorySegment chunk = chunks[slot >>> chunkShift];
        return chunk == null ? 0 : chunk.get(LONG, slotOffset(slot) + ENTRY);
    }

    /** The hash stored in an occupied slot. */
    long hashAt(int slot) {
        return chunks[slot >>> chunkShift].get(LONG, slotOffset(slot) + HASH);
    }

    /** How far an occupied slot is from its occupant's home slot. */
    int displacementAt(int slot) {
        return (slot - (int) hashAt(slot)) & mask;
    }

    void setEntryAt(int slot, long entry) {
        chunks[slot >>> chunkShift].set(LONG, slotOffset(slot) + ENTRY, entry);
    }

    /** The slot holding the key, or -1. */
    int find(long hash, MemorySegment key, long keyOffset, int keyLength, BlockAllocator memory) {
        int slot = (int) hash & mask;
        for (int distance = 0; ; distance++, slot = (slot + 1) & mask) {
            MemorySegment chunk = chunks[slot >>> chunkShift];
            if (chunk == null) {
                return -1;
            }
            long at = slotOffset(slot);
            long entry = chunk.get(LONG, at + ENTRY);
            if (entry == 0) {
                return -1;
            }
            long slotHash = chunk.get(LONG, at + HASH);
            if (slotHash == hash) {
                if (keyEquals(memory, entry, key, keyOffset, keyLength)) {
                    return slot;
                }
            } else if (((slot - (int) slotHash) & mask) < distance) {
                return -1;
            }
        }
    }

    /**
     * The entry word of {@code hash}'s home slot, whoever occupies it: one load and no decision
     * on its value, so a caller can start the loads of many slots before the first arrives.
     */
    long homeEntryWord(long hash) {
        int slot = (int) hash & mask;
        MemorySegment chunk = chunks[slot >>> chunkShift];
        return chunk == null ? 0 : chunk.get(LONG, slotOffset(slot) + ENTRY);
    }

    /**
     * The entry of the first slot whose stored hash is {@code hash}, or 0: a probe that compares
     * hashes only and never reads an entry, so its only memory traffic is the slots' cache line.
     * The look-ahead ({@link LookAhead}) uses it to learn which entry a coming lookup will touch.
     */
    long entryWithHash(long hash) {
        int slot = (int) hash & mask;
        for (int distance = 0; ; distance++, slot = (slot + 1) & mask) {
            MemorySegment chunk = chunks[slot >>> chunkShift];
            if (chunk == null) {
                return 0;
            }
            long at = slotOffset(slot);
            long entry = chunk.get(LONG, at + ENTRY);
            long slotHash = chunk.get(LONG, at + HASH);
            if (entry == 0 || slotHash == hash) {
                return entry;
            }
            if (((slot - (int) slotHash) & mask) < distance) {
                return 0;
            }
        }
    }

    /** The slot holding this exact entry block, or -1. */
    int findEntry(long hash, long entry) {
        int slot = (int) hash & mask;
        for (int distance = 0; ; distance++, slot = (slot + 1) & mask) {
            long occupant = entryAt(slot);
            if (occupant == entry) {
                return slot;
            }
            if (occupant == 0 || displacementAt(slot) < distance) {
                return -1;
            }
        }
    }

    /** Adds an entry whose key is known to be absent. The caller keeps the load below 1. */
    void insert(long hash, long entry) {
        int slot = (int) hash & mask;
        int distance = 0;
        for (; ; slot = (slot + 1) & mask, distance++) {
            MemorySegment chunk = writableChunk(slot);
            long at = slotOffset(slot);
            long occupant = chunk.get(LONG, at + ENTRY);
            if (occupant == 0) {
                chunk.set(LONG, at + HASH, hash);
                chunk.set(LONG, at + ENTRY, entry);
                count++;
                return;
            }
            long occupantHash = chunk.get(LONG, at + HASH);
            int occupantDistance = (slot - (int) occupantHash) & mask;
            if (occupantDistance < distance) {
                chunk.set(LONG, at + HASH, hash);
                chunk.set(LONG, at + ENTRY, entry);
                hash = occupantHash;
                entry = occupant;
                distance = occupantDistance;
            }
        }
    }

    /** Empties an occupied slot, shifting the displaced occupants after it one step home. */
    void removeAt(int slot) {
        int hole = slot;
        for (;;) {
            int nextSlot = (hole + 1) & mask;
            long entry = entryAt(nextSlot);
            if (entry == 0 || displacementAt(nextSlot) == 0) {
                break;
            }
            MemorySegment chunk = chunks[hole >>> chunkShift];
            long at = slotOffset(hole);
            chunk.set(LONG, at + HASH, hashAt(nextSlot));
            chunk.set(LONG, at + ENTRY, entry);
            hole = nextSlot;
        }
        MemorySegment chunk = chunks[hole >>> chunkShift];
        long at = slotOffset(hole);
        chunk.set(LONG, at + HASH, 0L);
        chunk.set(LONG, at + ENTRY, 0L);
        count--;
    }

    /** Off-heap bytes the slots of a full table occupy (what INFO counts). */
    long byteSize() {
        return (long) capacity * SLOT_BYTES;
    }

    /** Off-heap bytes actually allocated so far. */
    long reservedBytes() {
        return reservedBytes;
    }

    /** Frees the slots; the table must not be used afterwards. */
    void close() {
        arena.close();
    }

    private long slotOffset(int slot) {
        return (long) (slot & chunkMask) * SLOT_BYTES;
    }

    private MemorySegment writableChunk(int slot) {
        int index = slot >>> chunkShift;
        MemorySegment chunk = chunks[index];
        if (chunk == null) {
            chunk = Pages.allocate((long) SLOT_BYTES << chunkShift, arena);
            chunks[index] = chunk;
            reservedBytes += chunk.byteSize();
        }
        return chunk;
    }

    private static boolean keyEquals(BlockAllocator memory, long entry, MemorySegment key, long keyOffset, int keyLength) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        if (EntryLayout.keyLength(s, base) != keyLength) {
            return false;
        }
        return Prefixed.sameBytes(s, base + EntryLayout.HEADER, key, keyOffset, keyLength);
    }
}
