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
 * DESIGN.md 5 for sorted sets: once warmed up, the shard threads allocate exactly 0 bytes over
 * thousands of sorted-set commands on packed and skiplist sets, including a conversion, scores
 * printed in full ("%.17g" through the exact-digit path), ranges by rank, score and lex in both
 * directions, pops, range removals and scans, half of the keys forwarded from the other shard.
 * Scores are the short decimals clients send; text that needs more than 19 digits or a power of
 * ten beyond 22 is read by the JDK's parser, which allocates (see NumberParser).
 */
class ZsetZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int KEYS = 8;
    private static final int MAX_ROUNDS = 400;
    /** Commands in one key's pipeline (see batch()). */
    private static final int PER_KEY = 40;

    @Test
    void shardThreadsAllocateNothingForSortedSetCommands() throws Exception {
        run(false);
    }

    /** The same after {@code HELLO 3}: doubles, score pairs and RESP3 nulls cost nothing either. */
    @Test
    void shardThreadsAllocateNothingForSortedSetCommandsInResp3() throws Exception {
        run(true);
    }

    private static void run(boolean resp3) throws Exception {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (Kevy kevy = Kevy.start(SHARDS, null, b -> b.idle(neverParks)); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
            if (resp3) {
                assertEquals('%', c.call("HELLO", "3")[0]);
            }
            String[] keys = new String[KEYS];
            String[] k0 = ShardKeys.on(0, SHARDS, "ca", KEYS / 2);
            String[] k1 = ShardKeys.on(1, SHARDS, "cb", KEYS / 2);
            System.arraycopy(k0, 0, keys, 0, KEYS / 2);
            System.arraycopy(k1, 0, keys, KEYS / 2, KEYS / 2);
            for (String k : keys) { // a skiplist per key
                for (int i = 0; i < 200; i++) {
                    c.call("ZADD", "{" + k + "}big", Integer.toString(i % 50), "member" + i);
                }
            }
            byte[][] batches = new byte[keys.length][];
            for (int k = 0; k < keys.length; k++) {
                batches[k] = batch(keys[k]);
            }
            ShardThreads threads = ShardThreads.startedAfter(java.util.Set.of(), SHARDS);
            ShardThreads.WarmUp warm = threads.allocationAfterWarmUp(MAX_ROUNDS, () -> {
                for (int b = 0; b < 10; b++) {
                    for (byte[] batch : batches) {
                        c.send(batch);
                        for (int r = 0; r < PER_KEY; r++) {
                            c.reply();
                        }
                    }
                }
            });
            long allocated = warm.total();
            int rounds = warm.rounds();
            assertEquals(0, allocated, "heap bytes the shard threads allocated over " + 10 * PER_KEY * KEYS
                    + " sorted-set requests, after " + (rounds - 1) + " warm-up rounds");
            assertEquals(":200\r\n", c.callText("ZCARD", "{" + keys[0] + "}big"), "the batch leaves the skiplist as it was");
        }
    }

    /**
     * One key's pipeline: 40 sorted-set commands, which leave its sorted sets as they found them.
     * (Deep pipelines over every key once allocated on the shard threads whatever the commands; the
     * cause was the errno capture of the syscall wrappers, fixed and pinned by
     * DeepPipelineZeroAllocationTest.)
     */
    private static byte[] batch(String k) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String z = "{" + k + "}z";
        String big = "{" + k + "}big";
        String lex = "{" + k + "}lex";
        add(out, "ZADD", z, "1.5", "a", "-2", "b", "3.25", "c", "0.1", "d");
        add(out, "ZADD", z, "GT", "CH", "5", "a", "1", "b");
        add(out, "ZINCRBY", z, "0.3", "d");
        add(out, "ZSCORE", z, "d");
        add(out, "ZMSCORE", z, "a", "x", "c");
        add(out, "ZRANK", z, "c");
        add(out, "ZREVRANK", big, "member7");
        add(out, "ZRANGE", z, "0", "-1", "WITHSCORES");
        add(out, "ZRANGE", z, "0", "-1", "REV", "WITHSCORES");
        add(out, "ZRANGEBYSCORE", big, "(10", "20", "WITHSCORES", "LIMIT", "3", "5");
        add(out, "ZREVRANGEBYSCORE", big, "+inf", "-inf", "LIMIT", "0", "10");
        add(out, "ZCOUNT", big, "-inf", "(25.5");
        add(out, "ZREVRANGE", big, "0", "9", "WITHSCORES");
        add(out, "ZSCAN", z, "0");
        add(out, "ZSCAN", big, "0", "COUNT", "20");
        add(out, "ZADD", lex, "0", "alpha", "0", "beta", "0", "gamma", "0", "delta");
        add(out, "ZRANGEBYLEX", lex, "[b", "+");
        add(out, "ZREVRANGEBYLEX", lex, "+", "(alpha");
        add(out, "ZLEXCOUNT", lex, "-", "[delta");
        add(out, "ZREMRANGEBYLEX", lex, "-", "+");
        add(out, "ZADD", z, "9", "x".repeat(80));
        add(out, "ZRANGE", z, "1", "2");
        add(out, "ZPOPMIN", z, "2");
        add(out, "ZPOPMAX", z);
        add(out, "ZREMRANGEBYRANK", z, "0", "-1");
        add(out, "ZADD", big, "1000", "extra", "1001", "extra2");
        add(out, "ZREMRANGEBYSCORE", big, "1000", "1001");
        add(out, "ZADD", big, "7", "extra");
        add(out, "ZREM", big, "extra");
        add(out, "ZCARD", big);
        add(out, "ZRANDMEMBER", big, "5", "WITHSCORES");
        add(out, "ZRANDMEMBER", big, "-3");
        add(out, "ZRANDMEMBER", big, "150");
        add(out, "ZRANGESTORE", "{" + k + "}dst", big, "(5", "30", "BYSCORE", "LIMIT", "0", "20");
        add(out, "ZREMRANGEBYRANK", "{" + k + "}dst", "0", "-1");
        add(out, "ZINTER", "2", big, z, "WITHSCORES");
        add(out, "ZADD", z, "1", "p", "2", "q");
        add(out, "ZMPOP", "2", "{" + k + "}none", z, "MIN", "COUNT", "5");
        add(out, "ZUNIONSTORE", "{" + k + "}dst", "2", big, lex, "WEIGHTS", "2", "1", "AGGREGATE", "MAX");
        add(out, "ZREMRANGEBYRANK", "{" + k + "}dst", "0", "-1");
        return out.toByteArray();
    }

    private static void add(ByteArrayOutputStream out, String... command) {
        out.writeBytes(Wire.encode(command));
    }
}
