package dev.kevy.io.shard;

import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;

/**
 * A contiguous, growable off-heap byte area of one shard, for bytes that are built up and then
 * read as a whole (a fan-out part, a gather's replies). It grows by taking a bigger pooled block
 * and copying, so it allocates only when it outgrows every size seen before.
 */
final class Scratch {

    private final BufferPool pool;
    private MemorySegment segment;
    private long position;

    Scratch(BufferPool pool) {
        this(pool, true);
    }

    /** @param takeBlock whether to take a block now; otherwise the first {@link #reserve} does */
    Scratch(BufferPool pool, boolean takeBlock) {
        this.pool = pool;
        this.segment = takeBlock ? pool.acquireChunk() : null;
    }

    MemorySegment segment() {
        return segment;
    }

    long position() {
        return position;
    }

    void position(long position) {
        this.position = position;
    }

    void clear() {
        position = 0;
    }

    /** Makes room for {@code bytes} more and returns the offset where they go. */
    long reserve(long bytes) {
        long at = position;
        long needed = at + bytes;
        if (segment == null) { // handed back by releaseBlock(): take a block again
            segment = pool.acquire(Math.max(needed, BufferPool.DEFAULT_CHUNK_SIZE));
        } else if (needed > segment.byteSize()) {
            MemorySegment bigger = pool.acquire(Math.max(needed, segment.byteSize() * 2));
            MemorySegment.copy(segment, 0, bigger, 0, at);
            pool.release(segment);
            segment = bigger;
        }
        position = needed;
        return at;
    }

    /** Appends {@code length} bytes of {@code src}. */
    void append(MemorySegment src, long offset, long length) {
        long at = reserve(length);
        MemorySegment.copy(src, offset, segment, at, length);
    }

    /** Appends everything in {@code src} (a chunked buffer) without consuming it. */
    void append(OutputBuffer src) {
        long at = reserve(src.size());
        for (int i = 0; i < src.segmentCount(); i++) {
            long len = src.segmentLength(i);
            MemorySegment.copy(src.segment(i), src.segmentOffset(i), segment, at, len);
            at += len;
        }
    }

    /**
     * Empties the area and hands its block back to the pool until the next {@link #reserve}, so
     * an idle scratch holds no memory (a pooled block is reused, not allocated, when it is taken
     * again).
     */
    void releaseBlock() {
        position = 0;
        if (segment != null) {
            pool.release(segment);
            segment = null;
        }
    }

    /** Returns the block to the pool. */
    void release() {
        releaseBlock();
    }
}
