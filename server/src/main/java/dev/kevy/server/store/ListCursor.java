package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/**
 * Walks a list's elements from an index, towards the tail or the head, for the commands that
 * read many of them (LRANGE, LPOS, LINSERT's pivot, LREM's count). One long-lived cursor per
 * keyspace ({@link Lists#cursor}); it is valid until the list is next written. {@link Framed}
 * elements carry their length at both ends, so either direction steps in O(1).
 */
public final class ListCursor {
    private final BlockAllocator memory;
    private long dir;
    private boolean forward;
    private int node;
    private int nodes;
    private MemorySegment segment;
    /** The next element's offset (forwards), or the end of the next element (backwards). */
    private long at;
    /** Where the current node's elements stop in the walk's direction: their end, or their start. */
    private long limit;
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
        long base = BlockAllocator.offset(block);
        long elementAt = base + (located & 0xFFFF_FFFFL);
        if (forward) {
            at = elementAt;
            limit = base + ListNodes.end(memory, dir, node);
        } else {
            at = Framed.next(segment, elementAt);
            limit = base + ListNodes.start(memory, dir, node);
        }
        current = -1;
    }

    /** Moves to the next element in the walk's direction; false when there is none. */
    public boolean next() {
        if (forward) {
            while (at >= limit) {
                if (++node >= nodes) {
                    return false;
                }
                enter();
            }
            current = at;
            at = Framed.next(segment, at);
            return true;
        }
        while (at <= limit) {
            if (--node < 0) {
                return false;
            }
            enter();
        }
        current = Framed.previous(segment, at);
        at = current;
        return true;
    }

    /** Moves into {@link #node}, at its first element (forwards) or past its last (backwards). */
    private void enter() {
        long block = ListNodes.block(memory, dir, node);
        segment = memory.segment(block);
        long base = BlockAllocator.offset(block);
        long start = base + ListNodes.start(memory, dir, node);
        long end = base + ListNodes.end(memory, dir, node);
        at = forward ? start : end;
        limit = forward ? end : start;
    }

    /** The segment the current element is in. */
    public MemorySegment segment() {
        return segment;
    }

    /** Offset of the current element's first byte. */
    public long offset() {
        return Framed.data(segment, current);
    }

    /** Length of the current element. */
    public int length() {
        return Framed.length(segment, current);
    }

    /** Whether the current element is exactly these bytes. */
    public boolean matches(MemorySegment s, long offset, int length) {
        return Framed.equals(segment, current, s, offset, length);
    }
}
