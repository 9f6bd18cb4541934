package dev.kevy.server.compat;

import org.junit.jupiter.api.Test;

/**
 * Key commands on hash keys against Redis 7, byte for byte: expiry kept by hash writes and gone
 * with the key, RENAME and RENAMENX within a shard and across kevy's shards (the hash moves whole,
 * fields in their order, with its time to live), DEL, EXISTS, TYPE, KEYS and SCAN's TYPE filter.
 */
class HashKeyCompatTest extends DifferentialBase {

    private final String a = onShard(0, "ha");
    private final String a2 = onShard(0, "ha2-");
    private final String b = onShard(1, "hb");
    private final String c = onShard(2, "hc");

    @Test
    void expiryOnAHashIsKeptByWritesAndGoesWithTheKey() {
        try (Differ d = differ()) {
            d.same("HSET", "h", "a", "1", "b", "2");
            d.same("TTL", "h");
            d.same("EXPIRE", "h", "1000");
            d.near(1, "TTL", "h");
            d.same("HSET", "h", "c", "3");
            d.same("HDEL", "h", "a");
            d.same("HINCRBY", "h", "n", "1");
            d.same("HSETNX", "h", "d", "4");
            d.near(1, "TTL", "h");
            d.same("PERSIST", "h");
            d.same("TTL", "h");
            d.same("PERSIST", "h");
            d.same("PEXPIREAT", "h", Long.toString(FAR_MILLIS));
            d.same("PEXPIRETIME", "h");
            d.same("HGETALL", "h");
            d.same("PEXPIREAT", "h", "1");
            d.same("EXISTS", "h");
            d.same("TYPE", "h");
            d.same("HGETALL", "h");
            d.same("HLEN", "h");
            d.same("HGET", "h", "b");
            d.same("HSET", "h", "fresh", "1");
            d.same("TTL", "h");
            d.same("HGETALL", "h");
            d.same("EXPIRE", "h", "0");
            d.same("HEXISTS", "h", "fresh");
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    @Test
    void renameMovesAHashWithinAndAcrossShards() {
        try (Differ d = differ()) {
            d.same("HSET", a, "z", "1", "y", "2", "x", "3", "", "");
            d.same("EXPIRE", a, "1000");
            d.same("RENAME", a, a2);
            d.same("EXISTS", a, a2);
            d.same("HGETALL", a2);
            d.near(1, "TTL", a2);
            d.same("RENAME", a2, b);
            d.same("EXISTS", a2, b);
            d.same("TYPE", b);
            d.same("HGETALL", b);
            d.same("OBJECT", "ENCODING", b);
            d.near(1, "TTL", b);
            d.same("HSET", b, "w", "4");
            d.same("HDEL", b, "y");
            d.same("HGETALL", b);
            d.same("RENAME", b, c);
            d.same("HGETALL", c);
            d.same("HGET", b, "z");
            d.same("SET", a, "a string");
            d.same("RENAMENX", c, a);
            d.same("TYPE", a);
            d.same("RENAME", c, a);
            d.same("TYPE", a);
            d.same("HGETALL", a);
            d.same("EXISTS", c);
            d.same("SADD", b, "m");
            d.same("RENAME", a, b);
            d.same("TYPE", b);
            d.same("HGETALL", b);
            d.same("SMEMBERS", b);
            d.same("SET", c, "v");
            d.same("RENAME", c, b);
            d.same("TYPE", b);
            d.same("HGET", b, "z");
            d.same("GET", b);
            d.same("HSET", a, "f", "v");
            d.same("RENAMENX", a, c);
            d.same("HGETALL", c);
            d.same("RENAME", c, c);
            d.same("HGETALL", c);
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    @Test
    void delExistsTypeKeysAndScanSeeHashesOnEveryShard() {
        try (Differ d = differ()) {
            d.same("HSET", a, "f", "1");
            d.same("HSET", b, "f", "2");
            d.same("HSET", c, "f", "3");
            d.same("SADD", "set", "m");
            d.same("SET", "str", "v");
            d.same("TYPE", a);
            d.same("TYPE", "set");
            d.same("EXISTS", a, b, c, "set", "str", "missing", a);
            d.sorted("KEYS", "*");
            d.sorted("KEYS", "h?");
            d.scanSame("TYPE", "hash");
            d.scanSame("TYPE", "HASH", "COUNT", "1");
            d.scanSame("TYPE", "set");
            d.scanSame("TYPE", "string");
            d.scanSame("TYPE", "hash", "MATCH", "*b*");
            d.same("DBSIZE");
            d.same("TOUCH", a, b, c);
            d.same("UNLINK", a);
            d.same("DEL", b, c, c, "set", "missing");
            d.same("EXISTS", a, b, c, "set", "str");
            d.scanSame("TYPE", "hash");
            d.same("DBSIZE");
            d.assertSame();
        }
    }
}
