package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.LONG;

/**
 * The large encoding of a hash or a set ("hashtable" in OBJECT ENCODING): an open-addressing table
 * with Robin Hood probing and backward-shift deletion, like the key index ({@link HashTable}), but
 * kept in a single allocator block so that a collection costs no heap object.
 *
 * <pre>
 *  0  int  count
 *  4  int  mask      capacity - 1; the capacity is a power of two
 *  8  slots          16 bytes each: the element's 64-bit hash, then its block (0 = empty)
 * </pre>
 *
 * <p>An element is a block of its own holding the field as a {@link Prefixed} string and, for a
 * hash, the value after it. The table grows by doubling past 3/4 load and halves below 1/8, each
 * time rebuilt in one step: a collection's table is rebuilt at once, not incrementally as the
 * key index is (a table of a million fields moves 16 MiB of slots; see docs/SERVER.md).
 *
 * <p>The operations are static over (allocator, table block) because the table block moves when it
 * is rebuilt: those that may rebuild it return the table's block, which the owner stores.
 */
final class FieldTable {
    static final int HEADER = 8;
    static final int SLOT = 16;
    /** Most slots in a table: its block must stay under {@link SizeClasses#MAX_SIZE}. */
    static final int MAX_CAPACITY = 1 << 26;
    /** Most elements in one collection. */
    static final int MAX_ELEMENTS = MAX_CAPACITY - (MAX_CAPACITY >>> 2);
    private static final int MIN_CAPACITY = 16;
    /** Elements a walk over the table loads ahead at a time, a power of two. */
    private static final int AHEAD = BlockAllocator.GATHER;

    private FieldTable() {
    }

    /** A new empty table with room for {@code expected} elements. */
    static long create(BlockAllocator memory, int expected) {
        return allocate(memory, capacityFor(expected));
    }

    private static long allocate(BlockAllocator memory, int capacity) {
        long table = memory.allocate(HEADER + capacity * SLOT);
        MemorySegment s = memory.segment(table);
        long base = BlockAllocator.offset(table);
        Entries.fillZero(s, base + HEADER, (long) capacity * SLOT);
        s.set(INT, base, 0);
        s.set(INT, base + 4, capacity - 1);
        return table;
    }

    static int count(BlockAllocator memory, long table) {
        return memory.segment(table).get(INT, BlockAllocator.offset(table));
    }

    static int mask(BlockAllocator memory, long table) {
        return memory.segment(table).get(INT, BlockAllocator.offset(table) + 4);
    }

    /** The element block in {@code slot}, 0 when the slot is empty. */
    static long elementAt(BlockAllocator memory, long table, int slot) {
        return memory.segment(table).get(LONG, slotAt(table, slot) + 8);
    }

    static void setElementAt(BlockAllocator memory, long table, int slot, long element) {
        memory.segment(table).set(LONG, slotAt(table, slot) + 8, element);
    }

    /** The slot of the element whose field is the given bytes, or -1. */
    static int find(BlockAllocator memory, long table, long hash, MemorySegment key, long keyOffset, int keyLength) {
        MemorySegment s = memory.segment(table);
        int mask = s.get(INT, BlockAllocator.offset(table) + 4);
        int slot = (int) hash & mask;
        for (int distance = 0; ; distance++, slot = (slot + 1) & mask) {
            long at = slotAt(table, slot);
            long element = s.get(LONG, at + 8);
            if (element == 0) {
                return -1;
            }
            long slotHash = s.get(LONG, at);
            if (slotHash == hash) {
                if (Prefixed.equals(memory.segment(element), BlockAllocator.offset(element), key, keyOffset, keyLength)) {
                    return slot;
                }
            } else if (((slot - (int) slotHash) & mask) < distance) {
                return -1;
            }
        }
    }

    /**
     * Adds an element whose field is known to be absent. Returns the table's block, a new one when
     * the table grew. The caller keeps the count within {@link #MAX_ELEMENTS}.
     */
    static long add(BlockAllocator memory, long table, long hash, long element) {
        int count = count(memory, table);
        int capacity = mask(memory, table) + 1;
        if (count + 1 > capacity - (capacity >>> 2)) {
            table = rebuild(memory, table, capacity << 1);
        }
        place(memory, table, hash, element);
        MemorySegment s = memory.segment(table);
        s.set(INT, BlockAllocator.offset(table), count + 1);
        return table;
    }

    /**
     * Empties an occupied slot (the element block is the caller's to free). Returns the table's
     * block, a new one when the table shrank.
     */
    static long removeAt(BlockAllocator memory, long table, int slot) {
        MemorySegment s = memory.segment(table);
        long base = BlockAllocator.offset(table);
        int mask = s.get(INT, base + 4);
        int hole = slot;
        for (;;) {
            int next = (hole + 1) & mask;
            long at = slotAt(table, next);
            long element = s.get(LONG, at + 8);
            long hash = s.get(LONG, at);
            if (element == 0 || ((next - (int) hash) & mask) == 0) {
                break;
            }
            long holeAt = slotAt(table, hole);
            s.set(LONG, holeAt, hash);
            s.set(LONG, holeAt + 8, element);
            hole = next;
        }
        long holeAt = slotAt(table, hole);
        s.set(LONG, holeAt, 0L);
        s.set(LONG, holeAt + 8, 0L);
        int count = s.get(INT, base) - 1;
        s.set(INT, base, count);
        int capacity = mask + 1;
        if (capacity > MIN_CAPACITY && count < capacity >>> 3) {
            return rebuild(memory, table, capacityFor(count * 2));
        }
        return table;
    }

    /** Frees the table and, if asked, every element block in it. */
    static void release(BlockAllocator memory, long table, boolean elements) {
        if (elements) {
            int capacity = mask(memory, table) + 1;
            for (int slot = 0; slot < capacity; slot++) {
                long element = elementAt(memory, table, slot);
                if (element != 0) {
                    memory.free(element);
                }
            }
        }
        memory.free(table);
    }

    /** An occupied slot chosen from {@code random}; the table must not be empty. */
    static int randomSlot(BlockAllocator memory, long table, long random) {
        int mask = mask(memory, table);
        int slot = (int) (random >>> 16) & mask;
        while (elementAt(memory, table, slot) == 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * Visits the elements whose home is the cursor's bucket, advancing the cursor in reverse-binary
     * order (as {@link Dict#scan}) until about {@code count} elements were visited, ten times
     * {@code count} buckets were walked, or the scan is complete (returns 0). Every element present
     * for the whole scan is visited at least once, however often the table is rebuilt between calls.
     */
    static long scan(BlockAllocator memory, long table, long cursor, int count, boolean pairs, ElementVisitor visitor) {
        int mask = mask(memory, table);
        int visited = 0;
        long budget = Math.max(1L, count) * 10;
        long v = cursor;
        int buckets = 0;
        do {
            if ((buckets++ & (AHEAD - 1)) == 0) {
                loadAhead(memory, table, v, mask);
            }
            int home = (int) (v & mask);
            for (int slot = home, distance = 0; ; slot = (slot + 1) & mask, distance++) {
                long element = elementAt(memory, table, slot);
                if (element == 0) {
                    break;
                }
                int displacement = (slot - (int) hashAt(memory, table, slot)) & mask;
                if (displacement < distance) {
                    break; // occupants from here on belong to later homes
                }
                if (displacement == distance) {
                    visit(memory, element, pairs, visitor);
                    visited++;
                }
            }
            v = Dict.nextCursor(v, mask);
        } while (v != 0 && visited < count && --budget > 0);
        return v;
    }

    /**
     * Loads the home slots of the next {@link #AHEAD} buckets of a scan from cursor {@code v},
     * then the elements in them: a scan's buckets lie all over the table in reversed-bit order
     * and its elements all over memory, so visited one by one each cost two misses in a row;
     * loaded in two loops of independent loads, the misses overlap.
     */
    private static void loadAhead(BlockAllocator memory, long table, long v, int mask) {
        MemorySegment s = memory.segment(table);
        long w = v;
        for (int i = 0; i < AHEAD; i++) {
            memory.gather(i, s.get(LONG, slotAt(table, (int) (w & mask)) + 8));
            w = Dict.nextCursor(w, mask);
        }
        memory.touchGathered(AHEAD);
    }

    /** Visits every element, loading the elements of the next {@link #AHEAD} slots before visiting them. */
    static void forEach(BlockAllocator memory, long table, boolean pairs, ElementVisitor visitor) {
        int capacity = mask(memory, table) + 1;
        for (int slot = 0; slot < capacity; slot++) {
            if ((slot & (AHEAD - 1)) == 0) {
                int n = Math.min(capacity - slot, AHEAD);
                for (int i = 0; i < n; i++) {
                    memory.gather(i, elementAt(memory, table, slot + i));
                }
                memory.touchGathered(n);
            }
            long element = elementAt(memory, table, slot);
            if (element != 0) {
                visit(memory, element, pairs, visitor);
            }
        }
    }

    /** Calls the visitor with an element block's field and, for a hash, its value. */
    static void visit(BlockAllocator memory, long element, boolean pairs, ElementVisitor visitor) {
        Packed.visit(memory.segment(element), BlockAllocator.offset(element), pairs, visitor); // the same strings
    }

    /** A copy of a table and its elements in another allocator's memory; returns the copy's block. */
    static long copy(BlockAllocator from, long table, BlockAllocator to, boolean pairs) {
        long copy = create(to, count(from, table));
        int capacity = mask(from, table) + 1;
        for (int slot = 0; slot < capacity; slot++) {
            long element = elementAt(from, table, slot);
            if (element != 0) {
                MemorySegment s = from.segment(element);
                long at = BlockAllocator.offset(element);
                long size = Packed.skip(s, at, pairs) - at;
                long duplicate = to.allocate((int) size);
                MemorySegment.copy(s, at, to.segment(duplicate), BlockAllocator.offset(duplicate), size);
                copy = add(to, copy, hashAt(from, table, slot), duplicate);
            }
        }
        return copy;
    }

    /** Bytes of the table block and its elements, the elements estimated from the first {@code samples} (0: all). */
    static long memoryUsage(BlockAllocator memory, long table, int samples) {
        int capacity = mask(memory, table) + 1;
        int count = count(memory, table);
        long sampled = 0;
        int seen = 0;
        for (int slot = 0; slot < capacity && (samples == 0 || seen < samples); slot++) {
            long element = elementAt(memory, table, slot);
            if (element != 0) {
                sampled += memory.capacity(element);
                seen++;
            }
        }
        long elements = seen == 0 ? 0 : seen == count ? sampled : sampled * count / seen;
        return memory.capacity(table) + elements;
    }

    /** Smallest power-of-two capacity that holds {@code elements} within 3/4 load. */
    static int capacityFor(int elements) {
        long needed = Math.max(MIN_CAPACITY, (long) elements + elements / 3 + 1);
        return (int) Math.min(MAX_CAPACITY, Long.highestOneBit(needed - 1) << 1);
    }

    /** The hash word of {@code hash}'s home slot, whoever holds it: one load, no decision on it. */
    static long homeWord(BlockAllocator memory, long table, long hash) {
        MemorySegment s = memory.segment(table);
        int mask = s.get(INT, BlockAllocator.offset(table) + 4);
        return s.get(LONG, slotAt(table, (int) hash & mask));
    }

    private static long hashAt(BlockAllocator memory, long table, int slot) {
        return memory.segment(table).get(LONG, slotAt(table, slot));
    }

    private static long slotAt(long table, int slot) {
        return BlockAllocator.offset(table) + HEADER + (long) slot * SLOT;
    }

    private static long rebuild(BlockAllocator memory, long table, int capacity) {
        long rebuilt = allocate(memory, capacity);
        int oldCapacity = mask(memory, table) + 1;
        int count = 0;
        for (int slot = 0; slot < oldCapacity; slot++) {
            long element = elementAt(memory, table, slot);
            if (element != 0) {
                place(memory, rebuilt, hashAt(memory, table, slot), element);
                count++;
            }
        }
        memory.segment(rebuilt).set(INT, BlockAllocator.offset(rebuilt), count);
        memory.free(table);
        return rebuilt;
    }

    /** Robin Hood insertion of an absent element, without touching the count. */
    private static void place(BlockAllocator memory, long table, long hash, long element) {
        MemorySegment s = memory.segment(table);
        int mask = s.get(INT, BlockAllocator.offset(table) + 4);
        int slot = (int) hash & mask;
        for (int distance = 0; ; slot = (slot + 1) & mask, distance++) {
            long at = slotAt(table, slot);
            long occupant = s.get(LONG, at + 8);
            if (occupant == 0) {
                s.set(LONG, at, hash);
                s.set(LONG, at + 8, element);
                return;
            }
            long occupantHash = s.get(LONG, at);
            int occupantDistance = (slot - (int) occupantHash) & mask;
            if (occupantDistance < distance) {
                s.set(LONG, at, hash);
                s.set(LONG, at + 8, element);
                hash = occupantHash;
                element = occupant;
                distance = occupantDistance;
            }
        }
    }
}
