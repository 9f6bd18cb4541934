package dev.kevy.rt.ring;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the calling thread, from {@code com.sun.management.ThreadMXBean}. */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Bytes the current thread has allocated since it started. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
