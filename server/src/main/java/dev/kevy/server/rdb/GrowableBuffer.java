package dev.kevy.server.rdb;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Off-heap bytes that grow on demand and give large sizes back: each size lives in an arena of its
 * own, closed when the buffer grows past it or {@link #trim}s. Reused from call to call, so a
 * steady stream of values of similar size allocates nothing.
 */
final class GrowableBuffer implements AutoCloseable {
    /** Sizes up to this are kept by {@link #trim}; larger ones are given back. */
    static final long KEEP_BYTES = 1 << 20;
    private static final long INITIAL_BYTES = 256;

    private Arena arena = Arena.ofShared();
    private MemorySegment segment = arena.allocate(INITIAL_BYTES);

    /** At least {@code bytes} bytes; earlier contents are not kept when it grows. */
    MemorySegment atLeast(long bytes) {
        if (segment.byteSize() < bytes) {
            replace(Math.max(bytes, segment.byteSize() * 2));
        }
        return segment;
    }

    /** The current bytes, {@link #atLeast} {@code bytes} with the first {@code keep} copied when it grows. */
    MemorySegment grow(long bytes, long keep) {
        if (segment.byteSize() >= bytes) {
            return segment;
        }
        Arena old = arena;
        MemorySegment from = segment;
        arena = Arena.ofShared();
        segment = arena.allocate(Math.max(bytes, from.byteSize() * 2));
        MemorySegment.copy(from, 0, segment, 0, keep);
        old.close();
        return segment;
    }

    /** Gives the memory back if the buffer grew past {@link #KEEP_BYTES}. */
    void trim() {
        if (segment.byteSize() > KEEP_BYTES) {
            replace(INITIAL_BYTES);
        }
    }

    private void replace(long bytes) {
        arena.close();
        arena = Arena.ofShared();
        segment = arena.allocate(bytes);
    }

    @Override
    public void close() {
        arena.close();
    }
}
