package dev.kevy.examples;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.rt.idle.IdlePolicy;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Heap bytes allocated by the shard threads of one runtime (named {@code kevy-shard-N}), as the
 * JVM's {@code com.sun.management.ThreadMXBean} counts them.
 *
 * <p>The bean is reached through public method handles rather than a {@code requires}: the tests
 * run inside the examples module, which should read nothing but {@code dev.kevy.io}. The JVM
 * resolves {@code java.management} anyway, because the test launcher runs from the class path.
 */
public final class ShardAllocations {
    private static final String PREFIX = "kevy-shard-";
    private static final MethodHandle ALLOCATED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> threadBean = Class.forName("java.lang.management.ThreadMXBean");
            Class<?> allocatingBean = Class.forName("com.sun.management.ThreadMXBean");
            Object bean = lookup.findStatic(factory, "getThreadMXBean", MethodType.methodType(threadBean)).invoke();
            ALLOCATED = lookup.findVirtual(allocatingBean, "getThreadAllocatedBytes",
                    MethodType.methodType(long[].class, long[].class)).bindTo(bean);
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }

    private final long[] threadIds;

    private ShardAllocations(long[] threadIds) {
        this.threadIds = threadIds;
    }

    /**
     * A runtime of {@code shards} shards whose idle shards yield instead of parking, so that no
     * measured round depends on whether a shard happened to park between two batches.
     */
    public static RuntimeConfig neverParking(int shards) {
        IdlePolicy d = IdlePolicy.forShards(shards);
        IdlePolicy yieldsForever = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        return RuntimeConfig.builder().shards(shards).idle(yieldsForever).build();
    }

    /** Shard threads alive now, of any runtime: take it before starting the one to measure. */
    public static Set<Thread> alive() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(PREFIX) && t.isAlive()) {
                threads.add(t);
            }
        }
        return threads;
    }

    /**
     * The {@code shards} shard threads started since {@code before} was taken, so a runtime another
     * test left behind is never measured by mistake.
     */
    public static ShardAllocations startedAfter(Set<Thread> before, int shards) {
        long[] ids = new long[shards];
        int[] found = new int[shards];
        for (Thread t : alive()) {
            if (!before.contains(t)) {
                int shard = Integer.parseInt(t.getName().substring(PREFIX.length()));
                ids[shard] = t.threadId();
                found[shard]++;
            }
        }
        for (int s = 0; s < shards; s++) {
            if (found[s] != 1) {
                throw new AssertionError(found[s] + " new threads named " + PREFIX + s + ": " + Arrays.toString(found));
            }
        }
        return new ShardAllocations(ids);
    }

    /** Heap bytes each shard thread has allocated since it started. */
    public long[] allocatedBytes() {
        long[] bytes;
        try {
            bytes = (long[]) ALLOCATED.invokeExact(threadIds);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        for (long b : bytes) {
            if (b < 0) {
                throw new AssertionError("allocation counting unsupported or a thread is gone: "
                        + Arrays.toString(bytes));
            }
        }
        return bytes;
    }

    /**
     * Runs {@code round} until one round leaves every shard thread's count unchanged, at most
     * {@code maxRounds} times (the JIT compiles the paths meanwhile).
     */
    public Measurement untilARoundAllocatesNothing(int maxRounds, Round round) throws Exception {
        long[] allocated = null;
        for (int r = 1; r <= maxRounds; r++) {
            long[] before = allocatedBytes();
            round.run();
            long[] after = allocatedBytes();
            allocated = new long[after.length];
            boolean none = true;
            for (int s = 0; s < after.length; s++) {
                allocated[s] = after[s] - before[s];
                none &= allocated[s] == 0;
            }
            if (none) {
                return new Measurement(allocated, r);
            }
        }
        return new Measurement(allocated, maxRounds);
    }

    /**
     * @param lastRound heap bytes each shard thread allocated in the last round run: all zero when
     *                  the paths allocate nothing once compiled
     * @param rounds    rounds run, the clean one included
     */
    public record Measurement(long[] lastRound, int rounds) {
    }

    /** One round of requests; may throw what a socket throws. */
    @FunctionalInterface
    public interface Round {
        void run() throws Exception;
    }
}
