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
 * DESIGN.md 5 for deep pipelines across shards: one write of 1,280 commands, half of them for
 * keys of the other shard, with kilobyte values both ways, allocates nothing on the shard threads
 * after warm-up. Such pipelines once cost about 120 bytes per write, in every round: the errno
 * capture of the critical downcalls (read, write, epoll_wait and io_uring_enter without a wait,
 * the eventfd that wakes a peer) sliced its segment on each call, and in these call chains the JIT
 * kept the slice. The wrappers now call without capture and repeat only a failed call capturing.
 */
class DeepPipelineZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int MAX_ROUNDS = 300;
    private static final int REPEAT = 80;

    @Test
    void aDeepCrossShardPipelineAllocatesNothingAfterWarmUp() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (Kevy kevy = Kevy.start(SHARDS, null, b -> b.idle(neverParks)); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
            String[] here = ShardKeys.on(0, SHARDS, "deep", 4);
            String[] there = ShardKeys.on(1, SHARDS, "deep", 4);
            String value = "v".repeat(1024);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int commands = 0;
            for (int r = 0; r < REPEAT; r++) {
                for (int k = 0; k < here.length; k++) {
                    out.writeBytes(Wire.encode("SET", here[k], value));
                    out.writeBytes(Wire.encode("GET", there[k]));
                    out.writeBytes(Wire.encode("SET", there[k], value));
                    out.writeBytes(Wire.encode("GET", here[k]));
                    commands += 4;
                }
            }
            byte[] batch = out.toByteArray();
            ShardThreads threads = ShardThreads.startedAfter(java.util.Set.of(), SHARDS);
            for (int k = 0; k < here.length; k++) { // every GET of the pipeline finds its value
                c.call("SET", here[k], value);
                c.call("SET", there[k], value);
            }
            int count = commands;
            ShardThreads.WarmUp warm = threads.allocationAfterWarmUp(MAX_ROUNDS, () -> {
                for (int b = 0; b < 10; b++) {
                    c.send(batch);
                    for (int r = 0; r < count; r++) {
                        assertEquals(r % 2 == 0 ? "+OK\r\n" : "$1024\r\n" + value + "\r\n", Wire.text(c.reply()));
                    }
                }
            });
            long allocated = warm.total();
            int rounds = warm.rounds();
            assertEquals(0, allocated, "heap bytes the shard threads allocated over 10 pipelines of " + commands
                    + " commands, after " + (rounds - 1) + " warm-up rounds");
        }
    }
}
