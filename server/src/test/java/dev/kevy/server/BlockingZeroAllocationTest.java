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
 * both shards, so the waits are local and across shards (REGISTER and SERVED messages); a pusher
 * then wakes them all. Each measured round starts only once every client is seen blocked (the
 * shards' published count of open tickets), so the wake path is what is measured, not a key
 * that happened to be ready at the check. Measured as {@link ShardZeroAllocationTest} does.
 */
class BlockingZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int WAITERS = 32;
    private static final int ONE_BY_ONE_WARM_UP = 3_000;
    private static final int MAX_ROUNDS = 150;

    @Test
    void blockingAndWakingAllocateNothingAfterWarmUp() {
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
            String[] shard1 = ShardKeys.on(1, SHARDS, "bw", WAITERS / 2);
            for (int i = 0; i < WAITERS; i++) {
                waiters[i] = new RawClient(server.port());
                keys[i] = i % 2 == 0 ? shard0[i / 2] : shard1[i / 2];
                blocks[i] = Resp.command("BLPOP", keys[i], i % 4 < 2 ? "0" : "100");
                woken[i] = Resp.bytes("*2\r\n$" + keys[i].length() + "\r\n" + keys[i] + "\r\n$1\r\nv\r\n");
                Resp.appendCommand(push, "RPUSH", keys[i], "v");
                pushed.writeBytes(Resp.integer(1));
            }
            RawClient pusher = new RawClient(server.port());
            try {
                for (int n = 0; n < ONE_BY_ONE_WARM_UP; n++) { // served at once or woken: both paths warm
                    int i = n % WAITERS;
                    waiters[i].send(blocks[i]);
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
                    server.awaitStat(ShardStats.TICKETS_OPEN, WAITERS); // every one blocked: the push wakes them
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
