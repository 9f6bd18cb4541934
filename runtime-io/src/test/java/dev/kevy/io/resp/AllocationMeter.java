package dev.kevy.io.resp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Bytes allocated by the current thread, from {@code com.sun.management.ThreadMXBean}.
 *
 * <p>Reached through a public method handle rather than a {@code requires jdk.management}: the
 * runtime module must not depend on it, and a handle typed {@code ()long} reads the counter
 * without boxing, so the probe itself allocates nothing.
 */
public final class AllocationMeter {
    private static final MethodHandle CURRENT_THREAD_ALLOCATED_BYTES = lookup();
    private static final MethodHandle THREADS_ALLOCATED_BYTES = lookupThreads();

    private AllocationMeter() {
    }

    public static long allocatedBytes() {
        try {
            return (long) CURRENT_THREAD_ALLOCATED_BYTES.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Bytes each of the threads {@code ids} has allocated since it started (-1: gone or unsupported). */
    public static long[] allocatedBytes(long[] ids) {
        try {
            return (long[]) THREADS_ALLOCATED_BYTES.invokeExact(ids);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * The ids of the {@code shards} shard threads ({@code kevy-shard-N}) that are not in
     * {@code before}: those of the runtime started after {@code before} was taken.
     */
    public static long[] shardThreadIds(java.util.Set<Thread> before, int shards) {
        long[] ids = new long[shards];
        int found = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("kevy-shard-") && t.isAlive() && !before.contains(t)) {
                ids[Integer.parseInt(t.getName().substring("kevy-shard-".length()))] = t.threadId();
                found++;
            }
        }
        if (found != shards) {
            throw new AssertionError(found + " new shard threads, expected " + shards);
        }
        return ids;
    }

    /**
     * Runs {@code rounds} rounds of {@code opsPerRound} calls and returns the bytes allocated by
     * the first round that allocated nothing, or by the last round: earlier rounds are warm-up
     * while the JIT compiles the path.
     */
    public static long bytesPerRound(int rounds, int opsPerRound, Op op) {
        long allocated = -1;
        for (int round = 0; round < rounds; round++) {
            long before = allocatedBytes();
            for (int i = 0; i < opsPerRound; i++) {
                op.run(i);
            }
            allocated = allocatedBytes() - before;
            if (allocated == 0) {
                return 0;
            }
        }
        return allocated;
    }

    /** One operation under measurement; {@code i} is its index in the round. */
    @FunctionalInterface
    public interface Op {
        void run(int i);
    }

    private static MethodHandle lookupThreads() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> threadBean = Class.forName("java.lang.management.ThreadMXBean");
            Class<?> sunThreadBean = Class.forName("com.sun.management.ThreadMXBean");
            Object bean = lookup.findStatic(factory, "getThreadMXBean", MethodType.methodType(threadBean)).invoke();
            return lookup.findVirtual(sunThreadBean, "getThreadAllocatedBytes",
                    MethodType.methodType(long[].class, long[].class)).bindTo(bean);
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }

    private static MethodHandle lookup() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> threadBean = Class.forName("java.lang.management.ThreadMXBean");
            Class<?> sunThreadBean = Class.forName("com.sun.management.ThreadMXBean");
            Object bean = lookup.findStatic(factory, "getThreadMXBean", MethodType.methodType(threadBean))
                    .invoke();
            return lookup.findVirtual(sunThreadBean, "getCurrentThreadAllocatedBytes",
                    MethodType.methodType(long.class)).bindTo(bean);
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }
}
