package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.ShardStats;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.ShardKeys;
import dev.kevy.server.ShardThreads;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md 5 for the bit commands and LCS: once warmed up, the shard threads allocate exactly 0
 * bytes over thousands of SETBIT, GETBIT, BITCOUNT, BITPOS, BITFIELD (SET, INCRBY and GET under
 * every OVERFLOW mode, '#' offsets), BITFIELD_RO, BITOP on keys that share a shard, and LCS (plain,
 * LEN, and IDX with MINMATCHLEN and WITHMATCHLEN, whose table lives in the shard's reused scratch
 * area), half of them on keys owned by the other shard (forwarded).
 *
 * <p>As in {@link ZeroAllocationHotPathTest}: rounds repeat while the JIT compiles, a bounded
 * number of times, and the last must be 0; the shards never park and the slow log is off. The
 * replies are checked too, so a batch that silently failed cannot pass for one that allocated
 * nothing. Each batch is followed by requests sent one at a time, as the SCANs of
 * ZeroAllocationHotPathTest are: with pipelined batches alone, the shard loop's idle polls (the
 * errno-capturing epoll downcall, 40 bytes until the JIT removes the capture slice) still
 * allocated after 150 rounds, whatever the commands in the batch, plain SETs included.
 */
class BitZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int KEYS = 16;
    private static final int MAX_ROUNDS = 150;
    /** Replies per key pair in {@link #batch}. */
    private static final int PER_PAIR = 2 * 15;

    @Test
    void shardThreadsAllocateNothingForBitCommandsAndLcs() {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        Set<Thread> before = ShardThreads.alive();
        try (Kevy kevy = Kevy.start(SHARDS, null, b -> b.idle(neverParks)); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
            String[] k0 = ShardKeys.on(0, SHARDS, "bz", KEYS / 2);
            String[] k1 = ShardKeys.on(1, SHARDS, "by", KEYS / 2);
            byte[] batch = batch(k0, k1);
            int perBatch = PER_PAIR * k0.length;
            Kevy.awaitValue("slow log off on every shard", () -> {
                c.call("SLOWLOG", "RESET");
                c.call("MGET", k0[0], k1[0]);
                return Long.parseLong(c.callText("SLOWLOG", "LEN").substring(1).trim());
            }, 0);
            // two batches first: the second saturates the i8, and from then on each leaves the same bytes
            for (int prime = 0; prime < 2; prime++) {
                c.send(batch);
                for (int r = 0; r < perBatch; r++) {
                    c.reply();
                }
            }
            ShardThreads threads = ShardThreads.startedAfter(before, SHARDS);
            long allocated = -1;
            int rounds = 0;
            while (rounds < MAX_ROUNDS && allocated != 0) {
                rounds++;
                long start = threads.totalAllocatedBytes();
                for (int b = 0; b < 10; b++) {
                    c.send(batch);
                    for (int r = 0; r < perBatch; r++) {
                        byte[] reply = c.reply();
                        if (reply[0] == '-') {
                            throw new AssertionError("reply " + r + " of the batch is an error: " + Wire.text(reply));
                        }
                    }
                    checkOneByOne(c, k0, k1);
                }
                allocated = threads.totalAllocatedBytes() - start;
            }
            assertEquals(0, allocated, "heap bytes the shard threads allocated over " + 10 * (perBatch + 2 * KEYS)
                    + " requests, after " + (rounds - 1) + " warm-up rounds");
            assertEquals("$5\r\n\u0001\u0004\u00ff\u007f\u0000\r\n", c.callText("GET", k1[0]),
                    "the bytes the batch leaves");
            Kevy.awaitValue("requests forwarded between the shards", () -> Math.min(
                    kevy.statSum(ShardStats.FORWARDED), 1000), 1000);
        }
    }

    /**
     * The batch's results, asked one request at a time (unpipelined round trips): every key holds
     * bits 7 and 13, u8 255 at byte 2, i8 127 (saturated) at byte 3 and the zero byte the failed
     * u4 grew, so 17 bits; its two strings have an LCS of 8 bytes.
     */
    private static void checkOneByOne(Wire c, String[] k0, String[] k1) {
        for (int i = 0; i < k0.length; i++) {
            for (String k : new String[] {k0[i], k1[i]}) {
                assertEquals(":17\r\n", c.callText("BITCOUNT", k), k);
                assertEquals(":8\r\n", c.callText("LCS", "{" + k + "}a", "{" + k + "}b", "LEN"), k);
            }
        }
    }

    /**
     * One pipeline: for every key of both shards, 15 commands. Each round writes the same bits,
     * so the strings keep their sizes and the final state is known.
     */
    private static byte[] batch(String[] k0, String[] k1) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < k0.length; i++) {
            for (String k : new String[] {k0[i], k1[i]}) {
                String a = "{" + k + "}a"; // tagged with k: LCS and BITOP run whole on k's shard
                String b = "{" + k + "}b";
                out.writeBytes(Wire.encode("SETBIT", k, "7", "1"));
                out.writeBytes(Wire.encode("SETBIT", k, "13", "1"));
                out.writeBytes(Wire.encode("GETBIT", k, "13"));
                out.writeBytes(Wire.encode("BITFIELD", k, "SET", "u8", "#2", "255", "OVERFLOW", "SAT",
                        "INCRBY", "i8", "24", "100", "OVERFLOW", "FAIL", "INCRBY", "u4", "32", "20",
                        "OVERFLOW", "WRAP", "INCRBY", "u2", "38", "1", "GET", "i64", "0"));
                out.writeBytes(Wire.encode("BITFIELD", k, "SET", "u2", "38", "0"));
                out.writeBytes(Wire.encode("BITCOUNT", k, "1", "-1", "BIT"));
                out.writeBytes(Wire.encode("BITPOS", k, "0", "2"));
                out.writeBytes(Wire.encode("BITPOS", k, "1", "9", "30", "BIT"));
                out.writeBytes(Wire.encode("BITFIELD_RO", k, "GET", "u16", "4"));
                out.writeBytes(Wire.encode("SET", a, "XMJYAUZGTAB"));
                out.writeBytes(Wire.encode("SET", b, "MZJAWXUGTAB"));
                out.writeBytes(Wire.encode("LCS", a, b));
                out.writeBytes(Wire.encode("LCS", a, b, "LEN"));
                out.writeBytes(Wire.encode("LCS", a, b, "IDX", "MINMATCHLEN", "2", "WITHMATCHLEN"));
                out.writeBytes(Wire.encode("BITOP", "XOR", "{" + k + "}d", a, b));
            }
        }
        return out.toByteArray();
    }
}
