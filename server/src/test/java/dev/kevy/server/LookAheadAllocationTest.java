package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pipelines through both sides of the server's look-ahead ({@link KeyLookAhead}): over a database
 * smaller than {@link KeyLookAhead#MIN_KEYS} it declines at the first request of each read, over
 * a larger one it gathers every window's keys and loads them. Either way every reply is the one
 * the commands owe, and the shard threads allocate nothing once warmed up.
 */
class LookAheadAllocationTest {
    private static final int MAX_ROUNDS = 300;
    private static final int PIPELINE = 64;

    @Test
    void pipelinesOverASmallAndALargeDatabaseAllocateNothing() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(1);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (Kevy kevy = Kevy.start(1, null, b -> b.idle(neverParks)); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
            ShardThreads threads = ShardThreads.startedAfter(java.util.Set.of(), 1);
            assertEquals(0, pipelinesAllocate(c, threads, 100), "declining: heap bytes in the last round");
            fill(c, KeyLookAhead.MIN_KEYS + 1_000);
            assertTrue(Long.parseLong(c.callText("DBSIZE").substring(1).trim()) >= KeyLookAhead.MIN_KEYS, "large enough to look ahead");
            assertEquals(0, pipelinesAllocate(c, threads, KeyLookAhead.MIN_KEYS + 1_000), "looking ahead: heap bytes in the last round");
        }
    }

    /** Rounds of pipelined GET, SET, INCR and MGET over keys 0..keys-1 until one allocates nothing; its bytes. */
    private static long pipelinesAllocate(Wire c, ShardThreads threads, int keys) throws Exception {
        Random random = new Random(keys);
        ShardThreads.WarmUp warm = threads.allocationAfterWarmUp(MAX_ROUNDS, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] expected = new String[PIPELINE];
            for (int i = 0; i < PIPELINE; i += 4) {
                String key = "key:" + random.nextInt(keys);
                String other = "key:" + random.nextInt(keys);
                out.writeBytes(Wire.encode("SET", key, "7"));
                out.writeBytes(Wire.encode("INCR", key));
                out.writeBytes(Wire.encode("GET", key));
                out.writeBytes(Wire.encode("MGET", key, other.equals(key) ? key : "missing:" + i));
                expected[i] = "+OK\r\n";
                expected[i + 1] = ":8\r\n";
                expected[i + 2] = "$1\r\n8\r\n";
                expected[i + 3] = other.equals(key) ? "*2\r\n$1\r\n8\r\n$1\r\n8\r\n" : "*2\r\n$1\r\n8\r\n$-1\r\n";
            }
            byte[] batch = out.toByteArray();
            for (int b = 0; b < 20; b++) {
                c.send(batch);
                for (String e : expected) {
                    assertEquals(e, Wire.text(c.reply()));
                }
            }
        });
        return warm.total();
    }

    /** Keys key:0 .. key:n-1, set by pipelined MSETs of 100 keys. */
    private static void fill(Wire c, int n) throws Exception {
        for (int from = 0; from < n; from += 1_000) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int writes = 0;
            for (int k = from; k < Math.min(n, from + 1_000); k += 100) {
                String[] args = new String[1 + 2 * Math.min(100, n - k)];
                args[0] = "MSET";
                for (int j = 0; j < (args.length - 1) / 2; j++) {
                    args[1 + 2 * j] = "key:" + (k + j);
                    args[2 + 2 * j] = "1";
                }
                out.writeBytes(Wire.encode(args));
                writes++;
            }
            c.send(out.toByteArray());
            for (int r = 0; r < writes; r++) {
                assertEquals("+OK\r\n", Wire.text(c.reply()));
            }
        }
    }
}
