package dev.kevy.rt.buffer;

import java.lang.foreign.Arena;
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
 * {@code maxCapacity}. When a {@link #consume} empties the buffer, a grown block goes back to the
 * pool for a single chunk.
 *
 * <p>Large commands. Doubling holds up to twice the bytes that arrived, and each step copies: a
 * client that declared a 512 MB bulk and sent 8 MB cost 16 MB, and receiving the whole bulk peaked
 * at 768 MB (the old block and the new). So when the parser knows the command needs more than the
 * pool's largest block and a {@link LazyMemory} is at hand, the buffer moves once into a
 * reservation of the command's size: address space only, resident as the bytes arrive. The rule
 * that a client cannot make the server hold memory it has not sent still holds; the reservation is
 * unmapped when the buffer empties.
 *
 * <p>Parser state that refers to the unparsed bytes must be relative to {@link #readIndex()}:
 * {@link #prepareRead} may move them. Views into the bytes (a parsed command's arguments) are valid
 * until the next {@link #prepareRead} or {@link #consume}: consuming the last bytes may hand the
 * block back to the pool.
 */
public final class InputBuffer {
    private final BufferPool pool;
    private final long maxCapacity;
    private final LazyMemory lazy;
    private MemorySegment block;
    /** Owner of {@link #block} when it is a lazy reservation rather than a pool block. */
    private Arena reservation;
    private long capacity;
    private long readIndex;
    private long writeIndex;

    /**
     * @param pool        the shard's pool
     * @param maxCapacity most bytes ever buffered (Redis's {@code client-query-buffer-limit}, 1 GiB
     *                    by default); at least one chunk
     */
    public InputBuffer(BufferPool pool, long maxCapacity) {
        this(pool, maxCapacity, null);
    }

    /**
     * @param pool        the shard's pool
     * @param maxCapacity most bytes ever buffered; at least one chunk
     * @param lazy        where commands larger than the pool's largest block are received, or
     *                    {@code null} to grow by doubling from the pool
     */
    public InputBuffer(BufferPool pool, long maxCapacity, LazyMemory lazy) {
        if (maxCapacity < pool.chunkSize()) {
            throw new IllegalArgumentException("maxCapacity below one chunk: " + maxCapacity);
        }
        this.pool = pool;
        this.maxCapacity = maxCapacity;
        this.lazy = lazy;
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
            if (block != null && (reservation != null || block.byteSize() > pool.chunkSize())) {
                releaseBlock();
                block = pool.acquireChunk();
                capacity = Math.min(block.byteSize(), maxCapacity);
            }
        }
    }

    /** Gives the block back when nothing is buffered, so an idle connection holds no memory. */
    public void releaseIfEmpty() {
        if (block != null && readIndex == writeIndex) {
            releaseBlock();
            capacity = 0;
            readIndex = 0;
            writeIndex = 0;
        }
    }

    /** Gives the block back and drops any buffered bytes; the buffer may be used again. */
    public void release() {
        if (block != null) {
            releaseBlock();
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

    /** True while the bytes sit in a lazy reservation (a large command) rather than a pool block. */
    public boolean isReserved() {
        return reservation != null;
    }

    private void releaseBlock() {
        if (reservation != null) {
            reservation.close(); // unmaps: the pages go back to the OS now
            reservation = null;
        } else {
            pool.release(block);
        }
        block = null;
    }

    private boolean grow(long pendingCommandBytes) {
        long readable = writeIndex - readIndex;
        if (lazy != null && pendingCommandBytes > pool.maxPooledBlock()) {
            long target = Math.min(pendingCommandBytes, maxCapacity);
            if (target > capacity && reserve(target, readable)) {
                return true;
            }
        }
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
        releaseBlock();
        block = bigger;
        capacity = Math.min(bigger.byteSize(), maxCapacity);
        readIndex = 0;
        writeIndex = readable;
        return true;
    }

    /**
     * Moves the unparsed bytes into a reservation of {@code target} bytes. Shared arena: closing it
     * costs a handshake with the other threads (tens of microseconds), paid once per command of
     * over a megabyte; a confined one would fail if a view of the command reached another thread.
     */
    private boolean reserve(long target, long readable) {
        Arena owner = Arena.ofShared();
        MemorySegment region = lazy.reserve(target, owner);
        if (region.equals(MemorySegment.NULL)) {
            owner.close();
            return false; // no address space to spare: grow by doubling instead
        }
        MemorySegment.copy(block, readIndex, region, 0, readable);
        releaseBlock();
        block = region;
        reservation = owner;
        capacity = Math.min(region.byteSize(), maxCapacity);
        readIndex = 0;
        writeIndex = readable;
        return true;
    }
}
