package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.TreeNodes.FIRST;
import static dev.kevy.server.store.TreeNodes.HEIGHT;
import static dev.kevy.server.store.TreeNodes.INNER_CAPACITY;
import static dev.kevy.server.store.TreeNodes.LAST;
import static dev.kevy.server.store.TreeNodes.LEAF_CAPACITY;
import static dev.kevy.server.store.TreeNodes.LENGTH;
import static dev.kevy.server.store.TreeNodes.NEXT;
import static dev.kevy.server.store.TreeNodes.NODES;
import static dev.kevy.server.store.TreeNodes.PREV;
import static dev.kevy.server.store.TreeNodes.ROOT;
import static dev.kevy.server.store.TreeNodes.child;
import static dev.kevy.server.store.TreeNodes.count;
import static dev.kevy.server.store.TreeNodes.keyElement;
import static dev.kevy.server.store.TreeNodes.keyScore;
import static dev.kevy.server.store.TreeNodes.leafElement;
import static dev.kevy.server.store.TreeNodes.leafScore;
import static dev.kevy.server.store.TreeNodes.moveInner;
import static dev.kevy.server.store.TreeNodes.moveLeaf;
import static dev.kevy.server.store.TreeNodes.setCount;
import static dev.kevy.server.store.TreeNodes.setSize;
import static dev.kevy.server.store.TreeNodes.size;

/**
 * The order of a large sorted set ("skiplist" in OBJECT ENCODING, the name Redis gives it): an
 * order-statistic B+tree over the set's element blocks, ordered by score, then by member bytes
 * (unsigned, a prefix first). Each inner node keeps the number of members under each child, so a
 * member's rank and the member at a rank are one descent. Layout and the read-only queries are in
 * {@link TreeNodes}.
 *
 * <p>Why a B+tree rather than Redis's skiplist: over a set larger than the cache, each step of a
 * skiplist walk is a miss whose address depends on the step before, about 25 of them per walk at
 * 100,000 members, and a ZADD that moves a member walks twice. A descent here reads three to five
 * nodes whose keys lie side by side, so the processor loads a node's lines in parallel. Members
 * stay in their own element blocks (the set's table names them), so a split or a merge moves
 * 16-byte (score, element) pairs and never a member.
 *
 * <p>Insert, remove and rescore first descend to the place of a (score, element) and keep the
 * path in scratch arrays; one instance serves a keyspace, single-threaded like it. Splits keep a
 * leaf full when members arrive in order at either end (a copy, a conversion from the packed
 * encoding, a load), and halve it otherwise; a node that falls below a third borrows from a
 * sibling or merges with it.
 */
final class ScoreTree {
    private final long[] pathNodes = new long[TreeNodes.MAX_HEIGHT];
    private final int[] pathIndex = new int[TreeNodes.MAX_HEIGHT];

    /**
     * Descends to the place of (score, element), the element's member given by its bytes, and
     * keeps the path: each inner node with the child taken, then the leaf with the first index
     * whose member does not sort before the target. Returns the tree's height.
     */
    private int descend(BlockAllocator memory, long header, double score, long element, MemorySegment member,
                        long memberOffset, int memberLength) {
        long node = TreeNodes.headerLong(memory, header, ROOT);
        int height = TreeNodes.headerInt(memory, header, HEIGHT);
        for (int d = 0; d < height - 1; d++) {
            MemorySegment s = memory.segment(node);
            long b = BlockAllocator.offset(node);
            int count = count(s, b);
            int i = 1;
            while (i < count) {
                double k = keyScore(s, b, i);
                if (k > score || k == score
                        && TreeNodes.compare(memory, k, keyElement(s, b, i), score, element, member, memberOffset, memberLength) > 0) {
                    break;
                }
                i++;
            }
            pathNodes[d] = node;
            pathIndex[d] = i - 1;
            node = child(s, b, i - 1);
        }
        MemorySegment s = memory.segment(node);
        long b = BlockAllocator.offset(node);
        int count = count(s, b);
        int p = 0;
        while (p < count) {
            double k = leafScore(s, b, p);
            if (k > score || k == score
                    && TreeNodes.compare(memory, k, leafElement(s, b, p), score, element, member, memberOffset, memberLength) >= 0) {
                break;
            }
            p++;
        }
        pathNodes[height - 1] = node;
        pathIndex[height - 1] = p;
        return height;
    }

    /** {@link #descend} to an element's own place, by the score its block holds. */
    private int descendTo(BlockAllocator memory, long header, long element) {
        MemorySegment s = memory.segment(element);
        long at = BlockAllocator.offset(element);
        long data = Prefixed.data(s, at);
        int length = Prefixed.length(s, at);
        return descend(memory, header, s.get(TreeNodes.DOUBLE, data + length + 1), element, s, data, length);
    }

    /** Adds an element (not in the tree, its score set). */
    void insert(BlockAllocator memory, long header, long element) {
        int height = descendTo(memory, header, element);
        place(memory, header, height, TreeNodes.score(memory, element), element);
    }

    /** Inserts at the place {@link #descend} found. */
    private void place(BlockAllocator memory, long header, int height, double score, long element) {
        int depth = height - 1;
        for (int d = 0; d < depth; d++) {
            MemorySegment s = memory.segment(pathNodes[d]);
            long b = BlockAllocator.offset(pathNodes[d]);
            setSize(s, b, pathIndex[d], size(s, b, pathIndex[d]) + 1);
        }
        TreeNodes.setHeaderLong(memory, header, LENGTH, TreeNodes.length(memory, header) + 1);
        long leaf = pathNodes[depth];
        int p = pathIndex[depth];
        MemorySegment s = memory.segment(leaf);
        long b = BlockAllocator.offset(leaf);
        int count = count(s, b);
        if (count < LEAF_CAPACITY) {
            moveLeaf(s, b, p, s, b, p + 1, count - p);
            TreeNodes.putLeaf(s, b, p, score, element);
            setCount(s, b, count + 1);
            if (p == 0) {
                TreeRebalance.raiseMin(memory, pathNodes, pathIndex, depth, score, element);
            }
            return;
        }
        splitLeaf(memory, header, depth, s, b, p, score, element);
    }

    private void splitLeaf(BlockAllocator memory, long header, int depth, MemorySegment s, long b, int p, double score,
                           long element) {
        long leaf = pathNodes[depth];
        long next = s.get(EntryLayout.LONG, b + NEXT);
        int left;
        if (p == LEAF_CAPACITY && next == 0) {
            left = LEAF_CAPACITY; // appending in order: the left leaf stays full
        } else if (p == 0 && s.get(EntryLayout.LONG, b + PREV) == 0) {
            left = 1; // prepending in order
        } else {
            left = (LEAF_CAPACITY + 1) / 2;
        }
        long right = TreeNodes.newLeaf(memory);
        MemorySegment rs = memory.segment(right);
        long rb = BlockAllocator.offset(right);
        if (p < left) {
            moveLeaf(s, b, left - 1, rs, rb, 0, LEAF_CAPACITY - left + 1);
            moveLeaf(s, b, p, s, b, p + 1, left - 1 - p);
            TreeNodes.putLeaf(s, b, p, score, element);
        } else {
            int q = p - left;
            moveLeaf(s, b, left, rs, rb, 0, q);
            TreeNodes.putLeaf(rs, rb, q, score, element);
            moveLeaf(s, b, p, rs, rb, q + 1, LEAF_CAPACITY - p);
        }
        int rightCount = LEAF_CAPACITY + 1 - left;
        setCount(s, b, left);
        setCount(rs, rb, rightCount);
        rs.set(EntryLayout.LONG, rb + PREV, leaf);
        rs.set(EntryLayout.LONG, rb + NEXT, next);
        s.set(EntryLayout.LONG, b + NEXT, right);
        if (next != 0) {
            memory.segment(next).set(EntryLayout.LONG, BlockAllocator.offset(next) + PREV, right);
        } else {
            TreeNodes.setHeaderLong(memory, header, LAST, right);
        }
        addNode(memory, header);
        if (p == 0) {
            TreeRebalance.raiseMin(memory, pathNodes, pathIndex, depth, score, element);
        }
        addChild(memory, header, depth - 1, right, leafScore(rs, rb, 0), leafElement(rs, rb, 0), rightCount);
    }

    /**
     * Puts a new child after the path's child of the inner node at depth {@code d} (a new root when
     * {@code d < 0}), taking its members from that child's size; splits the node when it is full.
     */
    private void addChild(BlockAllocator memory, long header, int d, long child, double keyScore, long keyElement, int childSize) {
        if (d < 0) {
            growRoot(memory, header, child, keyScore, keyElement, childSize);
            return;
        }
        long node = pathNodes[d];
        int i = pathIndex[d];
        MemorySegment s = memory.segment(node);
        long b = BlockAllocator.offset(node);
        int count = count(s, b);
        setSize(s, b, i, size(s, b, i) - childSize);
        int p = i + 1;
        if (count < INNER_CAPACITY) {
            moveInner(s, b, p, s, b, p + 1, count - p);
            TreeNodes.putInner(s, b, p, keyScore, keyElement, child, childSize);
            setCount(s, b, count + 1);
            return;
        }
        int left = (INNER_CAPACITY + 1) / 2;
        long right = TreeNodes.newInner(memory);
        MemorySegment rs = memory.segment(right);
        long rb = BlockAllocator.offset(right);
        if (p < left) {
            moveInner(s, b, left - 1, rs, rb, 0, INNER_CAPACITY - left + 1);
            moveInner(s, b, p, s, b, p + 1, left - 1 - p);
            TreeNodes.putInner(s, b, p, keyScore, keyElement, child, childSize);
        } else {
            int q = p - left;
            moveInner(s, b, left, rs, rb, 0, q);
            TreeNodes.putInner(rs, rb, q, keyScore, keyElement, child, childSize);
            moveInner(s, b, p, rs, rb, q + 1, INNER_CAPACITY - p);
        }
        int rightCount = INNER_CAPACITY + 1 - left;
        setCount(s, b, left);
        setCount(rs, rb, rightCount);
        addNode(memory, header);
        addChild(memory, header, d - 1, right, keyScore(rs, rb, 0), keyElement(rs, rb, 0), TreeNodes.sizes(rs, rb, 0, rightCount));
    }

    private static void growRoot(BlockAllocator memory, long header, long right, double keyScore, long keyElement, int rightSize) {
        long old = TreeNodes.headerLong(memory, header, ROOT);
        int height = TreeNodes.headerInt(memory, header, HEIGHT);
        long root = TreeNodes.newInner(memory);
        MemorySegment s = memory.segment(root);
        long b = BlockAllocator.offset(root);
        MemorySegment os = memory.segment(old);
        long ob = BlockAllocator.offset(old);
        int leftSize = (int) TreeNodes.length(memory, header) - rightSize;
        if (height == 1) {
            TreeNodes.putInner(s, b, 0, leafScore(os, ob, 0), leafElement(os, ob, 0), old, leftSize);
        } else {
            TreeNodes.putInner(s, b, 0, keyScore(os, ob, 0), keyElement(os, ob, 0), old, leftSize);
        }
        TreeNodes.putInner(s, b, 1, keyScore, keyElement, right, rightSize);
        setCount(s, b, 2);
        TreeNodes.setHeaderLong(memory, header, ROOT, root);
        TreeNodes.setHeaderInt(memory, header, HEIGHT, height + 1);
        addNode(memory, header);
    }

    private static void addNode(BlockAllocator memory, long header) {
        TreeNodes.setHeaderInt(memory, header, NODES, TreeNodes.headerInt(memory, header, NODES) + 1);
    }

    /** Removes an element that is in the tree (its block stays the caller's). */
    void remove(BlockAllocator memory, long header, long element) {
        int height = descendTo(memory, header, element);
        assert elementAtPath(memory, height) == element : "the element is in the tree";
        removeAtPath(memory, header, height);
    }

    private long elementAtPath(BlockAllocator memory, int height) {
        long leaf = pathNodes[height - 1];
        return leafElement(memory.segment(leaf), BlockAllocator.offset(leaf), pathIndex[height - 1]);
    }

    /** Removes the member at the place the last descent found. */
    private void removeAtPath(BlockAllocator memory, long header, int height) {
        int depth = height - 1;
        for (int d = 0; d < depth; d++) {
            MemorySegment s = memory.segment(pathNodes[d]);
            long b = BlockAllocator.offset(pathNodes[d]);
            setSize(s, b, pathIndex[d], size(s, b, pathIndex[d]) - 1);
        }
        TreeNodes.setHeaderLong(memory, header, LENGTH, TreeNodes.length(memory, header) - 1);
        long leaf = pathNodes[depth];
        int p = pathIndex[depth];
        MemorySegment s = memory.segment(leaf);
        long b = BlockAllocator.offset(leaf);
        int count = count(s, b) - 1;
        moveLeaf(s, b, p + 1, s, b, p, count - p);
        setCount(s, b, count);
        if (p == 0 && count > 0) {
            TreeRebalance.raiseMin(memory, pathNodes, pathIndex, depth, leafScore(s, b, 0), leafElement(s, b, 0));
        }
        TreeRebalance.afterRemove(memory, header, height, pathNodes, pathIndex);
    }

    /** Gives an element in the tree a new score, moving it only when its place changes (Redis's zslUpdateScore). */
    void rescore(BlockAllocator memory, long header, long element, double score) {
        int height = descendTo(memory, header, element);
        assert elementAtPath(memory, height) == element : "the element is in the tree";
        long leaf = pathNodes[height - 1];
        int p = pathIndex[height - 1];
        MemorySegment s = memory.segment(leaf);
        long b = BlockAllocator.offset(leaf);
        if (p > 0 && p < count(s, b) - 1) {
            MemorySegment es = memory.segment(element);
            long at = BlockAllocator.offset(element);
            long data = Prefixed.data(es, at);
            int length = Prefixed.length(es, at);
            if (TreeNodes.compare(memory, leafScore(s, b, p - 1), leafElement(s, b, p - 1), score, element, es, data, length) < 0
                    && TreeNodes.compare(memory, leafScore(s, b, p + 1), leafElement(s, b, p + 1), score, element, es, data,
                    length) > 0) {
                TreeNodes.setLeafScore(s, b, p, score); // neither the leaf's first nor its last: no key names it
                TreeNodes.setScore(memory, element, score);
                return;
            }
        }
        removeAtPath(memory, header, height);
        TreeNodes.setScore(memory, element, score);
        insert(memory, header, element);
    }

    /** 0-based rank of an element in the tree. */
    long rankOf(BlockAllocator memory, long header, long element) {
        int height = descendTo(memory, header, element);
        long rank = pathIndex[height - 1];
        for (int d = 0; d < height - 1; d++) {
            MemorySegment s = memory.segment(pathNodes[d]);
            rank += TreeNodes.sizes(s, BlockAllocator.offset(pathNodes[d]), 0, pathIndex[d]);
        }
        return rank;
    }

    /** The first leaf, for a walk over the whole set in order. */
    static long firstLeaf(BlockAllocator memory, long header) {
        return TreeNodes.headerLong(memory, header, FIRST);
    }
}
