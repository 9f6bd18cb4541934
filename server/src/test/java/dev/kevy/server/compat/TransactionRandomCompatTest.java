package dev.kevy.server.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random transactions against Redis 7.0, reply by reply: each a MULTI with a few commands drawn
 * from strings, lists, sets, keys and cross-shard multi-key commands (on keys spread over kevy's
 * three shards), sometimes a queue-time error, a runtime error or a SELECT among them, sometimes
 * under WATCH with another client writing a watched key or a key beside it, ended by EXEC or
 * DISCARD. A fixed seed per run keeps a failure reproducible.
 */
class TransactionRandomCompatTest extends DifferentialBase {

    private static final int TRANSACTIONS = 400;

    private static final String[][] TEMPLATES = {
        {"SET", "$k", "$v"}, {"GET", "$k"}, {"INCR", "$k"}, {"APPEND", "$k", "$v"}, {"DEL", "$k", "$k"},
        {"EXISTS", "$k", "$k", "$k"}, {"MSET", "$k", "$v", "$k", "$v"}, {"MGET", "$k", "$k", "$k"},
        {"LPUSH", "$k", "$v"}, {"RPOP", "$k"}, {"LRANGE", "$k", "0", "-1"}, {"SADD", "$k", "$v"},
        {"SCARD", "$k"}, {"RENAME", "$k", "$k"}, {"RENAMENX", "$k", "$k"}, {"MSETNX", "$k", "$v", "$k", "$v"},
        {"LMOVE", "$k", "$k", "LEFT", "RIGHT"}, {"TYPE", "$k"}, {"STRLEN", "$k"}, {"EXPIRE", "$k", "1000"},
        {"PERSIST", "$k"}, {"TTL", "$k"}, {"SELECT", "$db"}, {"PING"}, {"ECHO", "$v"}, {"DBSIZE"},
        {"SUNIONSTORE", "$k", "$k", "$k"}, {"GET"}, {"NOSUCH", "$k"}, {"INCRBY", "$k", "x"},
    };

    @Test
    void randomTransactionsReplyAsRedis() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] keys = new String[8];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = onShard(i % SHARDS, "r" + i + "-");
        }
        try (Differ d = differ(); Differ other = new Differ(redis.port(), kevy.port())) {
            for (int t = 0; t < TRANSACTIONS; t++) {
                if (random.nextInt(3) == 0) {
                    d.same(concatKeys("WATCH", keys, random, 1 + random.nextInt(3)));
                    if (random.nextBoolean()) {
                        other.same("SET", keys[random.nextInt(keys.length)], "other" + t);
                    }
                }
                d.same("MULTI");
                int n = 1 + random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    d.same(fill(TEMPLATES[random.nextInt(TEMPLATES.length)], keys, random));
                }
                if (random.nextInt(8) == 0) {
                    d.same("DISCARD");
                } else {
                    d.same("EXEC");
                }
                d.same("SELECT", "0");
                if (t % 50 == 49) {
                    d.assertSame();
                    other.assertSame();
                }
            }
            d.assertSame();
            other.assertSame();
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private static String[] concatKeys(String command, String[] keys, Random random, int count) {
        String[] c = new String[1 + count];
        c[0] = command;
        for (int i = 1; i <= count; i++) {
            c[i] = keys[random.nextInt(keys.length)];
        }
        return c;
    }

    private static String[] fill(String[] template, String[] keys, Random random) {
        List<String> c = new ArrayList<>();
        for (String part : template) {
            c.add(switch (part) {
                case "$k" -> keys[random.nextInt(keys.length)];
                case "$v" -> random.nextBoolean() ? Integer.toString(random.nextInt(100)) : "v" + random.nextInt(5);
                case "$db" -> Integer.toString(random.nextInt(3));
                default -> part;
            });
        }
        return c.toArray(String[]::new);
    }
}
