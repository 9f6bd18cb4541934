package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server as Lettuce (Netty, asynchronous, pipelining by default) sees it, on 2 shards,
 * including Lettuce's connection handshake (HELLO, CLIENT SETINFO) whatever the server answers.
 */
class LettuceClientTest {

    private static final int SHARDS = 2;
    private static TestServer server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void start() {
        server = TestServer.start(SHARDS);
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
                .withTimeout(Duration.ofSeconds(30)).build());
        connection = client.connect();
    }

    @AfterAll
    static void stop() {
        try {
            if (connection != null) {
                connection.close();
            }
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
            }
        } finally {
            server.close();
        }
    }

    @BeforeEach
    void empty() {
        assertEquals("OK", connection.sync().flushall());
    }

    @Test
    void singleCommandsGiveRedisReplies() {
        RedisCommands<String, String> r = connection.sync();
        assertEquals("PONG", r.ping());
        assertEquals("hi there", r.echo("hi there"));
        assertEquals("OK", r.set("l:a", "10"));
        assertEquals("10", r.get("l:a"));
        assertNull(r.get("l:missing"));
        assertEquals(11L, r.incr("l:a"));
        assertEquals(1L, r.exists("l:a", "l:missing"));
        assertEquals(1L, r.dbsize());
        assertEquals(1L, r.del("l:a", "l:missing"));
        assertEquals(0L, r.dbsize());
        assertEquals("OK", r.select(0));
        assertEquals(Map.of("save", ""), r.configGet("save"));
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> r.dispatch(keyword("FOOBAR"), new StatusOutput<>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8).add("arg")));
        assertEquals("ERR unknown command 'FOOBAR', with args beginning with: 'arg' ", e.getMessage());
        assertEquals("PONG", r.ping(), "the connection is still usable after an error");
    }

    @Test
    void asyncPipelineOfTenThousandRepliesInOrder() throws Exception {
        RedisAsyncCommands<String, String> a = connection.async();
        a.setAutoFlushCommands(false);
        int n = 10_000;
        List<RedisFuture<?>> futures = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                String key = "lp:" + (i % 300);
                switch (i % 4) {
                    case 0 -> futures.add(a.set(key, "v" + i));
                    case 1 -> futures.add(a.get(key));
                    case 2 -> futures.add(a.mget(key, "lp:" + ((i + 7) % 300)));
                    default -> futures.add(a.incr("lp:n"));
                }
            }
            a.flushCommands();
            assertEquals(true, LettuceFutures.awaitAll(60, TimeUnit.SECONDS, futures.toArray(new RedisFuture[0])));
        } finally {
            a.setAutoFlushCommands(true);
        }
        String[] model = new String[300];
        long count = 0;
        for (int i = 0; i < n; i++) {
            int k = i % 300;
            Object got = futures.get(i).get();
            switch (i % 4) {
                case 0 -> {
                    assertEquals("OK", got, "reply " + i);
                    model[k] = "v" + i;
                }
                case 1 -> assertEquals(model[k], got, "reply " + i);
                case 2 -> {
                    @SuppressWarnings("unchecked")
                    List<KeyValue<String, String>> kv = (List<KeyValue<String, String>>) got;
                    assertEquals(model[k], kv.get(0).getValueOrElse(null), "reply " + i);
                    assertEquals(model[(k + 7) % 300], kv.get(1).getValueOrElse(null), "reply " + i);
                }
                default -> assertEquals(++count, got, "reply " + i);
            }
        }
    }

    @Test
    void msetAndMgetSpanEveryShard() {
        RedisCommands<String, String> r = connection.sync();
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            for (String k : ShardKeys.on(shard, SHARDS, "lm:", 4)) {
                pairs.put(k, "value of " + k);
            }
        }
        assertEquals("OK", r.mset(pairs));
        String[] keys = pairs.keySet().toArray(new String[0]);
        List<KeyValue<String, String>> got = r.mget(keys);
        assertEquals(keys.length, got.size());
        for (int i = 0; i < keys.length; i++) {
            assertEquals(keys[i], got.get(i).getKey());
            assertEquals("value of " + keys[i], got.get(i).getValue());
        }
        assertEquals((long) keys.length, r.dbsize());
    }

    /**
     * Lettuce opens with {@code HELLO 3}: the connection speaks RESP3, and the replies RESP3 types
     * differently (a map, a set, doubles, score pairs, nulls) decode to the values RESP2 gave,
     * on keys of both shards.
     */
    @Test
    void lettuceNegotiatesResp3AndDecodesItsTypes() {
        RedisCommands<String, String> r = connection.sync();
        assertTrue(r.clientInfo().contains(" resp=3 "), r.clientInfo());
        for (int shard = 0; shard < SHARDS; shard++) {
            String h = ShardKeys.on(shard, SHARDS, "l3h:", 1)[0];
            r.hset(h, Map.of("f1", "v1", "f2", "v2"));
            assertEquals(Map.of("f1", "v1", "f2", "v2"), r.hgetall(h));
            String s = ShardKeys.on(shard, SHARDS, "l3s:", 1)[0];
            r.sadd(s, "a", "b", "c");
            assertEquals(java.util.Set.of("a", "b", "c"), r.smembers(s));
            String z = ShardKeys.on(shard, SHARDS, "l3z:", 1)[0];
            r.zadd(z, 1.5, "a");
            r.zadd(z, 2.25, "b");
            assertEquals(1.5, r.zscore(z, "a"));
            assertNull(r.zscore(z, "nope"));
            assertEquals(3.5, r.zincrby(z, 2, "a"));
            assertEquals(List.of(io.lettuce.core.ScoredValue.just(2.25, "b"), io.lettuce.core.ScoredValue.just(3.5, "a")),
                    r.zrangeWithScores(z, 0, -1));
            assertEquals(io.lettuce.core.ScoredValue.just(2.25, "b"), r.zpopmin(z));
            assertNull(r.get(z + ":missing"));
        }
        assertEquals("0", r.configGet("maxmemory").get("maxmemory"));
    }

    private static ProtocolKeyword keyword(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return new ProtocolKeyword() {
            @Override
            public byte[] getBytes() {
                return bytes;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
