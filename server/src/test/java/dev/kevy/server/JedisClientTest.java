package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The server as Jedis sees it: single commands, a deep pipeline, many concurrent clients, and
 * hashes and sets decoded into maps, lists and sets (a reply of the wrong shape fails here even
 * where raw bytes are not compared), on 2 shards.
 */
class JedisClientTest {

    private static final int SHARDS = 2;
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
    void singleCommandsGiveRedisReplies() {
        try (Jedis j = jedis()) {
            assertEquals("PONG", j.ping());
            assertEquals("hello", j.echo("hello"));
            assertEquals("OK", j.set("a", "1"));
            assertEquals("1", j.get("a"));
            assertNull(j.get("missing"));
            assertEquals(2, j.incr("a"));
            assertEquals(1, j.incr("counter"));
            assertEquals(2L, j.exists("a", "counter", "missing"));
            assertTrue(j.exists("a"));
            assertEquals(2L, j.dbSize());
            assertEquals(2L, j.del("a", "counter", "missing"));
            assertFalse(j.exists("a"));
            assertEquals(0L, j.dbSize());
            assertEquals("OK", j.select(0));
            assertEquals(java.util.Map.of("save", ""), j.configGet("save"));
            JedisDataException e = assertThrows(JedisDataException.class,
                    () -> j.sendCommand(() -> Resp.bytes("NOSUCH"), "x", "y"));
            assertEquals("ERR unknown command 'NOSUCH', with args beginning with: 'x' 'y' ", e.getMessage());
            assertEquals("PONG", j.ping(), "the connection is still usable after an error");
        }
    }

    @Test
    void msetAndMgetSpanEveryShard() {
        String[] onZero = ShardKeys.on(0, SHARDS, "jm:", 3);
        String[] onOne = ShardKeys.on(1, SHARDS, "jm:", 3);
        String[] keys = {onZero[0], onOne[0], onZero[1], onOne[1], onZero[2], onOne[2]};
        String[] pairs = new String[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            pairs[2 * i] = keys[i];
            pairs[2 * i + 1] = "v-" + keys[i];
        }
        try (Jedis j = jedis()) {
            assertEquals("OK", j.mset(pairs));
            List<String> expected = new ArrayList<>();
            for (String k : keys) {
                expected.add("v-" + k);
            }
            expected.add(null);
            String[] asked = Arrays.copyOf(keys, keys.length + 1);
            asked[keys.length] = "jm:absent";
            assertEquals(expected, j.mget(asked));
            assertEquals(keys.length, j.dbSize());
            assertEquals(keys.length, j.del(keys));
            assertEquals(0, j.dbSize());
        }
    }

    @Test
    void tenThousandCommandPipelineRepliesInOrder() {
        int n = 10_000;
        try (Jedis j = jedis()) {
            Pipeline p = j.pipelined();
            List<Response<?>> replies = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String key = "jp:" + (i % 500);
                switch (i % 5) {
                    case 0 -> replies.add(p.set(key, "v" + i));
                    case 1 -> replies.add(p.get(key));
                    case 2 -> replies.add(p.incr("jp:count"));
                    case 3 -> replies.add(p.mget(key, "jp:" + ((i + 1) % 500)));
                    default -> replies.add(p.exists(key));
                }
            }
            p.sync();
            String[] model = new String[500];
            long count = 0;
            for (int i = 0; i < n; i++) {
                int k = i % 500;
                Object got = replies.get(i).get();
                switch (i % 5) {
                    case 0 -> {
                        assertEquals("OK", got, "reply " + i);
                        model[k] = "v" + i;
                    }
                    case 1 -> assertEquals(model[k], got, "reply " + i);
                    case 2 -> assertEquals(++count, got, "reply " + i);
                    case 3 -> assertEquals(Arrays.asList(model[k], model[(k + 1) % 500]), got, "reply " + i);
                    default -> assertEquals(model[k] != null, got, "reply " + i);
                }
            }
        }
    }

    @Test
    void twoHundredConcurrentClientsEachSeeTheirOwnWrites() throws Exception {
        int clients = 200;
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                tasks.add(() -> {
                    int checked = 0;
                    try (Jedis j = jedis()) {
                        for (int r = 0; r < rounds; r++) {
                            String key = "jc:" + id + ":" + (r % 7);
                            String value = id + "/" + r;
                            assertEquals("OK", j.set(key, value));
                            assertEquals(value, j.get(key));
                            assertEquals(r + 1, j.incr("jc:" + id + ":n"));
                            checked++;
                        }
                    }
                    return checked;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
                total += f.get();
            }
            assertEquals(clients * rounds, total);
        } finally {
            pool.shutdownNow();
        }
        try (Jedis j = jedis()) {
            assertEquals(clients * 8L, j.dbSize(), "7 keys and a counter per client");
            assertEquals("199/49", j.get("jc:199:0"), "the last of client 199's writes to its key 0 (round 49)");
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
            assertEquals(Arrays.asList("Ada L.", null), j.hmget("user:1", "name", "missing"));
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
        String c = ShardKeys.on(0, SHARDS, "tags:", 2)[1];
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
            assertEquals(1, j.smove(a, b, "red"));
            assertEquals(4, j.scard(b));
            assertEquals(1, j.srem(a, "green"));
            assertEquals(Set.of("blue"), j.smembers(a));
            assertEquals("set", j.type(a));
            assertTrue(Set.of("green", "blue", "black", "red").contains(j.srandmember(b)));
            assertEquals(Set.of(), j.smembers("missing"));
            j.set("str", "v");
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.sadd("str", "m"));
            assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
        }
    }
}
