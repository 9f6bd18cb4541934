package dev.kevy.examples.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.examples.RuntimeStats;
import dev.kevy.examples.ShardAllocations;
import dev.kevy.examples.kv.KvClient.Response;
import dev.kevy.io.KevyRuntime;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.ShardStats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Once warmed up, the shard threads serving kv-binary allocate nothing: a round of pipelined
 * SET, GET, DEL and PING frames, on keys of both shards (so half of them cross the rings), with
 * overwrites that change an entry's size class and a 40 KB value that outgrows the read buffer,
 * leaves each shard thread's allocation count where it was. (The meter's companion test, showing
 * it sees an allocating handler, is in the line example's test.)
 */
class KvZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int KEYS = 16;
    private static final int BATCHES_PER_ROUND = 50;
    /** As in the line test: many small batches make the per-batch paths hot soon enough. */
    private static final int MAX_ROUNDS = 300;
    private static final int ONE_BY_ONE_WARM_UP = 4_000;

    @Test
    void shardThreadsAllocateNothingServingFramesAfterWarmUp() throws Exception {
        RuntimeConfig config = ShardAllocations.neverParking(SHARDS);
        Set<Thread> others = ShardAllocations.alive();
        try (KevyRuntime runtime = KevyRuntime.start(config,
                KvBinaryExample.listener("127.0.0.1", 0, new KvCodec(), KvBinaryExample.DEFAULT_STORE_BYTES))) {
            ShardAllocations shards = ShardAllocations.startedAfter(others, SHARDS);
            List<KvClient> clients = RuntimeStats.openOnEveryShard(runtime, () -> new KvClient(runtime.port()));
            try {
                byte[][] batches = new byte[clients.size()][];
                byte[][] responses = new byte[clients.size()][];
                for (int c = 0; c < clients.size(); c++) {
                    ByteArrayOutputStream requests = new ByteArrayOutputStream();
                    ByteArrayOutputStream expected = new ByteArrayOutputStream();
                    batch(c, requests, expected);
                    batches[c] = requests.toByteArray();
                    responses[c] = expected.toByteArray();
                }
                byte[] big = new byte[40_000];
                for (int i = 0; i < ONE_BY_ONE_WARM_UP; i++) { // many short loop iterations: read, write, poll
                    KvClient c = clients.get(i % clients.size());
                    byte[] key = KvServiceTest.keyOn(i % SHARDS, "warm-");
                    byte[] value = i % 4 == 0 ? big : value(i % KEYS); // replies that leave in several chunks
                    assertEquals(Response.status(KvProtocol.OK), c.set(key, value));
                    assertEquals(Response.ok(value), c.get(key));
                }
                long forwardedBefore = RuntimeStats.sum(runtime, ShardStats.FORWARDED);
                ShardAllocations.Measurement measured = shards.untilARoundAllocatesNothing(MAX_ROUNDS, () -> {
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        for (int c = 0; c < clients.size(); c++) {
                            clients.get(c).send(batches[c]);
                        }
                        for (int c = 0; c < clients.size(); c++) {
                            assertArrayEquals(responses[c], clients.get(c).readBytes(responses[c].length));
                        }
                    }
                });
                assertArrayEquals(new long[SHARDS], measured.lastRound(), "heap bytes per shard thread over a round of "
                        + BATCHES_PER_ROUND * clients.size() + " batches, after "
                        + (measured.rounds() - 1) + " warm-up rounds");
                // Not vacuous: keys of the other shard were forwarded, and both shards ran requests.
                RuntimeStats.awaitAtLeast(runtime, -1, ShardStats.FORWARDED, forwardedBefore + KEYS);
                for (int s = 0; s < SHARDS; s++) {
                    RuntimeStats.awaitAtLeast(runtime, s, ShardStats.COMMANDS, KEYS);
                }
            } finally {
                for (KvClient c : clients) {
                    c.close();
                }
            }
        }
    }

    /**
     * Client {@code c}'s batch: for each of its keys (half on each shard) SET, GET, an overwrite
     * into another size class, GET, DEL, GET of the absent key, DEL of the absent key and a PING;
     * then a 40 KB value set, read and deleted. The batch ends with every key gone, so every
     * round sends and receives the same bytes.
     */
    private static void batch(int c, ByteArrayOutputStream requests, ByteArrayOutputStream expected) {
        for (int k = 0; k < KEYS; k++) {
            byte[] key = KvServiceTest.keyOn(k % SHARDS, "zero-" + c + "-" + k + "-");
            byte[] small = value(k);
            byte[] larger = Arrays.copyOf(small, small.length + 500);
            add(requests, expected, KvClient.frame(KvProtocol.SET, key, small), Response.status(KvProtocol.OK));
            add(requests, expected, KvClient.frame(KvProtocol.GET, key, new byte[0]), Response.ok(small));
            add(requests, expected, KvClient.frame(KvProtocol.SET, key, larger), Response.status(KvProtocol.OK));
            add(requests, expected, KvClient.frame(KvProtocol.GET, key, new byte[0]), Response.ok(larger));
            add(requests, expected, KvClient.frame(KvProtocol.DEL, key, new byte[0]), Response.status(KvProtocol.OK));
            add(requests, expected, KvClient.frame(KvProtocol.GET, key, new byte[0]),
                    Response.status(KvProtocol.NOT_FOUND));
            add(requests, expected, KvClient.frame(KvProtocol.DEL, key, new byte[0]), Response.status(KvProtocol.NOT_FOUND));
            add(requests, expected, KvClient.frame(KvProtocol.PING, new byte[0], key), Response.ok(key));
        }
        byte[] bigKey = ("big-" + c).getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[40_000];
        Arrays.fill(big, (byte) c);
        add(requests, expected, KvClient.frame(KvProtocol.SET, bigKey, big), Response.status(KvProtocol.OK));
        add(requests, expected, KvClient.frame(KvProtocol.GET, bigKey, new byte[0]), Response.ok(big));
        add(requests, expected, KvClient.frame(KvProtocol.DEL, bigKey, new byte[0]), Response.status(KvProtocol.OK));
    }

    private static byte[] value(int k) {
        byte[] v = new byte[8 + k * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (k * 31 + i);
        }
        return v;
    }

    private static void add(ByteArrayOutputStream requests, ByteArrayOutputStream expected, byte[] frame,
                            Response response) {
        requests.writeBytes(frame);
        int length = 1 + response.payload().length;
        expected.write(length >>> 24);
        expected.write(length >>> 16);
        expected.write(length >>> 8);
        expected.write(length);
        expected.write(response.status());
        expected.writeBytes(response.payload());
    }
}
