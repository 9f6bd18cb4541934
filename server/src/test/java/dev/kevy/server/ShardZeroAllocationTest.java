package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.FanOut;
import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.Session;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.io.ShardStats;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.idle.IdlePolicy;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md 5: once warmed up, the shard threads allocate nothing while they serve. Each shard
 * thread's allocation counter (the JVM's {@code ThreadMXBean}) is read before and after a round of
 * 100,000 pipelined requests; rounds repeat while the JIT compiles, a bounded number of times, and
 * the measured round must be exactly 0 bytes on every shard. A companion test shows the same
 * meter sees a shard thread's deliberate allocation, so the 0 is not blind.
 *
 * <p>Why the warm-up is long: until C2 has compiled a path, every errno-capturing downcall on it
 * allocates a 40-byte capture-state slice (the JDK's {@code SharedUtils.checkCaptureSegment};
 * C1 and the interpreter cannot scalar-replace it). The warm-up therefore also sends requests one
 * at a time, which runs the loop's read/write/poll paths far more often per second than
 * pipelined rounds do.
 */
class ShardZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int BATCH = 1_000;
    private static final int ROUND = 100_000;
    /** Seen: 7 to 58 rounds (1 to 6 s) on a shared 2-core machine; fewer once the suite has warmed the JIT. */
    private static final int MAX_ROUNDS = 200;
    private static final int ONE_BY_ONE_WARM_UP = 30_000;
    private static final int KEYS_PER_SHARD = 32;
    /**
     * The database the client on the last shard selects: its commands, forwarded ones and fan-out
     * parts included, carry a database other than 0 in their tags, while the first shard's client
     * stays in database 0.
     */
    private static final int OTHER_DB = 9;

    /**
     * The request path, in database 0 and (the client on the last shard) in database
     * {@link #OTHER_DB}. The idle policy yields instead of parking, so no round depends on whether
     * the shards happened to park between the client's batches: the park path is pinned down by
     * {@link #parkedShardsAllocateNothing()}.
     */
    @Test
    void shardThreadsAllocateNothingServingMixedRequestsAfterWarmUp() throws Exception {
        IdlePolicy d = IdlePolicy.forShards(SHARDS);
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        try (TestServer server = TestServer.start(SHARDS, b -> b.idle(neverParks))) {
            TestServer.ShardClient[] clients = clientOnEveryShard(server);
            try {
                String[][] keys = new String[SHARDS][];
                for (int s = 0; s < SHARDS; s++) {
                    keys[s] = ShardKeys.on(s, SHARDS, "zg:", KEYS_PER_SHARD);
                }
                byte[][] requests = new byte[SHARDS][];
                byte[][] replies = new byte[SHARDS][];
                for (int s = 0; s < SHARDS; s++) {
                    ByteArrayOutputStream req = new ByteArrayOutputStream();
                    ByteArrayOutputStream rep = new ByteArrayOutputStream();
                    batch(s, keys, req, rep);
                    requests[s] = req.toByteArray();
                    replies[s] = rep.toByteArray();
                }
                clients[SHARDS - 1].client().call(Resp.ok(), "SELECT", Integer.toString(OTHER_DB));
                for (int s = 0; s < SHARDS; s++) { // each client's database holds every key
                    for (int owner = 0; owner < SHARDS; owner++) {
                        for (int k = 0; k < KEYS_PER_SHARD; k++) { // the values never change: fixed replies
                            clients[s].client().call(Resp.ok(), "SET", keys[owner][k], value(owner, k));
                        }
                    }
                }
                ShardThreads threads = server.threads();
                warmUpOneByOne(server, keys, ONE_BY_ONE_WARM_UP);
                ShardThreads.WarmUp warm = threads.allocationAfterWarmUp(MAX_ROUNDS, () -> {
                    for (int b = 0; b < ROUND / BATCH / SHARDS; b++) {
                        for (int s = 0; s < SHARDS; s++) {
                            clients[s].client().send(requests[s]); // 1,000 commands in one write
                        }
                        for (int s = 0; s < SHARDS; s++) {
                            clients[s].client().expect(replies[s]);
                        }
                    }
                });
                long[] allocated = warm.lastRound();
                int rounds = warm.rounds();
                assertArrayEquals(new long[SHARDS], allocated, "heap bytes allocated per shard thread over "
                        + ROUND + " requests, after " + (rounds - 1) + " warm-up rounds");
                // Not vacuous: both shards served their clients, and requests crossed between them.
                server.awaitStatAtLeast(ShardStats.FORWARDED, (long) rounds * ROUND / 4);
                for (int s = 0; s < SHARDS; s++) {
                    server.awaitStatAtLeast(s, ShardStats.COMMANDS, (long) rounds * ROUND / SHARDS);
                }
                clients[SHARDS - 1].client().call(Resp.integer((long) SHARDS * KEYS_PER_SHARD), "DBSIZE");
            } finally {
                for (TestServer.ShardClient c : clients) {
                    c.close();
                }
            }
        }
    }

    /**
     * An idle shard parks about 20 times a second (the 50 ms park timeout) and each park must cost
     * no allocation either: a parked server must not feed the GC.
     */
    @Test
    void parkedShardsAllocateNothing() {
        try (TestServer server = TestServer.start(SHARDS)) {
            String[][] keys = new String[SHARDS][];
            for (int s = 0; s < SHARDS; s++) {
                keys[s] = ShardKeys.on(s, SHARDS, "zp:", KEYS_PER_SHARD);
            }
            try (RawClient c = new RawClient(server.port())) {
                for (int s = 0; s < SHARDS; s++) {
                    for (int k = 0; k < KEYS_PER_SHARD; k++) {
                        c.call(Resp.ok(), "SET", keys[s][k], value(s, k));
                    }
                }
            }
            ShardThreads threads = server.threads();
            long[] allocated = null;
            long parks = 0;
            for (int window = 0; window < 20; window++) {
                warmUpOneByOne(server, keys, 5_000); // bursts and gaps: parks and wakes
                long[] before = threads.allocatedBytes();
                long parksBefore = server.statSum(ShardStats.PARKS);
                parks = server.awaitStatAtLeast(ShardStats.PARKS, parksBefore + 40) - parksBefore; // ~1 s idle
                long[] after = threads.allocatedBytes();
                allocated = new long[SHARDS];
                for (int s = 0; s < SHARDS; s++) {
                    allocated[s] = after[s] - before[s];
                }
                if (Arrays.stream(allocated).allMatch(a -> a == 0)) {
                    break;
                }
            }
            assertArrayEquals(new long[SHARDS], allocated, "heap bytes allocated per shard thread over " + parks
                    + " parks of an idle server");
        }
    }

    /** One client per shard: clients are opened until every shard has accepted one. */
    static TestServer.ShardClient[] clientOnEveryShard(TestServer server) {
        TestServer.ShardClient[] byShard = new TestServer.ShardClient[server.shards()];
        List<TestServer.ShardClient> spare = new ArrayList<>();
        int covered = 0;
        for (int attempt = 0; attempt < 64 && covered < byShard.length; attempt++) {
            TestServer.ShardClient c = server.connect();
            if (byShard[c.shard()] == null) {
                byShard[c.shard()] = c;
                covered++;
            } else {
                spare.add(c);
            }
        }
        spare.forEach(TestServer.ShardClient::close);
        assertEquals(byShard.length, covered, "a client on every shard");
        return byShard;
    }

    private static String value(int shard, int k) {
        return "value-" + shard + "-" + k + "-0123456789abcdef".substring(0, 1 + k % 16);
    }

    /**
     * {@link #BATCH} commands of the client on shard {@code home}: PING, GET and SET of its own
     * shard's keys and the other shard's, MGET of keys on one shard (forwarded whole) and across
     * both (split), and a GET of a missing key.
     */
    private static void batch(int home, String[][] keys, ByteArrayOutputStream req, ByteArrayOutputStream rep) {
        int other = (home + 1) % SHARDS;
        for (int i = 0; i < BATCH; i++) {
            int k = i % KEYS_PER_SHARD;
            int k2 = (i * 7 + 3) % KEYS_PER_SHARD;
            switch (i % 8) {
                case 0 -> add(req, rep, Resp.pong(), "PING");
                case 1 -> add(req, rep, Resp.bulk(value(home, k)), "GET", keys[home][k]);
                case 2 -> add(req, rep, Resp.bulk(value(other, k)), "GET", keys[other][k]);
                case 3 -> add(req, rep, Resp.ok(), "SET", keys[home][k], value(home, k));
                case 4 -> add(req, rep, Resp.ok(), "SET", keys[other][k], value(other, k));
                case 5 -> add(req, rep, Resp.array(Resp.bulk(value(home, k)), Resp.bulk(value(other, k2)),
                        Resp.bulk(value(home, k2))), "MGET", keys[home][k], keys[other][k2], keys[home][k2]);
                case 6 -> add(req, rep, Resp.array(Resp.bulk(value(other, k)), Resp.bulk(value(other, k2))),
                        "MGET", keys[other][k], keys[other][k2]);
                default -> add(req, rep, Resp.nil(), "GET", "zg:missing:" + k);
            }
        }
    }

    private static void add(ByteArrayOutputStream req, ByteArrayOutputStream rep, byte[] reply, String... command) {
        Resp.appendCommand(req, command);
        rep.writeBytes(reply);
    }

    /**
     * Requests one at a time from two clients: many short loop iterations (a read, a write, polls
     * between requests) and large replies that leave with writev.
     */
    private static void warmUpOneByOne(TestServer server, String[][] keys, int requests) {
        String big = "B".repeat(40_000); // several 16 KiB output chunks
        try (RawClient c = new RawClient(server.port())) {
            for (int s = 0; s < SHARDS; s++) {
                c.call(Resp.ok(), "SET", "zg:big:" + s, big);
            }
        }
        int clients = 2;
        Thread[] threads = new Thread[clients];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < clients; t++) {
            threads[t] = new Thread(() -> {
                try (RawClient c = new RawClient(server.port())) {
                    for (int i = 0; i < requests / clients; i++) {
                        int s = i % SHARDS;
                        int k = i % KEYS_PER_SHARD;
                        switch (i % 5) {
                            case 0 -> c.call(Resp.pong(), "PING");
                            case 1 -> c.call(Resp.bulk(value(s, k)), "GET", keys[s][k]);
                            case 2 -> c.call(Resp.ok(), "SET", keys[s][k], value(s, k));
                            case 3 -> c.call(Resp.array(Resp.bulk(value(0, k)), Resp.bulk(value(1, k))),
                                    "MGET", keys[0][k], keys[1][k]);
                            default -> c.call(Resp.bulk(big), "GET", "zg:big:" + s);
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "zero-gc-warm-up-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new AssertionError("warm-up client failed", failure[0]);
            }
        }
    }

    /**
     * The meter is not blind: a handler that allocates on purpose ({@code ALLOC n} makes a
     * {@code long[n]}) shows at least those bytes on its shard thread, read the same way.
     */
    @Test
    void theShardAllocationMeterSeesADeliberateAllocation() {
        RuntimeConfig config = RuntimeConfig.builder().shards(1).build();
        Set<Thread> others = ShardThreads.alive();
        KevyRuntime runtime = KevyRuntime.start(config,
                Listener.tcp("127.0.0.1", 0, new RespCodec(), context -> new AllocatingHandler()));
        try (RawClient c = new RawClient(runtime.port())) {
            ShardThreads thread = ShardThreads.startedAfter(others, 1);
            int calls = 100;
            int longs = 10_000;
            long before = thread.allocatedBytes()[0];
            for (int i = 0; i < calls; i++) {
                c.call(Resp.integer(longs), "ALLOC", Integer.toString(longs));
            }
            long allocated = thread.allocatedBytes()[0] - before;
            assertTrue(allocated >= (long) calls * longs * Long.BYTES,
                    "the meter saw " + allocated + " bytes for " + calls + " arrays of " + longs + " longs");
        } finally {
            runtime.stop();
        }
    }

    /** Answers {@code ALLOC n} with {@code :n} after allocating {@code new long[n]}. */
    private static final class AllocatingHandler implements CommandHandler {
        static volatile Object sink;

        @Override
        public int route(Request command, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request command, Session session, OutputBuffer reply) {
            command.parseLong(1);
            long[] garbage = new long[(int) command.longValue()];
            sink = garbage;
            RespWriter.integer(reply, garbage.length);
        }

        @Override
        public void fanOut(Request command, Session session, FanOut plan) {
            throw new AssertionError("no fan-out here");
        }
    }
}
