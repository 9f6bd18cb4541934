package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random sorted-set operations against an on-heap model (a member-to-score map and a TreeSet in
 * score-then-member order) through the change from the packed encoding to the table and tree ("skiplist"): scores,
 * ranks, counts below score and lex bounds, walks both ways from every kind of rank, range removal,
 * copies into another keyspace, and memory back to its baseline once every key is gone.
 */
class ZsetModelTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Comparator<Map.Entry<String, Double>> ORDER =
            Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue).thenComparing(Map.Entry::getKey);

    private final Keyspace ks = new Keyspace(0, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Keyspace other = new Keyspace(0, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Bytes bytes = new Bytes();
    private final Map<String, Long> offsets = new HashMap<>();
    private final Map<String, TreeMap<String, Double>> models = new HashMap<>();
    private final Set<String> encodings = new HashSet<>();
    private Random random;

    @AfterEach
    void close() {
        ks.close();
        other.close();
    }

    @Test
    void sortedSetsMatchTheModelThroughTheConversion() {
        run(11, false);
    }

    @Test
    void lexBoundsMatchTheModelWhenAllScoresAreEqual() {
        run(12, true);
    }

    private void run(long seed, boolean equalScores) {
        random = new Random(seed);
        long baseline = ks.usedMemory();
        long otherBaseline = other.usedMemory();
        for (int op = 0; op < 30_000; op++) {
            String key = "z" + random.nextInt(5);
            int spread = op < 15_000 ? 60 : 600;
            String member = random.nextInt(60) == 0 ? "long-" + "y".repeat(70) + random.nextInt(3) : "m" + random.nextInt(spread);
            TreeMap<String, Double> model = models.computeIfAbsent(key, k -> new TreeMap<>());
            int dice = random.nextInt(100);
            if (dice < 55) {
                double score = equalScores ? 0 : random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(2000) / 8.0 - 100;
                int r = ks.zsets.put(seg(), at(key), len(key), seg(), at(member), len(member), score, NOW);
                assertEquals(model.containsKey(member) ? 0 : 1, r, "ZADD " + key + " " + member);
                model.put(member, score);
            } else if (dice < 80) {
                int r = ks.zsets.remove(seg(), at(key), len(key), seg(), at(member), len(member), NOW);
                assertEquals(model.remove(member) != null ? 1 : 0, r, "ZREM " + key + " " + member);
            } else if (dice < 83 && !model.isEmpty()) {
                List<Map.Entry<String, Double>> sorted = sorted(model);
                int anchor = random.nextInt(3); // at the front (ZPOPMIN), at the back (ZPOPMAX), anywhere
                int last = sorted.size() - 1;
                int start = anchor == 0 ? 0 : anchor == 1 ? Math.max(0, last - random.nextInt(5)) : random.nextInt(sorted.size());
                int end = anchor == 1 ? last : Math.min(last, start + random.nextInt(5));
                ks.zsets.removeRange(seg(), at(key), len(key), start, end, NOW);
                for (int i = start; i <= end; i++) {
                    model.remove(sorted.get(i).getKey());
                }
            } else if (dice < 84) {
                copyAndCompare(key, model);
            } else {
                query(key, model, member);
            }
            if (model.isEmpty()) {
                models.remove(key);
                assertEquals(Keyspace.ABSENT, ks.zsets.find(seg(), at(key), len(key), NOW), "an empty sorted set vanishes");
            }
            if (op % 400 == 0) {
                for (Map.Entry<String, TreeMap<String, Double>> e : models.entrySet()) {
                    assertSetMatches(ks, e.getKey(), e.getValue());
                }
            }
        }
        assertTrue(encodings.containsAll(List.of("listpack", "skiplist")), encodings.toString());
        for (String key : new ArrayList<>(models.keySet())) {
            assertTrue(ks.delete(seg(), at(key), len(key), NOW));
        }
        assertEquals(baseline, ks.usedMemory(), "every block of every sorted set was freed");
        assertEquals(otherBaseline, other.usedMemory(), "every copied block was freed");
    }

    private void query(String key, TreeMap<String, Double> model, String member) {
        long entry = ks.zsets.find(seg(), at(key), len(key), NOW);
        if (model.isEmpty()) {
            assertEquals(Keyspace.ABSENT, entry);
            return;
        }
        Double expected = model.get(member);
        double score = ks.zsets.score(entry, seg(), at(member), len(member));
        assertEquals(expected == null ? Double.NaN : expected, score, "ZSCORE " + key + " " + member);
        List<Map.Entry<String, Double>> sorted = sorted(model);
        int rank = -1;
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).getKey().equals(member)) {
                rank = i;
            }
        }
        assertEquals(rank, ks.zsets.rank(entry, seg(), at(member), len(member)), "ZRANK " + key + " " + member);
        double bound = random.nextInt(2000) / 8.0 - 100;
        boolean inclusive = random.nextBoolean();
        long below = sorted.stream().filter(e -> e.getValue() < bound || inclusive && e.getValue() == bound).count();
        assertEquals(below, ks.zsets.countBelow(entry, bound, inclusive), "count below " + bound);
        long belowLex = model.keySet().stream().filter(m -> m.compareTo(member) < 0 || inclusive && m.equals(member)).count();
        long allEqual = sorted.stream().map(Map.Entry::getValue).distinct().count();
        if (allEqual == 1) { // lex bounds are defined on sets whose scores are all equal, as in Redis
            assertEquals(belowLex, ks.zsets.countBelowLex(entry, seg(), at(member), len(member), inclusive));
        }
        int from = random.nextInt(sorted.size());
        boolean reverse = random.nextBoolean();
        ZsetWalk walk = ks.zsets.walk();
        assertTrue(walk.seek(entry, from, reverse));
        for (int i = from; ; i++) {
            Map.Entry<String, Double> e = sorted.get(reverse ? sorted.size() - 1 - i : i);
            assertEquals(e.getKey(), string(walk.segment(), walk.memberOffset(), walk.memberLength()));
            assertEquals(e.getValue(), walk.score());
            if (!walk.next()) {
                assertEquals(sorted.size() - 1, i, "the walk ends at the last member");
                break;
            }
        }
    }

    private void copyAndCompare(String key, TreeMap<String, Double> model) {
        long entry = ks.lookup(seg(), at(key), len(key), NOW);
        if (entry == Keyspace.ABSENT) {
            return;
        }
        String copy = "copy";
        assertTrue(other.copyFrom(ks, entry, seg(), at(copy), len(copy), 0, false, NOW) >= 0);
        assertSetMatches(other, copy, model);
        assertTrue(other.delete(seg(), at(copy), len(copy), NOW));
    }

    private void assertSetMatches(Keyspace keyspace, String key, TreeMap<String, Double> model) {
        long entry = keyspace.zsets.find(seg(), at(key), len(key), NOW);
        assertTrue(entry >= 0, key);
        encodings.add(keyspace.encodingName(entry));
        assertEquals(model.size(), keyspace.zsets.count(entry));
        List<Map.Entry<String, Double>> sorted = sorted(model);
        ZsetWalk walk = keyspace.zsets.walk();
        assertTrue(walk.seek(entry, 0, false));
        List<String> seen = new ArrayList<>();
        do {
            seen.add(string(walk.segment(), walk.memberOffset(), walk.memberLength()) + "=" + walk.score());
        } while (walk.next());
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, Double> e : sorted) {
            expected.add(e.getKey() + "=" + e.getValue());
        }
        assertEquals(expected, seen, key);
        TreeSet<String> scanned = new TreeSet<>();
        long cursor = 0;
        do {
            cursor = keyspace.zsets.scan(entry, cursor, 7, (s, f, fl, v, vl) ->
                    scanned.add(string(s, f, fl) + "=" + Zsets.scoreAt(s, v)));
        } while (cursor != 0);
        assertEquals(new TreeSet<>(expected), scanned, "ZSCAN of " + key);
    }

    private static List<Map.Entry<String, Double>> sorted(TreeMap<String, Double> model) {
        List<Map.Entry<String, Double>> list = new ArrayList<>(model.entrySet());
        list.sort(ORDER);
        return list;
    }

    private static String string(MemorySegment s, long offset, int length) {
        return new String(s.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    private MemorySegment seg() {
        return bytes.segment();
    }

    private long at(String s) {
        return offsets.computeIfAbsent(s, k -> bytes.put(Bytes.utf8(k)));
    }

    private static int len(String s) {
        return Bytes.utf8(s).length;
    }
}
