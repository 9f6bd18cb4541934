package dev.kevy.io.shard;

import dev.kevy.rt.buffer.LazyMemory;
import dev.kevy.sys.Mman;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@link LazyMemory} from anonymous kernel mappings ({@code mmap} with {@code MAP_NORESERVE}): a
 * connection receiving a bulk of a declared 512 MB reserves the address space once, so the buffer
 * never grows by copying, yet costs resident memory only for the bytes the client has sent.
 * Unmapped when the owner arena closes.
 */
final class MappedMemory implements LazyMemory {
    /** The one instance; {@code null} where the OS has no {@code mmap} binding (buffers then double). */
    static final LazyMemory INSTANCE = Mman.isSupported() ? new MappedMemory() : null;

    private MappedMemory() {
    }

    @Override
    public MemorySegment reserve(long bytes, Arena owner) {
        return Mman.map(bytes, owner);
    }
}
