package dev.kevy.rt.idle;

/**
 * How a shard waits when it has nothing to do: spin a while, yield a while, then park in its
 * poller until woken.
 *
 * <ul>
 *   <li>{@code spinLimit}: idle iterations that busy-poll ({@link Thread#onSpinWait()} between
 *       polls with a zero timeout) before anything else. A message from a spinning peer costs no
 *       wake syscall, but a spinning shard holds its core.</li>
 *   <li>{@code yieldLimit}: idle iterations after that which poll and then {@link Thread#yield()},
 *       giving the core to any other runnable thread (a client, another shard, the JIT).</li>
 *   <li>{@code parkTimeoutNanos}: the longest a parked shard blocks. A backstop against a lost
 *       wake outside this protocol (a failed eventfd write), never the way a shard is woken;
 *       at most {@code tickIntervalNanos} so an idle shard still ticks on time.</li>
 *   <li>{@code tickIntervalNanos}: how often the shard's housekeeping tick runs (key expiry,
 *       blocked-client timeouts, AOF fsync), about 100 ms.</li>
 *   <li>{@code tickCheckEvery}: loop iterations between clock reads for the tick, so a busy shard
 *       does not read the clock every iteration.</li>
 * </ul>
 *
 * <h2>Defaults: spinning needs spare cores</h2>
 * A spinning shard is only cheap when it has a core to itself and something else (clients,
 * the kernel's network work, GC and JIT threads) has the rest. Measured on a 2-core machine, two
 * spinning shards plus a local client starved the client and pushed p99 to about 15 ms; and one
 * spinning shard beside an open-loop client that polls its own core lost 18 to 29% of its
 * open-loop capacity to a shard that does not spin (docs/BENCHMARKS.md). So
 * {@link #forShards(int, int)} spins only when the shards leave at least two cores free
 * ({@code shards <= cores - 2}: one for clients, one for the kernel's network work and the JVM's
 * own threads): {@value #DEFAULT_SPIN_LIMIT} busy iterations, no yields. Otherwise it parks at
 * once, as {@link #lowCpu()} does. It used to yield {@value #DEFAULT_YIELD_LIMIT} times first, to
 * catch a reply already on its way; measured beside an open-loop client on 2 cores, those yields
 * cost the tail instead: a shard that keeps giving its core away and taking it back runs up
 * scheduler debt, so when a request arrives it waits behind the client's threads, where a
 * parked shard is woken ahead of them. Open-loop p99 at 25% and 50% of Redis's peak went from
 * above Redis's to 0.93x and 0.96x of it (docs/BENCHMARKS.md, "The idle tail"). The yield phase
 * remains for runtime-io's spin guard (a shard whose spinning it suspended yields instead) and
 * for explicit policies.
 */
public record IdlePolicy(int spinLimit, int yieldLimit, long parkTimeoutNanos, long tickIntervalNanos,
                         int tickCheckEvery) {
    /** Busy-spin iterations when the shards leave two cores free; the reference runtime's figure. */
    public static final int DEFAULT_SPIN_LIMIT = 256;
    /** Yielding iterations of a shard whose spinning was suspended (runtime-io's SpinGuard). */
    public static final int DEFAULT_YIELD_LIMIT = 16;
    /** Park backstop: 50 ms. */
    public static final long DEFAULT_PARK_TIMEOUT_NANOS = 50_000_000L;
    /** Tick interval: 100 ms. */
    public static final long DEFAULT_TICK_INTERVAL_NANOS = 100_000_000L;
    /** Iterations between clock reads for the tick. */
    public static final int DEFAULT_TICK_CHECK_EVERY = 256;

    /** Validates the settings. */
    public IdlePolicy {
        if (spinLimit < 0 || yieldLimit < 0) {
            throw new IllegalArgumentException("spin and yield limits must be >= 0: " + spinLimit + ", " + yieldLimit);
        }
        if (tickIntervalNanos <= 0 || tickCheckEvery < 1) {
            throw new IllegalArgumentException("tick interval must be > 0 and tick check >= 1");
        }
        if (parkTimeoutNanos <= 0 || parkTimeoutNanos > tickIntervalNanos) {
            throw new IllegalArgumentException("park timeout must be in (0, tick interval]: " + parkTimeoutNanos);
        }
    }

    /** Defaults for {@code shards} shards on this machine ({@link Runtime#availableProcessors()}). */
    public static IdlePolicy forShards(int shards) {
        return forShards(shards, Runtime.getRuntime().availableProcessors());
    }

    /** Defaults for {@code shards} shards on {@code cores} cores; see the class comment. */
    public static IdlePolicy forShards(int shards, int cores) {
        if (shards < 1 || cores < 1) {
            throw new IllegalArgumentException("shards and cores must be >= 1: " + shards + ", " + cores);
        }
        boolean spareCores = shards <= cores - 2;
        return new IdlePolicy(spareCores ? DEFAULT_SPIN_LIMIT : 0, 0,
                DEFAULT_PARK_TIMEOUT_NANOS, DEFAULT_TICK_INTERVAL_NANOS, DEFAULT_TICK_CHECK_EVERY);
    }

    /** Never spins nor yields: the first idle iteration parks. */
    public static IdlePolicy lowCpu() {
        return new IdlePolicy(0, 0, DEFAULT_PARK_TIMEOUT_NANOS, DEFAULT_TICK_INTERVAL_NANOS, DEFAULT_TICK_CHECK_EVERY);
    }

    /** Whether an idle shard parks on its first idle iteration. */
    public boolean neverSpins() {
        return spinLimit == 0 && yieldLimit == 0;
    }
}
