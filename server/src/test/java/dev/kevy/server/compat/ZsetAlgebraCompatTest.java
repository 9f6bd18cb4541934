package dev.kevy.server.compat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD against Redis 7.0: WEIGHTS (infinities and NaN
 * products included), AGGREGATE, WITHSCORES, plain sets as sources, missing keys, every error, the
 * destination replaced or deleted and its encoding, with all keys on one shard and spread over
 * three.
 */
class ZsetAlgebraCompatTest extends DifferentialBase {

    @Test
    void algebraOnOneShardAndAcrossShards() {
        for (boolean spread : new boolean[] {false, true}) {
            try (Differ d = differ()) {
                String a = spread ? onShard(0, "a") : "{t}a";
                String b = spread ? onShard(1, "b") : "{t}b";
                String s = spread ? onShard(2, "s") : "{t}s";
                String big = spread ? onShard(1, "big") : "{t}big";
                String dst = spread ? onShard(2, "dst") : "{t}dst";
                String none = spread ? onShard(0, "none") : "{t}none";
                d.same("ZADD", a, "1", "x", "2", "y", "3", "z", "inf", "i", "-inf", "n");
                d.same("ZADD", b, "10", "y", "20", "z", "30", "w", "-inf", "i", "inf", "n");
                d.same("SADD", s, "y", "q", "i");
                List<String> zadd = new ArrayList<>(List.of("ZADD", big));
                for (int i = 0; i < 200; i++) {
                    zadd.add(Integer.toString(i % 17));
                    zadd.add("m" + i);
                }
                zadd.addAll(List.of("5", "x", "6", "y"));
                d.same(zadd.toArray(String[]::new));
                for (String op : new String[] {"ZUNION", "ZINTER", "ZDIFF"}) {
                    d.same(op, "2", a, b, "WITHSCORES");
                    d.same(op, "3", a, b, s, "WITHSCORES");
                    d.same(op, "2", a, none, "WITHSCORES");
                    d.same(op, "1", none);
                    d.same(op, "2", big, a);
                    d.same(op, "3", s, a, big, "WITHSCORES");
                    d.same(op, "2", a, b, "WEIGHTS", "2", "0.5", "WITHSCORES");
                    d.same(op, "2", a, b, "WEIGHTS", "0", "1", "WITHSCORES");
                    d.same(op, "2", a, b, "AGGREGATE", "MIN", "WITHSCORES");
                    d.same(op, "2", a, b, "aggregate", "max", "withscores");
                    d.same(op, "2", a, b, "WEIGHTS", "-1", "inf", "AGGREGATE", "SUM", "WITHSCORES");
                    d.same(op, "0", a);
                    d.same(op, "-1", a);
                    d.same(op, "x", a);
                    d.same(op, "3", a, b);
                    d.same(op, "2", a, b, "WEIGHTS", "1");
                    d.same(op, "2", a, b, "WEIGHTS", "1", "x");
                    d.same(op, "2", a, b, "AGGREGATE", "avg");
                    d.same(op, "2", a, b, "AGGREGATE");
                    d.same(op, "2", a, b, "FOO");
                    d.same(op + "STORE", dst, "2", a, b);
                    d.same("ZRANGE", dst, "0", "-1", "WITHSCORES");
                    d.same("OBJECT", "ENCODING", dst);
                    d.same(op + "STORE", dst, "2", big, s, "WEIGHTS", "2", "3");
                    d.same("ZRANGE", dst, "0", "-1", "WITHSCORES");
                    d.same("OBJECT", "ENCODING", dst);
                    d.same(op + "STORE", dst, "2", a, b, "WITHSCORES");
                    d.same(op + "STORE", dst, "1", none);
                    d.same("EXISTS", dst);
                    d.same(op + "STORE", dst, "0", a);
                    d.same(op + "STORE", a, "2", a, b);
                    d.same("ZRANGE", a, "0", "-1", "WITHSCORES");
                    d.same("DEL", a);
                    d.same("ZADD", a, "1", "x", "2", "y", "3", "z", "inf", "i", "-inf", "n");
                }
                for (String[] args : new String[][] {{"2", a, b}, {"3", a, b, s}, {"2", a, b, "LIMIT", "1"}, {"2", a, b, "limit", "0"},
                    {"2", a, b, "LIMIT", "-1"}, {"2", a, b, "LIMIT", "x"}, {"2", a, b, "WEIGHTS", "1", "1"}, {"2", a, b, "AGGREGATE", "MIN"},
                    {"2", a, b, "WITHSCORES"}, {"2", a, b, "LIMIT"}, {"2", a, none}, {"1", big}, {"0", a}, {"x", a}, {"3", a, b},
                    {"2", big, s, "LIMIT", "100"}}) {
                    List<String> cmd = new ArrayList<>(List.of("ZINTERCARD"));
                    cmd.addAll(List.of(args));
                    d.same(cmd.toArray(String[]::new));
                }
                String e1 = spread ? onShard(2, "e") : "{t}e";
                for (String[] args : new String[][] {{"0", a, "MIN"}, {"x", a, "MIN"}, {"3", a, b, "MIN"}, {"2", a, b}, {"2", a, b, "FOO"},
                    {"2", e1, a, "MIN"}, {"2", e1, b, "max", "count", "2"}, {"2", a, b, "MIN", "COUNT", "0"},
                    {"2", a, b, "MIN", "COUNT", "-1"}, {"2", a, b, "MIN", "COUNT", "x"}, {"2", a, b, "MIN", "COUNT", "1", "COUNT", "2"},
                    {"2", a, b, "MIN", "FOO", "1"}, {"1", e1, "MIN"}, {"2", e1, a, "MAX", "COUNT", "100"}, {"2", e1, a, "MIN"},
                    {"3", e1, big, a, "MIN", "COUNT", "3"}, {"1", big, "MAX", "COUNT", "1000"}, {"1", big, "MIN"}, {"1", a}}) {
                    List<String> cmd = new ArrayList<>(List.of("ZMPOP"));
                    cmd.addAll(List.of(args));
                    d.same(cmd.toArray(String[]::new));
                }
                d.same("EXISTS", a, big);
                d.same("ZADD", a, "1", "x", "2", "y", "3", "z", "inf", "i", "-inf", "n");
                d.same("SET", none, "str");
                d.same("ZMPOP", "2", e1, none, "MIN");
                d.same("ZMPOP", "2", a, none, "MIN");
                d.same("ZINTERCARD", "2", a, none);
                d.same("ZUNION", "2", a, none);
                d.same("ZINTERSTORE", dst, "2", none, a);
                d.same("ZDIFF", "2", a, none);
                d.same("SET", dst, "str");
                d.same("ZUNIONSTORE", dst, "1", a);
                d.same("TYPE", dst);
                d.assertSame();
            }
        }
    }
}
