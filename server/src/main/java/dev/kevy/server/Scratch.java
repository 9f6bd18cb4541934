package dev.kevy.server;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One shard's off-heap work area for commands that need room beside their reply: BITOP builds its
 * result here before storing it (a source may be the destination), LCS keeps its table here. It
 * grows only when a command needs more than it holds, so after warm-up the same commands allocate
 * nothing; an area grown past {@link #KEEP_BYTES} for one large command is given back by
 * {@link #trim()} once that command is done, so a single BITOP of 512 MB does not pin 512 MB.
 *
 * <p>Single-threaded: only the owning shard's thread uses it (an atomic turn runs on the
 * coordinator's own thread with the coordinator's area). The arena is shared only so that
 * {@link #close()} may run on another thread at shutdown.
 */
final class Scratch implements AutoCloseable {

    /** Largest area kept between commands. */
    static final long KEEP_BYTES = 1L << 20;
    private static final long MIN_BYTES = 4096;

    private Arena arena;
    private MemorySegment segment = MemorySegment.NULL;

    /**
     * An area of at least {@code bytes} bytes, 8-byte aligned, its contents unspecified.
     *
     * @throws OutOfMemoryError when the operating system refuses the memory
     */
    MemorySegment atLeast(long bytes) {
        if (segment.byteSize() < bytes) {
            close();
            long size = bytes <= KEEP_BYTES ? Math.max(MIN_BYTES, Long.highestOneBit(bytes - 1) << 1) : bytes;
            Arena fresh = Arena.ofShared();
            try {
                segment = fresh.allocate(size, Long.BYTES);
            } catch (OutOfMemoryError refused) {
                fresh.close();
                throw refused;
            }
            arena = fresh;
        }
        return segment;
    }

    /** Gives back an area larger than {@link #KEEP_BYTES}; call when the command that needed it is done. */
    void trim() {
        if (segment.byteSize() > KEEP_BYTES) {
            close();
        }
    }

    /** Frees the area; a later {@link #atLeast} allocates again. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
        segment = MemorySegment.NULL;
    }
}
