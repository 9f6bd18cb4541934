package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.ShardThreads;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md 5 for eviction: once warmed up, a shard that evicts a key before almost every write
 * allocates exactly 0 bytes, under a pool policy in LRU mode, one in LFU mode (whose reads draw
 * random numbers), and the soonest-expiry policy over keys with a TTL.
 *
 * <p>Rounds write 1 KiB values to 4,000 keys in rotation (1,000 a round) into a 1 MB limit, so
 * most writes create a key that was evicted and evict another. Rounds repeat while the JIT
 * compiles, a bounded number of times, and the last must be 0 while evicted_keys shows the
 * evictions happened. Until C2 has compiled the loop's read and write paths, each of those
 * downcalls allocates a 40-byte capture-state slice (see {@code ShardZeroAllocationTest}); on a
 * busy two-core machine that took over 100 rounds of 4,000 writes, hence many short rounds. The
 * shard yields instead of parking and the slow log is off, as in {@link ZeroAllocationHotPathTest}.
 */
class EvictionZeroAllocationTest {

    private static final int KEYS = 4000;
    private static final int SLICES = 4;
    private static final int PER_ROUND = KEYS / SLICES;
    private static final int MAX_ROUNDS = 1000;
    private static final String VALUE = "v".repeat(990);

    @Test
    void evictingOnTheShardThreadAllocatesNothingAfterWarmUp() {
        IdlePolicy d = IdlePolicy.forShards(1);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        Set<Thread> before = ShardThreads.alive();
        try (Kevy kevy = Kevy.start(1, null, b -> b.idle(neverParks)); Wire c = new Wire(kevy.port())) {
            ShardThreads threads = ShardThreads.startedAfter(before, 1);
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1", "maxmemory", "1mb"));
            for (String policy : new String[] {"allkeys-lru", "allkeys-lfu", "volatile-ttl"}) {
                assertEquals("+OK\r\n", c.callText("FLUSHALL"));
                assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "maxmemory-policy", policy));
                assertEquals("$-1\r\n", c.callText("OBJECT", "FREQ", "nothing")); // applied now
                byte[][] batches = new byte[SLICES][];
                for (int slice = 0; slice < SLICES; slice++) {
                    batches[slice] = batch(slice * PER_ROUND, policy.startsWith("volatile"));
                }
                long allocated = -1;
                long evictedBefore = 0;
                long evictedDuring = 0;
                int rounds = 0;
                int errors = 0;
                // A full rotation first, so every measured round writes into a full keyspace.
                while (rounds < MAX_ROUNDS && (allocated != 0 || rounds <= SLICES)) {
                    rounds++;
                    evictedBefore = MaxClientsTest.infoField(c, "evicted_keys");
                    long start = threads.totalAllocatedBytes();
                    c.send(batches[rounds % SLICES]);
                    errors = 0;
                    for (int i = 0; i < 2 * PER_ROUND; i++) {
                        errors += c.reply()[0] == '-' ? 1 : 0;
                    }
                    allocated = threads.totalAllocatedBytes() - start;
                    evictedDuring = MaxClientsTest.infoField(c, "evicted_keys") - evictedBefore;
                }
                assertEquals(0, allocated, policy + ": heap bytes the shard allocated over " + PER_ROUND
                        + " evicting writes, after " + (rounds - 1) + " warm-up rounds");
                assertEquals(0, errors, policy + ": every write was taken (none refused with OOM)");
                assertTrue(evictedDuring >= PER_ROUND / 4, policy + ": a quarter of the measured writes evicted a key or more: "
                        + evictedDuring);
            }
        }
    }

    /**
     * SET of {@link #PER_ROUND} keys from {@code first}, each followed by a GET of a key that may be
     * gone. For the volatile policy every SET gives the same TTL, so the soonest expiries are the
     * keys written longest ago, and each round re-creates keys an earlier round's writes evicted.
     */
    private static byte[] batch(int first, boolean withTtl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < first + PER_ROUND; i++) {
            String key = String.format("z:%06d", i);
            out.writeBytes(withTtl ? Wire.encode("SET", key, VALUE, "EX", "100000")
                    : Wire.encode("SET", key, VALUE));
            out.writeBytes(Wire.encode("GET", String.format("z:%06d", (i * 7) % KEYS)));
        }
        return out.toByteArray();
    }
}
