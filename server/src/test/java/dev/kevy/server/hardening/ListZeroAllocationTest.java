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
 * DESIGN.md 5 for lists: once warmed up, the shard threads allocate exactly 0 bytes over
 * thousands of list commands (pushes, pops with counts, ranges, indexes, LSET, LINSERT, LREM,
 * LPOS both ways, LTRIM, LMOVE, RPOPLPUSH, LMPOP) on short lists and on a list of many nodes, on
 * keys of both shards, half of them forwarded. As in {@link CollectionZeroAllocationTest}, the
 * slow log is off and the shards never park.
 */
class ListZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int KEYS = 8;
    private static final int MAX_ROUNDS = 400;
    private static final int PER_KEY = 26; // commands per key in batch()

    @Test
    void shardThreadsAllocateNothingForListCommands() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (Kevy kevy = Kevy.start(SHARDS, null, b -> b.idle(neverParks)); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
            String[] keys = new String[KEYS];
            System.arraycopy(ShardKeys.on(0, SHARDS, "la", KEYS / 2), 0, keys, 0, KEYS / 2);
            System.arraycopy(ShardKeys.on(1, SHARDS, "lb", KEYS / 2), 0, keys, KEYS / 2, KEYS / 2);
            for (String k : keys) {
                c.call("RPUSH", "{" + k + "}l", "a", "b", "c");
                for (int i = 0; i < 2000; i++) { // many nodes
                    c.call("RPUSH", "{" + k + "}big", "element-" + (10_000 + i));
                }
            }
            byte[] batch = batch(keys);
            int perBatch = PER_KEY * keys.length;
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
                    + " list requests, after " + (rounds - 1) + " warm-up rounds");
            String k = "{" + keys[0] + "}";
            assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", c.callText("LRANGE", k + "l", "0", "-1"),
                    "the batch leaves the short list as it was");
            assertEquals(":2000\r\n", c.callText("LLEN", k + "big"));
            assertEquals("$13\r\nelement-11000\r\n", c.callText("LINDEX", k + "big", "1000"));
        }
    }

    /** One pipeline: {@link #PER_KEY} list commands per key, which leave every list as they found it. */
    private static byte[] batch(String[] keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : keys) {
            String l = "{" + key + "}l";
            String dst = "{" + key + "}dst";
            String big = "{" + key + "}big";
            add(out, "RPUSH", l, "x", "y");
            add(out, "LPUSH", l, "w");
            add(out, "LRANGE", l, "0", "-1");
            add(out, "LINDEX", l, "-2");
            add(out, "LPOS", l, "c");
            add(out, "LPOS", l, "a", "RANK", "-1", "COUNT", "0");
            add(out, "LSET", l, "0", "W");
            add(out, "LINSERT", l, "BEFORE", "b", "inserted");
            add(out, "LREM", l, "0", "inserted");
            add(out, "LMOVE", l, dst, "LEFT", "RIGHT");
            add(out, "RPOPLPUSH", dst, dst);
            add(out, "LMPOP", "2", "{" + key + "}none", dst, "LEFT", "COUNT", "5");
            add(out, "RPOP", l, "2");
            add(out, "LLEN", l);
            add(out, "LTRIM", l, "0", "-1");
            add(out, "LRANGE", big, "1000", "1010");
            add(out, "LINDEX", big, "-500");
            add(out, "LSET", big, "1000", "element-11000");
            add(out, "LPUSH", big, "head");
            add(out, "LPOP", big);
            add(out, "RPUSH", big, "tail");
            add(out, "RPOP", big, "1");
            add(out, "LINSERT", big, "AFTER", "element-10500", "middle");
            add(out, "LREM", big, "1", "middle");
            add(out, "LPOS", big, "element-11999", "RANK", "-1");
            add(out, "LPOS", big, "element-10010", "MAXLEN", "100");
        }
        return out.toByteArray();
    }

    private static void add(ByteArrayOutputStream out, String... command) {
        out.writeBytes(Wire.encode(command));
    }
}
