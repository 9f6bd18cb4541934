package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.LONG;

/**
 * A list's directory: one allocator block naming the list's nodes in order, each node a block of
 * {@link Framed} elements packed back to back (Redis's quicklist of listpacks, with the node
 * links gathered in one array so an index lookup sums counts in one block instead of chasing
 * pointers).
 *
 * <pre>
 *  0  long  elements   in the whole list
 *  8  int   first      slot of the first node; slots before it are free (room to push at the head)
 * 12  int   nodes      slots in use, from first
 * 16  int   capacity   slots in the block
 * 24  slots            24 bytes each: the node's block (long), its element count (int), and where
 *                      its elements start and end inside the block (two ints)
 * </pre>
 *
 * <p>A node's elements occupy {@code [start, end)} of its block, so popping or pushing at either
 * side of a node moves no bytes while the block has room there. The directory keeps free slots on
 * both sides and grows by doubling, so a push that needs a new node is O(1) amortized.
 *
 * <p>The operations are static over (allocator, directory block) because the directory moves when
 * it grows or shrinks: those that may move it return its block, which the owner stores.
 */
final class ListNodes {
    static final int HEADER = 24;
    static final int SLOT = 24;
    private static final int MIN_SLOTS = 4;

    private ListNodes() {
    }

    /** A new directory without nodes. */
    static long create(BlockAllocator memory, int slots) {
        long dir = memory.allocate(HEADER + slots * SLOT);
        MemorySegment s = memory.segment(dir);
        long base = BlockAllocator.offset(dir);
        s.set(LONG, base, 0L);
        s.set(INT, base + 8, slots / 2);
        s.set(INT, base + 12, 0);
        s.set(INT, base + 16, slots);
        return dir;
    }

    static long elements(BlockAllocator memory, long dir) {
        return memory.segment(dir).get(LONG, BlockAllocator.offset(dir));
    }

    static void addElements(BlockAllocator memory, long dir, long delta) {
        MemorySegment s = memory.segment(dir);
        long base = BlockAllocator.offset(dir);
        s.set(LONG, base, s.get(LONG, base) + delta);
    }

    static int nodes(BlockAllocator memory, long dir) {
        return memory.segment(dir).get(INT, BlockAllocator.offset(dir) + 12);
    }

    /** Offset of node {@code i}'s slot in the directory's segment. */
    static long slot(BlockAllocator memory, long dir, int i) {
        long base = BlockAllocator.offset(dir);
        return base + HEADER + (long) (memory.segment(dir).get(INT, base + 8) + i) * SLOT;
    }

    static long block(BlockAllocator memory, long dir, int i) {
        return blockAt(memory.segment(dir), slot(memory, dir, i));
    }

    static int count(BlockAllocator memory, long dir, int i) {
        return countAt(memory.segment(dir), slot(memory, dir, i));
    }

    static int start(BlockAllocator memory, long dir, int i) {
        return startAt(memory.segment(dir), slot(memory, dir, i));
    }

    static int end(BlockAllocator memory, long dir, int i) {
        return endAt(memory.segment(dir), slot(memory, dir, i));
    }

    static void set(BlockAllocator memory, long dir, int i, long block, int count, int start, int end) {
        setAt(memory.segment(dir), slot(memory, dir, i), block, count, start, end);
    }

    // The same fields by the slot's offset ({@link #slot}) in the directory's segment, for an edit
    // that reads and writes one node's slot several times.

    static long blockAt(MemorySegment d, long at) {
        return d.get(LONG, at);
    }

    static int countAt(MemorySegment d, long at) {
        return d.get(INT, at + 8);
    }

    static int startAt(MemorySegment d, long at) {
        return d.get(INT, at + 12);
    }

    static int endAt(MemorySegment d, long at) {
        return d.get(INT, at + 16);
    }

    static void setAt(MemorySegment d, long at, long block, int count, int start, int end) {
        d.set(LONG, at, block);
        d.set(INT, at + 8, count);
        d.set(INT, at + 12, start);
        d.set(INT, at + 16, end);
    }

    /**
     * Makes room for a node at position {@code i} (0 to nodes), shifting the nodes from {@code i}
     * on by one; the new slot's contents are for the caller to {@link #set}. Returns the directory.
     */
    static long insertSlot(BlockAllocator memory, long dir, int i) {
        MemorySegment s = memory.segment(dir);
        long base = BlockAllocator.offset(dir);
        int first = s.get(INT, base + 8);
        int nodes = s.get(INT, base + 12);
        int capacity = s.get(INT, base + 16);
        long slots = base + HEADER;
        if (i == 0 && first > 0) {
            s.set(INT, base + 8, first - 1);
        } else if (first + nodes < capacity) {
            long from = slots + (long) (first + i) * SLOT;
            MemorySegment.copy(s, from, s, from + SLOT, (long) (nodes - i) * SLOT);
        } else if (first > 0) {
            long from = slots + (long) first * SLOT;
            MemorySegment.copy(s, from, s, from - SLOT, (long) i * SLOT);
            s.set(INT, base + 8, first - 1);
        } else {
            return rebuild(memory, dir, Math.max(MIN_SLOTS, capacity * 2), i);
        }
        s.set(INT, base + 12, nodes + 1);
        return dir;
    }

    /** Removes the slot of node {@code i} (its block already freed). Returns the directory. */
    static long removeSlot(BlockAllocator memory, long dir, int i) {
        MemorySegment s = memory.segment(dir);
        long base = BlockAllocator.offset(dir);
        int first = s.get(INT, base + 8);
        int nodes = s.get(INT, base + 12);
        int capacity = s.get(INT, base + 16);
        long from = base + HEADER + (long) (first + i) * SLOT;
        if (i == 0) {
            s.set(INT, base + 8, first + 1);
        } else if (i < nodes - 1) {
            MemorySegment.copy(s, from + SLOT, s, from, (long) (nodes - 1 - i) * SLOT);
        }
        s.set(INT, base + 12, nodes - 1);
        if (nodes - 1 == 0) {
            s.set(INT, base + 8, capacity / 2);
        } else if (capacity > 16 && (nodes - 1) * 8 < capacity) {
            return rebuild(memory, dir, capacity / 4, -1); // keeps room for twice the nodes left
        }
        return dir;
    }

    /** Moves the slots to a directory of {@code capacity}, centred, with a free slot at {@code gap} (-1: none). */
    private static long rebuild(BlockAllocator memory, long dir, int capacity, int gap) {
        MemorySegment s = memory.segment(dir);
        long base = BlockAllocator.offset(dir);
        int first = s.get(INT, base + 8);
        int nodes = s.get(INT, base + 12);
        int used = gap < 0 ? nodes : nodes + 1;
        long moved = create(memory, capacity);
        MemorySegment d = memory.segment(moved);
        long movedBase = BlockAllocator.offset(moved);
        int newFirst = (capacity - used) / 2;
        long src = base + HEADER + (long) first * SLOT;
        long dst = movedBase + HEADER + (long) newFirst * SLOT;
        int before = gap < 0 ? nodes : gap;
        MemorySegment.copy(s, src, d, dst, (long) before * SLOT);
        if (gap >= 0) {
            MemorySegment.copy(s, src + (long) gap * SLOT, d, dst + (long) (gap + 1) * SLOT, (long) (nodes - gap) * SLOT);
        }
        d.set(LONG, movedBase, s.get(LONG, base));
        d.set(INT, movedBase + 8, newFirst);
        d.set(INT, movedBase + 12, used);
        memory.free(dir);
        return moved;
    }

    /** Frees the directory and every node. */
    static void release(BlockAllocator memory, long dir) {
        int nodes = nodes(memory, dir);
        for (int i = 0; i < nodes; i++) {
            memory.free(block(memory, dir, i));
        }
        memory.free(dir);
    }

    /** A copy of the list in another allocator's memory (each node trimmed to its elements); returns its directory. */
    static long copy(BlockAllocator from, long dir, BlockAllocator to) {
        int nodes = nodes(from, dir);
        long copy = create(to, Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, nodes)) << 1));
        copy = fillCopy(from, dir, to, copy, nodes);
        return copy;
    }

    private static long fillCopy(BlockAllocator from, long dir, BlockAllocator to, long copy, int nodes) {
        for (int i = 0; i < nodes; i++) {
            long block = block(from, dir, i);
            int start = start(from, dir, i);
            int used = end(from, dir, i) - start;
            long duplicate = to.allocate(used);
            MemorySegment.copy(from.segment(block), BlockAllocator.offset(block) + start, to.segment(duplicate),
                    BlockAllocator.offset(duplicate), used);
            copy = insertSlot(to, copy, i);
            set(to, copy, i, duplicate, count(from, dir, i), 0, used);
        }
        addElements(to, copy, elements(from, dir));
        return copy;
    }

    /** Bytes of the directory and its nodes, the nodes estimated from the first {@code samples} (0: all). */
    static long memoryUsage(BlockAllocator memory, long dir, int samples) {
        int nodes = nodes(memory, dir);
        int seen = samples == 0 ? nodes : Math.min(samples, nodes);
        long sampled = 0;
        for (int i = 0; i < seen; i++) {
            sampled += memory.capacity(block(memory, dir, i));
        }
        long all = seen == 0 ? 0 : seen == nodes ? sampled : sampled * nodes / seen;
        return memory.capacity(dir) + all;
    }
}
