package dev.kevy.sys;

import dev.kevy.sys.linux.cpu_set_t;
import dev.kevy.sys.linux.process_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
    private static final long BITS_PER_WORD = cpu_set_t.__bits$layout().elementLayout().byteSize() * Byte.SIZE;

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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = cpu_set_t.allocate(arena);
            cpu_set_t.__bits(mask, cpu / BITS_PER_WORD, 1L << (cpu % BITS_PER_WORD));
            // pid 0: the calling thread
            int r = (int) SCHED_SETAFFINITY.invokeExact(state, 0, cpu_set_t.sizeof(), mask.address());
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }
}
