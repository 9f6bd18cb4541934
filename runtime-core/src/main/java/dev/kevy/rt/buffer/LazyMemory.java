package dev.kevy.rt.buffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Address space whose pages cost memory only once written: what an {@link InputBuffer} receives a
 * large bulk into, reserved for the length the client declared while resident only for the bytes
 * that arrived.
 *
 * <p>Why an interface: reserving without committing takes {@code mmap}, a system call, and this
 * module makes none; an arena zeroes (touches) all it allocates. The I/O layer, which owns the OS
 * boundary, supplies the implementation (on Linux, an anonymous {@code MAP_NORESERVE} mapping);
 * where there is none, buffers grow by doubling from the {@link BufferPool} as before.
 */
public interface LazyMemory {

    /**
     * Reserves at least {@code bytes} of zeroed, writable memory, resident only where written and
     * released when {@code owner} closes; {@link MemorySegment#NULL} when none can be reserved.
     */
    MemorySegment reserve(long bytes, Arena owner);
}
