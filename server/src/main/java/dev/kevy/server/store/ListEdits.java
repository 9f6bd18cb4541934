package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/**
 * The node-level edits of a list ({@link ListNodes}): push at an end, insert at an index, remove
 * an element, drop from either end, remove matches. Each keeps the directory's counts exact and
 * returns the directory's block, which may have moved.
 *
 * <p><b>Node size.</b> {@code list-max-listpack-size} as Redis reads it: negative, a node holds
 * at most 4, 8, 16, 32 or 64 KiB of elements (-1 to -5; below -5 as -5); positive, at most that
 * many elements and 8 KiB; 0, one element. A node's block starts small and doubles up to that
 * limit, so a short list costs little; a push places the element on the side of the block that
 * faces the list's end, so a run of pushes moves no bytes until the block is full.
 */
final class ListEdits {
    private static final int SAFETY_BYTES = 8192;
    private static final int MIN_NODE = 32;

    private final BlockAllocator memory;
    private final EncodingLimits limits;

    ListEdits(BlockAllocator memory, EncodingLimits limits) {
        this.memory = memory;
        this.limits = limits;
    }

    private int nodeBytes() {
        long fill = limits.listMaxListpackSize();
        return fill < 0 ? 4096 << (int) Math.min(-fill - 1, 4) : SAFETY_BYTES;
    }

    private int nodeElements() {
        int fill = limits.listMaxListpackSize();
        return fill > 0 ? fill : fill == 0 ? 1 : Integer.MAX_VALUE;
    }

    /** Whether node {@code i} may take one more element of {@code size} bytes. */
    private boolean canTake(long dir, int i, int size) {
        return ListNodes.count(memory, dir, i) < nodeElements()
                && ListNodes.end(memory, dir, i) - ListNodes.start(memory, dir, i) + size <= nodeBytes();
    }

    /** A block size for a node about to hold {@code need} bytes: room to grow, up to the node limit. */
    private int blockFor(int need) {
        int limit = nodeBytes();
        return need >= limit ? need : Math.min(limit, Math.max(MIN_NODE, need * 2));
    }

    /** The offset {@code n} elements after {@code at}. */
    static long walk(MemorySegment s, long at, int n) {
        for (int k = 0; k < n; k++) {
            at = Framed.next(s, at);
        }
        return at;
    }

    /**
     * Where element {@code index} ({@code 0 <= index < elements}) is: its node in the high 32 bits,
     * its offset inside the node's block in the low 32. Counts are summed from the nearer end.
     */
    static long locate(BlockAllocator memory, long dir, long index) {
        long total = ListNodes.elements(memory, dir);
        int nodes = ListNodes.nodes(memory, dir);
        int i;
        int within;
        if (index < total / 2) {
            i = 0;
            long left = index;
            while (left >= ListNodes.count(memory, dir, i)) {
                left -= ListNodes.count(memory, dir, i);
                i++;
            }
            within = (int) left;
        } else {
            i = nodes - 1;
            long fromEnd = total - index;
            while (fromEnd > ListNodes.count(memory, dir, i)) {
                fromEnd -= ListNodes.count(memory, dir, i);
                i--;
            }
            within = (int) (ListNodes.count(memory, dir, i) - fromEnd);
        }
        long block = ListNodes.block(memory, dir, i);
        MemorySegment s = memory.segment(block);
        long base = BlockAllocator.offset(block);
        int count = ListNodes.count(memory, dir, i);
        long at;
        if (within <= count / 2) {
            at = walk(s, base + ListNodes.start(memory, dir, i), within);
        } else { // nearer the node's end: walk back
            at = base + ListNodes.end(memory, dir, i);
            for (int k = count; k > within; k--) {
                at = Framed.previous(s, at);
            }
        }
        return (long) i << 32 | (at - base);
    }

    /** Pushes an element at the head ({@code left}) or the tail. */
    long push(long dir, MemorySegment e, long eo, int el, boolean left) {
        int nodes = ListNodes.nodes(memory, dir);
        if (nodes == 0 || !append(dir, left ? 0 : nodes - 1, e, eo, el, left)) {
            int at = left ? 0 : nodes;
            dir = ListNodes.insertSlot(memory, dir, at);
            newNode(dir, at, e, eo, el, left);
        }
        ListNodes.addElements(memory, dir, 1);
        return dir;
    }

    /** Fills slot {@code i} with a new node holding one element, at the block's end when {@code alignEnd}. */
    private void newNode(long dir, int i, MemorySegment e, long eo, int el, boolean alignEnd) {
        int size = Framed.size(el);
        long block = memory.allocate(blockFor(size));
        int start = alignEnd ? memory.capacity(block) - size : 0;
        Framed.write(memory.segment(block), BlockAllocator.offset(block) + start, e, eo, el);
        ListNodes.set(memory, dir, i, block, 1, start, start + size);
    }

    /**
     * Adds an element at the front or the back of node {@code i} if the node can take it (its
     * element and byte limits); false, changing nothing, if it cannot. The node's slot is found
     * once and read once: a push into a node with room, the common case, costs its element's
     * copy and four numbers.
     */
    private boolean append(long dir, int i, MemorySegment e, long eo, int el, boolean front) {
        int size = Framed.size(el);
        MemorySegment d = memory.segment(dir);
        long slot = ListNodes.slot(memory, dir, i);
        int count = ListNodes.countAt(d, slot);
        int start = ListNodes.startAt(d, slot);
        int end = ListNodes.endAt(d, slot);
        if (count >= nodeElements() || end - start + size > nodeBytes()) {
            return false;
        }
        long block = ListNodes.blockAt(d, slot);
        MemorySegment s = memory.segment(block);
        long base = BlockAllocator.offset(block);
        int used = end - start;
        if (front && start >= size) {
            start -= size;
            Framed.write(s, base + start, e, eo, el);
        } else if (!front && memory.capacity(block) - end >= size) {
            Framed.write(s, base + end, e, eo, el);
            end += size;
        } else {
            long grown = memory.allocate(blockFor(used + size));
            MemorySegment g = memory.segment(grown);
            long gb = BlockAllocator.offset(grown);
            int newStart = front ? memory.capacity(grown) - used - size : 0;
            int old = front ? newStart + size : newStart;
            MemorySegment.copy(s, base + start, g, gb + old, used);
            Framed.write(g, gb + (front ? newStart : newStart + used), e, eo, el);
            memory.free(block);
            block = grown;
            start = newStart;
            end = newStart + used + size;
        }
        ListNodes.setAt(d, slot, block, count + 1, start, end);
        return true;
    }

    /** Inserts an element so that it becomes element {@code index} ({@code 0 <= index <= elements}). */
    long insertAt(long dir, long index, MemorySegment e, long eo, int el) {
        long total = ListNodes.elements(memory, dir);
        if (index == 0 || index == total) {
            return push(dir, e, eo, el, index == 0);
        }
        int size = Framed.size(el);
        long located = locate(memory, dir, index);
        int i = (int) (located >>> 32);
        int at = (int) located;
        int start = ListNodes.start(memory, dir, i);
        if (at == start) { // between node i - 1 and node i
            if (!append(dir, i - 1, e, eo, el, false) && !append(dir, i, e, eo, el, true)) {
                dir = ListNodes.insertSlot(memory, dir, i);
                newNode(dir, i, e, eo, el, false);
            }
        } else if (canTake(dir, i, size)) {
            insertInside(dir, i, at, e, eo, el);
        } else {
            int end = ListNodes.end(memory, dir, i);
            dir = split(dir, i, at);
            boolean leftSmaller = at - start <= end - at;
            if (!(leftSmaller && append(dir, i, e, eo, el, false)) && !append(dir, i + 1, e, eo, el, true)
                    && !append(dir, i, e, eo, el, false)) {
                dir = ListNodes.insertSlot(memory, dir, i + 1);
                newNode(dir, i + 1, e, eo, el, false);
            }
        }
        ListNodes.addElements(memory, dir, 1);
        return dir;
    }

    /** Inserts an element at offset {@code at} (not the first) of node {@code i}, which can take it. */
    private void insertInside(long dir, int i, int at, MemorySegment e, long eo, int el) {
        int size = Framed.size(el);
        long block = ListNodes.block(memory, dir, i);
        int start = ListNodes.start(memory, dir, i);
        int end = ListNodes.end(memory, dir, i);
        MemorySegment s = memory.segment(block);
        long base = BlockAllocator.offset(block);
        if (memory.capacity(block) - end >= size) {
            MemorySegment.copy(s, base + at, s, base + at + size, end - at);
            Framed.write(s, base + at, e, eo, el);
            end += size;
        } else if (start >= size) {
            MemorySegment.copy(s, base + start, s, base + start - size, at - start);
            Framed.write(s, base + at - size, e, eo, el);
            start -= size;
        } else {
            int used = end - start;
            long grown = memory.allocate(blockFor(used + size));
            MemorySegment d = memory.segment(grown);
            long gb = BlockAllocator.offset(grown);
            MemorySegment.copy(s, base + start, d, gb, at - start);
            Framed.write(d, gb + at - start, e, eo, el);
            MemorySegment.copy(s, base + at, d, gb + at - start + size, end - at);
            memory.free(block);
            block = grown;
            start = 0;
            end = used + size;
        }
        ListNodes.set(memory, dir, i, block, ListNodes.count(memory, dir, i) + 1, start, end);
    }

    /** Splits node {@code i} at offset {@code at}: the elements from there move to a new node {@code i + 1}. */
    private long split(long dir, int i, int at) {
        long block = ListNodes.block(memory, dir, i);
        int start = ListNodes.start(memory, dir, i);
        int end = ListNodes.end(memory, dir, i);
        int count = ListNodes.count(memory, dir, i);
        MemorySegment s = memory.segment(block);
        long base = BlockAllocator.offset(block);
        int before = 0;
        for (long p = base + start; p < base + at; p = Framed.next(s, p)) {
            before++;
        }
        long right = memory.allocate(blockFor(end - at));
        MemorySegment.copy(s, base + at, memory.segment(right), BlockAllocator.offset(right), end - at);
        dir = ListNodes.insertSlot(memory, dir, i + 1);
        ListNodes.set(memory, dir, i, block, before, start, at);
        ListNodes.set(memory, dir, i + 1, right, count - before, 0, end - at);
        return dir;
    }

    /** Removes the element at absolute offset {@code at} of node {@code i}'s block. */
    long removeAt(long dir, int i, long at) {
        long block = ListNodes.block(memory, dir, i);
        MemorySegment s = memory.segment(block);
        long base = BlockAllocator.offset(block);
        int start = ListNodes.start(memory, dir, i);
        int end = ListNodes.end(memory, dir, i);
        int count = ListNodes.count(memory, dir, i);
        long next = Framed.next(s, at);
        int size = (int) (next - at);
        if (at == base + start) {
            start += size;
        } else {
            MemorySegment.copy(s, next, s, at, base + end - next);
            end -= size;
        }
        ListNodes.addElements(memory, dir, -1);
        if (count == 1) {
            memory.free(block);
            return ListNodes.removeSlot(memory, dir, i);
        }
        ListNodes.set(memory, dir, i, block, count - 1, start, end);
        return dir;
    }

    /** Removes the first {@code n} elements. */
    long removeFront(long dir, long n) {
        while (n > 0) {
            int count = ListNodes.count(memory, dir, 0);
            long block = ListNodes.block(memory, dir, 0);
            if (count <= n) {
                memory.free(block);
                dir = ListNodes.removeSlot(memory, dir, 0);
                ListNodes.addElements(memory, dir, -count);
                n -= count;
            } else {
                long base = BlockAllocator.offset(block);
                long at = walk(memory.segment(block), base + ListNodes.start(memory, dir, 0), (int) n);
                ListNodes.set(memory, dir, 0, block, count - (int) n, (int) (at - base), ListNodes.end(memory, dir, 0));
                ListNodes.addElements(memory, dir, -n);
                fit(dir, 0);
                n = 0;
            }
        }
        return dir;
    }

    /** Removes the last {@code n} elements. */
    long removeBack(long dir, long n) {
        while (n > 0) {
            int i = ListNodes.nodes(memory, dir) - 1;
            int count = ListNodes.count(memory, dir, i);
            long block = ListNodes.block(memory, dir, i);
            if (count <= n) {
                memory.free(block);
                dir = ListNodes.removeSlot(memory, dir, i);
                ListNodes.addElements(memory, dir, -count);
                n -= count;
            } else {
                long base = BlockAllocator.offset(block);
                int start = ListNodes.start(memory, dir, i);
                long at = walk(memory.segment(block), base + start, count - (int) n);
                ListNodes.set(memory, dir, i, block, count - (int) n, start, (int) (at - base));
                ListNodes.addElements(memory, dir, -n);
                fit(dir, i);
                n = 0;
            }
        }
        return dir;
    }

    /**
     * Removes, walking from the head, the matches of the given bytes after the first {@code skip}
     * of them, at most {@code limit}; each node is compacted in one pass.
     */
    long removeMatches(long dir, MemorySegment e, long eo, int el, long skip, long limit) {
        long removed = 0;
        int i = 0;
        while (i < ListNodes.nodes(memory, dir) && removed < limit) {
            long block = ListNodes.block(memory, dir, i);
            MemorySegment s = memory.segment(block);
            long base = BlockAllocator.offset(block);
            int start = ListNodes.start(memory, dir, i);
            long end = base + ListNodes.end(memory, dir, i);
            int count = ListNodes.count(memory, dir, i);
            long write = base + start;
            int here = 0;
            for (long read = base + start; read < end; ) {
                long next = Framed.next(s, read);
                boolean hit = removed < limit && Framed.equals(s, read, e, eo, el);
                if (hit && skip > 0) {
                    skip--;
                    hit = false;
                }
                if (hit) {
                    removed++;
                    here++;
                } else {
                    if (write != read) {
                        MemorySegment.copy(s, read, s, write, next - read);
                    }
                    write += next - read;
                }
                read = next;
            }
            if (here == 0) {
                i++;
                continue;
            }
            ListNodes.addElements(memory, dir, -here);
            if (here == count) {
                memory.free(block);
                dir = ListNodes.removeSlot(memory, dir, i);
            } else {
                ListNodes.set(memory, dir, i, block, count - here, start, (int) (write - base));
                fit(dir, i);
                i++;
            }
        }
        return dir;
    }

    /**
     * Moves node {@code i} to a smaller block when its elements use under a quarter of its block,
     * after removals that left it mostly empty (LREM, LTRIM), as a listpack is reallocated.
     */
    private void fit(long dir, int i) {
        long block = ListNodes.block(memory, dir, i);
        int start = ListNodes.start(memory, dir, i);
        int used = ListNodes.end(memory, dir, i) - start;
        int capacity = memory.capacity(block);
        if (capacity <= 2 * MIN_NODE || used * 4 >= capacity) {
            return;
        }
        long smaller = memory.allocate(blockFor(used));
        MemorySegment.copy(memory.segment(block), BlockAllocator.offset(block) + start, memory.segment(smaller),
                BlockAllocator.offset(smaller), used);
        memory.free(block);
        ListNodes.set(memory, dir, i, smaller, ListNodes.count(memory, dir, i), 0, used);
    }
}
