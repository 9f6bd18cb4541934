package dev.kevy.server.hardening;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Heap bytes allocated by the shard threads ("kevy-shard-N") of the one runtime running in this
 * JVM, from {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}. Reached through
 * public method handles, so the server module needs no readability edge to the management modules.
 */
final class ShardAllocations {

    private static final MethodHandle ALLOCATED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> bean = Class.forName("java.lang.management.ThreadMXBean");
            Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
            Object threads = lookup.findStatic(factory, "getThreadMXBean", MethodType.methodType(bean)).invoke();
            ALLOCATED = lookup.findVirtual(sunBean, "getThreadAllocatedBytes",
                    MethodType.methodType(long[].class, long[].class)).bindTo(threads);
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }

    private final long[] ids;

    private ShardAllocations(long[] ids) {
        this.ids = ids;
    }

    /** The {@code shards} live shard threads; fails unless there is exactly one of each name. */
    static ShardAllocations of(int shards) {
        long[] ids = new long[shards];
        int[] found = new int[shards];
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("kevy-shard-") && t.isAlive()) {
                int i = Integer.parseInt(t.getName().substring("kevy-shard-".length()));
                if (i >= shards) {
                    throw new AssertionError("a shard thread of another runtime is alive: " + t.getName());
                }
                ids[i] = t.threadId();
                found[i]++;
            }
        }
        for (int n : found) {
            if (n != 1) {
                throw new AssertionError("shard threads found per index: " + Arrays.toString(found));
            }
        }
        return new ShardAllocations(ids);
    }

    /** Total heap bytes the shard threads have allocated since they started. */
    long total() {
        try {
            long sum = 0;
            for (long b : (long[]) ALLOCATED.invokeExact(ids)) {
                if (b < 0) {
                    throw new AssertionError("allocation measurement unsupported, or a shard thread ended");
                }
                sum += b;
            }
            return sum;
        } catch (Throwable t) {
            throw t instanceof AssertionError a ? a : new AssertionError(t);
        }
    }
}
