package dev.kevy.server.compat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sorted sets against Redis 7.0: every command's replies and errors, score text both ways (how
 * a score is read, how it is printed), ranges by rank, score and lex in both directions with
 * LIMIT, and the two encodings through OBJECT ENCODING.
 */
class ZsetCompatTest extends DifferentialBase {

    /** Scores whose text must survive the trip: integers, fractions, exponents, infinities, signed zero, hex. */
    static final String[] SCORES = {"0", "-0", "-0.0", "1", "-1", "0.1", "0.2", "0.3", "1.5", "-2.5e-5", "1e300", "-1e300",
        "1e17", "1e16", "99999999999999999", "12345678901234567890", "4.6e18", "4.7e18", "123456789.123", "1e-320",
        "2.2250738585072014e-308", "1.7976931348623157e308", "5e-324", "0x10", "0x1.8p1", "+inf", "-inf", "inf", "infinity",
        "-Infinity", "1.e3", ".5", "3.14159265358979323846", "0.000123", "0.0001", "0.00001", "123456789012345678",
        "9007199254740993", "1e22", "1e23", "-7", "+7", "00012", "1E5", "1e+5", "1e-5", "0.1e1", "4503599627370496.5"};

    /** Texts Redis refuses as a score. */
    static final String[] NOT_SCORES = {"", " 1", "1 ", "nan", "-nan", "NaN", "1e", "abc", "1e400", "-1e400", "1e-400", "0x",
        "--1", "1.2.3", "inf1", "(1", "[1"};

    @Test
    void scoresReadAndPrintAsRedisDoes() {
        try (Differ d = differ()) {
            for (String s : SCORES) {
                d.same("ZADD", "packed", s, "m");
                d.same("ZSCORE", "packed", "m");
                d.same("ZRANGE", "packed", "0", "-1", "WITHSCORES");
                d.same("ZSCAN", "packed", "0");
                d.same("ZINCRBY", "packed", s, "m");
                d.same("ZADD", "packed", "INCR", s, "n");
            }
            for (String s : NOT_SCORES) {
                d.same("ZADD", "packed", s, "m");
                d.same("ZINCRBY", "packed", s, "m");
                d.same("ZADD", "packed", "1", "a", s, "b");
            }
            d.same("CONFIG", "SET", "zset-max-listpack-entries", "0");
            for (String s : SCORES) {
                d.same("ZADD", "big", s, "m");
                d.same("OBJECT", "ENCODING", "big");
                d.same("ZSCORE", "big", "m");
                d.same("ZRANGE", "big", "0", "-1", "WITHSCORES");
                d.same("ZSCAN", "big", "0");
            }
            d.same("CONFIG", "SET", "zset-max-listpack-entries", "128");
            d.same("ZADD", "n", "inf", "a");
            d.same("ZINCRBY", "n", "-inf", "a");
            d.same("ZADD", "n", "INCR", "-inf", "a");
            d.same("ZSCORE", "n", "a");
            d.assertSame();
        }
    }

    @Test
    void randomScoresPrintAsRedisPrintsThem() {
        java.util.Random random = new java.util.Random(3);
        try (Differ d = differ()) {
            for (int i = 0; i < 400; i++) {
                double v = switch (i % 4) {
                    case 0 -> Double.longBitsToDouble(random.nextLong());
                    case 1 -> (random.nextInt(2_000_000) - 1_000_000) / 1000.0;
                    case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
                    default -> random.nextInt(100) / 7.0;
                };
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                String s = Double.toString(v);
                d.same("ZADD", i % 2 == 0 ? "p" : "q", s, "m" + i);
                d.same("ZSCORE", i % 2 == 0 ? "p" : "q", "m" + i);
                d.same("ZINCRBY", "sum", s, "total");
            }
            d.same("ZRANGE", "p", "0", "-1", "WITHSCORES");
            d.same("ZRANGE", "q", "0", "-1", "WITHSCORES");
            d.same("OBJECT", "ENCODING", "p");
            d.keyScanSame("ZSCAN", "q");
            d.assertSame();
        }
    }

    @Test
    void zaddFlagsAndTheirErrors() {
        try (Differ d = differ()) {
            d.same("ZADD", "z", "1", "a", "2", "b", "3", "c");
            d.same("ZADD", "z", "NX", "5", "a", "4", "d");
            d.same("ZADD", "z", "XX", "5", "a", "4", "e");
            d.same("ZADD", "z", "XX", "CH", "6", "a", "4", "e");
            d.same("ZADD", "z", "CH", "6", "a", "7", "b", "1", "f");
            d.same("ZADD", "z", "GT", "CH", "1", "a", "10", "b", "0", "g");
            d.same("ZADD", "z", "LT", "CH", "1", "a", "10", "b");
            d.same("ZADD", "z", "XX", "GT", "20", "a", "1", "zz");
            d.same("ZADD", "z", "GT", "INCR", "-1", "a");
            d.same("ZADD", "z", "LT", "INCR", "-1", "a");
            d.same("ZADD", "z", "NX", "INCR", "1", "a");
            d.same("ZADD", "z", "XX", "INCR", "1", "nope");
            d.same("ZADD", "z", "INCR", "2.5", "new");
            d.same("ZADD", "z", "ch", "nx", "9", "h");
            d.same("ZRANGE", "z", "0", "-1", "WITHSCORES");
            d.same("ZADD", "z", "NX", "XX", "1", "a");
            d.same("ZADD", "z", "GT", "LT", "1", "a");
            d.same("ZADD", "z", "GT", "NX", "1", "a");
            d.same("ZADD", "z", "LT", "NX", "1", "a");
            d.same("ZADD", "z", "INCR", "1", "a", "2", "b");
            d.same("ZADD", "z", "INCR");
            d.same("ZADD", "z", "1");
            d.same("ZADD", "z", "1", "a", "2");
            d.same("ZADD", "z", "NX");
            d.same("ZADD", "z", "XX", "INCR", "x", "a");
            d.same("ZADD", "z");
            d.same("ZADD", "z", "1", "a", "x", "b");
            d.same("ZCARD", "z");
            d.same("ZADD", "missing", "XX", "1", "a");
            d.same("EXISTS", "missing");
            d.same("ZADD", "missing", "XX", "INCR", "1", "a");
            d.same("SET", "str", "v");
            d.same("ZADD", "str", "1", "a");
            d.same("ZADD", "str", "x", "a");
            d.same("ZADD", "str", "NX", "XX", "1", "a");
            d.same("ZINCRBY", "str", "1", "a");
            d.same("ZINCRBY", "z", "1");
            d.same("ZINCRBY", "z", "1", "a", "b");
            d.same("ZADD", "inf", "inf", "a");
            d.same("ZINCRBY", "inf", "-inf", "a");
            d.same("ZADD", "inf", "INCR", "-inf", "a");
            d.same("ZADD", "z", "-0", "zero");
            d.same("ZADD", "z", "CH", "0", "zero");
            d.same("ZSCORE", "z", "zero");
            d.assertSame();
        }
    }

    @Test
    void singleMemberCommands() {
        try (Differ d = differ()) {
            d.same("ZADD", "z", "1", "a", "2", "b", "2", "bb", "3", "c", "-1", "neg");
            d.same("ZSCORE", "z", "a");
            d.same("ZSCORE", "z", "nope");
            d.same("ZSCORE", "missing", "a");
            d.same("ZMSCORE", "z", "a", "nope", "c");
            d.same("ZMSCORE", "missing", "a", "b");
            d.same("ZCARD", "z");
            d.same("ZCARD", "missing");
            for (String m : new String[] {"a", "b", "bb", "c", "neg", "nope"}) {
                d.same("ZRANK", "z", m);
                d.same("ZREVRANK", "z", m);
            }
            d.same("ZRANK", "missing", "a");
            d.same("ZREM", "z", "a", "nope", "a");
            d.same("ZREM", "z", "missing");
            d.same("ZREM", "missing", "a");
            d.same("ZPOPMIN", "z");
            d.same("ZPOPMAX", "z");
            d.same("ZPOPMIN", "z", "0");
            d.same("ZPOPMAX", "z", "1");
            d.same("ZPOPMIN", "z", "-1");
            d.same("ZPOPMIN", "z", "x");
            d.same("ZPOPMIN", "z", "1", "2");
            d.same("ZPOPMIN", "missing");
            d.same("ZPOPMIN", "missing", "3");
            d.same("ZPOPMIN", "z", "10");
            d.same("EXISTS", "z");
            d.same("ZADD", "z", "1", "a");
            d.same("ZREM", "z", "a");
            d.same("EXISTS", "z");
            d.same("SET", "str", "v");
            for (String[] c : new String[][] {{"ZSCORE", "str", "a"}, {"ZMSCORE", "str", "a"}, {"ZCARD", "str"}, {"ZRANK", "str", "a"},
                {"ZREVRANK", "str", "a"}, {"ZREM", "str", "a"}, {"ZPOPMIN", "str"}, {"ZPOPMAX", "str", "2"}, {"ZPOPMIN", "str", "x"},
                {"ZCOUNT", "str", "0", "1"}, {"ZCOUNT", "str", "x", "1"}, {"ZLEXCOUNT", "str", "-", "+"}, {"ZRANGE", "str", "0", "1"},
                {"ZRANGE", "str", "x", "1"}, {"ZREMRANGEBYRANK", "str", "0", "1"}, {"ZREMRANGEBYSCORE", "str", "0", "1"},
                {"ZREMRANGEBYLEX", "str", "-", "+"}, {"ZSCAN", "str", "0"}, {"ZSCAN", "str", "x"}, {"ZRANGEBYSCORE", "str", "0", "1"},
                {"ZREVRANGEBYLEX", "str", "+", "-"}, {"ZREVRANGE", "str", "0", "1"}}) {
                d.same(c);
            }
            for (String[] c : new String[][] {{"ZSCORE", "z"}, {"ZMSCORE", "z"}, {"ZCARD"}, {"ZRANK", "z"}, {"ZRANK", "z", "a", "b"},
                {"ZREM", "z"}, {"ZPOPMIN"}, {"ZCOUNT", "z", "1"}, {"ZLEXCOUNT", "z"}, {"ZRANGE", "z", "0"}, {"ZREMRANGEBYRANK", "z", "0"},
                {"ZSCAN", "z"}, {"ZINCRBY", "z", "1"}, {"ZREVRANGEBYSCORE", "z", "1"}, {"ZRANGEBYLEX", "z", "-"}}) {
                d.same(c);
            }
            d.assertSame();
        }
    }

    /** A set of members with distinct scores (rank/score ranges) and one of equal scores (lex ranges). */
    private static void fill(Differ d, String key, int n, boolean equalScores) {
        List<String> zadd = new ArrayList<>(List.of("ZADD", key));
        for (int i = 0; i < n; i++) {
            zadd.add(equalScores ? "0" : Integer.toString((i * 7919) % 1000 - 500));
            zadd.add(equalScores ? Character.toString('a' + i % 26) + (i / 26 == 0 ? "" : Integer.toString(i / 26)) : "m" + i);
        }
        d.same(zadd.toArray(String[]::new));
    }

    static final String[][] RANKS = {{"0", "-1"}, {"0", "0"}, {"1", "3"}, {"-3", "-1"}, {"5", "2"}, {"-100", "100"}, {"3", "3"},
        {"200", "300"}, {"-1", "-1"}, {"0", "-200"}, {"-200", "-150"}};
    static final String[][] SCORE_RANGES = {{"-inf", "+inf"}, {"0", "100"}, {"(0", "100"}, {"(0", "(100"}, {"-100", "(-50"},
        {"100", "0"}, {"5", "5"}, {"(5", "5"}, {"-inf", "-inf"}, {"", ""}, {" 10", "200"}, {"1e400", "-1e400"}, {"-1e400", "1e400"},
        {"(-inf", "(inf"}, {"-500", "-500"}, {"499", "+inf"}, {"0x10", "0x100"}};
    static final String[][] BAD_SCORE_RANGES = {{"x", "1"}, {"1", "x"}, {"nan", "1"}, {"(nan", "1"}, {"1 ", "2"}, {"((1", "2"},
        {"[1", "2"}, {"(", "1x"}};
    static final String[][] LEX_RANGES = {{"-", "+"}, {"[a", "[c"}, {"(a", "(c"}, {"[a", "(c"}, {"(b", "+"}, {"-", "(b"}, {"+", "-"},
        {"[z", "[a"}, {"[", "[b"}, {"(", "+"}, {"[b1", "[b3"}, {"-", "-"}, {"+", "+"}, {"[a", "[a"}, {"(a", "[a"}};
    static final String[][] BAD_LEX_RANGES = {{"a", "+"}, {"-", "c"}, {"", "+"}, {"--", "+"}, {"-", "++"}, {"{a", "[b"}};
    static final String[][] LIMITS = {{"0", "2"}, {"1", "3"}, {"0", "-1"}, {"-1", "2"}, {"0", "0"}, {"100", "5"}, {"2", "-5"}};

    private static void ranges(Differ d, String key, String lexKey) {
        for (String[] r : RANKS) {
            d.same("ZRANGE", key, r[0], r[1]);
            d.same("ZRANGE", key, r[0], r[1], "WITHSCORES");
            d.same("ZRANGE", key, r[0], r[1], "REV", "WITHSCORES");
            d.same("ZREVRANGE", key, r[0], r[1], "WITHSCORES");
            d.same("ZREMRANGEBYRANK", "nokey", r[0], r[1]);
        }
        for (String[] r : SCORE_RANGES) {
            d.same("ZCOUNT", key, r[0], r[1]);
            d.same("ZRANGEBYSCORE", key, r[0], r[1]);
            d.same("ZRANGEBYSCORE", key, r[0], r[1], "WITHSCORES");
            d.same("ZREVRANGEBYSCORE", key, r[1], r[0], "WITHSCORES");
            d.same("ZRANGE", key, r[0], r[1], "BYSCORE", "WITHSCORES");
            d.same("ZRANGE", key, r[1], r[0], "BYSCORE", "REV");
            for (String[] l : LIMITS) {
                d.same("ZRANGEBYSCORE", key, r[0], r[1], "LIMIT", l[0], l[1]);
                d.same("ZREVRANGEBYSCORE", key, r[1], r[0], "WITHSCORES", "LIMIT", l[0], l[1]);
                d.same("ZRANGE", key, r[1], r[0], "BYSCORE", "REV", "LIMIT", l[0], l[1], "WITHSCORES");
            }
        }
        for (String[] r : LEX_RANGES) {
            d.same("ZLEXCOUNT", lexKey, r[0], r[1]);
            d.same("ZRANGEBYLEX", lexKey, r[0], r[1]);
            d.same("ZREVRANGEBYLEX", lexKey, r[1], r[0]);
            d.same("ZRANGE", lexKey, r[0], r[1], "BYLEX");
            d.same("ZRANGE", lexKey, r[1], r[0], "BYLEX", "REV");
            for (String[] l : LIMITS) {
                d.same("ZRANGEBYLEX", lexKey, r[0], r[1], "LIMIT", l[0], l[1]);
                d.same("ZREVRANGEBYLEX", lexKey, r[1], r[0], "LIMIT", l[0], l[1]);
                d.same("ZRANGE", lexKey, r[0], r[1], "BYLEX", "LIMIT", l[0], l[1]);
            }
        }
        for (String[] r : BAD_SCORE_RANGES) {
            d.same("ZCOUNT", key, r[0], r[1]);
            d.same("ZRANGEBYSCORE", key, r[0], r[1]);
            d.same("ZRANGE", key, r[0], r[1], "BYSCORE");
            d.same("ZREMRANGEBYSCORE", key, r[0], r[1]);
            d.same("ZCOUNT", "nokey", r[0], r[1]);
        }
        for (String[] r : BAD_LEX_RANGES) {
            d.same("ZLEXCOUNT", lexKey, r[0], r[1]);
            d.same("ZRANGEBYLEX", lexKey, r[0], r[1]);
            d.same("ZRANGE", lexKey, r[0], r[1], "BYLEX");
            d.same("ZREMRANGEBYLEX", lexKey, r[0], r[1]);
            d.same("ZLEXCOUNT", "nokey", r[0], r[1]);
        }
    }

    @Test
    void rangesOfAPackedSet() {
        try (Differ d = differ()) {
            fill(d, "z", 40, false);
            fill(d, "lex", 60, true);
            d.same("OBJECT", "ENCODING", "z");
            ranges(d, "z", "lex");
            d.assertSame();
        }
    }

    @Test
    void rangesOfASkiplist() {
        try (Differ d = differ()) {
            fill(d, "z", 300, false);
            fill(d, "lex", 200, true);
            d.same("OBJECT", "ENCODING", "z");
            d.same("OBJECT", "ENCODING", "lex");
            ranges(d, "z", "lex");
            d.assertSame();
        }
    }

    @Test
    void rangeOptionErrors() {
        try (Differ d = differ()) {
            fill(d, "z", 10, false);
            for (String[] c : new String[][] {{"ZRANGE", "z", "0", "1", "LIMIT", "0", "1"}, {"ZRANGE", "z", "0", "1", "LIMIT", "0", "-1"},
                {"ZRANGE", "z", "0", "1", "LIMIT", "0"}, {"ZRANGE", "z", "0", "1", "LIMIT", "x", "1"}, {"ZRANGE", "z", "0", "1", "FOO"},
                {"ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"}, {"ZRANGE", "z", "0", "1", "BYSCORE", "BYLEX"},
                {"ZRANGE", "z", "0", "1", "REV", "REV"}, {"ZRANGE", "z", "x", "1"}, {"ZRANGE", "z", "0", "1.5"},
                {"ZREVRANGE", "z", "0", "1", "REV"}, {"ZREVRANGE", "z", "0", "1", "BYSCORE"}, {"ZREVRANGE", "z", "0", "1", "LIMIT", "0", "1"},
                {"ZRANGEBYSCORE", "z", "0", "1", "REV"}, {"ZRANGEBYSCORE", "z", "0", "1", "BYLEX"}, {"ZRANGEBYSCORE", "z", "0", "1", "LIMIT"},
                {"ZRANGEBYLEX", "z", "-", "+", "WITHSCORES"}, {"ZRANGEBYSCORE", "z", "0", "1", "withscores", "limit", "1", "1"},
                {"ZRANGE", "z", "(1", "5", "byscore", "limit", "1", "2", "withscores"}, {"ZRANGE", "z", "0", "-1", "withscores", "withscores"},
                {"ZRANGE", "nokey", "x", "1"}, {"ZRANGE", "nokey", "0", "1", "FOO"}, {"ZRANGE", "nokey", "a", "b", "BYLEX"},
                {"ZREMRANGEBYRANK", "z", "x", "1"}, {"ZREMRANGEBYRANK", "nokey", "x", "1"}, {"ZRANGE", "z", "0", "1", "LIMIT", "1", "x"}}) {
                d.same(c);
            }
            d.assertSame();
        }
    }

    @Test
    void removingRangesEmptiesAndDeletes() {
        try (Differ d = differ()) {
            for (int size : new int[] {20, 200}) {
                fill(d, "z", size, false);
                d.same("ZREMRANGEBYRANK", "z", "0", "2");
                d.same("ZREMRANGEBYRANK", "z", "-3", "-1");
                d.same("ZREMRANGEBYRANK", "z", "5", "2");
                d.same("ZREMRANGEBYSCORE", "z", "(0", "100");
                d.same("ZREMRANGEBYSCORE", "z", "1000", "2000");
                d.same("ZRANGE", "z", "0", "-1", "WITHSCORES");
                d.same("OBJECT", "ENCODING", "z");
                d.same("ZREMRANGEBYSCORE", "z", "-inf", "+inf");
                d.same("EXISTS", "z");
                fill(d, "lex", size, true);
                d.same("ZREMRANGEBYLEX", "lex", "[b", "(d");
                d.same("ZREMRANGEBYLEX", "lex", "(x", "+");
                d.same("ZRANGE", "lex", "0", "-1");
                d.same("ZREMRANGEBYLEX", "lex", "-", "+");
                d.same("EXISTS", "lex");
                fill(d, "p", size, false);
                d.same("ZPOPMIN", "p", "3");
                d.same("ZPOPMAX", "p", "3");
                d.same("ZPOPMAX", "p");
                d.same("ZPOPMIN", "p", "1000");
                d.same("EXISTS", "p");
                fill(d, "r", size, false);
                d.same("ZREMRANGEBYRANK", "r", "0", "-1");
                d.same("EXISTS", "r");
            }
            d.assertSame();
        }
    }

    @Test
    void encodingsConvertAtTheLimitsAndNeverBack() {
        try (Differ d = differ()) {
            fill(d, "z", 128, false);
            d.same("OBJECT", "ENCODING", "z");
            d.same("ZADD", "z", "1", "m0");
            d.same("OBJECT", "ENCODING", "z");
            d.same("ZADD", "z", "1", "extra");
            d.same("OBJECT", "ENCODING", "z");
            d.same("ZREM", "z", "extra", "m1", "m2");
            d.same("OBJECT", "ENCODING", "z");
            d.same("ZRANGE", "z", "0", "-1", "WITHSCORES");
            d.same("ZADD", "long", "1", "x".repeat(64));
            d.same("OBJECT", "ENCODING", "long");
            d.same("ZADD", "long", "2", "y".repeat(65));
            d.same("OBJECT", "ENCODING", "long");
            d.same("ZADD", "long2", "2", "y".repeat(65));
            d.same("OBJECT", "ENCODING", "long2");
            d.same("ZRANGE", "long", "0", "-1", "WITHSCORES");
            List<String> dup = new ArrayList<>(List.of("ZADD", "dup"));
            for (int i = 0; i < 200; i++) {
                dup.add("1");
                dup.add("a");
            }
            d.same(dup.toArray(String[]::new));
            d.same("OBJECT", "ENCODING", "dup");
            d.same("CONFIG", "SET", "zset-max-ziplist-entries", "4", "zset-max-listpack-value", "3");
            d.sortedPairs("CONFIG", "GET", "zset-max-*");
            d.same("ZADD", "c", "1", "a", "2", "b", "3", "c", "4", "d");
            d.same("OBJECT", "ENCODING", "c");
            d.same("ZADD", "c", "5", "e");
            d.same("OBJECT", "ENCODING", "c");
            d.same("ZADD", "v", "1", "abcd");
            d.same("OBJECT", "ENCODING", "v");
            d.same("CONFIG", "SET", "zset-max-listpack-entries", "128", "zset-max-ziplist-value", "64");
            d.sortedPairs("CONFIG", "GET", "zset-max-*");
            d.keyScanSame("ZSCAN", "z");
            d.keyScanSame("ZSCAN", "z", "COUNT", "3");
            d.keyScanSame("ZSCAN", "z", "MATCH", "m1*");
            d.keyScanSame("ZSCAN", "c", "MATCH", "*", "COUNT", "1000");
            d.same("ZSCAN", "v", "0", "MATCH", "*", "COUNT", "1000");
            d.same("ZSCAN", "missing", "0");
            d.same("ZSCAN", "c", "x");
            d.same("ZSCAN", "c", "0", "COUNT", "0");
            d.same("ZSCAN", "c", "0", "COUNT");
            d.same("ZSCAN", "c", "0", "FOO", "1");
            d.same("TYPE", "c");
            d.assertSame();
        }
    }

    @Test
    void zrangestoreOnOneShardAndAcrossShards() {
        try (Differ d = differ()) {
            String src = onShard(0, "src");
            String far = onShard(1, "dst");
            for (String dst : new String[] {"{" + src + "}dst", far}) {
                fill(d, src, 200, false);
                fill(d, "{" + src + "}lex", 50, true);
                d.same("ZRANGESTORE", dst, src, "0", "-1");
                d.same("OBJECT", "ENCODING", dst);
                d.same("ZRANGE", dst, "0", "-1", "WITHSCORES");
                d.same("ZRANGESTORE", dst, src, "5", "20");
                d.same("OBJECT", "ENCODING", dst);
                d.same("ZRANGE", dst, "0", "-1", "WITHSCORES");
                d.same("ZRANGESTORE", dst, src, "(0", "100", "BYSCORE", "LIMIT", "2", "7");
                d.same("ZRANGE", dst, "0", "-1", "WITHSCORES");
                d.same("ZRANGESTORE", dst, src, "100", "(0", "BYSCORE", "REV", "LIMIT", "1", "3");
                d.same("ZRANGE", dst, "0", "-1", "WITHSCORES");
                d.same("ZRANGESTORE", dst, "{" + src + "}lex", "[b", "(e", "BYLEX");
                d.same("ZRANGE", dst, "0", "-1", "WITHSCORES");
                d.same("ZRANGESTORE", dst, src, "5", "2");
                d.same("EXISTS", dst);
                d.same("SET", dst, "x");
                d.same("EXPIRE", dst, "100");
                d.same("ZRANGESTORE", dst, src, "0", "2");
                d.same("TTL", dst);
                d.same("TYPE", dst);
                d.same("ZRANGESTORE", dst, "nokey", "0", "-1");
                d.same("EXISTS", dst);
                d.same("SET", dst, "x");
                d.same("ZRANGESTORE", src, dst, "0", "-1");
                d.same("ZRANGESTORE", dst, src, "0", "-1", "WITHSCORES");
                d.same("ZRANGESTORE", dst, src, "0", "-1", "LIMIT", "0", "1");
                d.same("ZRANGESTORE", dst, src, "x", "1");
                d.same("ZRANGESTORE", dst, src, "a", "b", "BYSCORE");
                d.same("ZRANGESTORE", dst, src, "a", "b", "BYLEX");
                d.same("ZRANGESTORE", dst, src, "0");
                d.same("ZRANGESTORE", src, src, "1", "-2");
                d.same("ZRANGE", src, "0", "-1", "WITHSCORES");
                d.same("DEL", src, dst);
            }
            d.assertSame();
        }
    }

    @Test
    void keysOfSortedSetsMoveCopyAndExpire() {
        try (Differ d = differ()) {
            fill(d, "{k}small", 10, false);
            fill(d, "{k}big", 150, false);
            d.same("COPY", "{k}small", "{k}small2");
            d.same("COPY", "{k}big", "{k}big2");
            d.same("ZADD", "{k}big2", "1", "new");
            d.same("ZCARD", "{k}big");
            d.same("ZRANGE", "{k}big2", "0", "-1", "WITHSCORES");
            d.same("OBJECT", "ENCODING", "{k}big2");
            d.same("RENAME", "{k}big", "{k}big3");
            d.same("ZRANGE", "{k}big3", "0", "-1", "WITHSCORES");
            d.same("RENAME", "{k}small", "{k}small3");
            d.same("ZRANGE", "{k}small3", "0", "-1", "WITHSCORES");
            d.same("MOVE", "{k}big3", "1");
            d.same("SELECT", "1");
            d.same("ZRANGE", "{k}big3", "0", "-1", "WITHSCORES");
            d.same("ZRANK", "{k}big3", "m7");
            d.same("SELECT", "0");
            d.same("TYPE", "{k}small3");
            d.same("SET", "{k}small3", "x");
            d.same("TYPE", "{k}small3");
            d.same("PEXPIREAT", "{k}big2", "1");
            d.same("ZCARD", "{k}big2");
            d.same("EXISTS", "{k}big2");
            d.same("ZADD", "{k}big2", "1", "a");
            d.same("ZRANGE", "{k}big2", "0", "-1");
            d.sorted("KEYS", "*");
            d.scanSame("TYPE", "zset");
            d.assertSame();
        }
    }
}
