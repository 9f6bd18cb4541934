package dev.kevy.server.store;

import dev.kevy.sys.Mman;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Where the keyspace's off-heap memory comes from: kernel mappings on Linux, an arena elsewhere.
 *
 * <p>Measured with 2 shards, before: a flushed keyspace of millions of keys left its 1 MiB chunks
 * and 128 KiB table chunks in glibc's free lists (below the mmap threshold, which glibc raises to
 * the largest block ever freed), so RSS stayed high. A mapping is unmapped when its arena closes,
 * and its pages come from the kernel zeroed, so an allocation costs no zeroing pass.
 *
 * <p>The mappings are populated when made ({@link Mman#mapPopulated}): every allocation here is
 * about to be written throughout (table slots, blocks), and a lazily faulted page that a lookup
 * reads before the insert writes it maps the kernel's zero page first, whose copy-on-write then
 * flushes the TLB of every core running this process (measured in a profile of loading 1M keys:
 * 5% of the samples in those flushes; the load went from 1.33 to 1.23 s).
 */
final class Pages {
    private Pages() {
    }

    /**
     * {@code bytes} of zeroed memory, page-aligned, freed when {@code owner} closes.
     *
     * @throws OutOfMemoryError when the kernel refuses, as {@link Arena#allocate} does
     */
    static MemorySegment allocate(long bytes, Arena owner) {
        if (Mman.isSupported()) {
            MemorySegment mapping = Mman.mapPopulated(bytes, owner);
            if (mapping.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("the kernel refused a mapping of " + bytes + " bytes");
            }
            return mapping.asSlice(0, bytes);
        }
        return owner.allocate(bytes, 4096);
    }

    /**
     * Gives the memory of a whole-page segment from {@link #allocate} back to the OS; it reads as
     * zeros afterwards. False where that is not possible (no {@code madvise}): the memory stays.
     */
    static boolean discard(MemorySegment pages) {
        return Mman.isSupported() && Mman.discard(pages, 0, pages.byteSize()) == 0;
    }
}
