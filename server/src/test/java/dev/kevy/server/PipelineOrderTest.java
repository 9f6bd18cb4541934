package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.ShardStats;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replies come back in command order even when one pipeline, sent in one write, mixes commands
 * that run on the connection's shard, commands forwarded to another shard and commands split
 * across shards (DESIGN.md 8, "one FIFO per peer": a later multi-key command must not overtake an
 * earlier single-key one on the same key).
 *
 * <p>Each client's shard is found from the runtime's counters, and its keys are chosen with the
 * runtime's own hash so that {@code k} is never on the client's shard and {@code k2} is on a third
 * shard when there is one. The expected replies are the sequential answers, compared byte for byte.
 * Atomic commands (RENAME, RENAMENX, MSETNX across shards) take yet another path, the coordinator's
 * freeze turn; the commands around them must still see them in order.
 */
class PipelineOrderTest {

    private static final int KEYS_PER_CLIENT = 300;

    @ParameterizedTest(name = "{0} shards, {1}")
    @CsvSource({"2, REUSE_PORT", "4, REUSE_PORT", "3, SINGLE_ACCEPTOR"})
    void oneWritePipelineAcrossShardsGetsTheSequentialReplies(int shards, RuntimeConfig.AcceptMode mode) {
        try (TestServer server = TestServer.start(shards, b -> b.acceptMode(mode))) {
            List<TestServer.ShardClient> clients = new ArrayList<>();
            TestServer.ShardClient[] byShard = new TestServer.ShardClient[shards];
            int covered = 0;
            try {
                for (int attempt = 0; attempt < 64 && covered < shards; attempt++) {
                    TestServer.ShardClient c = server.connect();
                    clients.add(c);
                    if (byShard[c.shard()] == null) {
                        byShard[c.shard()] = c;
                        covered++;
                    }
                }
                assertEquals(shards, covered, "a client on every shard");

                byte[][] expected = new byte[shards][];
                for (int s = 0; s < shards; s++) {
                    ByteArrayOutputStream requests = new ByteArrayOutputStream();
                    ByteArrayOutputStream replies = new ByteArrayOutputStream();
                    script(s, shards, requests, replies);
                    expected[s] = replies.toByteArray();
                    byShard[s].client().send(requests.toByteArray()); // one write, hundreds of commands
                }
                for (int s = 0; s < shards; s++) {
                    byShard[s].client().expect(expected[s]);
                }
                byShard[0].client().call(Resp.integer(0), "DBSIZE");
                // Not vacuous: every client sent commands for other shards (at least one per key).
                server.awaitStatAtLeast(ShardStats.FORWARDED, (long) KEYS_PER_CLIENT * shards);
                server.awaitStatAtLeast(ShardStats.ATOMIC_TURNS, 1); // and atomic commands took turns

            } finally {
                clients.forEach(TestServer.ShardClient::close);
            }
        }
    }

    /** The pipeline of the client on shard {@code home}, and its sequential replies. */
    private static void script(int home, int shards, ByteArrayOutputStream req, ByteArrayOutputStream rep) {
        for (int i = 0; i < KEYS_PER_CLIENT; i++) {
            int remote = (home + 1 + i % (shards - 1)) % shards;      // never home
            int third = shards > 2 ? (remote + 1) % shards == home ? (remote + 2) % shards : (remote + 1) % shards
                    : remote;
            int k2Shard = switch (i % 3) {
                case 0 -> third;   // both keys away from home, on two shards when there are three
                case 1 -> home;    // the fan-out has a local part and a remote one
                default -> remote; // both keys on the same remote shard: forwarded whole
            };
            String k = key(home, remote, shards, i, "k");
            String k2 = key(home, k2Shard, shards, i, "k2");
            assertNotEquals(home, ShardKeys.shardOf(k, shards));
            String v = "v" + i + "@" + home;
            String w = "w" + i + "@" + home;

            add(req, rep, Resp.ok(), "SET", k, v);
            add(req, rep, Resp.array(Resp.bulk(v), Resp.bulk(v)), "MGET", k, k);
            add(req, rep, Resp.array(Resp.bulk(v), Resp.nil()), "MGET", k, k2);
            boolean both = i % 2 == 0;
            if (both) {
                add(req, rep, Resp.ok(), "SET", k2, w);
            }
            add(req, rep, Resp.integer(both ? 2 : 1), "DEL", k, k2);
            add(req, rep, Resp.nil(), "GET", k);
            add(req, rep, Resp.integer(0), "EXISTS", k, k2);
            add(req, rep, Resp.ok(), "MSET", k2, w, k, v);
            add(req, rep, Resp.bulk(v), "GET", k);
            add(req, rep, Resp.array(Resp.bulk(w), Resp.bulk(v), Resp.bulk(w)), "MGET", k2, k, k2);
            add(req, rep, Resp.integer(2), "DEL", k2, k);
            add(req, rep, Resp.integer(1), "INCR", k);
            add(req, rep, Resp.integer(1), "DEL", k);

            // Atomic commands (a freeze turn at the coordinator when k and k2 are on two shards)
            // between commands that take the other paths: each must see the one before it.
            add(req, rep, Resp.ok(), "SET", k, v);
            add(req, rep, Resp.ok(), "RENAME", k, k2);
            add(req, rep, Resp.bulk(v), "GET", k2);
            add(req, rep, Resp.integer(0), "EXISTS", k);
            add(req, rep, Resp.integer(0), "MSETNX", k, w, k2, w);
            add(req, rep, Resp.integer(1), "RENAMENX", k2, k);
            add(req, rep, Resp.array(Resp.bulk(v), Resp.nil()), "MGET", k, k2);
            add(req, rep, Resp.ok(), "SET", k2, w);
            add(req, rep, Resp.integer(0), "RENAMENX", k, k2);
            add(req, rep, Resp.integer(2), "DEL", k, k2);
            add(req, rep, Resp.integer(1), "MSETNX", k, v, k2, w);
            add(req, rep, Resp.bulk(w), "GET", k2);
            add(req, rep, Resp.integer(2), "DEL", k2, k);
        }
    }

    /** A key owned by {@code shard}, unique to the client on {@code home} and to index {@code i}. */
    private static String key(int home, int shard, int shards, int i, String name) {
        return ShardKeys.on(shard, shards, "p" + home + ":" + i + ":" + name + ":", 1)[0];
    }

    private static void add(ByteArrayOutputStream req, ByteArrayOutputStream rep, byte[] reply, String... command) {
        Resp.appendCommand(req, command);
        rep.writeBytes(reply);
    }
}
