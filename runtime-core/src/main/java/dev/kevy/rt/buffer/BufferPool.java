package dev.kevy.rt.buffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Off-heap blocks for one shard's connections, handed out and taken back without allocating.
 *
 * <p>Blocks come in size classes: the chunk size (16 KiB by default) times a power of two, up to
 * {@code maxPooledBlock} (1 MiB by default). Each class keeps a stack of free blocks, carved from
 * slabs that are allocated only when that stack is empty; so after warm-up {@link #acquire} and
 * {@link #release} are an array pop and push. Requests above
 * {@code maxPooledBlock} (a multi-megabyte bulk argument or reply) get a dedicated block, rounded
 * up to a whole number of chunks, whose memory goes back to the OS as soon as it is released:
 * such requests are rare and a pool would only hoard their peak.
 *
 * <p>Shrinking. A burst of connections (or of pipelined replies) leaves slabs that steady traffic
 * never needs again. {@link #trim()}, called every few seconds, frees whole slabs whose blocks
 * are all free, keeping per class as many blocks as were out at once since the previous trim (the
 * high-water mark of recent use): a steady churn keeps its slabs and never allocates, only memory
 * unused for a whole trim interval goes back.
 *
 * <p>Arenas. Each slab and each dedicated block has its own {@link Arena#ofShared() shared} arena:
 * the pool may be built on a bootstrap thread and then used by its shard thread, which a confined
 * arena forbids, and closing an arena frees its memory at once, deterministically, where an
 * automatic arena would leave it to a garbage collector that a zero-GC loop never wakes. Closing a
 * shared arena costs a handshake with the other threads (tens of microseconds), paid once per
 * multi-megabyte request or per slab given back by an idle shard.
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
    private final LazyMemory memory;

    /** Per class: the free blocks (a stack) and how many blocks the class owns in all. */
    private final MemorySegment[][] free;
    private final int[] freeCount;
    private final int[] ownedCount;
    /** Per class: the most blocks out at once since the previous {@link #trim()}. */
    private final int[] peakOut;
    private MemorySegment[] slabs = new MemorySegment[8];
    private Arena[] slabArenas = new Arena[8];
    private int[] slabClass = new int[8];
    /** Scratch for {@link #trim()}: free blocks counted per slab. */
    private int[] freeInSlab = new int[8];
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
        this(DEFAULT_CHUNK_SIZE, DEFAULT_SLAB_SIZE, DEFAULT_MAX_POOLED_BLOCK, null);
    }

    /** A pool with the defaults whose memory comes from {@code memory} (see the four-argument form). */
    public BufferPool(LazyMemory memory) {
        this(DEFAULT_CHUNK_SIZE, DEFAULT_SLAB_SIZE, DEFAULT_MAX_POOLED_BLOCK, memory);
    }

    /** A pool whose memory comes from arenas (see the four-argument form). */
    public BufferPool(int chunkSize, long slabSize, long maxPooledBlock) {
        this(chunkSize, slabSize, maxPooledBlock, null);
    }

    /**
     * @param chunkSize      smallest block, a power of two of at least 64 bytes
     * @param slabSize       bytes allocated at once for a class whose blocks are smaller; a
     *                       multiple of {@code chunkSize}
     * @param maxPooledBlock largest pooled block: {@code chunkSize} times a power of two
     * @param memory         where slabs and dedicated blocks come from, or {@code null} for
     *                       {@code Arena.allocate}. An arena's memory is {@code malloc}'s: freed
     *                       blocks under glibc's mmap threshold (up to 32 MiB) stay in the C heap,
     *                       so only kernel mappings make {@link #trim()} and a released dedicated
     *                       block shrink the process for sure
     */
    public BufferPool(int chunkSize, long slabSize, long maxPooledBlock, LazyMemory memory) {
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
        this.memory = memory;
        int classes = Long.numberOfTrailingZeros(maxPooledBlock / chunkSize) + 1;
        this.free = new MemorySegment[classes][];
        this.freeCount = new int[classes];
        this.ownedCount = new int[classes];
        this.peakOut = new int[classes];
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
            int out = ownedCount[k] - top;
            if (out > peakOut[k]) {
                peakOut[k] = out;
            }
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

    /** Slabs held now. */
    public int slabCount() {
        return slabCount;
    }

    /**
     * Frees the slabs that the past trim interval did not need: per class, whole slabs whose blocks
     * are all free, as long as the class keeps as many blocks as were out at once since the previous
     * call. Call it every few seconds (the shard does, every 5 s): each freed slab costs a shared
     * arena's close, a handshake with every thread. It allocates nothing unless it frees a slab.
     * Returns the bytes freed.
     */
    public long trim() {
        if (closed) {
            return 0;
        }
        long freed = 0;
        for (int k = 0; k < free.length; k++) {
            long blockSize = (long) chunkSize << k;
            int perSlab = blocksPerSlab(blockSize);
            int keep = Math.max(peakOut[k], ownedCount[k] - freeCount[k]);
            if (ownedCount[k] - keep >= perSlab) {
                freed += freeIdleSlabs(k, perSlab, (ownedCount[k] - keep) / perSlab);
            }
            peakOut[k] = ownedCount[k] - freeCount[k];
        }
        return freed;
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
        for (int i = 0; i < slabCount; i++) {
            slabArenas[i].close();
            slabs[i] = null;
            slabArenas[i] = null;
        }
        slabCount = 0;
        bytesReserved = 0;
    }

    private int classOf(long bytes) {
        long units = (bytes + chunkSize - 1) >>> chunkShift;
        return 64 - Long.numberOfLeadingZeros(Math.max(units, 1) - 1);
    }

    private long roundUpToChunk(long bytes) {
        return (bytes + chunkSize - 1) & -(long) chunkSize;
    }

    private MemorySegment allocate(long size, Arena owner) {
        if (memory != null) {
            MemorySegment mapped = memory.reserve(size, owner);
            if (!mapped.equals(MemorySegment.NULL)) {
                return mapped.asSlice(0, size);
            }
        }
        return owner.allocate(size, SLAB_ALIGNMENT);
    }

    private int blocksPerSlab(long blockSize) {
        return (int) Math.max(1, slabSize / blockSize);
    }

    /** Frees up to {@code maxSlabs} slabs of class {@code k} whose blocks are all on the free stack. */
    private long freeIdleSlabs(int k, int perSlab, int maxSlabs) {
        for (int i = 0; i < slabCount; i++) {
            freeInSlab[i] = 0;
        }
        for (int j = 0; j < freeCount[k]; j++) {
            freeInSlab[slabOf(free[k][j])]++;
        }
        long freed = 0;
        int chosen = 0;
        for (int i = 0; i < slabCount && chosen < maxSlabs; i++) {
            if (slabClass[i] == k && freeInSlab[i] == perSlab) {
                freeInSlab[i] = -1; // marked for freeing
                chosen++;
            }
        }
        int kept = 0;
        for (int j = 0; j < freeCount[k]; j++) {
            MemorySegment block = free[k][j];
            if (freeInSlab[slabOf(block)] != -1) {
                free[k][kept++] = block;
            }
        }
        Arrays.fill(free[k], kept, freeCount[k], null);
        freeCount[k] = kept;
        ownedCount[k] -= chosen * perSlab;
        for (int i = slabCount - 1; i >= 0; i--) {
            if (freeInSlab[i] == -1) {
                freed += slabs[i].byteSize();
                removeSlab(i);
            }
        }
        return freed;
    }

    private int slabOf(MemorySegment block) {
        long address = block.address();
        for (int i = 0; i < slabCount; i++) {
            long base = slabs[i].address();
            if (address >= base && address < base + slabs[i].byteSize()) {
                return i;
            }
        }
        throw new IllegalStateException("a free block outside every slab");
    }

    private void removeSlab(int i) {
        slabArenas[i].close();
        bytesReserved -= slabs[i].byteSize();
        int last = --slabCount;
        slabs[i] = slabs[last];
        slabArenas[i] = slabArenas[last];
        slabClass[i] = slabClass[last];
        freeInSlab[i] = freeInSlab[last];
        slabs[last] = null;
        slabArenas[last] = null;
    }

    private void addSlab(int k) {
        long blockSize = (long) chunkSize << k;
        int blocks = blocksPerSlab(blockSize);
        Arena arena = Arena.ofShared();
        MemorySegment slab = allocate(blockSize * blocks, arena);
        if (slabCount == slabs.length) {
            slabs = Arrays.copyOf(slabs, slabCount * 2);
            slabArenas = Arrays.copyOf(slabArenas, slabCount * 2);
            slabClass = Arrays.copyOf(slabClass, slabCount * 2);
            freeInSlab = new int[slabCount * 2];
        }
        slabArenas[slabCount] = arena;
        slabClass[slabCount] = k;
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
        MemorySegment block = allocate(size, arena);
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
