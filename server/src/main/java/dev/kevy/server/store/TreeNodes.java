package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.LONG;

/**
 * The blocks of a {@link ScoreTree} and the reads that need no descent path: their layout, the
 * element blocks the tree orders, the moves that splits and merges are made of, and the queries
 * that only read (the member at a rank, the members below a bound).
 *
 * <p>A tree is named by its header block, which never moves while the root does:
 * <pre>
 *  header   0 long root   8 long length   16 int height (1: the root is a leaf)   20 int nodes
 *           24 long first leaf   32 long last leaf
 *  leaf     0 int count   8 long previous leaf   16 long next leaf
 *           24 double[30] scores   264 long[30] elements
 *  inner    0 int count   8 double[18] key scores   152 long[18] key elements
 *           296 long[18] children   440 int[18] subtree sizes
 * </pre>
 * Both kinds of node fit a 512-byte block. An inner node's key {@code i} is the smallest (score,
 * element) under child {@code i}, key 0 included, so a split or a merge never has to look below
 * the nodes it moves. Each leaf holds a copy of its members' scores, so a descent compares against
 * the contiguous scores of one node and reads a member's bytes only on a tie.
 *
 * <p>An element is a block of its own: the member as a {@link Prefixed} string, the byte 8, then
 * the score; the set's {@link FieldTable} names it, and sees a member with an 8-byte value.
 */
final class TreeNodes {
    static final int LEAF_CAPACITY = 30;
    static final int INNER_CAPACITY = 18;
    /**
     * Fewest members of a leaf, and children of an inner node, below which a removal makes it
     * borrow or merge (the root aside). A leaf at either end of the tree may hold fewer: an
     * in-order split leaves the one member that arrived there.
     */
    static final int LEAF_MIN = LEAF_CAPACITY / 3;
    static final int INNER_MIN = INNER_CAPACITY / 3;
    static final int NODE_BYTES = 512;
    /** Enough levels for any set the table allows: a tree of height h holds at least about 2 * 6^(h-2) * 10 members. */
    static final int MAX_HEIGHT = 16;

    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    static final int ROOT = 0;
    static final int LENGTH = 8;
    static final int HEIGHT = 16;
    static final int NODES = 20;
    static final int FIRST = 24;
    static final int LAST = 32;
    private static final int HEADER_BYTES = 40;

    static final int PREV = 8;
    static final int NEXT = 16;
    private static final int SCORES = 24;
    private static final int ELEMENTS = SCORES + 8 * LEAF_CAPACITY;
    private static final int KEY_SCORES = 8;
    private static final int KEY_ELEMENTS = KEY_SCORES + 8 * INNER_CAPACITY;
    private static final int CHILDREN = KEY_ELEMENTS + 8 * INNER_CAPACITY;
    private static final int SIZES = CHILDREN + 8 * INNER_CAPACITY;

    static {
        assert ELEMENTS + 8 * LEAF_CAPACITY <= NODE_BYTES && SIZES + 4 * INNER_CAPACITY <= NODE_BYTES;
    }

    private TreeNodes() {
    }

    // ---- elements ------------------------------------------------------------------------------

    /** A new element block holding a member and its score. */
    static long element(BlockAllocator memory, MemorySegment member, long memberOffset, int memberLength, double score) {
        long element = memory.allocate(Prefixed.size(memberLength) + 9);
        MemorySegment s = memory.segment(element);
        long at = Prefixed.write(s, BlockAllocator.offset(element), member, memberOffset, memberLength);
        s.set(ValueLayout.JAVA_BYTE, at, (byte) 8);
        s.set(DOUBLE, at + 1, score);
        return element;
    }

    static double score(BlockAllocator memory, long element) {
        MemorySegment s = memory.segment(element);
        return s.get(DOUBLE, Prefixed.next(s, BlockAllocator.offset(element)) + 1);
    }

    static void setScore(BlockAllocator memory, long element, double score) {
        MemorySegment s = memory.segment(element);
        s.set(DOUBLE, Prefixed.next(s, BlockAllocator.offset(element)) + 1, score);
    }

    /**
     * Orders (keyScore, keyElement) against (score, element with the given member bytes): negative
     * when the key comes first. The same element is equal without reading its bytes.
     */
    static int compare(BlockAllocator memory, double keyScore, long keyElement, double score, long element,
                       MemorySegment member, long memberOffset, int memberLength) {
        if (keyScore != score) {
            return keyScore < score ? -1 : 1;
        }
        if (keyElement == element) {
            return 0;
        }
        return compareMember(memory, keyElement, member, memberOffset, memberLength);
    }

    /** Orders an element's member against bytes, as Redis's {@code sdscmp}. */
    static int compareMember(BlockAllocator memory, long element, MemorySegment member, long memberOffset, int memberLength) {
        MemorySegment s = memory.segment(element);
        long at = BlockAllocator.offset(element);
        return Prefixed.compare(s, Prefixed.data(s, at), Prefixed.length(s, at), member, memberOffset, memberLength);
    }

    // ---- header and nodes ----------------------------------------------------------------------

    /** A new empty tree: its header and one empty leaf. */
    static long create(BlockAllocator memory) {
        long header = memory.allocate(HEADER_BYTES);
        long leaf = newLeaf(memory);
        MemorySegment s = memory.segment(header);
        long h = BlockAllocator.offset(header);
        s.set(LONG, h + ROOT, leaf);
        s.set(LONG, h + LENGTH, 0L);
        s.set(INT, h + HEIGHT, 1);
        s.set(INT, h + NODES, 1);
        s.set(LONG, h + FIRST, leaf);
        s.set(LONG, h + LAST, leaf);
        return header;
    }

    static long newLeaf(BlockAllocator memory) {
        long leaf = memory.allocate(NODE_BYTES);
        MemorySegment s = memory.segment(leaf);
        long b = BlockAllocator.offset(leaf);
        s.set(INT, b, 0);
        s.set(LONG, b + PREV, 0L);
        s.set(LONG, b + NEXT, 0L);
        return leaf;
    }

    static long newInner(BlockAllocator memory) {
        long inner = memory.allocate(NODE_BYTES);
        memory.segment(inner).set(INT, BlockAllocator.offset(inner), 0);
        return inner;
    }

    static long headerLong(BlockAllocator memory, long header, int field) {
        return memory.segment(header).get(LONG, BlockAllocator.offset(header) + field);
    }

    static void setHeaderLong(BlockAllocator memory, long header, int field, long value) {
        memory.segment(header).set(LONG, BlockAllocator.offset(header) + field, value);
    }

    static int headerInt(BlockAllocator memory, long header, int field) {
        return memory.segment(header).get(INT, BlockAllocator.offset(header) + field);
    }

    static void setHeaderInt(BlockAllocator memory, long header, int field, int value) {
        memory.segment(header).set(INT, BlockAllocator.offset(header) + field, value);
    }

    static long length(BlockAllocator memory, long header) {
        return headerLong(memory, header, LENGTH);
    }

    static int count(MemorySegment s, long b) {
        return s.get(INT, b);
    }

    static void setCount(MemorySegment s, long b, int count) {
        s.set(INT, b, count);
    }

    static int count(BlockAllocator memory, long node) {
        return memory.segment(node).get(INT, BlockAllocator.offset(node));
    }

    static double leafScore(MemorySegment s, long b, int i) {
        return s.get(DOUBLE, b + SCORES + 8L * i);
    }

    static long leafElement(MemorySegment s, long b, int i) {
        return s.get(LONG, b + ELEMENTS + 8L * i);
    }

    static void putLeaf(MemorySegment s, long b, int i, double score, long element) {
        s.set(DOUBLE, b + SCORES + 8L * i, score);
        s.set(LONG, b + ELEMENTS + 8L * i, element);
    }

    static void setLeafScore(MemorySegment s, long b, int i, double score) {
        s.set(DOUBLE, b + SCORES + 8L * i, score);
    }

    static double keyScore(MemorySegment s, long b, int i) {
        return s.get(DOUBLE, b + KEY_SCORES + 8L * i);
    }

    static long keyElement(MemorySegment s, long b, int i) {
        return s.get(LONG, b + KEY_ELEMENTS + 8L * i);
    }

    static void setKey(MemorySegment s, long b, int i, double score, long element) {
        s.set(DOUBLE, b + KEY_SCORES + 8L * i, score);
        s.set(LONG, b + KEY_ELEMENTS + 8L * i, element);
    }

    static long child(MemorySegment s, long b, int i) {
        return s.get(LONG, b + CHILDREN + 8L * i);
    }

    static int size(MemorySegment s, long b, int i) {
        return s.get(INT, b + SIZES + 4L * i);
    }

    static void setSize(MemorySegment s, long b, int i, int size) {
        s.set(INT, b + SIZES + 4L * i, size);
    }

    static void putInner(MemorySegment s, long b, int i, double keyScore, long keyElement, long child, int size) {
        setKey(s, b, i, keyScore, keyElement);
        s.set(LONG, b + CHILDREN + 8L * i, child);
        setSize(s, b, i, size);
    }

    /** Moves {@code n} members between leaves, or within one (overlapping ranges are fine). */
    static void moveLeaf(MemorySegment from, long fromBase, int fromIndex, MemorySegment to, long toBase, int toIndex, int n) {
        if (n > 0) {
            MemorySegment.copy(from, fromBase + SCORES + 8L * fromIndex, to, toBase + SCORES + 8L * toIndex, 8L * n);
            MemorySegment.copy(from, fromBase + ELEMENTS + 8L * fromIndex, to, toBase + ELEMENTS + 8L * toIndex, 8L * n);
        }
    }

    /** Moves {@code n} children with their keys and sizes between inner nodes, or within one. */
    static void moveInner(MemorySegment from, long fromBase, int fromIndex, MemorySegment to, long toBase, int toIndex, int n) {
        if (n > 0) {
            MemorySegment.copy(from, fromBase + KEY_SCORES + 8L * fromIndex, to, toBase + KEY_SCORES + 8L * toIndex, 8L * n);
            MemorySegment.copy(from, fromBase + KEY_ELEMENTS + 8L * fromIndex, to, toBase + KEY_ELEMENTS + 8L * toIndex, 8L * n);
            MemorySegment.copy(from, fromBase + CHILDREN + 8L * fromIndex, to, toBase + CHILDREN + 8L * toIndex, 8L * n);
            MemorySegment.copy(from, fromBase + SIZES + 4L * fromIndex, to, toBase + SIZES + 4L * toIndex, 4L * n);
        }
    }

    /** The members under {@code n} children of an inner node from {@code from}. */
    static int sizes(MemorySegment s, long b, int from, int n) {
        int sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += size(s, b, i);
        }
        return sum;
    }

    // ---- reads without a path ------------------------------------------------------------------

    /**
     * The place of the member at a 0-based rank ({@code 0 <= rank < length}) as a position: the
     * leaf block with the index inside it in the bits a small block's offset leaves free.
     */
    static long atRank(BlockAllocator memory, long header, long rank) {
        long node = headerLong(memory, header, ROOT);
        long left = rank;
        for (int level = headerInt(memory, header, HEIGHT); level > 1; level--) {
            MemorySegment s = memory.segment(node);
            long b = BlockAllocator.offset(node);
            int i = 0;
            for (int size = size(s, b, 0); left >= size; size = size(s, b, ++i)) {
                left -= size;
            }
            node = child(s, b, i);
        }
        return position(node, (int) left);
    }

    static long position(long leaf, int index) {
        return leaf | (long) index << BlockAllocator.PAGE_SHIFT;
    }

    static long leafOf(long position) {
        return position & ~(0x3FFFL << BlockAllocator.PAGE_SHIFT);
    }

    static int indexOf(long position) {
        return (int) (position >>> BlockAllocator.PAGE_SHIFT) & 0x3FFF;
    }

    static long nextLeaf(BlockAllocator memory, long leaf) {
        return memory.segment(leaf).get(LONG, BlockAllocator.offset(leaf) + NEXT);
    }

    static long previousLeaf(BlockAllocator memory, long leaf) {
        return memory.segment(leaf).get(LONG, BlockAllocator.offset(leaf) + PREV);
    }

    /** The element at a position. */
    static long elementAt(BlockAllocator memory, long position) {
        long leaf = leafOf(position);
        return leafElement(memory.segment(leaf), BlockAllocator.offset(leaf), indexOf(position));
    }

    /** Members whose score is below {@code bound} (or equal to it too, when {@code inclusive}). */
    static long countBelow(BlockAllocator memory, long header, double bound, boolean inclusive) {
        long node = headerLong(memory, header, ROOT);
        long r = 0;
        for (int level = headerInt(memory, header, HEIGHT); level > 1; level--) {
            MemorySegment s = memory.segment(node);
            long b = BlockAllocator.offset(node);
            int count = count(s, b);
            int i = 0;
            for (; i + 1 < count && below(keyScore(s, b, i + 1), bound, inclusive); i++) {
                r += size(s, b, i);
            }
            node = child(s, b, i);
        }
        MemorySegment s = memory.segment(node);
        long b = BlockAllocator.offset(node);
        int count = count(s, b);
        int p = 0;
        while (p < count && below(leafScore(s, b, p), bound, inclusive)) {
            p++;
        }
        return r + p;
    }

    private static boolean below(double score, double bound, boolean inclusive) {
        return score < bound || inclusive && score == bound;
    }

    /** Members that sort below the bytes (or equal to them too, when {@code inclusive}). */
    static long countBelowLex(BlockAllocator memory, long header, MemorySegment bound, long boundOffset, int boundLength,
                              boolean inclusive) {
        long node = headerLong(memory, header, ROOT);
        long r = 0;
        for (int level = headerInt(memory, header, HEIGHT); level > 1; level--) {
            MemorySegment s = memory.segment(node);
            long b = BlockAllocator.offset(node);
            int count = count(s, b);
            int i = 0;
            for (; i + 1 < count && belowLex(memory, keyElement(s, b, i + 1), bound, boundOffset, boundLength, inclusive); i++) {
                r += size(s, b, i);
            }
            node = child(s, b, i);
        }
        MemorySegment s = memory.segment(node);
        long b = BlockAllocator.offset(node);
        int count = count(s, b);
        int p = 0;
        while (p < count && belowLex(memory, leafElement(s, b, p), bound, boundOffset, boundLength, inclusive)) {
            p++;
        }
        return r + p;
    }

    private static boolean belowLex(BlockAllocator memory, long element, MemorySegment bound, long boundOffset, int boundLength,
                                    boolean inclusive) {
        int c = compareMember(memory, element, bound, boundOffset, boundLength);
        return c < 0 || inclusive && c == 0;
    }

    /** Frees every node and the header; the elements stay (the table frees them). */
    static void release(BlockAllocator memory, long header) {
        releaseSubtree(memory, headerLong(memory, header, ROOT), headerInt(memory, header, HEIGHT));
        memory.free(header);
    }

    private static void releaseSubtree(BlockAllocator memory, long node, int levels) {
        if (levels > 1) {
            MemorySegment s = memory.segment(node);
            long b = BlockAllocator.offset(node);
            for (int i = 0, n = count(s, b); i < n; i++) {
                releaseSubtree(memory, child(s, b, i), levels - 1);
            }
        }
        memory.free(node);
    }

    /** Bytes of the header and the nodes (the elements are counted with the table). */
    static long memoryUsage(BlockAllocator memory, long header) {
        return memory.capacity(header) + (long) headerInt(memory, header, NODES) * NODE_BYTES;
    }
}
