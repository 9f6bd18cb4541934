package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random hash and set operations against on-heap models (LinkedHashMap, LinkedHashSet), through
 * every encoding change (packed, intset, table; tables growing and shrinking), with the orders
 * Redis shows (insertion order for a packed hash or set, ascending for an intset) checked while
 * they apply, and memory back to its baseline once every key is gone.
 */
class CollectionModelTest {
    private static final long NOW = 1_700_000_000_000L;

    private final Keyspace ks = new Keyspace(0, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Bytes bytes = new Bytes();
    private final Map<String, LinkedHashMap<String, String>> hashes = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> sets = new HashMap<>();
    private final Map<String, Set<String>> seenEncodings = new HashMap<>();
    private Random random;

    @AfterEach
    void close() {
        ks.close();
    }

    @Test
    void hashesMatchTheModelThroughEveryEncoding() {
        random = new Random(7);
        long baseline = ks.usedMemory();
        for (int op = 0; op < 60_000; op++) {
            String key = "h" + random.nextInt(6);
            int spread = op < 30_000 ? 40 : 400; // small hashes first, then ones that outgrow the packed form
            String field = random.nextInt(50) == 0 ? "long-field-" + "x".repeat(70) : "f" + random.nextInt(spread);
            int dice = random.nextInt(100);
            LinkedHashMap<String, String> model = hashes.computeIfAbsent(key, k -> new LinkedHashMap<>());
            if (dice < 55) {
                String value = random.nextInt(40) == 0 ? "v".repeat(100 + random.nextInt(300)) : "v" + random.nextInt(1000);
                boolean nx = dice < 5;
                int r = ks.hashes.set(seg(key), at(key), len(key), seg(field), at(field), len(field),
                        seg(value), at(value), len(value), nx, NOW);
                boolean existed = model.containsKey(field);
                assertEquals(existed ? 0 : 1, r, "HSET " + key + " " + field);
                if (!(nx && existed)) {
                    model.put(field, value);
                }
            } else if (dice < 85) {
                int r = ks.hashes.delete(seg(key), at(key), len(key), seg(field), at(field), len(field), NOW);
                assertEquals(model.remove(field) != null ? 1 : 0, r, "HDEL " + key + " " + field);
            } else {
                long position = ks.hashes.get(seg(key), at(key), len(key), seg(field), at(field), len(field), NOW);
                String expected = model.get(field);
                assertEquals(expected, position < 0 ? null : text(ks.hashes, position), "HGET " + key + " " + field);
            }
            if (model.isEmpty()) {
                hashes.remove(key);
            }
            if (op % 500 == 0) {
                assertHashesMatch();
            }
        }
        assertHashesMatch();
        assertTrue(seenEncodings.get("hash").containsAll(List.of("listpack", "hashtable")), seenEncodings.toString());
        for (String key : new ArrayList<>(hashes.keySet())) {
            assertTrue(ks.delete(seg(key), at(key), len(key), NOW));
        }
        assertEquals(baseline, ks.usedMemory(), "every block a hash held is freed");
    }

    @Test
    void setsMatchTheModelThroughEveryEncoding() {
        random = new Random(11);
        long baseline = ks.usedMemory();
        for (int op = 0; op < 80_000; op++) {
            String key = "s" + random.nextInt(6);
            int spread = op < 40_000 ? 100 : 1_500;
            String member = random.nextInt(4) == 0 ? "m" + random.nextInt(spread) : Integer.toString(random.nextInt(spread) - 50);
            if (key.equals("s0")) {
                member = Integer.toString(random.nextInt(spread * 2)); // stays an intset until it passes 512
            }
            int dice = random.nextInt(100);
            LinkedHashSet<String> model = sets.computeIfAbsent(key, k -> new LinkedHashSet<>());
            if (dice < 55) {
                int r = ks.sets.add(seg(key), at(key), len(key), seg(member), at(member), len(member), NOW);
                assertEquals(model.add(member) ? 1 : 0, r, "SADD " + key + " " + member);
            } else if (dice < 85) {
                int r = ks.sets.remove(seg(key), at(key), len(key), seg(member), at(member), len(member), NOW);
                assertEquals(model.remove(member) ? 1 : 0, r, "SREM " + key + " " + member);
            } else if (dice < 90 && !model.isEmpty()) {
                List<String> popped = new ArrayList<>();
                int r = ks.sets.pop(seg(key), at(key), len(key), random.nextLong(), collect(popped), NOW);
                assertEquals(1, r);
                assertTrue(model.remove(popped.get(0)), "SPOP gave a member: " + popped);
            } else {
                long entry = ks.sets.find(seg(key), at(key), len(key), NOW);
                boolean member2 = entry >= 0 && ks.sets.contains(entry, seg(member), at(member), len(member));
                assertEquals(model.contains(member), member2, "SISMEMBER " + key + " " + member);
            }
            if (model.isEmpty()) {
                sets.remove(key);
            }
            if (op % 500 == 0) {
                assertSetsMatch();
            }
        }
        assertSetsMatch();
        assertTrue(seenEncodings.get("set").containsAll(List.of("intset", "listpack", "hashtable")), seenEncodings.toString());
        for (String key : new ArrayList<>(sets.keySet())) {
            assertTrue(ks.delete(seg(key), at(key), len(key), NOW));
        }
        assertEquals(baseline, ks.usedMemory(), "every block a set held is freed");
    }

    @Test
    void aLargeSetScansCompletelyWhileItGrowsAndShrinks() {
        String key = "big";
        Set<String> present = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            add(key, "m" + i);
            present.add("m" + i);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        random = new Random(3);
        Set<String> always = new HashSet<>(present); // members present for the whole scan
        do {
            long entry = ks.sets.find(seg(key), at(key), len(key), NOW);
            List<String> got = new ArrayList<>();
            cursor = ks.sets.scan(entry, cursor, 50, collect(got));
            seen.addAll(got);
            calls++;
            for (int i = 0; i < 300; i++) { // churn: the table doubles, then shrinks
                String m = "x" + random.nextInt(calls < 20 ? 20_000 : 10);
                if (calls < 20) {
                    add(key, m);
                } else {
                    ks.sets.remove(seg(key), at(key), len(key), seg(m), at(m), len(m), NOW);
                }
            }
            if (calls == 25) {
                for (int i = 2_500; i < 5_000; i++) {
                    String m = "m" + i;
                    ks.sets.remove(seg(key), at(key), len(key), seg(m), at(m), len(m), NOW);
                    always.remove(m);
                }
            }
        } while (cursor != 0);
        assertTrue(seen.containsAll(always), "SSCAN missed members present throughout");
        assertTrue(calls > 10, "the scan took several calls: " + calls);
    }

    @Test
    void collectionsCopyToAnotherKeyspaceAndMoveWithinOne() {
        for (int i = 0; i < 600; i++) { // past hash-max-listpack-entries: a table
            String f = "f" + i;
            ks.hashes.set(seg("h"), at("h"), 1, seg(f), at(f), len(f), seg(f), at(f), len(f), false, NOW);
        }
        try (Keyspace other = new Keyspace(0, Keyspace.DEFAULT_MAX_VALUE_BYTES)) {
            long src = ks.peek(seg("h"), at("h"), 1, NOW);
            long copy = other.copyFrom(ks, src, seg("c"), at("c"), 1, 0, false, NOW);
            assertTrue(copy > 0);
            assertEquals("hashtable", other.encodingName(copy));
            ks.delete(seg("h"), at("h"), 1, NOW); // the copy owns its own blocks
            long position = other.hashes.get(seg("c"), at("c"), 1, seg("f599"), at("f599"), 4, NOW);
            assertEquals("f599", text(other.hashes, position));
            long moved = other.copyFrom(other, other.peek(seg("c"), at("c"), 1, NOW), seg("d"), at("d"), 1, 0, true, NOW);
            assertTrue(moved > 0);
            assertFalse(other.exists(seg("c"), at("c"), 1, NOW));
            assertEquals(600, other.hashes.count(seg("d"), at("d"), 1, NOW));
            long before = other.usedMemory();
            other.delete(seg("d"), at("d"), 1, NOW);
            assertTrue(other.usedMemory() < before - 600 * 32, "the moved table is freed with its new key");
        }
    }

    @Test
    void typedCommandsRefuseOtherTypes() {
        ks.set(seg("s"), at("s"), 1, seg("v"), at("v"), 1, 0, 0, NOW);
        assertEquals(Keyspace.WRONG_TYPE, ks.hashes.set(seg("s"), at("s"), 1, seg("f"), at("f"), 1, seg("v"), at("v"), 1, false, NOW));
        assertEquals(Keyspace.WRONG_TYPE, ks.sets.add(seg("s"), at("s"), 1, seg("m"), at("m"), 1, NOW));
        add("set", "a");
        assertEquals(Keyspace.WRONG_TYPE, ks.hashes.get(seg("set"), at("set"), 3, seg("a"), at("a"), 1, NOW));
        assertEquals(Keyspace.WRONG_TYPE, ks.append(seg("set"), at("set"), 3, seg("x"), at("x"), 1, NOW));
        assertEquals(Keyspace.TYPE_SET, ks.type(ks.peek(seg("set"), at("set"), 3, NOW)));
        ks.set(seg("set"), at("set"), 3, seg("v"), at("v"), 1, 0, 0, NOW); // SET overwrites any type
        assertEquals(Keyspace.TYPE_STRING, ks.type(ks.peek(seg("set"), at("set"), 3, NOW)));
    }

    private void add(String key, String member) {
        ks.sets.add(seg(key), at(key), len(key), seg(member), at(member), len(member), NOW);
    }

    private void assertHashesMatch() {
        assertEquals(hashes.size(), ks.size(), "hash keys");
        for (Map.Entry<String, LinkedHashMap<String, String>> e : hashes.entrySet()) {
            String key = e.getKey();
            long entry = ks.hashes.find(seg(key), at(key), len(key), NOW);
            assertTrue(entry > 0, "hash " + key + " present");
            assertEquals(e.getValue().size(), ks.hashes.count(entry));
            List<String> pairs = new ArrayList<>();
            ks.hashes.forEach(entry, collect(pairs));
            String encoding = ks.encodingName(entry);
            seenEncodings.computeIfAbsent("hash", k -> new HashSet<>()).add(encoding);
            List<String> expected = new ArrayList<>();
            e.getValue().forEach((f, v) -> {
                expected.add(f);
                expected.add(v);
            });
            if (encoding.equals("listpack")) {
                assertEquals(expected, pairs, "a packed hash keeps insertion order");
            } else {
                assertEquals(asMap(expected), asMap(pairs));
            }
        }
    }

    private void assertSetsMatch() {
        for (Map.Entry<String, LinkedHashSet<String>> e : sets.entrySet()) {
            String key = e.getKey();
            long entry = ks.sets.find(seg(key), at(key), len(key), NOW);
            assertTrue(entry > 0, "set " + key + " present");
            assertEquals(e.getValue().size(), ks.sets.count(entry));
            List<String> members = new ArrayList<>();
            ks.sets.forEach(entry, collect(members));
            String encoding = ks.encodingName(entry);
            seenEncodings.computeIfAbsent("set", k -> new HashSet<>()).add(encoding);
            if (encoding.equals("intset")) {
                TreeSet<Long> sorted = new TreeSet<>();
                e.getValue().forEach(m -> sorted.add(Long.parseLong(m)));
                assertEquals(sorted.stream().map(String::valueOf).toList(), members, "an intset is ascending");
            } else {
                assertEquals(e.getValue(), new HashSet<>(members));
                assertEquals(members.size(), new HashSet<>(members).size(), "no member twice");
            }
        }
    }

    private static Map<String, String> asMap(List<String> pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            assertTrue(m.put(pairs.get(i), pairs.get(i + 1)) == null, "field twice: " + pairs.get(i));
        }
        return m;
    }

    private static ElementVisitor collect(List<String> into) {
        return (s, fieldOffset, fieldLength, valueOffset, valueLength) -> {
            into.add(string(s, fieldOffset, fieldLength));
            if (valueLength >= 0) {
                into.add(string(s, valueOffset, valueLength));
            }
        };
    }

    private static String string(MemorySegment s, long offset, int length) {
        return new String(s.asSlice(offset, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    private static String text(Hashes hashes, long position) {
        return string(hashes.segment(position), hashes.offset(position), hashes.length(position));
    }

    private MemorySegment seg(String s) {
        return bytes.segment();
    }

    private final Map<String, Long> offsets = new HashMap<>();

    private long at(String s) {
        return offsets.computeIfAbsent(s, k -> bytes.put(Bytes.utf8(k)));
    }

    private static int len(String s) {
        return Bytes.utf8(s).length;
    }
}
