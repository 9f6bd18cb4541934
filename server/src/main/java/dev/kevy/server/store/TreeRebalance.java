package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.TreeNodes.HEIGHT;
import static dev.kevy.server.store.TreeNodes.INNER_CAPACITY;
import static dev.kevy.server.store.TreeNodes.INNER_MIN;
import static dev.kevy.server.store.TreeNodes.LAST;
import static dev.kevy.server.store.TreeNodes.LEAF_CAPACITY;
import static dev.kevy.server.store.TreeNodes.LEAF_MIN;
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
import static dev.kevy.server.store.TreeNodes.setKey;
import static dev.kevy.server.store.TreeNodes.setSize;
import static dev.kevy.server.store.TreeNodes.size;

/**
 * What a {@link ScoreTree} does after a member leaves: keys that named it take the new smallest
 * member, and a node that fell below a third of its capacity merges with a sibling (when the two
 * fit one node) or takes half of their members. A merge always keeps the left node and frees the
 * right one, so the first leaf of a tree never changes. A root left with one child is replaced by
 * that child. Static over the descent path the tree passes in (depth 0 is the root).
 */
final class TreeRebalance {
    private TreeRebalance() {
    }

    /**
     * The node at {@code depth} on the path has a new smallest member: each key above that names
     * the node's subtree takes it, up to the first ancestor entered through a child other than its first.
     */
    static void raiseMin(BlockAllocator memory, long[] nodes, int[] index, int depth, double score, long element) {
        for (int d = depth - 1; d >= 0; d--) {
            setKey(memory.segment(nodes[d]), BlockAllocator.offset(nodes[d]), index[d], score, element);
            if (index[d] != 0) {
                return;
            }
        }
    }

    /** Rebalances up the path from its leaf, which has just lost a member. */
    static void afterRemove(BlockAllocator memory, long header, int height, long[] nodes, int[] index) {
        for (int d = height - 1; d > 0; d--) {
            boolean leaf = d == height - 1;
            if (count(memory, nodes[d]) >= (leaf ? LEAF_MIN : INNER_MIN)) {
                break;
            }
            long parent = nodes[d - 1];
            MemorySegment ps = memory.segment(parent);
            long pb = BlockAllocator.offset(parent);
            int j = index[d - 1] + 1 < count(ps, pb) ? index[d - 1] : index[d - 1] - 1; // the pair j, j + 1
            long left = child(ps, pb, j);
            long right = child(ps, pb, j + 1);
            boolean merged = leaf ? leaves(memory, header, ps, pb, j, left, right) : inners(memory, header, ps, pb, j, left, right);
            keyFromMin(memory, ps, pb, j, left, leaf);
            if (!merged) {
                keyFromMin(memory, ps, pb, j + 1, right, leaf);
            }
            if (j == 0) {
                raiseMin(memory, nodes, index, d - 1, keyScore(ps, pb, 0), keyElement(ps, pb, 0));
            }
            if (!merged) {
                break;
            }
        }
        collapseRoot(memory, header);
    }

    private static void keyFromMin(BlockAllocator memory, MemorySegment ps, long pb, int i, long child, boolean leaf) {
        MemorySegment s = memory.segment(child);
        long b = BlockAllocator.offset(child);
        if (leaf) {
            setKey(ps, pb, i, leafScore(s, b, 0), leafElement(s, b, 0));
        } else {
            setKey(ps, pb, i, keyScore(s, b, 0), keyElement(s, b, 0));
        }
    }

    /** Merges or evens out two sibling leaves; returns whether they merged (the right one freed). */
    private static boolean leaves(BlockAllocator memory, long header, MemorySegment ps, long pb, int j, long left, long right) {
        MemorySegment ls = memory.segment(left);
        long lb = BlockAllocator.offset(left);
        MemorySegment rs = memory.segment(right);
        long rb = BlockAllocator.offset(right);
        int lc = count(ls, lb);
        int rc = count(rs, rb);
        if (lc + rc <= LEAF_CAPACITY) {
            moveLeaf(rs, rb, 0, ls, lb, lc, rc);
            setCount(ls, lb, lc + rc);
            long next = rs.get(EntryLayout.LONG, rb + NEXT);
            ls.set(EntryLayout.LONG, lb + NEXT, next);
            if (next != 0) {
                memory.segment(next).set(EntryLayout.LONG, BlockAllocator.offset(next) + PREV, left);
            } else {
                TreeNodes.setHeaderLong(memory, header, LAST, left);
            }
            freeNode(memory, header, right);
            removeChild(ps, pb, j + 1);
            return true;
        }
        int total = lc + rc;
        int half = total / 2;
        if (lc < half) {
            int n = half - lc;
            moveLeaf(rs, rb, 0, ls, lb, lc, n);
            moveLeaf(rs, rb, n, rs, rb, 0, rc - n);
        } else {
            int n = lc - half;
            moveLeaf(rs, rb, 0, rs, rb, n, rc);
            moveLeaf(ls, lb, half, rs, rb, 0, n);
        }
        setCount(ls, lb, half);
        setCount(rs, rb, total - half);
        setSize(ps, pb, j, half);
        setSize(ps, pb, j + 1, total - half);
        return false;
    }

    /** Merges or evens out two sibling inner nodes; returns whether they merged (the right one freed). */
    private static boolean inners(BlockAllocator memory, long header, MemorySegment ps, long pb, int j, long left, long right) {
        MemorySegment ls = memory.segment(left);
        long lb = BlockAllocator.offset(left);
        MemorySegment rs = memory.segment(right);
        long rb = BlockAllocator.offset(right);
        int lc = count(ls, lb);
        int rc = count(rs, rb);
        if (lc + rc <= INNER_CAPACITY) {
            moveInner(rs, rb, 0, ls, lb, lc, rc);
            setCount(ls, lb, lc + rc);
            freeNode(memory, header, right);
            removeChild(ps, pb, j + 1);
            return true;
        }
        int half = (lc + rc) / 2;
        int moved;
        if (lc < half) {
            int n = half - lc;
            moved = TreeNodes.sizes(rs, rb, 0, n);
            moveInner(rs, rb, 0, ls, lb, lc, n);
            moveInner(rs, rb, n, rs, rb, 0, rc - n);
        } else {
            int n = lc - half;
            moved = -TreeNodes.sizes(ls, lb, half, n);
            moveInner(rs, rb, 0, rs, rb, n, rc);
            moveInner(ls, lb, half, rs, rb, 0, n);
        }
        setCount(ls, lb, half);
        setCount(rs, rb, lc + rc - half);
        setSize(ps, pb, j, size(ps, pb, j) + moved);
        setSize(ps, pb, j + 1, size(ps, pb, j + 1) - moved);
        return false;
    }

    /** Drops child {@code i} (just merged into child {@code i - 1}) from an inner node. */
    private static void removeChild(MemorySegment s, long b, int i) {
        int count = count(s, b);
        setSize(s, b, i - 1, size(s, b, i - 1) + size(s, b, i));
        moveInner(s, b, i + 1, s, b, i, count - i - 1);
        setCount(s, b, count - 1);
    }

    private static void collapseRoot(BlockAllocator memory, long header) {
        int height = TreeNodes.headerInt(memory, header, HEIGHT);
        long root = TreeNodes.headerLong(memory, header, ROOT);
        while (height > 1 && count(memory, root) == 1) {
            long only = child(memory.segment(root), BlockAllocator.offset(root), 0);
            freeNode(memory, header, root);
            root = only;
            height--;
        }
        TreeNodes.setHeaderLong(memory, header, ROOT, root);
        TreeNodes.setHeaderInt(memory, header, HEIGHT, height);
    }

    private static void freeNode(BlockAllocator memory, long header, long node) {
        memory.free(node);
        TreeNodes.setHeaderInt(memory, header, NODES, TreeNodes.headerInt(memory, header, NODES) - 1);
    }
}
