package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.ShardStats;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * MSET, MGET, DEL, EXISTS and DBSIZE whose keys live on every shard (checked with the runtime's
 * own {@code KeyHash}), so each is split into parts and its replies combined, with 2 and 4 shards
 * and both real clients.
 */
class CrossShardMultiKeyTest {

    /** Keys {@code xs:0..n-1}, with the proof that they cover every shard. */
    private static String[] keysOverEveryShard(int n, int shards) {
        String[] keys = new String[n];
        TreeSet<Integer> owners = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            keys[i] = "xs:" + i;
            owners.add(ShardKeys.shardOf(keys[i], shards));
        }
        assertEquals(shards, owners.size(), "the keys must span every shard: " + owners);
        return keys;
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {2, 4})
    void jedisMultiKeyCommandsCombineEveryShardsPart(int shards) {
        String[] keys = keysOverEveryShard(24, shards);
        try (TestServer server = TestServer.start(shards);
             Jedis j = new Jedis("127.0.0.1", server.port(), RawClient.READ_TIMEOUT_MILLIS)) {
            String[] pairs = new String[keys.length * 2];
            for (int i = 0; i < keys.length; i++) {
                pairs[2 * i] = keys[i];
                pairs[2 * i + 1] = "val" + i;
            }
            assertEquals("OK", j.mset(pairs));
            assertEquals(keys.length, j.dbSize());

            String[] asked = new String[keys.length + 2];
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                int k = keys.length - 1 - i; // reverse order: parts answer out of key order
                asked[i] = keys[k];
                expected.add("val" + k);
            }
            asked[keys.length] = "xs:absent";
            asked[keys.length + 1] = keys[0];
            expected.add(null);
            expected.add("val0");
            assertEquals(expected, j.mget(asked));

            assertEquals(4L, j.exists(keys[0], keys[1], keys[0], "xs:absent", keys[2]), "a repeated key counts twice");
            assertEquals(1L, j.del(keys[0], keys[0]), "a key named twice is deleted once");
            assertEquals(keys.length - 1L, j.del(Arrays.copyOf(asked, asked.length - 1)), "every other key, once");
            assertEquals(0L, j.dbSize(), "every key was deleted");
            assertEquals(Arrays.asList(null, null), j.mget(keys[0], keys[keys.length - 1]));
            // The parts really travelled between shards (MSET, MGET, DEL and EXISTS each sent some).
            server.awaitStatAtLeast(ShardStats.FORWARDED, keys.length / 2);
        }
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {2, 4})
    void lettuceMsetThenMgetSeesEveryValueOnEveryShard(int shards) {
        String[] keys = keysOverEveryShard(40, shards);
        try (TestServer server = TestServer.start(shards)) {
            RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
                    .withTimeout(Duration.ofSeconds(30)).build());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                RedisCommands<String, String> r = c.sync();
                Map<String, String> pairs = new LinkedHashMap<>();
                for (String k : keys) {
                    pairs.put(k, "lv-" + k);
                }
                for (int round = 0; round < 3; round++) {
                    assertEquals("OK", r.mset(pairs));
                    List<KeyValue<String, String>> got = r.mget(keys);
                    for (int i = 0; i < keys.length; i++) {
                        assertEquals("lv-" + keys[i], got.get(i).getValueOrElse(null), "key " + keys[i]);
                    }
                    assertEquals((long) keys.length, r.dbsize());
                    assertEquals((long) keys.length, r.del(keys));
                    assertEquals(0L, r.dbsize());
                }
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
            }
        }
    }
}
