package dev.kevy.server.store;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Size-class allocator for entry blocks, over off-heap memory obtained in large chunks.
 *
 * <p>A block is named by a {@code long}: segment id in the high 32 bits, byte offset in the low
 * 32. Id 0 is never used, so 0 can mean "no block" in the hash table. Small blocks (up to
 * {@link SizeClasses#SMALL_MAX}) live in 256 KiB pages cut from 1 MiB chunks; each page serves one class
 * at a time and keeps its own free list (threaded through the free blocks) and a bump offset for
 * blocks never handed out. A page whose last block is freed goes back to a shared pool and may
 * then serve any class, so memory freed by one value size is reusable by another. Pages with a
 * free block are linked per class; allocation takes the head of that list.
 *
 * <p>Larger blocks get a mapping of their own. Freed ones up to {@link #HUGE_CACHE_MAX_BLOCK} are
 * kept per class for reuse, up to {@link #HUGE_CACHE_BYTES} in all; larger ones, and those past the
 * cache, are unmapped at once: a deleted 512 MB value must shrink the process, not wait in a cache.
 *
 * <p>Memory comes from {@link Pages}: mappings whose pages cost resident memory only once written,
 * and that go back to the kernel when unmapped (an arena's {@code free} would keep anything under
 * glibc's mmap threshold in the C heap). {@link #trim()}, called every few seconds, gives back
 * what stayed unused for a whole trim interval: pooled pages ({@code MADV_DONTNEED}, the mapping
 * stays) and cached large blocks (unmapped). Requiring two consecutive trims to see the memory
 * unused is the hysteresis that keeps a steady churn from paying a fault per reuse.
 *
 * <p>Steady state allocates nothing on the heap: allocation and free update {@code int} arrays.
 * Only growth (a new chunk, a new large segment, a longer metadata array) and the release of large
 * blocks allocate. Chunks are unmapped only by {@link #reset()}. Not thread-safe: one owner thread.
 */
final class BlockAllocator {
    static final int PAGE_SHIFT = 18;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    /** Freed large blocks kept for reuse, in bytes, before their memory is released. */
    static final long HUGE_CACHE_BYTES = 64L << 20;
    /** Largest freed block kept for reuse; a mapping's cost to create is small beside writing more. */
    static final int HUGE_CACHE_MAX_BLOCK = 1 << 20;

    /**
     * Pages per chunk: 1 MiB. An arena zeroes what it allocates, so a chunk's size is the pause
     * of the write that needs it; 64 MiB chunks measured hundreds of milliseconds on a busy VM.
     */
    private static final int CHUNK_PAGES = 4;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final int NONE = 0;
    private static final int UNUSED = -1; // sizeClass of a pooled page or a released id
    /**
     * {@link #idleMark} values of a pooled page or a cached large block: freed since the last
     * trim; idle at the last trim; not resident (never written since mapped, or given back).
     */
    private static final byte FRESH = 0;
    private static final byte SEEN_IDLE = 1;
    private static final byte NOT_RESIDENT = 2;

    private MemorySegment[] segments;
    private Arena[] hugeArenas;
    private int[] sizeClass;
    private int[] live;
    private int[] freeHead; // offset of the first free block in a page, -1 when none
    private int[] bump;     // offset of the first block never handed out
    private int[] next;     // partial-list, page-pool and huge-cache links
    private int[] prev;     // partial-list back links
    private byte[] idleMark; // trims a pooled page or cached block has sat through (see trim)
    private final int[] partial = new int[SizeClasses.SMALL_CLASSES];
    private final int[] hugeCache = new int[SizeClasses.CLASSES];
    private int[] spareIds;
    private int spareIdCount;
    private int pagePool;
    private int nextId;
    private Arena chunkArena;
    private long liveBytes;
    /** The sum of the loads {@link #touch} and {@link #keep} were given, so that they are not dropped as unused. */
    private long touched;
    private long reservedBytes;
    private long hugeCachedBytes;

    BlockAllocator() {
        init();
    }

    /** The segment a block lives in. */
    MemorySegment segment(long block) {
        return segments[(int) (block >>> 32)];
    }

    /**
     * Loads a block's first byte and forgets it: a hint that the block is about to be read, for
     * loops that start the misses of several blocks together so that they overlap. Java has no
     * prefetch instruction; the byte is summed into a field so that the compiler keeps the load.
     */
    void touch(long block) {
        touched += segment(block).get(ValueLayout.JAVA_BYTE, offset(block));
    }

    /** Keeps loads made as hints (see {@link #touch}) from being dropped as unused: sums their value aside. */
    void keep(long loaded) {
        touched += loaded;
    }

    /** Most blocks {@link #gathered} holds. */
    static final int GATHER = 16;
    /** Blocks a walk is about to read, gathered for {@link #touchGathered} (0: none); scratch of the one thread. */
    private final long[] gathered = new long[GATHER];

    /** Notes block {@code i} ({@code < GATHER}) of those {@link #touchGathered} will load; 0 for none. */
    void gather(int i, long block) {
        gathered[i] = block;
    }

    /**
     * Touches the first {@code n} {@link #gathered} blocks in a loop that does nothing else: a load
     * that misses holds the processor's retirement until it arrives, so work between two of them
     * (reading the slot that names the next block, stepping a cursor) leaves fewer in flight.
     */
    void touchGathered(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long block = gathered[i];
            if (block != 0) {
                sum += segment(block).get(ValueLayout.JAVA_BYTE, offset(block));
            }
        }
        touched += sum;
    }

    /** The block's offset inside {@link #segment}. */
    static long offset(long block) {
        return block & 0xFFFF_FFFFL;
    }

    /** Usable bytes in the block (its class size, at least what was asked for). */
    int capacity(long block) {
        return SizeClasses.sizeOf(sizeClass[(int) (block >>> 32)]);
    }

    /** Bytes in blocks handed out and not freed, counted at their class size. */
    long liveBytes() {
        return liveBytes;
    }

    /**
     * Off-heap bytes held from the OS: large segments, in use or cached, and the pages of chunks
     * that are in use or were since they were mapped or last given back by {@link #trim()}.
     */
    long reservedBytes() {
        return reservedBytes;
    }

    /** A block of at least {@code size} bytes ({@code size <= SizeClasses.MAX_SIZE}); contents undefined. */
    long allocate(int size) {
        int cls = SizeClasses.classOf(size);
        if (cls >= SizeClasses.SMALL_CLASSES) {
            return allocateHuge(cls);
        }
        int blockSize = SizeClasses.sizeOf(cls);
        int page = partial[cls];
        if (page == NONE) {
            page = takePage(cls);
        }
        int offset = freeHead[page];
        if (offset >= 0) {
            freeHead[page] = segments[page].get(INT, offset);
        } else {
            offset = bump[page];
            bump[page] = offset + blockSize;
        }
        live[page]++;
        if (isFull(page, blockSize)) {
            unlinkPartial(cls, page);
        }
        liveBytes += blockSize;
        return ((long) page << 32) | offset;
    }

    /** Returns a block from {@link #allocate}; it must not be used afterwards. */
    void free(long block) {
        int id = (int) (block >>> 32);
        int cls = sizeClass[id];
        int blockSize = SizeClasses.sizeOf(cls);
        liveBytes -= blockSize;
        if (cls >= SizeClasses.SMALL_CLASSES) {
            freeHuge(id, cls, blockSize);
            return;
        }
        boolean wasFull = isFull(id, blockSize);
        int offset = (int) block;
        segments[id].set(INT, offset, freeHead[id]);
        freeHead[id] = offset;
        if (--live[id] == 0) {
            if (!wasFull) {
                unlinkPartial(cls, id);
            }
            sizeClass[id] = UNUSED;
            idleMark[id] = FRESH;
            next[id] = pagePool;
            pagePool = id;
        } else if (wasFull) {
            linkPartial(cls, id);
        }
    }

    /** Releases every block and all memory; the allocator starts over empty. */
    void reset() {
        releaseAll();
        init();
    }

    /** Releases all memory for good. */
    void close() {
        releaseAll();
    }

    /**
     * Gives back memory unused since the previous call: pooled pages (their pages are discarded;
     * they stay in the pool and fault in again, zeroed, when reused) and cached large blocks
     * (unmapped). Memory freed since the previous call is only marked, so memory goes back after
     * one to two intervals between calls (the shard calls it every 5 s). Returns the bytes given back.
     */
    long trim() {
        long released = 0;
        for (int page = pagePool; page != NONE; page = next[page]) {
            if (idleMark[page] == FRESH) {
                idleMark[page] = SEEN_IDLE;
            } else if (idleMark[page] == SEEN_IDLE && Pages.discard(segments[page])) {
                idleMark[page] = NOT_RESIDENT;
                reservedBytes -= PAGE_SIZE;
                released += PAGE_SIZE;
            }
        }
        for (int cls = SizeClasses.SMALL_CLASSES; cls < SizeClasses.CLASSES; cls++) {
            released += trimHugeCache(cls);
        }
        return released;
    }

    private boolean isFull(int page, int blockSize) {
        return freeHead[page] < 0 && bump[page] + blockSize > PAGE_SIZE;
    }

    private int takePage(int cls) {
        if (pagePool == NONE) {
            addChunk();
        }
        int page = pagePool;
        pagePool = next[page];
        if (idleMark[page] == NOT_RESIDENT) {
            reservedBytes += PAGE_SIZE; // faults back in as it is written
        }
        idleMark[page] = FRESH;
        sizeClass[page] = cls;
        live[page] = 0;
        freeHead[page] = -1;
        bump[page] = 0;
        linkPartial(cls, page);
        return page;
    }

    private void addChunk() {
        if (chunkArena == null) {
            chunkArena = Arena.ofShared();
        }
        MemorySegment chunk = Pages.allocate((long) CHUNK_PAGES << PAGE_SHIFT, chunkArena);
        for (int i = CHUNK_PAGES - 1; i >= 0; i--) {
            int id = newId();
            segments[id] = chunk.asSlice((long) i << PAGE_SHIFT, PAGE_SIZE);
            sizeClass[id] = UNUSED;
            idleMark[id] = NOT_RESIDENT; // a fresh mapping costs nothing until a page is taken
            next[id] = pagePool;
            pagePool = id;
        }
    }

    private long allocateHuge(int cls) {
        int blockSize = SizeClasses.sizeOf(cls);
        int id = hugeCache[cls];
        if (id != NONE) {
            hugeCache[cls] = next[id];
            hugeCachedBytes -= blockSize;
        } else {
            Arena arena = Arena.ofShared();
            MemorySegment segment = Pages.allocate(blockSize, arena);
            id = newId();
            segments[id] = segment;
            hugeArenas[id] = arena;
            sizeClass[id] = cls;
            reservedBytes += blockSize;
        }
        liveBytes += blockSize;
        return (long) id << 32;
    }

    private void freeHuge(int id, int cls, int blockSize) {
        if (blockSize <= HUGE_CACHE_MAX_BLOCK && hugeCachedBytes + blockSize <= HUGE_CACHE_BYTES) {
            next[id] = hugeCache[cls];
            hugeCache[cls] = id;
            hugeCachedBytes += blockSize;
            idleMark[id] = FRESH;
            return;
        }
        releaseHuge(id, blockSize);
    }

    /** Unmaps the cached blocks of a class that were already cached at the previous trim. */
    private long trimHugeCache(int cls) {
        long released = 0;
        int kept = NONE;
        int id = hugeCache[cls];
        while (id != NONE) {
            int after = next[id];
            if (idleMark[id] == FRESH) {
                idleMark[id] = SEEN_IDLE;
                next[id] = kept;
                kept = id;
            } else {
                int blockSize = SizeClasses.sizeOf(cls);
                hugeCachedBytes -= blockSize;
                releaseHuge(id, blockSize);
                released += blockSize;
            }
            id = after;
        }
        hugeCache[cls] = kept;
        return released;
    }

    private void releaseHuge(int id, int blockSize) {
        hugeArenas[id].close();
        hugeArenas[id] = null;
        segments[id] = null;
        sizeClass[id] = UNUSED;
        reservedBytes -= blockSize;
        if (spareIdCount == spareIds.length) {
            spareIds = Arrays.copyOf(spareIds, spareIds.length * 2);
        }
        spareIds[spareIdCount++] = id;
    }

    private void linkPartial(int cls, int page) {
        int head = partial[cls];
        next[page] = head;
        prev[page] = NONE;
        if (head != NONE) {
            prev[head] = page;
        }
        partial[cls] = page;
    }

    private void unlinkPartial(int cls, int page) {
        int before = prev[page];
        int after = next[page];
        if (before == NONE) {
            partial[cls] = after;
        } else {
            next[before] = after;
        }
        if (after != NONE) {
            prev[after] = before;
        }
        next[page] = NONE;
        prev[page] = NONE;
    }

    private int newId() {
        if (spareIdCount > 0) {
            return spareIds[--spareIdCount];
        }
        if (nextId == segments.length) {
            int n = segments.length * 2;
            segments = Arrays.copyOf(segments, n);
            hugeArenas = Arrays.copyOf(hugeArenas, n);
            sizeClass = Arrays.copyOf(sizeClass, n);
            live = Arrays.copyOf(live, n);
            freeHead = Arrays.copyOf(freeHead, n);
            bump = Arrays.copyOf(bump, n);
            next = Arrays.copyOf(next, n);
            prev = Arrays.copyOf(prev, n);
            idleMark = Arrays.copyOf(idleMark, n);
        }
        return nextId++;
    }

    private void init() {
        int n = 64;
        segments = new MemorySegment[n];
        hugeArenas = new Arena[n];
        sizeClass = new int[n];
        live = new int[n];
        freeHead = new int[n];
        bump = new int[n];
        next = new int[n];
        prev = new int[n];
        idleMark = new byte[n];
        spareIds = new int[16];
        spareIdCount = 0;
        Arrays.fill(partial, NONE);
        Arrays.fill(hugeCache, NONE);
        pagePool = NONE;
        nextId = 1;
        chunkArena = null;
        liveBytes = 0;
        reservedBytes = 0;
        hugeCachedBytes = 0;
    }

    private void releaseAll() {
        for (int id = 1; id < nextId; id++) {
            if (hugeArenas[id] != null) {
                hugeArenas[id].close();
                hugeArenas[id] = null;
            }
            segments[id] = null;
        }
        if (chunkArena != null) {
            chunkArena.close();
            chunkArena = null;
        }
        reservedBytes = 0;
    }
}
