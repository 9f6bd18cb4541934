package dev.kevy.sys;

import dev.kevy.sys.linux.mman_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Memory straight from the kernel: {@code mmap}, {@code munmap}, {@code madvise}. Mostly anonymous
 * mappings ({@link #map}); {@link #mapShared} maps memory a descriptor shares, such as io_uring rings.
 *
 * <p>Why not {@link Arena#allocate}: an arena allocates through {@code malloc} and zeroes what it
 * gets, so every page is touched (resident) at once, and {@code free} hands memory below glibc's
 * mmap threshold (up to 32 MiB) back to the allocator's free lists rather than to the OS. A mapping
 * from here costs resident memory only for pages actually written (the kernel supplies zero pages
 * on first touch; {@code MAP_NORESERVE} keeps an untouched reservation out of the commit charge),
 * and {@code munmap}/{@code madvise(MADV_DONTNEED)} give pages back at once. That is what lets a
 * buffer reserve room for a declared 512 MB bulk yet cost only the bytes that arrived, and a freed
 * value or a flushed keyspace shrink the process.
 *
 * <p>Linux only; {@link #isSupported()} is false elsewhere and callers use arenas. Every call is a
 * normal downcall: mapping changes take the process's mmap lock and may wait. They are not per
 * request (large blocks, growth, trimming), so the segment {@code mmap}'s return allocates is fine.
 */
public final class Mman {

    private static final boolean LINUX = Platform.isLinux();

    private static final MethodHandle MMAP = LINUX
            ? Downcalls.blocking(mman_h.mmap$address(), mman_h.mmap$descriptor()) : null;
    private static final MethodHandle MUNMAP = LINUX
            ? Downcalls.blocking(mman_h.munmap$address(), mman_h.munmap$descriptor()) : null;
    private static final MethodHandle MADVISE = LINUX
            ? Downcalls.blocking(mman_h.madvise$address(), mman_h.madvise$descriptor()) : null;
    /**
     * {@link #MADVISE} without errno capture, tried first: a shard's periodic trim discards pages
     * and must not allocate (the capturing form slices its state segment per call; see
     * {@link Downcalls#blockingNoErrno}). Only a failed call is repeated to learn its errno.
     */
    private static final MethodHandle MADVISE_NO_ERRNO = LINUX
            ? Downcalls.blockingNoErrno(mman_h.madvise$address(), mman_h.madvise$descriptor()) : null;
    private static final MethodHandle MINCORE = LINUX
            ? Downcalls.blocking(mman_h.mincore$address(), mman_h.mincore$descriptor()) : null;
    private static final long PAGE_SIZE = LINUX ? mman_h.sysconf(mman_h._SC_PAGESIZE()) : 4096;
    /** {@code MAP_FAILED}, {@code (void *) -1}. */
    private static final long MAP_FAILED = -1L;

    private Mman() {}

    /** True where {@link #map} and {@link #discard} exist (Linux). */
    public static boolean isSupported() {
        return LINUX;
    }

    /** The kernel's page size: the unit of mapping and of {@link #discard}. */
    public static long pageSize() {
        return PAGE_SIZE;
    }

    /**
     * A private anonymous read-write mapping of {@code length} bytes (rounded up to whole pages),
     * zero-filled, resident only where written, unmapped when {@code owner} closes. The segment's
     * address is page-aligned. {@link MemorySegment#NULL} when the kernel refuses the mapping
     * (address space or, under strict overcommit, commit charge exhausted): a condition callers
     * handle, for example by falling back to a smaller allocation.
     */
    public static MemorySegment map(long length, Arena owner) {
        return mapDescriptor(-1, 0, length, mman_h.PROT_READ() | mman_h.PROT_WRITE(),
                mman_h.MAP_PRIVATE() | mman_h.MAP_ANONYMOUS() | mman_h.MAP_NORESERVE(), owner);
    }

    /**
     * As {@link #map}, but every page is made resident and writable at once
     * ({@code MAP_POPULATE}): for memory about to be written throughout. It spares the writes one
     * page fault each and, where a page is read before it is written, the copy-on-write from the
     * kernel's shared zero page, whose TLB flush interrupts every other core that runs a thread of
     * this process. {@link MemorySegment#NULL} when the kernel refuses.
     */
    public static MemorySegment mapPopulated(long length, Arena owner) {
        return mapDescriptor(-1, 0, length, mman_h.PROT_READ() | mman_h.PROT_WRITE(),
                mman_h.MAP_PRIVATE() | mman_h.MAP_ANONYMOUS() | mman_h.MAP_POPULATE(), owner);
    }

    /**
     * A shared read-write mapping of {@code length} bytes (rounded up to whole pages) of {@code fd}
     * at {@code offset}, pre-faulted ({@code MAP_POPULATE}), unmapped when {@code owner} closes.
     * For memory the kernel shares with this process through a descriptor, such as the io_uring
     * rings ({@link IoUring#mapSqRing}). {@link MemorySegment#NULL} when the kernel refuses.
     */
    public static MemorySegment mapShared(int fd, long offset, long length, Arena owner) {
        return mapDescriptor(fd, offset, length, mman_h.PROT_READ() | mman_h.PROT_WRITE(),
                mman_h.MAP_SHARED() | mman_h.MAP_POPULATE(), owner);
    }

    /**
     * The first {@code length} bytes of the file {@code fd} (opened for reading), mapped private
     * and read-only, pre-faulted ({@code MAP_POPULATE}) and unmapped when {@code owner} closes:
     * a file read in place, without copying it. {@link MemorySegment#NULL} when the kernel refuses.
     */
    public static MemorySegment mapFile(int fd, long length, Arena owner) {
        MemorySegment mapping = mapDescriptor(fd, 0, length, mman_h.PROT_READ(),
                mman_h.MAP_PRIVATE() | mman_h.MAP_POPULATE(), owner);
        return mapping.equals(MemorySegment.NULL) ? mapping : mapping.asSlice(0, length).asReadOnly();
    }

    /**
     * {@code mmap} of {@code length} bytes (rounded up to whole pages) of {@code fd} at
     * {@code offset} (-1 and 0 with {@code MAP_ANONYMOUS}), unmapped when {@code owner} closes;
     * {@link MemorySegment#NULL} when refused.
     */
    private static MemorySegment mapDescriptor(int fd, long offset, long length, int prot, int flags, Arena owner) {
        if (!LINUX) {
            throw Downcalls.unsupported("mmap");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        long size = roundUpToPage(length);
        MemorySegment state = CallState.current();
        long address;
        try {
            address = ((MemorySegment) MMAP.invokeExact(state, 0L, size, prot, flags, fd, offset)).address();
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        if (address == MAP_FAILED) {
            return MemorySegment.NULL;
        }
        // The cleanup is a method reference without captures: closing the owner unmaps exactly
        // this range (the segment handed to it has this address and size).
        return MemorySegment.ofAddress(address).reinterpret(size, owner, Mman::unmap);
    }

    /**
     * Gives the pages of {@code length} bytes at {@code offset} back to the kernel
     * ({@code MADV_DONTNEED}); the range stays mapped and reads as zeros until written again.
     * Both must be multiples of {@link #pageSize()}. Returns 0 or {@code -errno}.
     */
    public static int discard(MemorySegment mapping, long offset, long length) {
        if (!LINUX) {
            return -Errno.ENOTSUP;
        }
        if ((offset | length) % PAGE_SIZE != 0 || (mapping.address() % PAGE_SIZE) != 0) {
            return -Errno.EINVAL;
        }
        long address = Downcalls.address(mapping, offset, length);
        try {
            if ((int) MADVISE_NO_ERRNO.invokeExact(address, length, mman_h.MADV_DONTNEED()) == 0) {
                return 0;
            }
            return discardForErrno(address, length); // discarding twice is harmless
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** A failed discard again, capturing its errno (its own method: see {@link Downcalls#criticalNoErrno}). */
    private static int discardForErrno(long address, long length) {
        MemorySegment state = CallState.current();
        try {
            int r = (int) MADVISE.invokeExact(state, address, length, mman_h.MADV_DONTNEED());
            return r == 0 ? 0 : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * Bytes of the pages of a page-aligned segment that are resident ({@code mincore}), for
     * memory reports and tests; or {@code -errno}. Allocates a byte per page: not for hot paths.
     */
    public static long residentBytes(MemorySegment mapping) {
        if (!LINUX) {
            return -Errno.ENOTSUP;
        }
        if (mapping.address() % PAGE_SIZE != 0) {
            return -Errno.EINVAL;
        }
        long pages = roundUpToPage(mapping.byteSize()) / PAGE_SIZE;
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment vector = scratch.allocate(pages);
            long address = Downcalls.address(mapping, 0, mapping.byteSize());
            MemorySegment state = CallState.current();
            int r;
            try {
                r = (int) MINCORE.invokeExact(state, address, mapping.byteSize(), vector.address());
            } catch (Throwable t) {
                throw Downcalls.unexpected(t);
            }
            if (r != 0) {
                return -CallState.errno(state);
            }
            long resident = 0;
            for (long i = 0; i < pages; i++) {
                resident += vector.get(ValueLayout.JAVA_BYTE, i) & 1;
            }
            return resident * PAGE_SIZE;
        }
    }

    /** {@code length} rounded up to a whole number of pages. */
    public static long roundUpToPage(long length) {
        return (length + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    private static void unmap(MemorySegment range) {
        MemorySegment state = CallState.current();
        int r;
        try {
            r = (int) MUNMAP.invokeExact(state, range.address(), range.byteSize());
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        // munmap fails only for a range that was never a mapping (EINVAL): a bug, not a condition.
        if (r != 0) {
            throw new SysException("munmap", CallState.errno(state));
        }
    }
}
