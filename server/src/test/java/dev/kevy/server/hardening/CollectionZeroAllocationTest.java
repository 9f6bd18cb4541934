package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.ShardKeys;
import dev.kevy.server.ShardThreads;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md 5 for hashes and sets: once warmed up, the shard threads allocate exactly 0 bytes
 * over thousands of hash and set commands, on small (packed, intset) and large (table) encodings,
 * including conversions, random picks, scans, set algebra, DUMP and RESTORE on keys of one shard, half of them
 * forwarded from the other shard. HINCRBYFLOAT is left out: it computes in BigDecimal by design.
 * The slow log is off and the shards never park, as in {@link ZeroAllocationHotPathTest}.
 */
class CollectionZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int KEYS = 8;
    private static final int MAX_ROUNDS = 400;

    @Test
    void shardThreadsAllocateNothingForHashAndSetCommands() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (Kevy kevy = Kevy.start(SHARDS, null, b -> b.idle(neverParks)); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
            String[] keys = new String[KEYS];
            String[] k0 = ShardKeys.on(0, SHARDS, "ca", KEYS / 2);
            String[] k1 = ShardKeys.on(1, SHARDS, "cb", KEYS / 2);
            System.arraycopy(k0, 0, keys, 0, KEYS / 2);
            System.arraycopy(k1, 0, keys, KEYS / 2, KEYS / 2);
            for (String k : keys) { // a large hash and large sets per key, so tables are exercised too
                for (int i = 0; i < 200; i++) {
                    c.call("HSET", "{" + k + "}big", "field" + i, "value" + i);
                    c.call("SADD", "{" + k + "}bigset", "member" + i);
                }
            }
            String[] payloads = new String[KEYS];
            for (int i = 0; i < KEYS; i++) { // RESTORE in the batch copies a small hash from its DUMP
                c.call("HSET", "{" + keys[i] + "}small", "f1", "v1", "f2", "22", "f3", "x".repeat(40));
                byte[] reply = c.call("DUMP", "{" + keys[i] + "}small");
                int header = Wire.text(reply).indexOf("\r\n") + 2;
                payloads[i] = Wire.text(java.util.Arrays.copyOfRange(reply, header, reply.length - 2));
            }
            byte[] batch = batch(keys, payloads);
            int perBatch = 29 * keys.length; // see batch()
            ShardThreads threads = ShardThreads.startedAfter(java.util.Set.of(), SHARDS);
            ShardThreads.WarmUp warm = threads.allocationAfterWarmUp(MAX_ROUNDS, () -> {
                for (int b = 0; b < 10; b++) {
                    c.send(batch);
                    for (int r = 0; r < perBatch; r++) {
                        c.reply();
                    }
                }
            });
            long allocated = warm.total();
            int rounds = warm.rounds();
            assertEquals(0, allocated, "heap bytes the shard threads allocated over " + 10 * perBatch
                    + " hash and set requests, after " + (rounds - 1) + " warm-up rounds");
            assertEquals(":200\r\n", c.callText("HLEN", "{" + keys[0] + "}big"), "the batch leaves the large hash as it was");
        }
    }

    /**
     * One pipeline: 29 hash and set commands per key (DUMP and RESTORE among them), which leave
     * every collection as they found it.
     */
    private static byte[] batch(String[] keys, String[] payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < keys.length; i++) {
            String k = keys[i];
            String h = "{" + k + "}h";
            String big = "{" + k + "}big";
            String s = "{" + k + "}s";
            String ints = "{" + k + "}i";
            String bigSet = "{" + k + "}bigset";
            add(out, "HSET", h, "a", "1", "b", "2", "c", "3");
            add(out, "HGET", h, "b");
            add(out, "HMGET", h, "a", "x", "c");
            add(out, "HINCRBY", h, "a", "5");
            add(out, "HGETALL", h);
            add(out, "HSCAN", h, "0", "MATCH", "*b*");
            add(out, "HRANDFIELD", h, "-3", "WITHVALUES");
            add(out, "HDEL", h, "a", "b", "c");
            add(out, "HSET", big, "extra", "x".repeat(80));
            add(out, "HGET", big, "field7");
            add(out, "HSCAN", big, "0", "COUNT", "20");
            add(out, "HDEL", big, "extra");
            add(out, "SADD", ints, "5", "1", "3");
            add(out, "SADD", s, "x", "y", "5");
            add(out, "SISMEMBER", ints, "3");
            add(out, "SMISMEMBER", s, "x", "q");
            add(out, "SMEMBERS", ints);
            add(out, "SINTER", s, ints);
            add(out, "SUNION", s, ints);
            add(out, "SDIFF", ints, s);
            add(out, "SINTERSTORE", "{" + k + "}dst", s, ints);
            add(out, "SRANDMEMBER", bigSet, "5");
            add(out, "SPOP", ints, "3");
            add(out, "SREM", s, "x", "y", "5");
            add(out, "SSCAN", bigSet, "0", "COUNT", "30");
            add(out, "SADD", bigSet, "member-new");
            add(out, "SREM", bigSet, "member-new");
            add(out, "DUMP", "{" + k + "}small");
            add(out, "RESTORE", "{" + k + "}copy", "0", payloads[i], "REPLACE");
        }
        return out.toByteArray();
    }

    private static void add(ByteArrayOutputStream out, String... command) {
        out.writeBytes(Wire.encode(command));
    }
}
