package dev.kevy.examples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.ShardStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a runtime's shard counters. A shard publishes its counters once per tick, so a test
 * polls until the value it can observe arrives, with a deadline rather than a guessed sleep.
 */
public final class RuntimeStats {
    private static final long WAIT_NANOS = 10_000_000_000L;
    private static final long POLL_NANOS = 5_000_000L;

    private RuntimeStats() {
    }

    /** Counter {@code counter} summed over every shard. */
    public static long sum(KevyRuntime runtime, int counter) {
        long sum = 0;
        for (int s = 0; s < runtime.shardCount(); s++) {
            sum += runtime.stats(s).get(counter);
        }
        return sum;
    }

    /**
     * Opens connections until every shard has accepted at least one (the kernel spreads them over
     * the shards' listening sockets by address hash), at most 64; returns them all.
     */
    public static <C extends AutoCloseable> List<C> openOnEveryShard(KevyRuntime runtime, Opener<C> opener)
            throws Exception {
        int shards = runtime.shardCount();
        long[] before = new long[shards];
        for (int s = 0; s < shards; s++) {
            before[s] = runtime.stats(s).get(ShardStats.ACCEPTED);
        }
        List<C> connections = new ArrayList<>();
        long total = sum(runtime, ShardStats.ACCEPTED);
        while (connections.size() < 64) {
            connections.add(opener.open());
            awaitAtLeast(runtime, -1, ShardStats.ACCEPTED, total + connections.size());
            boolean everyShard = true;
            for (int s = 0; s < shards; s++) {
                everyShard &= runtime.stats(s).get(ShardStats.ACCEPTED) > before[s];
            }
            if (everyShard) {
                return connections;
            }
        }
        throw new AssertionError("64 connections and a shard accepted none");
    }

    /** Opens one client connection. */
    @FunctionalInterface
    public interface Opener<C> {
        C open() throws Exception;
    }

    /** Waits until shard {@code shard}'s counter (or, for {@code shard < 0}, the sum) is at least {@code least}. */
    public static long awaitAtLeast(KevyRuntime runtime, int shard, int counter, long least) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        long seen;
        while ((seen = shard < 0 ? sum(runtime, counter) : runtime.stats(shard).get(counter)) < least) {
            if (System.nanoTime() > deadline) {
                fail("counter " + counter + (shard < 0 ? " summed" : " of shard " + shard) + " is " + seen
                        + " after " + WAIT_NANOS / 1_000_000 + " ms, expected at least " + least);
            }
            LockSupport.parkNanos(POLL_NANOS); // a polling interval, not a guess at how long it takes
        }
        return seen;
    }
}
