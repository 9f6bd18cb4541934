package dev.kevy.server.hardening;

import dev.kevy.server.ShardThreads;

import dev.kevy.server.ShardKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.ShardStats;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.compat.Differ;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md 5 for the commands this hardening added or reworked: once warmed up, the shard
 * threads allocate exactly 0 bytes over thousands of SET ... EX, INCR, EXPIRE ... GT, GETEX and
 * cross-shard MSET/MGET requests and full SCAN iterations, half of them on keys owned by the
 * other shard (forwarded) or split across both (fanned out).
 *
 * <p>Rounds repeat while the JIT compiles, a bounded number of times; the last must be 0. The
 * shards yield instead of parking (a park currently allocates 40 bytes in the errno-capturing
 * epoll downcall, a native-bindings issue reported separately), and the slow log is off, since
 * recording a slow command copies it to the heap by design.
 */
class ZeroAllocationHotPathTest {

    private static final int SHARDS = 2;
    private static final int KEYS = 64;
    private static final int MAX_ROUNDS = 150;

    @Test
    void shardThreadsAllocateNothingForSetExIncrExpireGetexMsetMgetAndFullScans() {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (Kevy kevy = Kevy.start(SHARDS, null, b -> b.idle(neverParks)); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
            String[] k0 = ShardKeys.on(0, SHARDS, "za", KEYS / 2);
            String[] k1 = ShardKeys.on(1, SHARDS, "zb", KEYS / 2);
            byte[] batch = batch(k0, k1);
            int perBatch = 14 * k0.length; // see batch()
            Kevy.awaitValue("slow log off on every shard", () -> {
                c.call("SLOWLOG", "RESET");
                c.call("MGET", k0[0], k1[0]);
                return Long.parseLong(c.callText("SLOWLOG", "LEN").substring(1).trim());
            }, 0);
            ShardThreads threads = ShardThreads.startedAfter(java.util.Set.of(), SHARDS);
            long allocated = -1;
            int rounds = 0;
            long scanned = 0;
            while (rounds < MAX_ROUNDS && allocated != 0) {
                rounds++;
                long before = threads.totalAllocatedBytes();
                for (int b = 0; b < 10; b++) {
                    c.send(batch);
                    for (int r = 0; r < perBatch; r++) {
                        c.reply();
                    }
                    scanned += Differ.scanAll(c, "COUNT", "8").size() + Differ.scanAll(c, "MATCH", "za*").size();
                }
                allocated = threads.totalAllocatedBytes() - before;
            }
            assertEquals(0, allocated, "heap bytes the shard threads allocated over " + 10 * perBatch
                    + " requests and 20 full SCANs, after " + (rounds - 1) + " warm-up rounds");
            // 4 keys per index (k0, k1, k0+"x", k1+"n"): a full scan sees all 128, MATCH za* the 64 of k0
            assertEquals((long) rounds * 10 * (4 * k0.length + 2 * k0.length), scanned, "every SCAN saw every key once");
            Kevy.awaitValue("requests forwarded between the shards", () -> Math.min(
                    kevy.statSum(ShardStats.FORWARDED), 1000), 1000);
        }
    }

    /** One pipeline: for every key, SET EX, INCR, EXPIRE GT, GETEX PX, TTL, plus MSET and MGET over both shards. */
    private static byte[] batch(String[] k0, String[] k1) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < k0.length; i++) {
            for (String k : new String[] {k0[i], k1[i]}) {
                out.writeBytes(Wire.encode("SET", k, "12345", "EX", "1000"));
                out.writeBytes(Wire.encode("INCR", k));
                out.writeBytes(Wire.encode("EXPIRE", k, "2000", "GT"));
                out.writeBytes(Wire.encode("GETEX", k, "PX", "3000000"));
                out.writeBytes(Wire.encode("PTTL", k));
            }
            out.writeBytes(Wire.encode("MSET", k0[i], "1", k1[i], "2"));
            out.writeBytes(Wire.encode("MGET", k0[i], k1[i], "missing"));
            out.writeBytes(Wire.encode("SET", k0[i] + "x", "v", "PX", "100000", "GET"));
            out.writeBytes(Wire.encode("INCRBY", k1[i] + "n", "3"));
        }
        return out.toByteArray();
    }
}
