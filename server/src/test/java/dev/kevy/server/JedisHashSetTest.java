package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Hashes and sets as Jedis sees them on three shards: Jedis decodes the replies into maps,
 * lists and sets, so a reply of the wrong shape or type fails here even where raw bytes are not
 * compared. Set algebra runs over keys on different shards.
 */
class JedisHashSetTest {

    private static final int SHARDS = 3;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(SHARDS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Jedis jedis() {
        return new Jedis("127.0.0.1", server.port(), RawClient.READ_TIMEOUT_MILLIS);
    }

    @BeforeEach
    void empty() {
        try (Jedis j = jedis()) {
            assertEquals("OK", j.flushAll());
        }
    }

    @Test
    void hashesReadBackAsMaps() {
        try (Jedis j = jedis()) {
            assertEquals(3, j.hset("user:1", Map.of("name", "Ada", "lang", "en", "visits", "1")));
            assertEquals(0, j.hset("user:1", "name", "Ada L."));
            assertEquals(Map.of("name", "Ada L.", "lang", "en", "visits", "1"), j.hgetAll("user:1"));
            assertEquals("en", j.hget("user:1", "lang"));
            assertNull(j.hget("user:1", "missing"));
            assertEquals(java.util.Arrays.asList("Ada L.", null), j.hmget("user:1", "name", "missing"));
            assertEquals(5, j.hincrBy("user:1", "visits", 4));
            assertEquals(2.5, j.hincrByFloat("user:1", "score", 2.5));
            assertTrue(j.hexists("user:1", "score"));
            assertEquals(4, j.hlen("user:1"));
            assertEquals(Set.of("name", "lang", "visits", "score"), j.hkeys("user:1"));
            assertEquals(1, j.hdel("user:1", "lang", "missing"));
            assertEquals(0, j.hsetnx("user:1", "name", "other"));
            assertEquals("hash", j.type("user:1"));
            assertEquals(Map.of(), j.hgetAll("missing"));
            assertEquals(3, j.hdel("user:1", "name", "visits", "score"));
            assertFalse(j.exists("user:1"));
        }
    }

    @Test
    void setsReadBackAsSetsAndCombineAcrossShards() {
        String a = ShardKeys.on(0, SHARDS, "tags:", 1)[0];
        String b = ShardKeys.on(1, SHARDS, "tags:", 1)[0];
        String c = ShardKeys.on(2, SHARDS, "tags:", 1)[0];
        try (Jedis j = jedis()) {
            assertEquals(3, j.sadd(a, "red", "green", "blue", "red"));
            assertEquals(3, j.sadd(b, "green", "blue", "black"));
            assertEquals(2, j.sadd(c, "blue", "white"));
            assertEquals(Set.of("red", "green", "blue"), j.smembers(a));
            assertEquals(Set.of("blue"), j.sinter(a, b, c));
            assertEquals(Set.of("green", "blue"), j.sinter(a, b));
            assertEquals(Set.of("red", "green", "blue", "black", "white"), j.sunion(a, b, c));
            assertEquals(Set.of("red"), j.sdiff(a, b));
            assertEquals(2, j.sinterstore("{x}dst", a, b));
            assertEquals(Set.of("green", "blue"), j.smembers("{x}dst"));
            assertEquals(1, j.sintercard(a, b, c));
            assertTrue(j.sismember(a, "red"));
            assertEquals(List.of(true, false), j.smismember(a, "red", "black"));
            assertEquals(1, j.smove(a, c, "red"));
            assertEquals(3, j.scard(c));
            assertEquals(1, j.srem(a, "green"));
            assertEquals("set", j.type(a));
            assertTrue(Set.of("blue", "white", "red").contains(j.srandmember(c)));
            assertEquals(Set.of(), j.smembers("missing"));
            j.set("str", "v");
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.sadd("str", "m"));
            assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
        }
    }
}
