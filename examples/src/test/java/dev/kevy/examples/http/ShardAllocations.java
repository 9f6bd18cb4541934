package dev.kevy.examples.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashSet;
import java.util.Set;

/**
 * Heap bytes allocated by a runtime's shard threads ({@code kevy-shard-N}), from the JVM's
 * {@code com.sun.management.ThreadMXBean}.
 *
 * <p>The bean is reached with public method handles found by name, so the examples module needs
 * no {@code requires java.management}, and a handle typed {@code (long[])long[]} reads every
 * counter in one call without boxing.
 */
final class ShardAllocations {
    private static final String PREFIX = "kevy-shard-";
    private static final MethodHandle ALLOCATED = threadAllocatedBytes();

    private final long[] ids;

    private ShardAllocations(long[] ids) {
        this.ids = ids;
    }

    /** Shard threads alive now, of whatever runtime: take this before starting the one to measure. */
    static Set<Thread> alive() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(PREFIX) && t.isAlive()) {
                threads.add(t);
            }
        }
        return threads;
    }

    /** The {@code shards} shard threads that were not alive in {@code before}. */
    static ShardAllocations startedAfter(Set<Thread> before, int shards) {
        long[] ids = new long[shards];
        int found = 0;
        for (Thread t : alive()) {
            if (!before.contains(t)) {
                int shard = Integer.parseInt(t.getName().substring(PREFIX.length()));
                ids[shard] = t.threadId();
                found++;
            }
        }
        if (found != shards) {
            throw new AssertionError(found + " new shard threads, expected " + shards);
        }
        return new ShardAllocations(ids);
    }

    /** Bytes each shard thread has allocated since it started. */
    long[] allocatedBytes() {
        long[] bytes;
        try {
            bytes = (long[]) ALLOCATED.invokeExact(ids);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        for (long b : bytes) {
            if (b < 0) {
                throw new AssertionError("thread allocation measurement unsupported, or a shard thread is gone");
            }
        }
        return bytes;
    }

    private static MethodHandle threadAllocatedBytes() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> threadBean = Class.forName("java.lang.management.ThreadMXBean");
            Class<?> extendedBean = Class.forName("com.sun.management.ThreadMXBean");
            Object bean = lookup.findStatic(factory, "getThreadMXBean", MethodType.methodType(threadBean)).invoke();
            return lookup.findVirtual(extendedBean, "getThreadAllocatedBytes",
                    MethodType.methodType(long[].class, long[].class)).bindTo(bean);
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }
}
