package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kevy.io.ShardStats;
import dev.kevy.rt.idle.IdlePolicy;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A block and its wake allocate nothing on the shard threads once warmed up: clients on both of
 * two shards block in BLPOP (half with a timeout, so a timer is scheduled and cancelled) on keys of
 * both shards, so the waits are local and across shards (REGISTER and SERVED messages; timers
 * too, see {@link #TIMERS}); a pusher
 * then wakes them all. Each client sends PING and BLPOP in one write, and the push goes only once
 * every PONG is back: the BLPOP ran in the same read, before its PONG left, so the client is
 * blocked (the first round checks that against the shards' count of open tickets) and the wake
 * path is what is measured. (A registration travelling to another shard may still be overtaken
 * by the push, and then is served at once: that path must allocate nothing either.) Measured as {@link ShardZeroAllocationTest} does.
 */
class BlockingZeroAllocationTest {

    private static final int WAITERS = 32;
    private static final int ONE_BY_ONE_WARM_UP = 10_000;
    private static final int MAX_ROUNDS = 150;
    /**
     * Whether half the waiters take a timeout (a timer scheduled, then cancelled by the wake). Not
     * under io_uring: there, with timers pending, shard 0's thread was measured allocating 0.5 to
     * 1.5 KB per round in the engine's errno-capturing io_uring_enter downcall (JFR: byte arrays
     * from {@code IoUring.enter}), outside the blocking code; under epoll the timers allocate nothing.
     */
    private static final boolean TIMERS = Boolean.getBoolean("kevy.test.blockTimers");

    /**
     * One shard: every wait is local (the check, the registration and the wake in one thread).
     * (This test once allocated 0.7 to 4 KB per round in some runs: JFR showed the segment slices
     * of the runtime's errno-capturing downcalls, which the wrappers no longer make on success;
     * see DeepPipelineZeroAllocationTest.)
     */
    @Test
    void blockingAndWakingOnOneShardAllocateNothingAfterWarmUp() {
        blockAndWake(1);
    }

    /**
     * Two shards, waits local and across shards.
     */
    @Test
    void blockingAndWakingAcrossShardsAllocateNothingAfterWarmUp() {
        blockAndWake(2);
    }

    private void blockAndWake(int shards) {
        final int SHARDS = shards;
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (TestServer server = TestServer.start(SHARDS, b -> b.idle(neverParks))) {
            RawClient[] waiters = new RawClient[WAITERS];
            String[] keys = new String[WAITERS];
            byte[][] blocks = new byte[WAITERS][];
            byte[][] woken = new byte[WAITERS][];
            ByteArrayOutputStream push = new ByteArrayOutputStream();
            ByteArrayOutputStream pushed = new ByteArrayOutputStream();
            String[] shard0 = ShardKeys.on(0, SHARDS, "bw", WAITERS / 2);
            String[] shard1 = ShardKeys.on(SHARDS - 1, SHARDS, SHARDS == 1 ? "bx" : "bw", WAITERS / 2);
            for (int i = 0; i < WAITERS; i++) {
                waiters[i] = new RawClient(server.port());
                keys[i] = i % 2 == 0 ? shard0[i / 2] : shard1[i / 2];
                ByteArrayOutputStream pingAndBlock = new ByteArrayOutputStream();
                Resp.appendCommand(pingAndBlock, "PING");
                Resp.appendCommand(pingAndBlock, "BLPOP", keys[i], TIMERS && i % 4 >= 2 ? "100" : "0");
                blocks[i] = pingAndBlock.toByteArray();
                woken[i] = Resp.bytes("*2\r\n$" + keys[i].length() + "\r\n" + keys[i] + "\r\n$1\r\nv\r\n");
                Resp.appendCommand(push, "RPUSH", keys[i], "v");
                pushed.writeBytes(Resp.integer(1));
            }
            RawClient pusher = new RawClient(server.port());
            try {
                for (int n = 0; n < ONE_BY_ONE_WARM_UP; n++) { // served at once or woken: both paths warm
                    int i = n % WAITERS;
                    waiters[i].send(blocks[i]);
                    waiters[i].expect(Resp.pong());
                    pusher.send(Resp.command("RPUSH", keys[i], "v"));
                    pusher.expect(Resp.integer(1));
                    waiters[i].expect(woken[i]);
                }
                byte[] pushAll = push.toByteArray();
                byte[] pushedAll = pushed.toByteArray();
                ShardThreads threads = server.threads();
                long[] allocated = null;
                int rounds = 0;
                while (rounds < MAX_ROUNDS) {
                    rounds++;
                    long[] before = threads.allocatedBytes();
                    for (int i = 0; i < WAITERS; i++) {
                        waiters[i].send(blocks[i]);
                    }
                    for (int i = 0; i < WAITERS; i++) {
                        waiters[i].expect(Resp.pong()); // its BLPOP ran in the same read, before this reply left
                    }
                    if (rounds == 1) { // once, outside any claim: the PONGs do mean every client is blocked
                        server.awaitStat(ShardStats.TICKETS_OPEN, WAITERS);
                    }
                    pusher.send(pushAll);
                    pusher.expect(pushedAll);
                    for (int i = 0; i < WAITERS; i++) {
                        waiters[i].expect(woken[i]);
                    }
                    long[] after = threads.allocatedBytes();
                    allocated = new long[SHARDS];
                    for (int s = 0; s < SHARDS; s++) {
                        allocated[s] = after[s] - before[s];
                    }
                    if (rounds > 3 && Arrays.stream(allocated).allMatch(a -> a == 0)) {
                        break;
                    }
                }
                assertArrayEquals(new long[SHARDS], allocated, "heap bytes allocated per shard thread over " + WAITERS
                        + " blocks and wakes, after " + (rounds - 1) + " warm-up rounds");
            } finally {
                pusher.close();
                for (RawClient w : waiters) {
                    w.close();
                }
            }
        }
    }
}
