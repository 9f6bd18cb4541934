package dev.kevy.examples.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.examples.RuntimeStats;
import dev.kevy.examples.kv.KvClient.Response;
import dev.kevy.io.KevyRuntime;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.ShardStats;
import dev.kevy.rt.KeyHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kv-binary service over real sockets, on a 2-shard runtime with two listeners: the default
 * limits (16 MiB frames) and a small one (1 KiB frames) for the framing errors. Keys live on both
 * shards, so requests read on one shard run on the other.
 */
class KvServiceTest {

    private static final int SHARDS = 2;
    private static final int SMALL_FRAME = 1024;

    private static KevyRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = KevyRuntime.start(RuntimeConfig.builder().shards(SHARDS).build(),
                KvBinaryExample.listener("127.0.0.1", 0, new KvCodec(), KvBinaryExample.DEFAULT_STORE_BYTES),
                KvBinaryExample.listener("127.0.0.1", 0, new KvCodec(SMALL_FRAME), 1L << 20));
    }

    @AfterAll
    static void stop() {
        runtime.stop();
    }

    private static KvClient client() throws IOException {
        return new KvClient(runtime.port(0));
    }

    @Test
    void setGetAndDelOfManyBinaryKeysWorkOnWhicheverShardOwnsThem() throws IOException {
        Random random = new Random(1);
        List<byte[]> keys = distinctKeys(random, 600);
        int[] owned = new int[SHARDS];
        for (byte[] key : keys) {
            owned[KeyHash.shardOf(KeyHash.hash(key, 0, key.length), SHARDS)]++;
        }
        assertTrue(owned[0] > 0 && owned[1] > 0, "keys on both shards");
        long forwardedBefore = RuntimeStats.sum(runtime, ShardStats.FORWARDED);
        try (KvClient c = client()) {
            List<byte[]> values = new ArrayList<>();
            for (byte[] key : keys) {
                byte[] value = randomBytes(random, random.nextInt(300));
                values.add(value);
                assertEquals(Response.status(KvProtocol.OK), c.set(key, value));
            }
            for (int i = 0; i < keys.size(); i++) {
                assertEquals(Response.ok(values.get(i)), c.get(keys.get(i)));
            }
            for (int i = 0; i < keys.size(); i += 2) { // overwrite in and out of each entry's size class
                values.set(i, randomBytes(random, random.nextInt(3_000)));
                assertEquals(Response.status(KvProtocol.OK), c.set(keys.get(i), values.get(i)));
            }
            for (int i = 0; i < keys.size(); i += 3) {
                assertEquals(Response.status(KvProtocol.OK), c.del(keys.get(i)));
                assertEquals(Response.status(KvProtocol.NOT_FOUND), c.del(keys.get(i)));
            }
            for (int i = 0; i < keys.size(); i++) {
                Response expected = i % 3 == 0 ? Response.status(KvProtocol.NOT_FOUND) : Response.ok(values.get(i));
                assertEquals(expected, c.get(keys.get(i)), "key " + i);
            }
        }
        // One connection, served by one shard: the other shard's keys were forwarded to it.
        RuntimeStats.awaitAtLeast(runtime, -1, ShardStats.FORWARDED, forwardedBefore + Math.min(owned[0], owned[1]));
    }

    @Test
    void keysAndValuesMayHoldEveryByteValueAndBeEmpty() throws IOException {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        try (KvClient c = client()) {
            assertEquals(Response.status(KvProtocol.OK), c.set(everyByte, everyByte));
            assertEquals(Response.ok(everyByte), c.get(everyByte));
            assertEquals(Response.status(KvProtocol.OK), c.set(new byte[0], new byte[0]));
            assertEquals(Response.ok(new byte[0]), c.get(new byte[0]));
            assertEquals(Response.status(KvProtocol.OK), c.set(new byte[0], new byte[] {0, '\n', '*', 0}));
            assertEquals(Response.ok(new byte[] {0, '\n', '*', 0}), c.get(new byte[0]));
            assertEquals(Response.ok(everyByte), c.ping(everyByte));
        }
    }

    @Test
    void aFourMiBValueRoundTripsOnEitherShard() throws IOException {
        Random random = new Random(4);
        byte[] big = randomBytes(random, 4 << 20);
        try (KvClient c = client()) {
            for (int shard = 0; shard < SHARDS; shard++) {
                byte[] key = keyOn(shard, "big-");
                assertEquals(Response.status(KvProtocol.OK), c.set(key, big));
                assertEquals(Response.ok(big), c.get(key));
                assertEquals(Response.status(KvProtocol.OK), c.set(key, new byte[] {1, 2, 3}));
                assertEquals(Response.ok(new byte[] {1, 2, 3}), c.get(key));
                assertEquals(Response.status(KvProtocol.OK), c.del(key));
            }
            assertEquals(Response.ok(big), c.ping(big));
        }
    }

    @Test
    void framesWrittenOneByteAtATimeAreDecodedWhole() throws IOException {
        Random random = new Random(5);
        try (KvClient c = client()) {
            for (int shard = 0; shard < SHARDS; shard++) {
                byte[] key = keyOn(shard, "slow-");
                byte[] value = randomBytes(random, 300);
                c.sendByteByByte(KvClient.frame(KvProtocol.SET, key, value));
                assertEquals(Response.status(KvProtocol.OK), c.read());
                c.sendByteByByte(KvClient.frame(KvProtocol.GET, key, new byte[0]));
                assertEquals(Response.ok(value), c.read());
            }
        }
    }

    @Test
    void pipelinedFramesAreAnsweredInOrder() throws IOException {
        Random random = new Random(6);
        List<byte[]> keys = distinctKeys(random, 64);
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        List<Response> expected = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            byte[] key = keys.get(i % keys.size());
            if (i % 2 == 0) {
                byte[] value = ("v" + i).getBytes(StandardCharsets.US_ASCII);
                pipeline.writeBytes(KvClient.frame(KvProtocol.SET, key, value));
                expected.add(Response.status(KvProtocol.OK));
                pipeline.writeBytes(KvClient.frame(KvProtocol.GET, key, new byte[0]));
                expected.add(Response.ok(value));
            } else {
                pipeline.writeBytes(KvClient.frame(KvProtocol.PING, new byte[0], key));
                expected.add(Response.ok(key));
            }
        }
        try (KvClient c = client()) {
            c.send(pipeline.toByteArray());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), c.read(), "response " + i);
            }
        }
    }

    @Test
    void requestsTheServiceCannotRunGetErrorsAndTheConnectionStaysOpen() throws IOException {
        try (KvClient c = client()) {
            assertEquals(Response.error("unknown opcode"), c.call(KvClient.frame(9, new byte[] {1}, new byte[0])));
            assertEquals(Response.error("GET and DEL take no value"),
                    c.call(KvClient.frame(KvProtocol.GET, new byte[] {1}, new byte[] {2})));
            assertEquals(Response.error("GET and DEL take no value"),
                    c.call(KvClient.frame(KvProtocol.DEL, new byte[] {1}, new byte[] {2})));
            assertEquals(Response.ok(new byte[] {7}), c.ping(new byte[] {7}));
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedFromItsLengthAloneThenTheConnectionCloses() throws IOException {
        try (KvClient c = new KvClient(runtime.port(1))) {
            assertEquals(Response.ok(new byte[] {1}), c.ping(new byte[] {1}));
            c.send(new byte[] {0, 0, 4, 1}); // L = 1025: only the prefix is sent, and it is enough
            assertEquals(Response.error("frame too large"), c.read());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aFrameAtTheLimitIsServed() throws IOException {
        byte[] value = new byte[SMALL_FRAME - KvProtocol.REQUEST_HEADER_BYTES - 1];
        try (KvClient c = new KvClient(runtime.port(1))) {
            assertEquals(Response.status(KvProtocol.OK), c.set(new byte[] {9}, value));
            assertEquals(Response.ok(value), c.get(new byte[] {9}));
        }
    }

    @Test
    void aKeyRunningPastItsFrameIsRefusedFromTheHeaderThenTheConnectionCloses() throws IOException {
        try (KvClient c = client()) {
            c.send(new byte[] {0, 0, 0, 5, KvProtocol.GET, 0, 3}); // 2 bytes left for a 3-byte key
            assertEquals(Response.error("key longer than frame"), c.read());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aFrameShorterThanItsHeaderIsRefusedThenTheConnectionCloses() throws IOException {
        try (KvClient c = client()) {
            c.send(new byte[] {0, 0, 0, 2});
            assertEquals(Response.error("frame too short"), c.read());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void theSameKeyReadsTheSameFromEveryConnection() throws IOException {
        byte[] key = {0, 1, 2};
        try (KvClient a = client(); KvClient b = client(); KvClient d = client()) {
            assertEquals(Response.status(KvProtocol.OK), a.set(key, new byte[] {42}));
            assertArrayEquals(new byte[] {42}, b.get(key).payload());
            assertArrayEquals(new byte[] {42}, d.get(key).payload());
        }
    }

    /** A key owned by {@code shard}: the prefix and the first number that hashes there. */
    static byte[] keyOn(int shard, String prefix) {
        for (int i = 0; ; i++) {
            byte[] key = (prefix + i).getBytes(StandardCharsets.US_ASCII);
            if (KeyHash.shardOf(KeyHash.hash(key, 0, key.length), SHARDS) == shard) {
                return key;
            }
        }
    }

    private static List<byte[]> distinctKeys(Random random, int count) {
        Set<String> seen = new HashSet<>();
        List<byte[]> keys = new ArrayList<>();
        while (keys.size() < count) {
            byte[] key = randomBytes(random, 1 + random.nextInt(40));
            if (seen.add(new String(key, StandardCharsets.ISO_8859_1))) {
                keys.add(key);
            }
        }
        return keys;
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
