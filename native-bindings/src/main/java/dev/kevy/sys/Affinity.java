package dev.kevy.sys;

import dev.kevy.sys.linux.cpu_set_t;
import dev.kevy.sys.linux.process_h;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Pins the calling platform thread to one CPU ({@code sched_setaffinity} on Linux), so a shard
 * keeps its caches and never migrates. macOS has no affinity call: there {@link #pinCurrentThread}
 * returns {@code -Errno.ENOTSUP} and the runtime runs unpinned.
 */
public final class Affinity {

    /** CPUs a {@code cpu_set_t} can name: its size in bits (1024 with glibc). */
    public static final int MAX_CPUS = (int) (cpu_set_t.sizeof() * Byte.SIZE);

    private static final boolean LINUX = Platform.isLinux();
    private static final long MASK_SIZE = cpu_set_t.sizeof();
    /** One __cpu_mask word of the mask (unsigned long: 8 bytes on LP64). */
    private static final ValueLayout.OfLong WORD = (ValueLayout.OfLong) cpu_set_t.__bits$layout().elementLayout();
    private static final long BITS_PER_WORD = WORD.byteSize() * Byte.SIZE;
    private static final long BITS_OFFSET = cpu_set_t.__bits$offset();

    static {
        if (MASK_SIZE > CallState.SCRATCH_SIZE) {
            throw new AssertionError("cpu_set_t does not fit the per-thread scratch area");
        }
    }

    private static final MethodHandle SCHED_SETAFFINITY = LINUX
            ? Downcalls.blocking(process_h.sched_setaffinity$address(), process_h.sched_setaffinity$descriptor()) : null;

    private Affinity() {}

    /** True where threads can be pinned (Linux). */
    public static boolean isSupported() {
        return LINUX;
    }

    /**
     * Restricts the calling thread to {@code cpu}. Returns 0, or {@code -errno}: {@code -EINVAL}
     * for a CPU outside {@code [0, MAX_CPUS)} or outside this process's allowed set (for example
     * under a container's cpuset), {@code -ENOTSUP} where unsupported. A virtual thread would pin its
     * current carrier, so call this from the shard's platform thread.
     */
    public static int pinCurrentThread(int cpu) {
        if (!LINUX) {
            return -Errno.ENOTSUP;
        }
        if (cpu < 0 || cpu >= MAX_CPUS) {
            return -Errno.EINVAL;
        }
        MemorySegment state = CallState.current();
        for (long at = 0; at < MASK_SIZE; at += WORD.byteSize()) {
            state.set(WORD, CallState.SCRATCH + BITS_OFFSET + at, 0L);
        }
        long word = CallState.SCRATCH + BITS_OFFSET + (cpu / BITS_PER_WORD) * WORD.byteSize();
        state.set(WORD, word, 1L << (cpu % BITS_PER_WORD));
        try {
            // pid 0: the calling thread
            int r = (int) SCHED_SETAFFINITY.invokeExact(state, 0, MASK_SIZE, CallState.scratchAddress(state, 0));
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }
}
