package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Multi-key commands on keys with hash tags answer as Redis does, byte for byte, on kevy's three
 * shards: the tag only chooses where the keys live (every key of one tag on the tag's shard).
 */
class HashTagCompatTest extends DifferentialBase {

    @Test
    void multiKeyCommandsOnTaggedKeysReplyAsRedis() {
        String t = "{user1000}";
        try (Differ d = differ()) {
            assertEquals(shardOf(t + "a"), shardOf(t + "b"));
            assertEquals(shardOf("user1000"), shardOf("x" + t + "y"));
            d.same("MSET", t + "a", "1", t + "b", "2", "x" + t + "y", "3");
            d.same("MGET", t + "a", t + "b", "x" + t + "y", t + "none");
            d.same("RENAME", t + "a", t + "c");
            d.same("RENAMENX", t + "b", t + "c");
            d.same("MSETNX", t + "d", "4", t + "e", "5");
            d.same("MSETNX", t + "d", "4", t + "f", "6");
            d.same("EXISTS", t + "a", t + "b", t + "c", t + "d", t + "e", t + "f");
            d.same("DEL", t + "b", t + "c", "{}a", "{}b", "{a", "b}");
            d.same("SET", "{}a", "empty tag");
            d.same("MSET", "{}a", "1", "{}b", "2", "{a", "3", "a}{b}", "4");
            d.same("MGET", "{}a", "{}b", "{a", "a}{b}");
            d.sorted("KEYS", "*");
            d.same("DBSIZE");
            d.assertSame();
        }
    }
}
