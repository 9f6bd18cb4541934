package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/**
 * Walks a sorted set's members in order or in reverse from a rank, without allocating: one per
 * keyspace ({@link Zsets#walk}). A walk is valid until the keyspace is next written. Forward over
 * a packed set it steps through the bytes; in reverse it first notes every group's offset (a
 * packed set has no back links), so a reverse walk costs one pass more.
 *
 * <pre>
 *  if (walk.seek(entry, rank, reverse)) {
 *      do { ... walk.segment(), walk.memberOffset(), walk.memberLength(), walk.score() ... }
 *      while (walk.next());
 *  }
 * </pre>
 */
public final class ZsetWalk {
    /** Members whose blocks {@link #loadAhead} loads at a time. */
    private static final int AHEAD = 8;
    private final BlockAllocator memory;
    private final Entries entries;
    private long[] offsets = new long[128];
    private boolean packed;
    private boolean reverse;
    private MemorySegment segment;
    private long at;       // packed: offset of the group; tree: the leaf
    private int index;     // packed reverse: index into offsets; tree: index in the leaf
    private long element;  // tree: the current element
    private long remaining;
    /** Tree: the index in the leaf {@code at} where the blocks loaded ahead end, in the walk's direction. */
    private int loadedTo;

    ZsetWalk(BlockAllocator memory, Entries entries) {
        this.memory = memory;
        this.entries = entries;
    }

    /**
     * Places the walk on the member of 0-based {@code rank} counted in the walk's direction (in
     * reverse, rank 0 is the last member). Returns false when the rank is outside the set.
     */
    public boolean seek(long entry, long rank, boolean reverse) {
        this.reverse = reverse;
        this.packed = Zsets.packed(memory, entry);
        if (packed) {
            segment = memory.segment(entry);
            long base = Elements.valueOffset(segment, entry);
            int count = Packed.count(segment, base);
            if (rank < 0 || rank >= count) {
                return false;
            }
            remaining = count - rank - 1;
            if (!reverse) {
                at = Packed.groupAt(segment, base, true, (int) rank);
                return true;
            }
            if (offsets.length < count) {
                offsets = new long[Math.max(count, offsets.length * 2)];
            }
            long g = base + Packed.HEADER;
            for (int i = 0; i < count; i++) {
                offsets[i] = g;
                g = Packed.skip(segment, g, true);
            }
            index = (int) (count - 1 - rank);
            at = offsets[index];
            return true;
        }
        long tree = Zsets.treeOf(entries, entry);
        long length = TreeNodes.length(memory, tree);
        if (rank < 0 || rank >= length) {
            return false;
        }
        remaining = length - rank - 1;
        long position = TreeNodes.atRank(memory, tree, reverse ? length - 1 - rank : rank);
        at = TreeNodes.leafOf(position);
        index = TreeNodes.indexOf(position);
        element = TreeNodes.elementAt(memory, position);
        segment = memory.segment(element);
        loadedTo = reverse ? index - 1 : index + 1;
        return true;
    }

    /** Moves to the next member in the walk's direction; false when there is none. */
    public boolean next() {
        if (remaining <= 0) {
            return false;
        }
        remaining--;
        if (packed) {
            at = reverse ? offsets[--index] : Packed.skip(segment, at, true);
        } else {
            if (reverse) {
                if (--index < 0) {
                    at = TreeNodes.previousLeaf(memory, at);
                    index = TreeNodes.count(memory, at) - 1;
                    loadedTo = index;
                }
                if (index == loadedTo) {
                    loadAhead();
                }
            } else {
                if (++index == TreeNodes.count(memory, at)) {
                    at = TreeNodes.nextLeaf(memory, at);
                    index = 0;
                    loadedTo = 0;
                }
                if (index == loadedTo) {
                    loadAhead();
                }
            }
            element = TreeNodes.elementAt(memory, TreeNodes.position(at, index));
            segment = memory.segment(element);
        }
        return true;
    }

    /**
     * Loads the blocks of the next {@link #AHEAD} members of the current leaf in the walk's
     * direction, from the current one, in one loop of independent loads. A large set's members
     * lie anywhere in memory, so a walk that read them one by one paid a cache miss per member,
     * each after the last; loaded together, their misses overlap. The first step of a walk
     * starts it, so a walk that reads one member loads nothing more. A hint only: it changes no
     * state ({@link BlockAllocator#touch}).
     */
    private void loadAhead() {
        MemorySegment s = memory.segment(at);
        long b = BlockAllocator.offset(at);
        int end = reverse ? Math.max(-1, index - AHEAD) : Math.min(TreeNodes.count(s, b), index + AHEAD);
        int step = reverse ? -1 : 1;
        for (int i = index; i != end; i += step) {
            memory.touch(TreeNodes.leafElement(s, b, i));
        }
        loadedTo = end;
    }

    /** The segment holding the current member's bytes. */
    public MemorySegment segment() {
        return segment;
    }

    /** Offset of the current member's bytes in {@link #segment}. */
    public long memberOffset() {
        return Prefixed.data(segment, packed ? at : BlockAllocator.offset(element));
    }

    /** Length of the current member in bytes. */
    public int memberLength() {
        return Prefixed.length(segment, packed ? at : BlockAllocator.offset(element));
    }

    /** The current member's score. */
    public double score() {
        return packed ? PackedZset.score(segment, at) : TreeNodes.score(memory, element);
    }
}
