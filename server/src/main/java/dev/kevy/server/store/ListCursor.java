package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Walks a list's elements from an index, towards the tail or the head, for the commands that
 * read many of them (LRANGE, LPOS, LINSERT's pivot, LREM's count). One long-lived cursor per
 * keyspace ({@link Lists#cursor}); it is valid until the list is next written.
 *
 * <p>Elements are {@link Prefixed} strings, which can only be read forwards; walking towards the
 * head lists each node's element offsets in a reused array first (at most a node's worth).
 */
public final class ListCursor {
    private final BlockAllocator memory;
    private long dir;
    private boolean forward;
    private int node;
    private int nodes;
    private MemorySegment segment;
    private long at;
    private long end;
    private long[] offsets = new long[64];
    private int k;
    private long current;

    ListCursor(BlockAllocator memory) {
        this.memory = memory;
    }

    /** Places the cursor before element {@code index} of the list with this directory ({@code 0 <= index < elements}). */
    void open(long dir, long index, boolean forward) {
        this.dir = dir;
        this.forward = forward;
        this.nodes = ListNodes.nodes(memory, dir);
        long located = ListEdits.locate(memory, dir, index);
        node = (int) (located >>> 32);
        long block = ListNodes.block(memory, dir, node);
        segment = memory.segment(block);
        long elementAt = BlockAllocator.offset(block) + (located & 0xFFFF_FFFFL);
        if (forward) {
            at = elementAt;
            end = BlockAllocator.offset(block) + ListNodes.end(memory, dir, node);
        } else {
            listNode(block);
            while (offsets[k - 1] != elementAt) {
                k--;
            }
        }
        current = -1;
    }

    /** Moves to the next element in the walk's direction; false when there is none. */
    public boolean next() {
        if (forward) {
            while (at >= end) {
                if (++node >= nodes) {
                    return false;
                }
                long block = ListNodes.block(memory, dir, node);
                segment = memory.segment(block);
                at = BlockAllocator.offset(block) + ListNodes.start(memory, dir, node);
                end = BlockAllocator.offset(block) + ListNodes.end(memory, dir, node);
            }
            current = at;
            at = Prefixed.next(segment, at);
            return true;
        }
        while (k == 0) {
            if (--node < 0) {
                return false;
            }
            listNode(ListNodes.block(memory, dir, node));
        }
        current = offsets[--k];
        return true;
    }

    private void listNode(long block) {
        segment = memory.segment(block);
        int count = ListNodes.count(memory, dir, node);
        if (offsets.length < count) {
            offsets = Arrays.copyOf(offsets, Math.max(count, offsets.length * 2));
        }
        long p = BlockAllocator.offset(block) + ListNodes.start(memory, dir, node);
        for (int i = 0; i < count; i++) {
            offsets[i] = p;
            p = Prefixed.next(segment, p);
        }
        k = count;
    }

    /** The segment the current element is in. */
    public MemorySegment segment() {
        return segment;
    }

    /** Offset of the current element's first byte. */
    public long offset() {
        return Prefixed.data(segment, current);
    }

    /** Length of the current element. */
    public int length() {
        return Prefixed.length(segment, current);
    }

    /** Whether the current element is exactly these bytes. */
    public boolean matches(MemorySegment s, long offset, int length) {
        return Prefixed.equals(segment, current, s, offset, length);
    }
}
