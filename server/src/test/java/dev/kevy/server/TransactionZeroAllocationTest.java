package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kevy.io.ShardStats;
import dev.kevy.rt.idle.IdlePolicy;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * MULTI, SET, GET, EXEC allocate nothing on the shard threads once warmed up: on two shards, a
 * client on each runs transactions on its own shard's key (EXEC runs where the connection lives)
 * and on the other shard's key (EXEC carries its queue to the owner, which runs it whole), measured
 * with the shard threads' allocation counters as {@link ShardZeroAllocationTest} does.
 */
class TransactionZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int TRANSACTIONS = 200;
    private static final int BATCHES_PER_ROUND = 20;
    private static final int MAX_ROUNDS = 200;
    private static final int ONE_BY_ONE_WARM_UP = 5_000;

    @Test
    void transactionsAllocateNothingAfterWarmUp() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (TestServer server = TestServer.start(SHARDS, b -> b.idle(neverParks))) {
            TestServer.ShardClient[] clients = ShardZeroAllocationTest.clientOnEveryShard(server);
            try {
                byte[][] requests = new byte[SHARDS][];
                byte[][] replies = new byte[SHARDS][];
                byte[][] single = new byte[SHARDS][];
                byte[][] singleReply = new byte[SHARDS][];
                for (int home = 0; home < SHARDS; home++) {
                    String own = ShardKeys.on(home, SHARDS, "own", 1)[0];
                    String far = ShardKeys.on(1 - home, SHARDS, "far", 1)[0];
                    ByteArrayOutputStream req = new ByteArrayOutputStream();
                    ByteArrayOutputStream rep = new ByteArrayOutputStream();
                    for (int i = 0; i < TRANSACTIONS; i++) {
                        String key = i % 2 == 0 ? own : far;
                        String value = "v" + (i % 10);
                        Resp.appendCommand(req, "MULTI");
                        Resp.appendCommand(req, "SET", key, value);
                        Resp.appendCommand(req, "GET", key);
                        Resp.appendCommand(req, "EXEC");
                        rep.writeBytes(Resp.concat(Resp.ok(), Resp.bytes("+QUEUED\r\n"), Resp.bytes("+QUEUED\r\n"),
                                Resp.array(Resp.ok(), Resp.bulk(value))));
                        if (i == 1) {
                            single[home] = req.toByteArray();
                            singleReply[home] = rep.toByteArray();
                        }
                    }
                    requests[home] = req.toByteArray();
                    replies[home] = rep.toByteArray();
                }
                for (int i = 0; i < ONE_BY_ONE_WARM_UP; i++) { // short iterations, as ShardZeroAllocationTest explains
                    RawClient c = clients[i % SHARDS].client();
                    c.send(single[i % SHARDS]);
                    c.expect(singleReply[i % SHARDS]);
                }
                ShardThreads threads = server.threads();
                ShardThreads.WarmUp warm = threads.allocationAfterWarmUp(MAX_ROUNDS, () -> {
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        for (int home = 0; home < SHARDS; home++) {
                            clients[home].client().send(requests[home]);
                        }
                        for (int home = 0; home < SHARDS; home++) {
                            clients[home].client().expect(replies[home]);
                        }
                    }
                });
                long[] allocated = warm.lastRound();
                int rounds = warm.rounds();
                assertArrayEquals(new long[SHARDS], allocated, "heap bytes allocated per shard thread over "
                        + BATCHES_PER_ROUND * TRANSACTIONS * SHARDS + " transactions, after " + (rounds - 1)
                        + " warm-up rounds");
                // Not vacuous: half the transactions ran on the other shard, their bodies forwarded there.
                server.awaitStatAtLeast(ShardStats.FORWARDED, (long) rounds * BATCHES_PER_ROUND * TRANSACTIONS);
            } finally {
                for (TestServer.ShardClient c : clients) {
                    c.close();
                }
            }
        }
    }
}
