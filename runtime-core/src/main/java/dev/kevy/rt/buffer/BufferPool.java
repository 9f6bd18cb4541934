package dev.kevy.rt.buffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Off-heap blocks for one shard's connections, handed out and taken back without allocating.
 *
 * <p>Blocks come in size classes: the chunk size (16 KiB by default) times a power of two, up to
 * {@code maxPooledBlock} (1 MiB by default). Each class keeps a stack of free blocks, carved from
 * slabs that are allocated only when that stack is empty and kept until {@link #close()}; so
 * after warm-up {@link #acquire} and {@link #release} are an array pop and push. Requests above
 * {@code maxPooledBlock} (a multi-megabyte bulk argument or reply) get a dedicated block, rounded
 * up to a whole number of chunks, whose memory goes back to the OS as soon as it is released:
 * such requests are rare and a pool would only hoard their peak.
 *
 * <p>Arenas. All slabs come from one {@link Arena#ofShared() shared} arena: the pool may be built
 * on a bootstrap thread and then used by its shard thread, which a confined arena forbids, and a
 * shared arena frees every slab at once, deterministically, at {@link #close()}, where an
 * automatic arena would leave the memory to a garbage collector that a zero-GC loop never wakes.
 * Each dedicated block has its own shared arena, closed on release for the same reasons; the cost
 * of closing a shared arena (a handshake with the other threads) is paid once per multi-megabyte
 * request.
 *
 * <p>Not thread-safe: one pool belongs to one shard thread. The counters exist so tests and
 * {@code INFO} can prove that closed connections gave everything back.
 */
public final class BufferPool implements AutoCloseable {
    /** Default size of the smallest block: fits a typical pipeline of small commands. */
    public static final int DEFAULT_CHUNK_SIZE = 16 * 1024;
    /** Default bytes per slab for the small classes. */
    public static final long DEFAULT_SLAB_SIZE = 1024 * 1024;
    /** Default largest pooled block; larger requests get dedicated blocks. */
    public static final long DEFAULT_MAX_POOLED_BLOCK = 1024 * 1024;

    /** Slabs are page-aligned so a block never shares a page with another slab's block. */
    private static final long SLAB_ALIGNMENT = 4096;

    private final int chunkSize;
    private final int chunkShift;
    private final long slabSize;
    private final long maxPooledBlock;
    private final Arena slabArena = Arena.ofShared();

    /** Per class: the free blocks (a stack) and how many blocks the class owns in all. */
    private final MemorySegment[][] free;
    private final int[] freeCount;
    private final int[] ownedCount;
    private MemorySegment[] slabs = new MemorySegment[8];
    private int slabCount;

    /** Dedicated blocks currently out, with the arena that frees each. */
    private MemorySegment[] dedicated = new MemorySegment[4];
    private Arena[] dedicatedArenas = new Arena[4];
    private int dedicatedCount;

    private long blocksOut;
    private long bytesOut;
    private long bytesReserved;
    private boolean closed;

    /** A pool with the default chunk size, slab size and largest pooled block. */
    public BufferPool() {
        this(DEFAULT_CHUNK_SIZE, DEFAULT_SLAB_SIZE, DEFAULT_MAX_POOLED_BLOCK);
    }

    /**
     * @param chunkSize      smallest block, a power of two of at least 64 bytes
     * @param slabSize       bytes allocated at once for a class whose blocks are smaller; a
     *                       multiple of {@code chunkSize}
     * @param maxPooledBlock largest pooled block: {@code chunkSize} times a power of two
     */
    public BufferPool(int chunkSize, long slabSize, long maxPooledBlock) {
        if (chunkSize < 64 || Integer.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunkSize must be a power of two >= 64: " + chunkSize);
        }
        if (slabSize < chunkSize || slabSize % chunkSize != 0) {
            throw new IllegalArgumentException("slabSize must be a multiple of chunkSize: " + slabSize);
        }
        if (maxPooledBlock < chunkSize || Long.bitCount(maxPooledBlock / chunkSize) != 1
                || maxPooledBlock % chunkSize != 0) {
            throw new IllegalArgumentException("maxPooledBlock must be chunkSize times a power of two: "
                    + maxPooledBlock);
        }
        this.chunkSize = chunkSize;
        this.chunkShift = Integer.numberOfTrailingZeros(chunkSize);
        this.slabSize = slabSize;
        this.maxPooledBlock = maxPooledBlock;
        int classes = Long.numberOfTrailingZeros(maxPooledBlock / chunkSize) + 1;
        this.free = new MemorySegment[classes][];
        this.freeCount = new int[classes];
        this.ownedCount = new int[classes];
        for (int k = 0; k < classes; k++) {
            free[k] = new MemorySegment[0];
        }
    }

    /** The smallest block size; every block is a whole number of chunks. */
    public int chunkSize() {
        return chunkSize;
    }

    /** The largest block served from the pooled classes. */
    public long maxPooledBlock() {
        return maxPooledBlock;
    }

    /** The size of the block {@link #acquire} returns for a request of {@code minBytes}. */
    public long blockSizeFor(long minBytes) {
        if (minBytes <= 0) {
            throw new IllegalArgumentException("minBytes must be positive: " + minBytes);
        }
        if (minBytes > maxPooledBlock) {
            return roundUpToChunk(minBytes);
        }
        return (long) chunkSize << classOf(minBytes);
    }

    /** One chunk: the same as {@code acquire(chunkSize())}. */
    public MemorySegment acquireChunk() {
        return acquire(chunkSize);
    }

    /**
     * A block of at least {@code minBytes}, of exactly {@link #blockSizeFor(long)} bytes. Its
     * contents are whatever the previous holder left. Allocates native memory only when its
     * class has no free block (or for a dedicated block).
     */
    public MemorySegment acquire(long minBytes) {
        if (closed) {
            throw new IllegalStateException("buffer pool is closed");
        }
        if (minBytes <= 0) {
            throw new IllegalArgumentException("minBytes must be positive: " + minBytes);
        }
        MemorySegment block;
        if (minBytes > maxPooledBlock) {
            block = acquireDedicated(roundUpToChunk(minBytes));
        } else {
            int k = classOf(minBytes);
            if (freeCount[k] == 0) {
                addSlab(k);
            }
            int top = --freeCount[k];
            block = free[k][top];
            free[k][top] = null;
        }
        blocksOut++;
        bytesOut += block.byteSize();
        return block;
    }

    /**
     * Takes back a block that {@link #acquire} returned. The caller must not touch it afterwards.
     *
     * @throws IllegalArgumentException if the block is not one this pool handed out
     * @throws IllegalStateException    if every block of its class is already free (a double
     *                                  release)
     */
    public void release(MemorySegment block) {
        long size = block.byteSize();
        if (closed) {
            return; // the memory is gone with the pool; nothing left to account for
        }
        if (size > maxPooledBlock) {
            releaseDedicated(block);
        } else {
            int k = classOf(size);
            if (size != ((long) chunkSize << k)) {
                throw new IllegalArgumentException("not a block of this pool: " + size + " bytes");
            }
            assert ownsSlice(block) : "block is not carved from this pool's slabs";
            if (freeCount[k] == ownedCount[k]) {
                throw new IllegalStateException("double release of a " + size + "-byte block");
            }
            free[k][freeCount[k]++] = block;
        }
        blocksOut--;
        bytesOut -= size;
    }

    /** Blocks handed out and not yet released. */
    public long blocksOut() {
        return blocksOut;
    }

    /** Bytes in blocks handed out and not yet released. */
    public long bytesOut() {
        return bytesOut;
    }

    /** Native bytes this pool holds: every slab plus the dedicated blocks that are out. */
    public long bytesReserved() {
        return bytesReserved;
    }

    /** Slabs allocated so far (they are kept until {@link #close()}). */
    public int slabCount() {
        return slabCount;
    }

    /** Frees every slab and every dedicated block; blocks still out become invalid. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < dedicatedCount; i++) {
            dedicatedArenas[i].close();
            dedicated[i] = null;
            dedicatedArenas[i] = null;
        }
        dedicatedCount = 0;
        slabArena.close();
        bytesReserved = 0;
    }

    private int classOf(long bytes) {
        long units = (bytes + chunkSize - 1) >>> chunkShift;
        return 64 - Long.numberOfLeadingZeros(Math.max(units, 1) - 1);
    }

    private long roundUpToChunk(long bytes) {
        return (bytes + chunkSize - 1) & -(long) chunkSize;
    }

    private void addSlab(int k) {
        long blockSize = (long) chunkSize << k;
        int blocks = (int) Math.max(1, slabSize / blockSize);
        MemorySegment slab = slabArena.allocate(blockSize * blocks, SLAB_ALIGNMENT);
        if (slabCount == slabs.length) {
            slabs = Arrays.copyOf(slabs, slabCount * 2);
        }
        slabs[slabCount++] = slab;
        bytesReserved += slab.byteSize();
        // Every block of the class may come back at once, so the stack holds them all.
        ownedCount[k] += blocks;
        if (free[k].length < ownedCount[k]) {
            free[k] = Arrays.copyOf(free[k], ownedCount[k]);
        }
        for (int i = blocks - 1; i >= 0; i--) {
            free[k][freeCount[k]++] = slab.asSlice(i * blockSize, blockSize);
        }
    }

    private MemorySegment acquireDedicated(long size) {
        Arena arena = Arena.ofShared();
        MemorySegment block = arena.allocate(size, SLAB_ALIGNMENT);
        if (dedicatedCount == dedicated.length) {
            dedicated = Arrays.copyOf(dedicated, dedicatedCount * 2);
            dedicatedArenas = Arrays.copyOf(dedicatedArenas, dedicatedCount * 2);
        }
        dedicated[dedicatedCount] = block;
        dedicatedArenas[dedicatedCount] = arena;
        dedicatedCount++;
        bytesReserved += size;
        return block;
    }

    private void releaseDedicated(MemorySegment block) {
        for (int i = 0; i < dedicatedCount; i++) {
            MemorySegment held = dedicated[i];
            if (held.address() == block.address() && held.byteSize() == block.byteSize()) {
                dedicatedArenas[i].close();
                int last = --dedicatedCount;
                dedicated[i] = dedicated[last];
                dedicatedArenas[i] = dedicatedArenas[last];
                dedicated[last] = null;
                dedicatedArenas[last] = null;
                bytesReserved -= block.byteSize();
                return;
            }
        }
        throw new IllegalArgumentException("not a dedicated block of this pool: " + block);
    }

    private boolean ownsSlice(MemorySegment block) {
        long address = block.address();
        for (int i = 0; i < slabCount; i++) {
            long base = slabs[i].address();
            if (address >= base && address + block.byteSize() <= base + slabs[i].byteSize()) {
                return true;
            }
        }
        return false;
    }
}
