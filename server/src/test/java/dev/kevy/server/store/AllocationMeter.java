package dev.kevy.server.store;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Heap bytes allocated by the current thread, from {@code com.sun.management.ThreadMXBean}.
 *
 * <p>Looked up reflectively with the public lookup, which needs no readability edge: the server
 * module does not read {@code java.management}/{@code jdk.management}, and the test should not
 * make it. The handle is bound to the bean and invoked exactly, so reading it boxes nothing.
 */
final class AllocationMeter {
    private static final MethodHandle CURRENT_THREAD_ALLOCATED_BYTES;

    static {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean").invoke(null);
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            CURRENT_THREAD_ALLOCATED_BYTES = MethodHandles.publicLookup()
                .findVirtual(type, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                .bindTo(bean);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AllocationMeter() {
    }

    static long allocatedBytes() {
        try {
            return (long) CURRENT_THREAD_ALLOCATED_BYTES.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
