package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ZRANDMEMBER against Redis 7.0: its errors byte for byte, and its random replies by their
 * properties on each server (a negative count: that many picks; a count at least the size: every
 * member; a smaller one: that many distinct members), every pair's score text the one ZSCORE
 * prints, on a packed set and a skiplist.
 */
class ZsetRandomCompatTest extends DifferentialBase {

    @Test
    void errorsAndEmptyAnswersAreRedis() {
        try (Differ d = differ()) {
            d.same("ZADD", "z", "1", "a", "1e17", "b", "0.1", "c");
            for (String[] c : new String[][] {{"ZRANDMEMBER", "missing"}, {"ZRANDMEMBER", "missing", "3"},
                {"ZRANDMEMBER", "missing", "-3", "WITHSCORES"}, {"ZRANDMEMBER", "z", "0"}, {"ZRANDMEMBER", "z", "x"},
                {"ZRANDMEMBER", "z", "1", "foo"}, {"ZRANDMEMBER", "z", "1", "WITHSCORES", "x"},
                {"ZRANDMEMBER", "z", "-9223372036854775808"}, {"ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES"},
                {"ZRANDMEMBER", "z", "4611686018427387904", "withscores"}, {"ZRANDMEMBER", "z", "3", "WITHSCORES"},
                {"ZRANDMEMBER"}, {"ZRANDMEMBER", "missing", "x"}}) {
                d.same(c);
            }
            d.same("SET", "s", "v");
            d.same("ZRANDMEMBER", "s");
            d.same("ZRANDMEMBER", "s", "2");
            d.same("ZRANDMEMBER", "s", "x");
            d.assertSame();
        }
    }

    @Test
    void randomRepliesHaveRedisProperties() {
        try (Differ d = differ()) {
            for (int size : new int[] {20, 300}) {
                String key = "r" + size;
                List<String> zadd = new ArrayList<>(List.of("ZADD", key));
                for (int i = 0; i < size; i++) {
                    zadd.add(i % 3 == 0 ? Double.toString(i / 7.0) : Integer.toString(i * 1000));
                    zadd.add("m" + i);
                }
                d.same(zadd.toArray(String[]::new));
                d.onEach((name, w) -> {
                    Map<String, String> scores = new HashMap<>();
                    List<String> all = Differ.bulkTexts(w.call("ZRANGE", key, "0", "-1", "WITHSCORES"));
                    for (int i = 0; i < all.size(); i += 2) {
                        scores.put(all.get(i), all.get(i + 1));
                    }
                    String one = Differ.bulkText(w.call("ZRANDMEMBER", key));
                    assertTrue(scores.containsKey(one), name + ": " + one);
                    for (long count : new long[] {-1, -50, 1, 5, size / 2, size - 1, size, size + 10}) {
                        List<String> pairs = Differ.bulkTexts(w.call("ZRANDMEMBER", key, Long.toString(count), "WITHSCORES"));
                        long expected = count < 0 ? -count : Math.min(count, size);
                        assertEquals(2 * expected, pairs.size(), name + " count " + count);
                        HashSet<String> distinct = new HashSet<>();
                        for (int i = 0; i < pairs.size(); i += 2) {
                            assertEquals(scores.get(pairs.get(i)), pairs.get(i + 1), name + ": score text of " + pairs.get(i));
                            distinct.add(pairs.get(i));
                        }
                        if (count > 0) {
                            assertEquals(expected, distinct.size(), name + ": distinct members for count " + count);
                        }
                        List<String> members = Differ.bulkTexts(w.call("ZRANDMEMBER", key, Long.toString(count)));
                        assertEquals(expected, members.size(), name + " members for count " + count);
                        assertTrue(scores.keySet().containsAll(members), name);
                    }
                });
            }
            d.assertSame();
        }
    }
}
