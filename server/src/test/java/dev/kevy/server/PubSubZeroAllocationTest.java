package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kevy.io.ShardStats;
import dev.kevy.rt.idle.IdlePolicy;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * PUBLISH and the delivery of its messages allocate nothing on the shard threads once warmed up:
 * a publisher and a subscriber (to a channel and to a matching pattern) on each of two shards,
 * each publisher's messages fanned out to both shards and pushed to both subscribers, measured
 * with the shard threads' allocation counters as {@link ShardZeroAllocationTest} does.
 */
class PubSubZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int BATCH = 500;
    private static final int BATCHES_PER_ROUND = 20;
    private static final int MAX_ROUNDS = 200;
    private static final int ONE_BY_ONE_WARM_UP = 10_000;

    /**
     * Publishes one at a time, so the loops run many short iterations (a read, a write, polls):
     * as {@link ShardZeroAllocationTest} explains, the errno-capturing downcalls on those paths
     * allocate until C2 has compiled them, which pipelined rounds alone reach slowly.
     */
    private static void warmUpOneByOne(TestServer.ShardClient[] publishers, TestServer.ShardClient[] subscribers) {
        byte[] request = Resp.command("PUBLISH", "news", "w");
        byte[] reply = Resp.integer(2L * SHARDS);
        byte[] frames = Resp.bytes("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$1\r\nw\r\n"
                + "*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$1\r\nw\r\n");
        for (int i = 0; i < ONE_BY_ONE_WARM_UP; i++) {
            RawClient publisher = publishers[i % SHARDS].client();
            publisher.send(request);
            publisher.expect(reply);
            for (TestServer.ShardClient s : subscribers) {
                s.client().expect(frames);
            }
        }
    }

    @Test
    void publishingAndDeliveringAllocateNothingAfterWarmUp() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (TestServer server = TestServer.start(SHARDS, b -> b.idle(neverParks))) {
            TestServer.ShardClient[] subscribers = ShardZeroAllocationTest.clientOnEveryShard(server);
            TestServer.ShardClient[] publishers = new TestServer.ShardClient[SHARDS];
            try {
                for (TestServer.ShardClient s : subscribers) {
                    s.client().call(Resp.bytes("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n"), "SUBSCRIBE", "news");
                    s.client().call(Resp.bytes("*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:2\r\n"), "PSUBSCRIBE", "n*");
                }
                for (int i = 0; i < SHARDS; i++) { // the publishers' shards do not matter: every publish reaches both
                    publishers[i] = new TestServer.ShardClient(new RawClient(server.port()), -1);
                }
                byte[][] requests = new byte[SHARDS][];
                byte[][] replies = new byte[SHARDS][];
                byte[][] frames = new byte[SHARDS][];
                for (int p = 0; p < SHARDS; p++) {
                    ByteArrayOutputStream req = new ByteArrayOutputStream();
                    ByteArrayOutputStream rep = new ByteArrayOutputStream();
                    ByteArrayOutputStream fr = new ByteArrayOutputStream();
                    for (int i = 0; i < BATCH; i++) {
                        String message = "m-" + p + "-" + (i % 10);
                        Resp.appendCommand(req, "PUBLISH", "news", message);
                        rep.writeBytes(Resp.integer(2L * SHARDS));
                        fr.writeBytes(Resp.bytes("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$" + message.length() + "\r\n"
                                + message + "\r\n*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$" + message.length()
                                + "\r\n" + message + "\r\n"));
                    }
                    requests[p] = req.toByteArray();
                    replies[p] = rep.toByteArray();
                    frames[p] = fr.toByteArray();
                }
                warmUpOneByOne(publishers, subscribers);
                ShardThreads threads = server.threads();
                ShardThreads.WarmUp warm = threads.allocationAfterWarmUp(MAX_ROUNDS, () -> {
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        for (int p = 0; p < SHARDS; p++) { // one publisher at a time: each subscriber's bytes are fixed
                            publishers[p].client().send(requests[p]);
                            publishers[p].client().expect(replies[p]);
                            for (TestServer.ShardClient s : subscribers) {
                                s.client().expect(frames[p]);
                            }
                        }
                    }
                });
                long[] allocated = warm.lastRound();
                int rounds = warm.rounds();
                assertArrayEquals(new long[SHARDS], allocated, "heap bytes allocated per shard thread over "
                        + BATCHES_PER_ROUND * BATCH * SHARDS + " publishes, after " + (rounds - 1) + " warm-up rounds");
                // Not vacuous: the publishes were fanned out, so parts crossed between the shards.
                server.awaitStatAtLeast(ShardStats.FORWARDED, (long) rounds * BATCHES_PER_ROUND * BATCH);
            } finally {
                for (TestServer.ShardClient c : subscribers) {
                    c.close();
                }
                for (TestServer.ShardClient c : publishers) {
                    if (c != null) {
                        c.close();
                    }
                }
            }
        }
    }
}
