package dev.kevy.server;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The shard threads of one kevy runtime ("kevy-shard-N"), and what the JVM's thread bean says
 * about them: heap bytes allocated and CPU time.
 *
 * <p>The bean is reached through public method handles, as the store tests do, so the server
 * module needs no readability edge to {@code java.management}/{@code jdk.management}.
 */
public final class ShardThreads {

    private static final MethodHandle ALLOCATED;
    private static final MethodHandle CPU_TIME;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> threadBean = Class.forName("java.lang.management.ThreadMXBean");
            Class<?> sunThreadBean = Class.forName("com.sun.management.ThreadMXBean");
            Object bean = lookup.findStatic(factory, "getThreadMXBean", MethodType.methodType(threadBean)).invoke();
            ALLOCATED = lookup.findVirtual(sunThreadBean, "getThreadAllocatedBytes",
                    MethodType.methodType(long[].class, long[].class)).bindTo(bean);
            CPU_TIME = lookup.findVirtual(threadBean, "getThreadCpuTime",
                    MethodType.methodType(long.class, long.class)).bindTo(bean);
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }

    private final long[] ids;

    private ShardThreads(long[] ids) {
        this.ids = ids;
    }

    /** Shard threads alive now, of whatever runtime. */
    public static Set<Thread> alive() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("kevy-shard-") && t.isAlive()) {
                threads.add(t);
            }
        }
        return threads;
    }

    /**
     * The {@code shards} shard threads of the runtime started after {@code before} was taken
     * ({@link #alive()}): a runtime some other test left running cannot be mistaken for it.
     */
    public static ShardThreads startedAfter(Set<Thread> before, int shards) {
        long[] ids = new long[shards];
        int[] found = new int[shards];
        for (Thread t : alive()) {
            if (before.contains(t)) {
                continue;
            }
            int i = Integer.parseInt(t.getName().substring("kevy-shard-".length()));
            if (i >= shards) {
                throw new AssertionError("unexpected shard thread " + t.getName());
            }
            ids[i] = t.threadId();
            found[i]++;
        }
        for (int i = 0; i < shards; i++) {
            if (found[i] != 1) {
                throw new AssertionError(found[i] + " new threads named kevy-shard-" + i + ": "
                        + Arrays.toString(found));
            }
        }
        return new ShardThreads(ids);
    }

    long[] ids() {
        return ids.clone();
    }

    /** Heap bytes each shard thread has allocated since it started. */
    /** Total heap bytes the shard threads have allocated since they started. */
    public long totalAllocatedBytes() {
        long sum = 0;
        for (long b : allocatedBytes()) {
            sum += b;
        }
        return sum;
    }

    public long[] allocatedBytes() {
        try {
            long[] bytes = (long[]) ALLOCATED.invokeExact(ids);
            for (long b : bytes) {
                if (b < 0) {
                    throw new AssertionError("allocation measurement unsupported or thread gone: "
                            + Arrays.toString(bytes));
                }
            }
            return bytes;
        } catch (Throwable t) {
            throw t instanceof AssertionError a ? a : new AssertionError(t);
        }
    }

    /** What {@link #allocationAfterWarmUp} saw: each thread's bytes in the last round, and how many rounds ran. */
    public record WarmUp(long[] lastRound, int rounds) {
        /** Whether the last round allocated nothing on any shard thread. */
        public boolean clean() {
            return Arrays.stream(lastRound).allMatch(b -> b == 0);
        }

        /** Bytes all shard threads allocated in the last round. */
        public long total() {
            return Arrays.stream(lastRound).sum();
        }
    }

    /** One round of a test's load; may throw. */
    @FunctionalInterface
    public interface Round {
        void run() throws Exception;
    }

    /**
     * Runs {@code round} until one leaves every shard thread's allocation counter where it was, or
     * {@code maxRounds} times (the JIT compiles meanwhile): the zero-allocation tests' loop, which
     * then assert {@code new long[shards]} equals {@link WarmUp#lastRound()}.
     */
    public WarmUp allocationAfterWarmUp(int maxRounds, Round round) throws Exception {
        long[] allocated = new long[ids.length];
        int rounds = 0;
        while (rounds < maxRounds) {
            rounds++;
            long[] before = allocatedBytes();
            round.run();
            long[] after = allocatedBytes();
            for (int s = 0; s < ids.length; s++) {
                allocated[s] = after[s] - before[s];
            }
            if (Arrays.stream(allocated).allMatch(a -> a == 0)) {
                break;
            }
        }
        return new WarmUp(allocated, rounds);
    }

    /** CPU nanoseconds used so far by all shard threads together. */
    long cpuNanos() {
        long sum = 0;
        for (long id : ids) {
            long t;
            try {
                t = (long) CPU_TIME.invokeExact(id);
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
            if (t < 0) {
                throw new AssertionError("thread CPU time unsupported or thread " + id + " gone");
            }
            sum += t;
        }
        return sum;
    }
}
