package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kevy.rt.idle.IdlePolicy;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Writes with keyspace notifications on allocate nothing on the shard threads once warmed up: a
 * subscriber to {@code __key*} on each of two shards, writes to keys of each shard (SET, LPUSH,
 * LPOP emptying the list: set, lpush, lpop and del events, on both channels), each event
 * delivered on the owner and sent to the other shard, measured with the shard threads'
 * allocation counters as {@link ShardZeroAllocationTest} does.
 */
class KeyEventsZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int BATCH = 300;
    private static final int BATCHES_PER_ROUND = 20;
    private static final int MAX_ROUNDS = 200;
    private static final int ONE_BY_ONE_WARM_UP = 5_000;

    private static String frame(String channel, String message) {
        return "*4\r\n$8\r\npmessage\r\n$6\r\n__key*\r\n$" + channel.length() + "\r\n" + channel + "\r\n$"
                + message.length() + "\r\n" + message + "\r\n";
    }

    private static String events(String key, String... names) {
        StringBuilder b = new StringBuilder();
        for (String name : names) {
            b.append(frame("__keyspace@0__:" + key, name)).append(frame("__keyevent@0__:" + name, key));
        }
        return b.toString();
    }

    @Test
    void writesWithNotificationsOnAllocateNothingAfterWarmUp() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (TestServer server = TestServer.start(SHARDS, b -> b.idle(neverParks))) {
            TestServer.ShardClient[] subscribers = ShardZeroAllocationTest.clientOnEveryShard(server);
            RawClient writer = new RawClient(server.port());
            try {
                for (TestServer.ShardClient s : subscribers) {
                    s.client().call(Resp.bytes("*3\r\n$10\r\npsubscribe\r\n$6\r\n__key*\r\n:1\r\n"), "PSUBSCRIBE", "__key*");
                }
                writer.call(Resp.ok(), "CONFIG", "SET", "notify-keyspace-events", "KEA");
                byte[][] requests = new byte[SHARDS][];
                byte[][] replies = new byte[SHARDS][];
                byte[][] frames = new byte[SHARDS][];
                byte[][] oneRequest = new byte[SHARDS][];
                byte[][] oneReply = new byte[SHARDS][];
                byte[][] oneFrames = new byte[SHARDS][];
                for (int p = 0; p < SHARDS; p++) {
                    String key = ShardKeys.on(p, SHARDS, "za:", 1)[0];
                    String list = ShardKeys.on(p, SHARDS, "zl:", 1)[0];
                    ByteArrayOutputStream req = new ByteArrayOutputStream();
                    Resp.appendCommand(req, "SET", key, "v");
                    Resp.appendCommand(req, "LPUSH", list, "x");
                    Resp.appendCommand(req, "LPOP", list);
                    oneRequest[p] = req.toByteArray();
                    oneReply[p] = Resp.bytes("+OK\r\n:1\r\n$1\r\nx\r\n");
                    oneFrames[p] = Resp.bytes(events(key, "set") + events(list, "lpush") + events(list, "lpop", "del"));
                    requests[p] = repeat(oneRequest[p], BATCH);
                    replies[p] = repeat(oneReply[p], BATCH);
                    frames[p] = repeat(oneFrames[p], BATCH);
                }
                for (int i = 0; i < ONE_BY_ONE_WARM_UP; i++) {
                    round(writer, subscribers, oneRequest[i % SHARDS], oneReply[i % SHARDS], oneFrames[i % SHARDS]);
                }
                ShardThreads threads = server.threads();
                ShardThreads.WarmUp warm = threads.allocationAfterWarmUp(MAX_ROUNDS, () -> {
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        for (int p = 0; p < SHARDS; p++) { // one owner at a time: each subscriber's bytes are fixed
                            round(writer, subscribers, requests[p], replies[p], frames[p]);
                        }
                    }
                });
                long[] allocated = warm.lastRound();
                int rounds = warm.rounds();
                assertArrayEquals(new long[SHARDS], allocated, "heap bytes allocated per shard thread over "
                        + BATCHES_PER_ROUND * BATCH * SHARDS * 3 + " writes, after " + (rounds - 1) + " warm-up rounds");
            } finally {
                writer.call(Resp.ok(), "CONFIG", "SET", "notify-keyspace-events", "");
                writer.close();
                for (TestServer.ShardClient c : subscribers) {
                    c.close();
                }
            }
        }
    }

    private static void round(RawClient writer, TestServer.ShardClient[] subscribers, byte[] request, byte[] reply,
                              byte[] frames) {
        writer.send(request);
        writer.expect(reply);
        for (TestServer.ShardClient s : subscribers) {
            s.client().expect(frames);
        }
    }

    private static byte[] repeat(byte[] b, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
