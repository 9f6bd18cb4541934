package dev.kevy.server.hardening;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.resps.Tuple;

/**
 * A dataset of every type in every encoding Redis picks (small and large hashes, intsets, small
 * and large sets, short and long lists, small and large sorted sets with infinite scores),
 * integer, binary and multi-megabyte strings, times to live, hash tags and several databases;
 * and the whole contents of a server in a form two servers' can be compared by.
 */
final class DataSet {
    static final int DATABASES = 16;
    /** An expiry far enough ahead that no test outlives it, exact to the millisecond. */
    static final long EXPIRE_AT = System.currentTimeMillis() + 3_600_000;

    private DataSet() {
    }

    /** Writes the dataset through {@code j} (database 0 selected on return). */
    static void populate(Jedis j) {
        Pipeline p = j.pipelined();
        for (int i = 0; i < 3000; i++) {
            p.set("s:" + i, "value-" + i);
            if (i % 7 == 0) {
                p.pexpireAt("s:" + i, EXPIRE_AT + i);
            }
        }
        p.set("int", "12345");
        p.set("neg", "-9223372036854775808");
        p.set("empty", "");
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        p.set("bin".getBytes(StandardCharsets.UTF_8), binary);
        p.set("huge", "0123456789abcdef".repeat(200_000)); // 3.2 MB: crosses the 1 MiB chunks
        p.set("{tag}a", "1");
        p.set("{tag}b", "2");
        p.hset("h:small", Map.of("f1", "10", "f2", "-200", "f3", "text", "f4", ""));
        Map<String, String> large = new TreeMap<>();
        for (int i = 0; i < 1500; i++) {
            large.put("field:" + i, "value:" + i);
        }
        p.hset("h:large", large);
        p.pexpireAt("h:large", EXPIRE_AT);
        p.sadd("set:int", "1", "-5", "70000", "5000000000");
        p.sadd("set:small", "a", "b", "c");
        for (int i = 0; i < 1200; i++) {
            p.sadd("set:large", "member-" + i);
        }
        p.rpush("list:short", "a", "1", "-3000", "b");
        for (int i = 0; i < 12_000; i++) {
            p.rpush("list:long", i == 5000 ? "p".repeat(20_000) : "e" + i);
        }
        p.zadd("z:small", Map.of("a", 1.0, "b", 2.5, "c", -3.25));
        Map<String, Double> scores = new TreeMap<>();
        for (int i = 0; i < 700; i++) {
            scores.put("m" + i, i * 0.1);
        }
        scores.put("top", Double.POSITIVE_INFINITY);
        scores.put("bottom", Double.NEGATIVE_INFINITY);
        p.zadd("z:large", scores);
        p.select(1);
        p.set("db1:key", "one");
        p.rpush("db1:list", "x", "y");
        p.select(15);
        p.hset("db15:hash", "f", "v");
        p.pexpireAt("db15:hash", EXPIRE_AT + 1);
        p.select(0);
        p.sync();
    }

    /**
     * Fails unless {@code actual} holds exactly the keys and values of {@code expected}, naming up
     * to five that differ (the whole maps run to megabytes).
     */
    static void assertSameContents(Map<String, String> expected, Map<String, String> actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        StringBuilder diff = new StringBuilder(what + ": " + expected.size() + " keys expected, " + actual.size()
                + " found; first differences:");
        int shown = 0;
        for (String k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (!java.util.Objects.equals(e, a) && shown++ < 5) {
                diff.append("\n  ").append(k).append(": expected ").append(clip(e)).append(", found ").append(clip(a));
            }
        }
        throw new AssertionError(diff.toString());
    }

    private static String clip(String s) {
        return s == null || s.length() <= 200 ? String.valueOf(s) : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }

    /** Every key of every database: its type, value and expiry, keyed by "db:key". */
    static Map<String, String> contents(Jedis j) {
        Map<String, String> all = new TreeMap<>();
        for (int db = 0; db < DATABASES; db++) {
            j.select(db);
            for (String key : j.keys("*")) {
                String type = j.type(key);
                String value = switch (type) {
                    case "string" -> HexFormat.of().formatHex(j.get(key.getBytes(StandardCharsets.UTF_8)));
                    case "list" -> j.lrange(key, 0, -1).toString();
                    case "set" -> new TreeSet<>(j.smembers(key)).toString();
                    case "hash" -> new TreeMap<>(j.hgetAll(key)).toString();
                    case "zset" -> {
                        List<String> pairs = new ArrayList<>();
                        for (Tuple t : j.zrangeWithScores(key, 0, -1)) {
                            pairs.add(t.getElement() + "=" + t.getScore());
                        }
                        yield pairs.toString();
                    }
                    default -> throw new AssertionError("unexpected type " + type + " of " + key);
                };
                all.put(db + ":" + key, type + " " + value + " expires " + j.pexpireTime(key));
            }
        }
        j.select(0);
        return all;
    }
}
