package dev.kevy.rt.buffer;

import java.lang.foreign.MemorySegment;

/**
 * A connection's read buffer: the socket fills the free tail, the parser consumes from the front.
 *
 * <pre>
 *   0          readIndex            writeIndex           capacity
 *   | consumed |  received, unparsed |  free: next read   |
 * </pre>
 *
 * <p>One contiguous block from the shard's {@link BufferPool}, so a command, however large, can
 * be parsed in place. {@link #prepareRead} makes room before each read: it first reuses the
 * consumed front (moving the unparsed bytes, normally a fraction of one command, to offset 0) and
 * grows only when the block is full of unparsed bytes. Growth doubles the block, but never beyond
 * the size of the command being received when the parser knows it, and never beyond
 * {@code maxCapacity}; so the buffer holds at most about twice the bytes that actually arrived, and
 * a client that merely declares a 512 MB argument gets nothing until it sends it. When a
 * {@link #consume} empties the buffer, a grown block goes back to the pool for a single chunk.
 *
 * <p>Parser state that refers to the unparsed bytes must be relative to {@link #readIndex()}:
 * {@link #prepareRead} may move them. Views into the bytes (a parsed command's arguments) are valid
 * until the next {@link #prepareRead} or {@link #consume}: consuming the last bytes may hand the
 * block back to the pool.
 */
public final class InputBuffer {
    private final BufferPool pool;
    private final long maxCapacity;
    private MemorySegment block;
    private long capacity;
    private long readIndex;
    private long writeIndex;

    /**
     * @param pool        the shard's pool
     * @param maxCapacity most bytes ever buffered (Redis's {@code client-query-buffer-limit}, 1 GiB
     *                    by default); at least one chunk
     */
    public InputBuffer(BufferPool pool, long maxCapacity) {
        if (maxCapacity < pool.chunkSize()) {
            throw new IllegalArgumentException("maxCapacity below one chunk: " + maxCapacity);
        }
        this.pool = pool;
        this.maxCapacity = maxCapacity;
    }

    /**
     * The block holding the bytes; {@link MemorySegment#NULL} (with both indexes 0) until the first
     * {@link #prepareRead} and after a release.
     */
    public MemorySegment segment() {
        return block == null ? MemorySegment.NULL : block;
    }

    /** Offset of the first unparsed byte. */
    public long readIndex() {
        return readIndex;
    }

    /** Offset one past the last received byte: where the next read writes. */
    public long writeIndex() {
        return writeIndex;
    }

    /** Received bytes not yet consumed. */
    public long readableBytes() {
        return writeIndex - readIndex;
    }

    /** Free bytes after {@link #writeIndex()}. */
    public long writableBytes() {
        return capacity - writeIndex;
    }

    /** Usable size of the current block (0 without a block). */
    public long capacity() {
        return capacity;
    }

    /** The most bytes this buffer will ever hold. */
    public long maxCapacity() {
        return maxCapacity;
    }

    /**
     * Makes room for the next read and returns the free bytes at {@link #writeIndex()}.
     *
     * @param pendingCommandBytes the parser's lower bound on the size of the command that starts
     *                            at {@link #readIndex()}, or 0 if unknown; growth stops there
     * @return free bytes (> 0), or 0 when the buffer is at {@code maxCapacity} and full of one
     *         unfinished command: the connection has exceeded its query buffer limit
     */
    public long prepareRead(long pendingCommandBytes) {
        if (block == null) {
            block = pool.acquireChunk();
            capacity = Math.min(block.byteSize(), maxCapacity);
        }
        if (readIndex == writeIndex) {
            readIndex = 0;
            writeIndex = 0;
        }
        long free = capacity - writeIndex;
        // Compact when it at least doubles the free tail: the bytes moved are fewer than those freed.
        if (readIndex > 0 && (free == 0 || free < readIndex)) {
            compact();
            free = capacity - writeIndex;
        }
        if (free == 0 && !grow(pendingCommandBytes)) {
            return 0;
        }
        return capacity - writeIndex;
    }

    /** Records that a read stored {@code bytes} at {@link #writeIndex()}. */
    public void advanceWriteIndex(long bytes) {
        if (bytes < 0 || bytes > capacity - writeIndex) {
            throw new IllegalArgumentException("advance of " + bytes + " with " + writableBytes() + " free");
        }
        writeIndex += bytes;
    }

    /**
     * Marks {@code bytes} at {@link #readIndex()} as parsed. Emptying the buffer rewinds it, and a
     * block grown beyond one chunk goes back to the pool for a single chunk.
     */
    public void consume(long bytes) {
        if (bytes < 0 || bytes > writeIndex - readIndex) {
            throw new IllegalArgumentException("consume of " + bytes + " with " + readableBytes() + " readable");
        }
        readIndex += bytes;
        if (readIndex == writeIndex) {
            readIndex = 0;
            writeIndex = 0;
            if (block != null && block.byteSize() > pool.chunkSize()) {
                pool.release(block);
                block = pool.acquireChunk();
                capacity = Math.min(block.byteSize(), maxCapacity);
            }
        }
    }

    /** Gives the block back when nothing is buffered, so an idle connection holds no memory. */
    public void releaseIfEmpty() {
        if (block != null && readIndex == writeIndex) {
            pool.release(block);
            block = null;
            capacity = 0;
            readIndex = 0;
            writeIndex = 0;
        }
    }

    /** Gives the block back and drops any buffered bytes; the buffer may be used again. */
    public void release() {
        if (block != null) {
            pool.release(block);
            block = null;
        }
        capacity = 0;
        readIndex = 0;
        writeIndex = 0;
    }

    private void compact() {
        long readable = writeIndex - readIndex;
        MemorySegment.copy(block, readIndex, block, 0, readable);
        readIndex = 0;
        writeIndex = readable;
    }

    private boolean grow(long pendingCommandBytes) {
        long readable = writeIndex - readIndex;
        long target = capacity > maxCapacity / 2 ? maxCapacity : capacity * 2;
        if (pendingCommandBytes > readable) {
            target = Math.min(target, pendingCommandBytes);
        }
        target = Math.min(target, maxCapacity);
        if (target <= capacity) {
            return false;
        }
        MemorySegment bigger = pool.acquire(target);
        MemorySegment.copy(block, readIndex, bigger, 0, readable);
        pool.release(block);
        block = bigger;
        capacity = Math.min(bigger.byteSize(), maxCapacity);
        readIndex = 0;
        writeIndex = readable;
        return true;
    }
}
