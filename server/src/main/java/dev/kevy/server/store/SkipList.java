package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.LONG;

/**
 * The order of a large sorted set ("skiplist" in OBJECT ENCODING): Redis's skiplist with spans, in
 * allocator blocks. Elements are ordered by score, then by member bytes (unsigned, a prefix first).
 * Spans give an element's rank and the element at a rank in O(log n), as Redis's do.
 *
 * <p>Why a skiplist rather than an order-statistic B-tree: each node is also the element block the
 * set's {@link FieldTable} names, so a member costs one block, found by hash for ZSCORE and walked
 * in order for ranges, and an insert or delete touches O(log n) nodes without moving any element.
 * A B-tree would pack elements more densely but would need a second name for each element (the
 * table slot would have to follow it as it moves between tree blocks).
 *
 * <p>A node is one block:
 * <pre>
 *  0      member, a {@link Prefixed} string
 *  m      the byte 8, then the score (a double): the table sees "member, 8-byte value" pairs
 *  m+9    int   level (1..32)
 *  m+13   long  backward node (0 at the first)
 *  m+21   level times: long forward node (0 at the end), int span
 * </pre>
 * The header is a node with an empty member and 32 levels; its score field holds the length, its
 * level field the list's current level and its backward field the tail. Static over an allocator
 * except for the scratch arrays and the level generator, so one instance serves a keyspace.
 */
final class SkipList {
    static final int MAX_LEVEL = 32;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final int LEVEL_BYTES = 12;
    /** Offset of level 0's link from a node's level field (the level, then the backward node). */
    private static final int FIRST_LINK = 12;
    /** Offset of a link's span from its forward node. */
    private static final int SPAN = 8;

    /** What {@link #walk} found per level: the node, its segment and the offset of its level field, its rank. */
    private final long[] update = new long[MAX_LEVEL];
    private final MemorySegment[] updateSegments = new MemorySegment[MAX_LEVEL];
    private final long[] updateLinks = new long[MAX_LEVEL];
    private final long[] rank = new long[MAX_LEVEL];
    private long randomState = 0x2545_F491_4F6C_DD1DL;

    /** A new empty list's header block. */
    static long create(BlockAllocator memory) {
        long header = node(memory, null, 0, 0, 0.0, MAX_LEVEL);
        MemorySegment s = memory.segment(header);
        long links = links(s, header);
        for (int i = 0; i < MAX_LEVEL; i++) {
            s.set(LONG, links + FIRST_LINK + (long) i * LEVEL_BYTES, 0L);
            s.set(INT, links + FIRST_LINK + SPAN + (long) i * LEVEL_BYTES, 0);
        }
        s.set(INT, links, 1);
        setLength(memory, header, 0);
        return header;
    }

    /** A node block for a member with a score and a level; its links are set when it is inserted. */
    static long node(BlockAllocator memory, MemorySegment member, long memberOffset, int memberLength, double score, int level) {
        long node = memory.allocate(Prefixed.size(memberLength) + 21 + level * LEVEL_BYTES);
        MemorySegment s = memory.segment(node);
        long at = member == null ? writeEmpty(s, BlockAllocator.offset(node))
                : Prefixed.write(s, BlockAllocator.offset(node), member, memberOffset, memberLength);
        s.set(ValueLayout.JAVA_BYTE, at, (byte) 8);
        s.set(DOUBLE, at + 1, score);
        s.set(INT, at + 9, level);
        return node;
    }

    private static long writeEmpty(MemorySegment s, long at) {
        s.set(ValueLayout.JAVA_BYTE, at, (byte) 0);
        return at + 1;
    }

    /** Offset of a node's level field (its links follow). */
    static long links(MemorySegment s, long node) {
        return Prefixed.next(s, BlockAllocator.offset(node)) + 9;
    }

    static double score(BlockAllocator memory, long node) {
        MemorySegment s = memory.segment(node);
        return s.get(DOUBLE, Prefixed.next(s, BlockAllocator.offset(node)) + 1);
    }

    private static void setScore(BlockAllocator memory, long node, double score) {
        MemorySegment s = memory.segment(node);
        s.set(DOUBLE, Prefixed.next(s, BlockAllocator.offset(node)) + 1, score);
    }

    static long length(BlockAllocator memory, long header) {
        MemorySegment s = memory.segment(header);
        return s.get(LONG, BlockAllocator.offset(header) + 2);
    }

    private static void setLength(BlockAllocator memory, long header, long length) {
        memory.segment(header).set(LONG, BlockAllocator.offset(header) + 2, length);
    }

    private static int level(BlockAllocator memory, long node) {
        MemorySegment s = memory.segment(node);
        return s.get(INT, links(s, node));
    }

    static long backward(BlockAllocator memory, long node) {
        MemorySegment s = memory.segment(node);
        return s.get(LONG, links(s, node) + 4);
    }

    private static void setBackward(BlockAllocator memory, long node, long backward) {
        MemorySegment s = memory.segment(node);
        s.set(LONG, links(s, node) + 4, backward);
    }

    /** The last node, 0 when empty. */
    static long tail(BlockAllocator memory, long header) {
        return backward(memory, header);
    }

    static long forward(BlockAllocator memory, long node, int i) {
        MemorySegment s = memory.segment(node);
        return s.get(LONG, links(s, node) + FIRST_LINK + (long) i * LEVEL_BYTES);
    }

    private static int span(BlockAllocator memory, long node, int i) {
        MemorySegment s = memory.segment(node);
        return s.get(INT, links(s, node) + FIRST_LINK + SPAN + (long) i * LEVEL_BYTES);
    }

    /** Orders node {@code a} against (score, member): negative when a comes first. */
    static int compare(BlockAllocator memory, long a, double score, MemorySegment member, long memberOffset, int memberLength) {
        MemorySegment s = memory.segment(a);
        long at = BlockAllocator.offset(a);
        long data = Prefixed.data(s, at);
        int length = Prefixed.length(s, at);
        double as = s.get(DOUBLE, data + length + 1);
        if (as != score) {
            return as < score ? -1 : 1;
        }
        return compareBytes(s, data, length, member, memberOffset, memberLength);
    }

    /** memcmp over the shorter length, then the shorter first: Redis's {@code sdscmp}. */
    static int compareBytes(MemorySegment a, long aOffset, int aLength, MemorySegment b, long bOffset, int bLength) {
        int n = Math.min(aLength, bLength);
        long m = MemorySegment.mismatch(a, aOffset, aOffset + n, b, bOffset, bOffset + n);
        if (m >= 0) {
            return Integer.compare(a.get(ValueLayout.JAVA_BYTE, aOffset + m) & 0xFF, b.get(ValueLayout.JAVA_BYTE, bOffset + m) & 0xFF);
        }
        return Integer.compare(aLength, bLength);
    }

    private static int compareNodes(BlockAllocator memory, long a, long b) {
        MemorySegment s = memory.segment(b);
        long at = BlockAllocator.offset(b);
        return compare(memory, a, score(memory, b), s, Prefixed.data(s, at), Prefixed.length(s, at));
    }

    /** A level from 1 to 32, each further level with probability 1/4, as Redis's. */
    int randomLevel() {
        long z = (randomState += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z ^= z >>> 31;
        int level = 1;
        while ((z & 3) == 0 && level < MAX_LEVEL) {
            level++;
            z >>>= 2;
        }
        return level;
    }

    /**
     * Finds, at each level below {@code listLevel}, the last node that sorts before (score,
     * member): {@link #update} with its segment and the offset of its level field, and with
     * {@code ranked} the rank of each in {@link #rank}. The walk touches each node it passes once:
     * it decodes a node's member prefix when it compares against it and keeps the offsets it found
     * for the steps after it moves there, so a step costs one load of the next link, one of the next
     * node's score (and its member on a tie) and, when it moves, its span. Over a large set every
     * step is a cache miss, and the work between two misses is what decides the walk's speed.
     */
    private void walk(BlockAllocator memory, long header, int listLevel, double score, MemorySegment member,
                      long memberOffset, int memberLength, boolean ranked) {
        long x = header;
        MemorySegment xs = memory.segment(header);
        long xLinks = links(xs, header);
        long r = 0;
        for (int i = listLevel - 1; i >= 0; i--) {
            long link = xLinks + FIRST_LINK + (long) i * LEVEL_BYTES;
            while (true) {
                long f = xs.get(LONG, link);
                if (f == 0) {
                    break;
                }
                MemorySegment fs = memory.segment(f);
                long fAt = BlockAllocator.offset(f);
                long fData = Prefixed.data(fs, fAt);
                int fLength = Prefixed.length(fs, fAt);
                double fScore = fs.get(DOUBLE, fData + fLength + 1);
                if (fScore != score ? !(fScore < score) : compareBytes(fs, fData, fLength, member, memberOffset, memberLength) >= 0) {
                    break; // f sorts at or after (score, member), as compare() >= 0 says
                }
                if (ranked) {
                    r += xs.get(INT, link + SPAN);
                }
                x = f;
                xs = fs;
                xLinks = fData + fLength + 9;
                link = xLinks + FIRST_LINK + (long) i * LEVEL_BYTES;
            }
            rank[i] = r;
            update[i] = x;
            updateSegments[i] = xs;
            updateLinks[i] = xLinks;
        }
    }

    /** {@link #walk} to the place of {@code node} (by its score and member); returns the list's level. */
    private int walkTo(BlockAllocator memory, long header, long node, boolean ranked) {
        MemorySegment ns = memory.segment(node);
        long nodeAt = BlockAllocator.offset(node);
        long data = Prefixed.data(ns, nodeAt);
        int length = Prefixed.length(ns, nodeAt);
        int listLevel = level(memory, header);
        walk(memory, header, listLevel, ns.get(DOUBLE, data + length + 1), ns, data, length, ranked);
        return listLevel;
    }

    /** Links a node (not in the list, its score set) in its place. */
    void insert(BlockAllocator memory, long header, long node) {
        int listLevel = walkTo(memory, header, node, true);
        MemorySegment ns = memory.segment(node);
        long nodeLinks = links(ns, node);
        MemorySegment hs = memory.segment(header);
        long headerLinks = links(hs, header);
        long length = length(memory, header);
        int level = ns.get(INT, nodeLinks);
        if (level > listLevel) {
            for (int i = listLevel; i < level; i++) {
                rank[i] = 0;
                update[i] = header;
                updateSegments[i] = hs;
                updateLinks[i] = headerLinks;
                hs.set(INT, headerLinks + FIRST_LINK + SPAN + (long) i * LEVEL_BYTES, (int) length);
            }
            hs.set(INT, headerLinks, level);
            listLevel = level;
        }
        for (int i = 0; i < level; i++) {
            MemorySegment us = updateSegments[i];
            long link = updateLinks[i] + FIRST_LINK + (long) i * LEVEL_BYTES;
            long own = nodeLinks + FIRST_LINK + (long) i * LEVEL_BYTES;
            ns.set(LONG, own, us.get(LONG, link));
            us.set(LONG, link, node);
            ns.set(INT, own + SPAN, (int) (us.get(INT, link + SPAN) - (rank[0] - rank[i])));
            us.set(INT, link + SPAN, (int) (rank[0] - rank[i] + 1));
        }
        for (int i = level; i < listLevel; i++) {
            MemorySegment us = updateSegments[i];
            long span = updateLinks[i] + FIRST_LINK + SPAN + (long) i * LEVEL_BYTES;
            us.set(INT, span, us.get(INT, span) + 1);
        }
        ns.set(LONG, nodeLinks + 4, update[0] == header ? 0 : update[0]);
        long next = ns.get(LONG, nodeLinks + FIRST_LINK);
        if (next != 0) {
            setBackward(memory, next, node);
        } else {
            hs.set(LONG, headerLinks + 4, node);
        }
        setLength(memory, header, length + 1);
    }

    /** Unlinks a node that is in the list (its block stays the caller's). */
    void unlink(BlockAllocator memory, long header, long node) {
        int listLevel = walkTo(memory, header, node, false);
        MemorySegment ns = memory.segment(node);
        long nodeLinks = links(ns, node);
        MemorySegment hs = memory.segment(header);
        long headerLinks = links(hs, header);
        for (int i = 0; i < listLevel; i++) {
            MemorySegment us = updateSegments[i];
            long link = updateLinks[i] + FIRST_LINK + (long) i * LEVEL_BYTES;
            if (us.get(LONG, link) == node) {
                long own = nodeLinks + FIRST_LINK + (long) i * LEVEL_BYTES;
                us.set(INT, link + SPAN, us.get(INT, link + SPAN) + ns.get(INT, own + SPAN) - 1);
                us.set(LONG, link, ns.get(LONG, own));
            } else {
                us.set(INT, link + SPAN, us.get(INT, link + SPAN) - 1);
            }
        }
        long next = ns.get(LONG, nodeLinks + FIRST_LINK);
        long back = ns.get(LONG, nodeLinks + 4);
        if (next != 0) {
            setBackward(memory, next, back);
        } else {
            hs.set(LONG, headerLinks + 4, back);
        }
        while (listLevel > 1 && hs.get(LONG, headerLinks + FIRST_LINK + (long) (listLevel - 1) * LEVEL_BYTES) == 0) {
            listLevel--;
        }
        hs.set(INT, headerLinks, listLevel);
        setLength(memory, header, length(memory, header) - 1);
    }

    /** Gives a linked node a new score, moving it only when its place changes (Redis's zslUpdateScore). */
    void rescore(BlockAllocator memory, long header, long node, double score) {
        long back = backward(memory, node);
        long next = forward(memory, node, 0);
        MemorySegment s = memory.segment(node);
        long at = BlockAllocator.offset(node);
        long data = Prefixed.data(s, at);
        int length = Prefixed.length(s, at);
        if ((back == 0 || compare(memory, back, score, s, data, length) < 0)
                && (next == 0 || compare(memory, next, score, s, data, length) > 0)) {
            setScore(memory, node, score);
            return;
        }
        unlink(memory, header, node);
        setScore(memory, node, score);
        insert(memory, header, node);
    }

    /** 0-based rank of a linked node. */
    static long rankOf(BlockAllocator memory, long header, long node) {
        long r = 0;
        long x = header;
        for (int i = level(memory, header) - 1; i >= 0; i--) {
            for (long f = forward(memory, x, i); f != 0 && compareNodes(memory, f, node) <= 0; f = forward(memory, x, i)) {
                r += span(memory, x, i);
                x = f;
            }
            if (x == node) {
                return r - 1;
            }
        }
        return r - 1;
    }

    /** The node at a 0-based rank ({@code 0 <= rank < length}). */
    static long atRank(BlockAllocator memory, long header, long rank) {
        long traversed = 0;
        long target = rank + 1;
        long x = header;
        for (int i = level(memory, header) - 1; i >= 0; i--) {
            for (long f = forward(memory, x, i); f != 0 && traversed + span(memory, x, i) <= target; f = forward(memory, x, i)) {
                traversed += span(memory, x, i);
                x = f;
            }
            if (traversed == target) {
                return x;
            }
        }
        return 0;
    }

    /** Elements whose score is below {@code bound} (or equal to it too, when {@code inclusive}). */
    static long countBelow(BlockAllocator memory, long header, double bound, boolean inclusive) {
        long r = 0;
        long x = header;
        for (int i = level(memory, header) - 1; i >= 0; i--) {
            for (long f = forward(memory, x, i); f != 0; f = forward(memory, x, i)) {
                double fs = score(memory, f);
                if (!(fs < bound || inclusive && fs == bound)) {
                    break;
                }
                r += span(memory, x, i);
                x = f;
            }
        }
        return r;
    }

    /** Elements whose member sorts below the bound (or equal to it too, when {@code inclusive}). */
    static long countBelowLex(BlockAllocator memory, long header, MemorySegment bound, long boundOffset, int boundLength,
                              boolean inclusive) {
        long r = 0;
        long x = header;
        for (int i = level(memory, header) - 1; i >= 0; i--) {
            for (long f = forward(memory, x, i); f != 0; f = forward(memory, x, i)) {
                MemorySegment s = memory.segment(f);
                long at = BlockAllocator.offset(f);
                int c = compareBytes(s, Prefixed.data(s, at), Prefixed.length(s, at), bound, boundOffset, boundLength);
                if (!(c < 0 || inclusive && c == 0)) {
                    break;
                }
                r += span(memory, x, i);
                x = f;
            }
        }
        return r;
    }
}
