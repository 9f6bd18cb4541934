package dev.kevy.server.compat;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespLimits;
import dev.kevy.io.ShardStats;
import dev.kevy.server.KevyServer;
import dev.kevy.server.LiveSettings;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A kevy server in this JVM on a free port, built the way {@code Main} builds one, stopped by
 * {@link #close()} (which fails the test if a shard died).
 */
public final class Kevy implements AutoCloseable {

    /** Longest a test waits for a condition it can observe. */
    public static final long WAIT_MILLIS = 20_000;

    private final KevyRuntime runtime;
    private final LiveSettings settings;

    private Kevy(KevyRuntime runtime, LiveSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    public static Kevy start(int shards) {
        return start(shards, null, b -> b);
    }

    /** Starts {@code shards} shards, with {@code requirePass} (or none) and {@code tweak}ed runtime defaults. */
    public static Kevy start(int shards, String requirePass, UnaryOperator<RuntimeConfig.Builder> tweak) {
        RuntimeConfig config = tweak.apply(RuntimeConfig.builder().shards(shards)).build();
        LiveSettings settings = LiveSettings.of(config, "127.0.0.1", 0, RespLimits.DEFAULT_MAX_BULK_LENGTH,
                requirePass, 0);
        Listener resp = Listener.tcp("127.0.0.1", 0, new RespCodec(), new KevyServer(settings))
                .withRequireAuth(requirePass != null);
        return new Kevy(KevyRuntime.start(config, resp), settings);
    }

    public int port() {
        return runtime.port();
    }

    public int shards() {
        return runtime.shardCount();
    }

    public KevyRuntime runtime() {
        return runtime;
    }

    public LiveSettings settings() {
        return settings;
    }

    /** Counter {@code counter} ({@link ShardStats}) summed over shards, as last published (each tick). */
    public long statSum(int counter) {
        long sum = 0;
        for (int i = 0; i < shards(); i++) {
            sum += runtime.stats(i).get(counter);
        }
        return sum;
    }

    /** Waits until the published sum of {@code counter} is {@code expected}; fails after {@link #WAIT_MILLIS}. */
    public void awaitStat(String what, int counter, long expected) {
        awaitValue(what, () -> statSum(counter), expected);
    }

    /** Polls {@code value} until it is {@code expected}; fails with the last value seen after {@link #WAIT_MILLIS}. */
    public static void awaitValue(String what, LongSupplier value, long expected) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        long seen;
        while ((seen = value.getAsLong()) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " is " + seen + " after " + WAIT_MILLIS + " ms, expected " + expected);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // polling interval
        }
    }

    @Override
    public void close() {
        runtime.stop();
        Throwable failure = runtime.failure();
        if (failure != null) {
            throw new AssertionError("a shard failed", failure);
        }
    }
}
