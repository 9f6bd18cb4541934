package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.fail;

import dev.kevy.io.KevyRuntime;
import dev.kevy.server.persist.AppendLog;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespLimits;
import dev.kevy.io.ShardStats;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/** An in-process kevy server on a free port, stopped by {@link #close()}. */
final class TestServer implements AutoCloseable {

    /** Longest a test waits for a condition it observes (a counter published at a tick, say). */
    static final long WAIT_MILLIS = 20_000;
    static final long POLL_NANOS = 2_000_000;

    private final KevyRuntime runtime;
    private final ShardThreads threads;

    /** The append-only log, stopped after the shards, or null. */
    private AppendLog log;

    private TestServer(KevyRuntime runtime, ShardThreads threads) {
        this.runtime = runtime;
        this.threads = threads;
    }

    static TestServer start(int shards) {
        return start(shards, b -> b);
    }

    /** Starts with the defaults on port 0, adjusted by {@code tweak}. */
    static TestServer start(int shards, UnaryOperator<RuntimeConfig.Builder> tweak) {
        return start(shards, 0, RespLimits.DEFAULTS, tweak);
    }

    /** Starts on {@code port} with RESP {@code limits} and the runtime defaults adjusted by {@code tweak}. */
    static TestServer start(int shards, int port, RespLimits limits, UnaryOperator<RuntimeConfig.Builder> tweak) {
        RuntimeConfig config = tweak.apply(RuntimeConfig.builder().shards(shards)).build();
        Set<Thread> before = ShardThreads.alive();
        LiveSettings settings = LiveSettings.of(config, "127.0.0.1", port, limits.maxBulkLength(), null, 0);
        KevyRuntime runtime = KevyRuntime.start(config,
                Listener.tcp("127.0.0.1", port, new RespCodec(limits), new KevyServer(settings)));
        try {
            return new TestServer(runtime, ShardThreads.startedAfter(before, config.shards()));
        } catch (RuntimeException | Error e) {
            runtime.stop();
            throw e;
        }
    }

    /**
     * Starts with the append-only log {@code log} (its base loaded, its records replayed), whose
     * writer reaches the disk through {@code disk}; the log stops after the shards on close.
     */
    static TestServer startLogged(int shards, AppendLog log, AppendLog.Disk disk, UnaryOperator<RuntimeConfig.Builder> tweak) {
        RuntimeConfig config = tweak.apply(RuntimeConfig.builder().shards(shards)).build();
        Set<Thread> before = ShardThreads.alive();
        LiveSettings settings = LiveSettings.of(config, "127.0.0.1", 0, RespLimits.DEFAULTS.maxBulkLength(), null, 0);
        KevyRuntime runtime = KevyRuntime.start(config, Listener.tcp("127.0.0.1", 0, new RespCodec(RespLimits.DEFAULTS),
                new KevyServer(settings, log.base(), log)));
        log.start(shard -> runtime.submit(shard, Durability.RELEASE), disk);
        try {
            TestServer server = new TestServer(runtime, ShardThreads.startedAfter(before, config.shards()));
            server.log = log;
            return server;
        } catch (RuntimeException | Error e) {
            runtime.stop();
            log.stop();
            throw e;
        }
    }

    KevyRuntime runtime() {
        return runtime;
    }

    /** This server's shard threads (their allocation and CPU counters). */
    ShardThreads threads() {
        return threads;
    }

    int port() {
        return runtime.port();
    }

    int shards() {
        return runtime.shardCount();
    }

    long stat(int shard, int counter) {
        return runtime.stats(shard).get(counter);
    }

    long statSum(int counter) {
        long sum = 0;
        for (int i = 0; i < shards(); i++) {
            sum += stat(i, counter);
        }
        return sum;
    }

    /** Open connections per shard as last published (each tick). */
    int[] connectionsPerShard() {
        int[] n = new int[shards()];
        for (int i = 0; i < n.length; i++) {
            n[i] = (int) stat(i, ShardStats.CONNECTIONS);
        }
        return n;
    }

    /** Waits until the shards' published open-connection count is {@code expected}. */
    void awaitOpenConnections(long expected) {
        awaitStat(ShardStats.CONNECTIONS, expected);
    }

    /** Waits until the sum over shards of {@code counter} is {@code expected}. */
    void awaitStat(int counter, long expected) {
        awaitStat(counter, expected, false);
    }

    /** Waits until the sum over shards of {@code counter} is at least {@code least}; returns it. */
    long awaitStatAtLeast(int counter, long least) {
        return awaitStat(counter, least, true);
    }

    /** Waits until shard {@code shard}'s {@code counter} is at least {@code least}; returns it. */
    long awaitStatAtLeast(int shard, int counter, long least) {
        return awaitStat(shard, counter, least, true);
    }

    private long awaitStat(int counter, long expected, boolean atLeast) {
        return awaitStat(-1, counter, expected, atLeast);
    }

    /** Polls one shard's counter, or their sum ({@code shard < 0}), until it is (at least) {@code expected}. */
    private long awaitStat(int shard, int counter, long expected, boolean atLeast) {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        long seen;
        while ((seen = shard < 0 ? statSum(counter) : stat(shard, counter)) != expected
                && !(atLeast && seen > expected)) {
            if (System.nanoTime() > deadline) {
                fail((shard < 0 ? "shard counter " : "shard " + shard + " counter ") + counter + " is " + seen
                        + " after " + WAIT_MILLIS + " ms, expected "
                        + (atLeast ? "at least " : "") + expected);
            }
            LockSupport.parkNanos(POLL_NANOS); // a polling interval, not a guess at how long it takes
        }
        return seen;
    }

    /**
     * Opens a client and finds which shard accepted it: the one whose published connection count
     * rose (the count is published each tick). Every earlier client must stay open meanwhile.
     */
    ShardClient connect() {
        int[] before = connectionsPerShard();
        long expected = statSum(ShardStats.CONNECTIONS) + 1;
        RawClient client = new RawClient(port());
        awaitOpenConnections(expected);
        int[] after = connectionsPerShard();
        for (int i = 0; i < after.length; i++) {
            if (after[i] == before[i] + 1) {
                return new ShardClient(client, i);
            }
        }
        client.close();
        throw new AssertionError("no shard's connection count rose by one");
    }

    /** A raw client and the shard that serves it. */
    record ShardClient(RawClient client, int shard) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    @Override
    public void close() {
        runtime.stop();
        if (log != null) {
            log.stop();
        }
        Throwable failure = runtime.failure();
        if (failure != null) {
            throw new AssertionError("a shard failed", failure);
        }
    }
}
