package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sorted sets' B+tree on its own, against an on-heap model (a TreeSet in score-then-member
 * order), at sizes that give it four and five levels: after every batch of operations the whole
 * tree is checked node by node (keys are their subtree's smallest member, sizes add up, every leaf
 * at one depth and within its fill bounds, leaf links both ways, header counts), and ranks,
 * positions and counts below bounds are compared with the model.
 */
class ScoreTreeTest {
    private final BlockAllocator memory = new BlockAllocator();
    private final ScoreTree tree = new ScoreTree();
    private final Bytes bytes = new Bytes();
    private final Map<String, Long> elements = new HashMap<>();
    private final TreeSet<Item> model = new TreeSet<>();
    private long header;

    private record Item(double score, String member) implements Comparable<Item> {
        @Override
        public int compareTo(Item o) {
            if (score != o.score) {
                return score < o.score ? -1 : 1;
            }
            return java.util.Arrays.compareUnsigned(member.getBytes(StandardCharsets.UTF_8), o.member.getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void randomInsertsRescoresAndRemovesKeepTheTreeSoundAndInOrder() {
        Random random = new Random(21);
        header = TreeNodes.create(memory);
        long baseline = memory.liveBytes() - memory.capacity(header) - TreeNodes.NODE_BYTES;
        int maxHeight = 0;
        for (int op = 0; op < 160_000; op++) {
            boolean growing = op < 80_000;
            String member = "m" + random.nextInt(40_000);
            double score = random.nextInt(3) == 0 ? random.nextInt(50) : random.nextInt(1_000_000) / 16.0;
            int dice = random.nextInt(10);
            Long element = elements.get(member);
            if (element == null) {
                if (growing || dice < 2) {
                    add(member, score);
                }
            } else if (dice < 4) {
                double old = TreeNodes.score(memory, element);
                tree.rescore(memory, header, element, score);
                assertTrue(model.remove(new Item(old, member)));
                model.add(new Item(score, member));
            } else if (!growing || dice < 6) {
                remove(member);
            }
            if (op % 4_000 == 0) {
                check(random);
                maxHeight = Math.max(maxHeight, TreeNodes.headerInt(memory, header, TreeNodes.HEIGHT));
            }
        }
        check(random);
        assertTrue(maxHeight >= 4, "the test reached a tree of four levels: " + maxHeight);
        for (String member : new ArrayList<>(elements.keySet())) {
            remove(member);
        }
        check(random);
        assertEquals(1, TreeNodes.headerInt(memory, header, TreeNodes.HEIGHT), "an emptied tree is one leaf again");
        TreeNodes.release(memory, header);
        assertEquals(baseline, memory.liveBytes(), "every node and element was freed");
    }

    @Test
    void membersAddedInOrderFillTheirLeaves() {
        for (boolean ascending : new boolean[] {true, false}) {
            header = TreeNodes.create(memory);
            int n = 30_017; // not a multiple of the leaf capacity: one leaf stays partial
            for (int i = 0; i < n; i++) {
                int k = ascending ? i : n - 1 - i;
                add(String.format("m%06d", k), k);
                if (i == 10 * TreeNodes.LEAF_CAPACITY) {
                    check(new Random(i)); // just split: the end leaf holds the one member that arrived
                }
            }
            check(new Random(1));
            int partial = 0;
            for (long leaf = ScoreTree.firstLeaf(memory, header); leaf != 0; leaf = TreeNodes.nextLeaf(memory, leaf)) {
                partial += TreeNodes.count(memory, leaf) < TreeNodes.LEAF_CAPACITY ? 1 : 0;
            }
            assertEquals(1, partial, "only the leaf at the growing end is not full (ascending " + ascending + ")");
            for (String member : new ArrayList<>(elements.keySet())) {
                remove(member);
            }
            TreeNodes.release(memory, header);
        }
    }

    @Test
    void poppingTheSmallestMemberEmptiesTheTreeFromItsFirstLeaf() {
        Random random = new Random(5);
        header = TreeNodes.create(memory);
        for (int i = 0; i < 25_000; i++) {
            String member = "p" + i;
            if (!elements.containsKey(member)) {
                add(member, random.nextInt(5_000));
            }
        }
        check(random);
        int popped = 0;
        while (!model.isEmpty()) {
            long element = TreeNodes.elementAt(memory, TreeNodes.atRank(memory, header, 0));
            Item first = model.first();
            assertEquals(elements.get(first.member()), element, "the member at rank 0 is the smallest");
            remove(first.member());
            if (++popped % 2_500 == 0) {
                check(random);
            }
        }
        check(random);
    }

    @Test
    void lexCountsMatchTheModelWhenAllScoresAreEqual() {
        Random random = new Random(9);
        header = TreeNodes.create(memory);
        for (int i = 0; i < 12_000; i++) {
            String member = Integer.toString(random.nextInt(1 << 20), 36);
            if (!elements.containsKey(member)) {
                add(member, 7);
            }
        }
        check(random);
        for (int i = 0; i < 2_000; i++) {
            String bound = Integer.toString(random.nextInt(1 << 20), 36);
            boolean inclusive = random.nextBoolean();
            long expected = model.headSet(new Item(7, bound), inclusive).size();
            long at = bytes.put(Bytes.utf8(bound));
            assertEquals(expected, TreeNodes.countBelowLex(memory, header, bytes.segment(), at, bound.length(), inclusive), bound);
        }
    }

    private void add(String member, double score) {
        long at = bytes.put(Bytes.utf8(member));
        long element = TreeNodes.element(memory, bytes.segment(), at, member.length(), score);
        tree.insert(memory, header, element);
        elements.put(member, element);
        assertTrue(model.add(new Item(score, member)));
    }

    private void remove(String member) {
        long element = elements.remove(member);
        double score = TreeNodes.score(memory, element);
        tree.remove(memory, header, element);
        memory.free(element);
        assertTrue(model.remove(new Item(score, member)));
    }

    /** The whole tree against its invariants and the model; a sample of ranks and bounds. */
    private void check(Random random) {
        List<Item> sorted = new ArrayList<>(model);
        assertEquals(sorted.size(), TreeNodes.length(memory, header), "length");
        int height = TreeNodes.headerInt(memory, header, TreeNodes.HEIGHT);
        List<Long> leaves = new ArrayList<>();
        int[] nodes = {0};
        long root = TreeNodes.headerLong(memory, header, TreeNodes.ROOT);
        assertEquals(sorted.size(), checkNode(root, height, true, leaves, nodes), "members under the root");
        assertEquals(nodes[0], TreeNodes.headerInt(memory, header, TreeNodes.NODES), "node count");
        assertEquals(leaves.getFirst(), ScoreTree.firstLeaf(memory, header), "first leaf");
        assertEquals(leaves.getLast(), TreeNodes.headerLong(memory, header, TreeNodes.LAST), "last leaf");
        int rank = 0;
        for (int l = 0; l < leaves.size(); l++) {
            long leaf = leaves.get(l);
            if (l > 0 && l < leaves.size() - 1) { // an end leaf may be short: an in-order split leaves one member there
                assertTrue(TreeNodes.count(memory, leaf) >= TreeNodes.LEAF_MIN, "fill of leaf " + l + " of " + leaves.size());
            }
            assertEquals(l == 0 ? 0 : leaves.get(l - 1), TreeNodes.previousLeaf(memory, leaf), "previous link");
            assertEquals(l == leaves.size() - 1 ? 0 : leaves.get(l + 1), TreeNodes.nextLeaf(memory, leaf), "next link");
            MemorySegment s = memory.segment(leaf);
            long b = BlockAllocator.offset(leaf);
            for (int i = 0; i < TreeNodes.count(s, b); i++, rank++) {
                long element = TreeNodes.leafElement(s, b, i);
                Item expected = sorted.get(rank);
                assertEquals(elements.get(expected.member()), element, "member at rank " + rank);
                assertEquals(expected.score(), TreeNodes.leafScore(s, b, i), "leaf score at rank " + rank);
                assertEquals(expected.score(), TreeNodes.score(memory, element), "element score at rank " + rank);
            }
        }
        for (int i = 0; i < 200 && !sorted.isEmpty(); i++) {
            int r = random.nextInt(sorted.size());
            long element = elements.get(sorted.get(r).member());
            assertEquals(r, tree.rankOf(memory, header, element), "rank");
            assertEquals(element, TreeNodes.elementAt(memory, TreeNodes.atRank(memory, header, r)), "member at rank");
            double bound = random.nextBoolean() ? sorted.get(r).score() : random.nextInt(1_000_000) / 16.0;
            boolean inclusive = random.nextBoolean();
            long below = model.stream().filter(e -> e.score() < bound || inclusive && e.score() == bound).count();
            assertEquals(below, TreeNodes.countBelow(memory, header, bound, inclusive), "count below " + bound);
        }
    }

    /** Checks a subtree; returns its member count and adds its leaves in order. */
    private int checkNode(long node, int levels, boolean root, List<Long> leaves, int[] nodes) {
        nodes[0]++;
        MemorySegment s = memory.segment(node);
        long b = BlockAllocator.offset(node);
        int count = TreeNodes.count(s, b);
        if (levels == 1) {
            assertTrue(count <= TreeNodes.LEAF_CAPACITY && (root || count > 0), "leaf fill " + count);
            leaves.add(node);
            return count;
        }
        assertTrue(count <= TreeNodes.INNER_CAPACITY && count >= (root ? 2 : TreeNodes.INNER_MIN), "inner fill " + count);
        int total = 0;
        for (int i = 0; i < count; i++) {
            long child = TreeNodes.child(s, b, i);
            int size = checkNode(child, levels - 1, false, leaves, nodes);
            assertEquals(size, TreeNodes.size(s, b, i), "size of child " + i);
            long[] min = smallest(child, levels - 1);
            assertEquals(Double.longBitsToDouble(min[0]), TreeNodes.keyScore(s, b, i), "key score of child " + i);
            assertEquals(min[1], TreeNodes.keyElement(s, b, i), "key element of child " + i);
            total += size;
        }
        return total;
    }

    private long[] smallest(long node, int levels) {
        MemorySegment s = memory.segment(node);
        long b = BlockAllocator.offset(node);
        if (levels == 1) {
            return new long[] {Double.doubleToLongBits(TreeNodes.leafScore(s, b, 0)), TreeNodes.leafElement(s, b, 0)};
        }
        return smallest(TreeNodes.child(s, b, 0), levels - 1);
    }
}
