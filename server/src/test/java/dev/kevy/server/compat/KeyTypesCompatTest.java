package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Key commands on hashes and sets: TYPE, SCAN TYPE, COPY (DB, REPLACE, across shards), MOVE,
 * RENAME across shards, expiry and deletion of collections, WRONGTYPE from string commands, and
 * MEMORY USAGE, compared with Redis 7 byte for byte where the reply is deterministic.
 */
class KeyTypesCompatTest extends DifferentialBase {

    @Test
    void typeScanTypeAndStringCommandsOnCollectionsReplyAsRedis() {
        try (Differ d = differ()) {
            d.same("HSET", "h", "f", "v");
            d.same("SADD", "s", "1", "2");
            d.same("SET", "str", "x");
            d.same("TYPE", "h");
            d.same("TYPE", "s");
            d.same("TYPE", "str");
            d.sorted("KEYS", "*");
            d.scanSame("TYPE", "hash");
            d.scanSame("TYPE", "set");
            d.scanSame("TYPE", "string");
            d.scanSame("TYPE", "list");
            for (String command : new String[] {"GET", "STRLEN", "INCR", "GETDEL"}) {
                d.same(command, "h");
                d.same(command, "s");
            }
            d.same("APPEND", "h", "x");
            d.same("SETRANGE", "s", "0", "x");
            d.same("GETRANGE", "h", "0", "1");
            d.same("INCRBYFLOAT", "s", "1.5");
            d.same("MGET", "h", "s", "str", "missing");
            d.same("SET", "h", "now-a-string", "GET");
            d.same("GETSET", "s", "y");
            d.same("HGET", "str", "f");
            d.same("SADD", "str", "m");
            d.same("SET", "s", "z");
            d.same("TYPE", "s");
            d.same("DEL", "h", "s", "str");
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    @Test
    void copyMoveRenameAndExpiryOfCollectionsReplyAsRedis() {
        try (Differ d = differ()) {
            String h0 = onShard(0, "h");
            String h1 = onShard(1, "h");
            String s2 = onShard(2, "s");
            for (int i = 0; i < 200; i++) { // large encodings too
                d.same("HSET", h0, "field" + i, "value" + i);
                d.same("SADD", s2, "member" + i);
            }
            d.same("HSET", "small", "a", "1", "b", "2");
            d.same("COPY", h0, h1);
            d.same("COPY", h0, h1);
            d.same("COPY", h0, h1, "REPLACE");
            d.same("HLEN", h1);
            d.same("HGET", h1, "field150");
            d.same("HDEL", h0, "field150");
            d.same("HGET", h1, "field150");
            d.same("COPY", "small", "small");
            d.same("COPY", "small", "small", "DB", "1");
            d.same("COPY", "small", "small", "DB", "1");
            d.same("COPY", "small", "x", "DB", "99");
            d.same("COPY", "small", "x", "DB", "abc");
            d.same("COPY", "small", "x", "DB");
            d.same("COPY", "small", "x", "BOGUS");
            d.same("COPY", "missing", "x");
            d.same("SELECT", "1");
            d.same("HGETALL", "small");
            d.same("SELECT", "0");
            d.same("MOVE", s2, "2");
            d.same("EXISTS", s2);
            d.same("SELECT", "2");
            d.same("SCARD", s2);
            d.same("SISMEMBER", s2, "member7");
            d.same("SELECT", "0");
            d.same("RENAME", h1, onShard(2, "r"));
            d.same("HLEN", onShard(2, "r"));
            d.same("EXISTS", h1);
            d.same("EXPIRE", "small", "1000");
            d.same("COPY", "small", "copied");
            d.near(1, "TTL", "copied");
            d.same("PERSIST", "small");
            d.same("TTL", "small");
            d.same("OBJECT", "ENCODING", "small");
            d.same("OBJECT", "ENCODING", h0);
            d.same("DEL", h0, "small", "copied");
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    @Test
    void objectEncodingRefcountAndHelpReplyAsRedis() {
        try (Differ d = differ()) {
            d.same("SET", "int", "12345");
            d.same("SET", "big-int", "123456789012345678901");
            d.same("SET", "neg", "-7");
            d.same("SET", "lead", "007");
            d.same("SET", "short", "hello");
            d.same("SET", "long", "x".repeat(45));
            d.same("SET", "edge", "y".repeat(44));
            d.same("SET", "appended", "ab");
            d.same("APPEND", "appended", "cd");
            d.same("APPEND", "fresh", "12");
            d.same("SETRANGE", "ranged", "0", "12");
            d.same("INCR", "counter");
            d.same("HSET", "h", "f", "v");
            d.same("SADD", "ints", "1", "2");
            for (String key : new String[] {"int", "big-int", "neg", "lead", "short", "long", "edge", "appended",
                    "fresh", "ranged", "counter", "h", "ints", "missing"}) {
                d.same("OBJECT", "ENCODING", key);
                d.same("OBJECT", "REFCOUNT", key);
            }
            d.same("OBJECT", "HELP");
            d.same("OBJECT", "ENCODING");
            d.same("OBJECT", "NOSUCH", "k");
            d.same("OBJECT");
            d.assertSame();
        }
    }

    @Test
    void stringsWrittenInPlaceByBitCommandsAreRaw() {
        try (Differ d = differ()) {
            d.same("SET", "k", "a");
            d.same("SETBIT", "k", "1", "1");
            d.same("OBJECT", "ENCODING", "k");
            d.same("SET", "q", "5");
            d.same("SETBIT", "q", "1", "0"); // an int, unchanged in value, still unshared
            d.same("OBJECT", "ENCODING", "q");
            d.same("SET", "n", "12");
            d.same("BITFIELD", "n", "SET", "u8", "0", "1");
            d.same("OBJECT", "ENCODING", "n");
            d.same("SET", "m", "12");
            d.same("BITFIELD", "m", "GET", "u8", "0"); // a read leaves it alone
            d.same("OBJECT", "ENCODING", "m");
            d.same("BITOP", "AND", "d", "k", "k");
            d.same("OBJECT", "ENCODING", "d");
            d.same("SETBIT", "z", "3", "1");
            d.same("OBJECT", "ENCODING", "z");
            d.assertSame();
        }
    }

    @Test
    void encodingLimitsSetByConfigApplyToStoredResultsToo() {
        try (Differ d = differ()) {
            d.same("CONFIG", "SET", "set-max-intset-entries", "2");
            d.same("CONFIG", "GET", "set-max-intset-entries");
            d.same("SADD", "a", "1", "2", "3");
            d.same("OBJECT", "ENCODING", "a");
            d.same("SUNIONSTORE", "d", "a");
            d.same("OBJECT", "ENCODING", "d");
            d.same("CONFIG", "SET", "hash-max-listpack-entries", "1");
            d.same("HSET", "h", "f1", "v", "f2", "v");
            d.same("OBJECT", "ENCODING", "h");
            d.same("CONFIG", "SET", "set-max-intset-entries", "512", "hash-max-listpack-entries", "512");
            d.same("CONFIG", "SET", "set-max-intset-entries", "-1");
            d.same("CONFIG", "SET", "hash-max-ziplist-value", "abc");
            d.same("CONFIG", "SET", "hash-max-listpack-value", "1kb");
            d.same("CONFIG", "GET", "hash-max-listpack-value");
            d.same("CONFIG", "SET", "hash-max-listpack-value", "64");
            d.assertSame();
        }
    }

    @Test
    void memoryUsageCountsACollectionsElements() {
        try (Differ d = differ()) {
            d.same("MEMORY", "USAGE", "missing");
            d.same("MEMORY", "USAGE");
            d.same("MEMORY", "USAGE", "k", "SAMPLES");
            d.same("MEMORY", "USAGE", "k", "BOGUS", "1");
            d.same("SADD", "small", "a");
            for (int i = 0; i < 1000; i++) {
                d.same("SADD", "big", "member-" + i);
            }
            long small = integer(d.kevy().call("MEMORY", "USAGE", "small"));
            long big = integer(d.kevy().call("MEMORY", "USAGE", "big", "SAMPLES", "0"));
            long sampled = integer(d.kevy().call("MEMORY", "USAGE", "big"));
            assertTrue(small > 0 && small < 200, "a one-member set: " + small);
            assertTrue(big > 1000 * 24, "a thousand members cost at least their bytes: " + big);
            assertTrue(sampled > big / 2 && sampled < big * 2, "five samples estimate the whole: " + sampled + " vs " + big);
            d.assertSame();
        }
    }

    private static long integer(byte[] reply) {
        String text = Wire.text(reply);
        assertEquals(':', text.charAt(0), text);
        return Long.parseLong(text.substring(1).trim());
    }
}
