package dev.kevy.io.async;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.resp.AllocationMeter;
import dev.kevy.rt.idle.IdlePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Deferred replies (on the client's shard and across shards), holding tickets, messages, pushes
 * and timers allocate nothing on the shard threads once warm: rounds run until one leaves every shard
 * thread's allocation count unchanged.
 */
class AsyncZeroAllocationTest {

    private static final int ROUNDS = 40;
    private static final int OPS = 250;

    @Test
    void asyncPathsAllocateNothingOnShardThreads() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(2);
        // Idle shards yield instead of parking, so no round depends on whether a shard parked.
        RuntimeConfig config = RuntimeConfig.builder().shards(2)
                .idle(new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(), d.tickCheckEvery()))
                .build();
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        List<RespClient> spare = new ArrayList<>();
        try (KevyRuntime rt = AsyncRepliesTest.start(config);
             RespClient on0 = AsyncRepliesTest.clientOn(rt, 0, spare);
             RespClient on1 = AsyncRepliesTest.clientOn(rt, 1, spare);
             RespClient sub0 = AsyncRepliesTest.clientOn(rt, 0, spare);
             RespClient sub1 = AsyncRepliesTest.clientOn(rt, 1, spare)) {
            long[] ids = AllocationMeter.shardThreadIds(before, 2);
            String local = AsyncRepliesTest.keyOwnedBy(0, 2);
            String remote = AsyncRepliesTest.keyOwnedBy(1, 2);
            assertEquals("+OK\r\n", sub0.call("SUB"));
            assertEquals("+OK\r\n", sub1.call("SUB"));
            byte[] waitLocal = RespClient.command("WAIT", local);
            byte[] waitRemote = RespClient.command("WAIT", remote);
            byte[] ping = RespClient.command("PING");
            byte[] block = RespClient.command("BLOCK", "b");
            byte[] mark = RespClient.command("MARK");
            byte[] timer = RespClient.command("TIMER", "0");
            long[] last = null;
            int rounds = 0;
            for (int round = 0; round < ROUNDS; round++) {
                rounds++;
                long[] start = AllocationMeter.allocatedBytes(ids);
                for (int i = 0; i < OPS; i++) {
                    int waits = AsyncHandler.WAITS.get();
                    on0.send(waitLocal, waitRemote, ping);
                    AsyncRepliesTest.await(() -> AsyncHandler.WAITS.get() == waits + 2, "both WAITs deferred");
                    on1.send(RespClient.command("WAKE", remote, "r"), RespClient.command("WAKE", local, "l"));
                    on1.expect(":1\r\n:1\r\n");
                    on0.expect("$1\r\nl\r\n$1\r\nr\r\n+PONG\r\n");

                    int blocks = AsyncHandler.BLOCKS.get();
                    on1.send(block, mark);
                    AsyncRepliesTest.await(() -> AsyncHandler.BLOCKS.get() == blocks + 1, "BLOCK deferred");
                    on0.send(RespClient.command("UNBLOCK", "b"), RespClient.command("PUB", "m"));
                    on0.expect(":2\r\n:2\r\n");
                    on1.expect("+UNBLOCKED\r\n+MARKED\r\n");
                    sub0.expect("+m\r\n");
                    sub1.expect("+m\r\n");

                    on1.send(timer); // a timer that completes a deferred reply on the next iteration
                    on1.expect("+FIRED\r\n");
                }
                long[] end = AllocationMeter.allocatedBytes(ids);
                last = new long[2];
                for (int s = 0; s < 2; s++) {
                    last[s] = end[s] - start[s];
                }
                if (last[0] == 0 && last[1] == 0) {
                    break;
                }
            }
            System.out.println("async paths, last round's shard allocations: " + Arrays.toString(last) + " after "
                    + rounds + " rounds");
            assertArrayEquals(new long[] {0, 0}, last, "bytes allocated per shard in the last round");
        } finally {
            AsyncRepliesTest.closeAll(spare);
        }
    }
}
