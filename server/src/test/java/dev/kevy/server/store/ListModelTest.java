package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random list operations against {@code ArrayList} models, from one element to thousands over
 * many nodes and back, under several node sizes ({@code list-max-listpack-size}), with elements
 * from empty to larger than a node. After each check the lists read the same from either end,
 * every node's count matches its bytes, and {@link Keyspace#usedMemory} is exactly the index plus
 * each list's entry, directory and node blocks at their class size; with every key gone it is
 * back to its baseline.
 */
class ListModelTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final String[] FILLS = {"-2", "3", "-1", "0", "-5", "1", "-2"};

    private final EncodingLimits limits = new EncodingLimits();
    private final Keyspace ks = new Keyspace(1024, Keyspace.DEFAULT_MAX_VALUE_BYTES, limits);
    private final Bytes bytes = new Bytes();
    private final Map<String, List<String>> lists = new HashMap<>();
    private Random random;
    private final ElementVisitor collect = (s, offset, length, valueOffset, valueLength) -> popped = text(s, offset, length);
    private String popped;
    private int mostNodes;
    private int mostElements;

    @AfterEach
    void close() {
        ks.close();
    }

    @Test
    void listsMatchTheModelThroughEveryShape() {
        random = new Random(15);
        long baseline = ks.usedMemory();
        for (int op = 0; op < 120_000; op++) {
            if (op % 20_000 == 0) {
                limits.set("list-max-listpack-size", Long.parseLong(FILLS[op / 20_000]));
            }
            String key = "l" + random.nextInt(4);
            List<String> model = lists.computeIfAbsent(key, k -> new ArrayList<>());
            step(key, model, op < 60_000 ? 70 : 38, op >= 60_000);
            if (model.isEmpty()) {
                lists.remove(key);
                assertFalse(ks.exists(seg(), at(key), len(key), NOW), "an emptied list is deleted");
            }
            if (op % 1000 == 0) {
                assertAllMatch(baseline);
            }
        }
        assertAllMatch(baseline);
        for (String key : new ArrayList<>(lists.keySet())) {
            ks.delete(seg(), at(key), len(key), NOW);
        }
        assertEquals(baseline, ks.usedMemory(), "every block freed with its list");
        assertTrue(mostNodes >= 20 && mostElements >= 500, "the lists grew over many nodes: " + mostNodes + " nodes, "
                + mostElements + " elements");
    }

    /** One random operation; pushes are {@code pushShare} percent of them, trims come only when {@code trims}. */
    private void step(String key, List<String> model, int pushShare, boolean trims) {
        Lists l = ks.lists;
        int dice = random.nextInt(100);
        int size = model.size();
        if (dice < pushShare) {
            String e = element();
            boolean left = random.nextBoolean();
            long r = l.push(seg(), at(key), len(key), seg(), at(e), len(e), left, false, NOW);
            model.add(left ? 0 : size, e);
            assertEquals(model.size(), r, "push");
        } else if (dice < pushShare + 15 && size > 0) {
            boolean left = random.nextBoolean();
            assertEquals(1, l.pop(seg(), at(key), len(key), left, collect, NOW));
            assertEquals(model.remove(left ? 0 : size - 1), popped, "pop");
        } else if (dice < pushShare + 22 && size > 0) {
            int index = random.nextInt(size);
            String e = element();
            long signed = random.nextBoolean() ? index : index - size;
            assertEquals(1, l.set(seg(), at(key), len(key), signed, seg(), at(e), len(e), NOW));
            model.set(index, e);
        } else if (dice < pushShare + 30 && size > 0) {
            String pivot = model.get(random.nextInt(size));
            String e = element();
            boolean after = random.nextBoolean();
            long r = l.insert(seg(), at(key), len(key), after, seg(), at(pivot), len(pivot), seg(), at(e), len(e), NOW);
            int found = model.indexOf(pivot);
            model.add(after ? found + 1 : found, e);
            assertEquals(model.size(), r, "insert");
        } else if (dice < pushShare + 35 && size > 0) {
            String e = model.get(random.nextInt(size));
            long count = random.nextInt(5) - 2;
            long r = l.remove(seg(), at(key), len(key), count, seg(), at(e), len(e), NOW);
            assertEquals(removeFromModel(model, e, count), r, "remove");
        } else if (dice < pushShare + 37 && size > 0 && trims && random.nextInt(4) == 0) {
            long start = random.nextInt(size + 4) - 2;
            long stop = size - random.nextInt(size + 4);
            assertEquals(1, l.trim(seg(), at(key), len(key), start, stop, NOW));
            trimModel(model, start, stop);
        } else if (size > 0) {
            long entry = l.find(seg(), at(key), len(key), NOW);
            int index = random.nextInt(size);
            assertTrue(l.index(entry, index - (random.nextBoolean() ? size : 0), collect));
            assertEquals(model.get(index), popped, "index");
        }
    }

    private String element() {
        int dice = random.nextInt(100);
        if (dice < 3) {
            return "";
        }
        if (dice < 5) {
            return "big" + random.nextInt(3) + "-" + "x".repeat(9000 + random.nextInt(5000));
        }
        if (dice < 15) {
            return "mid" + random.nextInt(20) + "-" + "m".repeat(255 + random.nextInt(400));
        }
        return "e" + random.nextInt(200);
    }

    private static long removeFromModel(List<String> model, String e, long count) {
        long removed = 0;
        if (count >= 0) {
            for (int i = 0; i < model.size() && (count == 0 || removed < count); ) {
                if (model.get(i).equals(e)) {
                    model.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = model.size() - 1; i >= 0 && removed < -count; i--) {
                if (model.get(i).equals(e)) {
                    model.remove(i);
                    removed++;
                }
            }
        }
        return removed;
    }

    private static void trimModel(List<String> model, long start, long stop) {
        int size = model.size();
        long from = Math.max(0, start < 0 ? size + start : start);
        long to = Math.min(size - 1, stop < 0 ? size + stop : stop);
        List<String> kept = from > to ? List.of() : new ArrayList<>(model.subList((int) from, (int) to + 1));
        model.clear();
        model.addAll(kept);
    }

    private void assertAllMatch(long baseline) {
        long blocks = 0;
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            String key = e.getKey();
            List<String> model = e.getValue();
            long entry = ks.lists.find(seg(), at(key), len(key), NOW);
            assertTrue(entry > 0, key);
            assertEquals(model.size(), ks.lists.length(entry));
            assertEquals(model, walk(entry, true), "forwards");
            List<String> backwards = walk(entry, false);
            java.util.Collections.reverse(backwards);
            assertEquals(model, backwards, "backwards");
            blocks += checkNodes(entry);
        }
        assertEquals(baseline + blocks, ks.usedMemory(), "used memory: the index and the lists' blocks");
    }

    private List<String> walk(long entry, boolean forward) {
        long length = ks.lists.length(entry);
        ListCursor c = ks.lists.cursor(entry, forward ? 0 : length - 1, forward);
        List<String> out = new ArrayList<>();
        while (c.next()) {
            out.add(text(c.segment(), c.offset(), c.length()));
        }
        return out;
    }

    /** Checks each node against its bytes; returns the list's bytes in blocks (entry, directory, nodes). */
    private long checkNodes(long entry) {
        BlockAllocator memory = ks.entries.memory;
        long dir = ks.entries.tableOf(entry);
        long bytes = memory.capacity(entry) + memory.capacity(dir);
        long total = 0;
        for (int i = 0; i < ListNodes.nodes(memory, dir); i++) {
            long block = ListNodes.block(memory, dir, i);
            int start = ListNodes.start(memory, dir, i);
            int end = ListNodes.end(memory, dir, i);
            int count = ListNodes.count(memory, dir, i);
            assertTrue(count > 0 && start >= 0 && start < end && end <= memory.capacity(block), "node " + i);
            MemorySegment s = memory.segment(block);
            long base = BlockAllocator.offset(block);
            assertEquals(base + end, ListEdits.walk(s, base + start, count), "node " + i + " count matches its bytes");
            total += count;
            bytes += memory.capacity(block);
        }
        assertEquals(total, ListNodes.elements(memory, dir));
        mostNodes = Math.max(mostNodes, ListNodes.nodes(memory, dir));
        mostElements = (int) Math.max(mostElements, total);
        return bytes;
    }

    @Test
    void nodesLeftMostlyEmptyByLremOrLtrimMoveToSmallerBlocks() {
        for (int i = 0; i < 10_000; i++) {
            String e = i % 10 == 0 ? "keep-" + i : "x";
            ks.lists.push(seg(), at("l"), 1, seg(), at(e), len(e), false, false, NOW);
        }
        assertEquals(9000, ks.lists.remove(seg(), at("l"), 1, 0, seg(), at("x"), 1, NOW));
        assertNodesFit();
        assertEquals(1, ks.lists.trim(seg(), at("l"), 1, 5, -5, NOW));
        assertNodesFit();
        assertEquals(991, ks.lists.length(ks.lists.find(seg(), at("l"), 1, NOW)));
    }

    private void assertNodesFit() {
        BlockAllocator memory = ks.entries.memory;
        long dir = ks.entries.tableOf(ks.lists.find(seg(), at("l"), 1, NOW));
        for (int i = 0; i < ListNodes.nodes(memory, dir); i++) {
            int used = ListNodes.end(memory, dir, i) - ListNodes.start(memory, dir, i);
            int capacity = memory.capacity(ListNodes.block(memory, dir, i));
            assertTrue(capacity <= Math.max(64, 4 * used), "node " + i + ": " + used + " bytes in a block of " + capacity);
        }
    }

    @Test
    void aListCopiesToAnotherKeyspaceAndMovesWithinOne() {
        for (int i = 0; i < 3000; i++) {
            String e = "element-" + i;
            ks.lists.push(seg(), at("l"), 1, seg(), at(e), len(e), false, false, NOW);
        }
        try (Keyspace other = new Keyspace(16, Keyspace.DEFAULT_MAX_VALUE_BYTES)) {
            long empty = other.usedMemory();
            long copy = other.copyFrom(ks, ks.peek(seg(), at("l"), 1, NOW), seg(), at("c"), 1, 0, false, NOW);
            assertTrue(copy > 0);
            assertEquals("quicklist", other.encodingName(copy));
            ks.delete(seg(), at("l"), 1, NOW); // the copy owns its own blocks
            long entry = other.lists.find(seg(), at("c"), 1, NOW);
            assertEquals(3000, other.lists.length(entry));
            assertTrue(other.lists.index(entry, -1, collect));
            assertEquals("element-2999", popped);
            long moved = other.copyFrom(other, entry, seg(), at("d"), 1, 0, true, NOW);
            assertTrue(moved > 0);
            assertFalse(other.exists(seg(), at("c"), 1, NOW));
            assertTrue(other.lists.index(other.lists.find(seg(), at("d"), 1, NOW), 1500, collect));
            assertEquals("element-1500", popped);
            other.delete(seg(), at("d"), 1, NOW);
            assertEquals(empty, other.usedMemory(), "the moved list is freed with its new key");
        }
    }

    @Test
    void listCommandsRefuseOtherTypesAndFlushFreesLists() {
        long baseline = ks.usedMemory();
        ks.set(seg(), at("s"), 1, seg(), at("v"), 1, 0, 0, NOW);
        assertEquals(Keyspace.WRONG_TYPE, ks.lists.push(seg(), at("s"), 1, seg(), at("v"), 1, true, false, NOW));
        assertEquals(Keyspace.WRONG_TYPE, ks.lists.pop(seg(), at("s"), 1, true, collect, NOW));
        assertEquals(Keyspace.WRONG_TYPE, ks.lists.find(seg(), at("s"), 1, NOW));
        ks.lists.push(seg(), at("l"), 1, seg(), at("v"), 1, true, false, NOW);
        assertEquals(Keyspace.TYPE_LIST, ks.type(ks.peek(seg(), at("l"), 1, NOW)));
        assertEquals(Keyspace.WRONG_TYPE, ks.sets.add(seg(), at("l"), 1, seg(), at("m"), 1, NOW));
        ks.set(seg(), at("l"), 1, seg(), at("v"), 1, 0, 0, NOW); // SET overwrites a list, freeing its nodes
        ks.delete(seg(), at("l"), 1, NOW);
        ks.delete(seg(), at("s"), 1, NOW);
        assertEquals(baseline, ks.usedMemory());
        for (int i = 0; i < 2000; i++) {
            ks.lists.push(seg(), at("l"), 1, seg(), at("v"), 1, true, false, NOW);
        }
        ks.flush();
        assertEquals(baseline, ks.usedMemory(), "FLUSHALL frees every node");
    }

    private static String text(MemorySegment s, long offset, int length) {
        return new String(s.asSlice(offset, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    private MemorySegment seg() {
        return bytes.segment();
    }

    /** The string's bytes, copied afresh (the ring of test bytes wraps; an old offset may be overwritten). */
    private long at(String s) {
        return bytes.put(Bytes.utf8(s));
    }

    private static int len(String s) {
        return Bytes.utf8(s).length;
    }
}
