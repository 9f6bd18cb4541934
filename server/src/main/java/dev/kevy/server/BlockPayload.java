package dev.kevy.server;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An off-heap message being written for the blocking-command protocol ({@link BlockServing}):
 * ints, longs, doubles and byte runs appended in order, read back with the static getters by the
 * shard that receives it. It grows (copying) only when a message is larger than any before, so
 * after warm-up writing one allocates nothing. One shard's thread uses it.
 */
final class BlockPayload implements AutoCloseable {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private Arena arena = Arena.ofShared();
    private MemorySegment segment = arena.allocate(4096, Long.BYTES);
    private long position;

    MemorySegment segment() {
        return segment;
    }

    long size() {
        return position;
    }

    void clear() {
        position = 0;
    }

    private void ensure(long more) {
        if (position + more <= segment.byteSize()) {
            return;
        }
        long size = Math.max(segment.byteSize() * 2, position + more);
        Arena fresh = Arena.ofShared();
        MemorySegment grown = fresh.allocate(size, Long.BYTES);
        MemorySegment.copy(segment, 0, grown, 0, position);
        arena.close();
        arena = fresh;
        segment = grown;
    }

    /** Appends an int and returns where it is (to patch it later with {@link #setInt}). */
    long putInt(int v) {
        ensure(Integer.BYTES);
        long at = position;
        segment.set(INT, at, v);
        position += Integer.BYTES;
        return at;
    }

    void setInt(long at, int v) {
        segment.set(INT, at, v);
    }

    void putLong(long v) {
        ensure(Long.BYTES);
        segment.set(LONG, position, v);
        position += Long.BYTES;
    }

    void putDouble(double v) {
        ensure(Double.BYTES);
        segment.set(DOUBLE, position, v);
        position += Double.BYTES;
    }

    /** Appends {@code length} then the bytes; returns where the bytes start. */
    long putBytes(MemorySegment s, long offset, int length) {
        ensure(Integer.BYTES + (long) length);
        segment.set(INT, position, length);
        long at = position + Integer.BYTES;
        MemorySegment.copy(s, offset, segment, at, length);
        position = at + length;
        return at;
    }

    static int getInt(MemorySegment s, long at) {
        return s.get(INT, at);
    }

    static long getLong(MemorySegment s, long at) {
        return s.get(LONG, at);
    }

    static double getDouble(MemorySegment s, long at) {
        return s.get(DOUBLE, at);
    }

    @Override
    public void close() {
        arena.close();
    }
}
