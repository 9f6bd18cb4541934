package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own account of which pages are resident ({@code mincore}) shows that a mapping
 * costs only the pages written, and that discard and unmap give them back. Transparent
 * huge pages in "always" mode would fault 2 MiB at a time, so the test needs them off or "madvise".
 */
class MmanTest {
    private static final long MIB = 1 << 20;

    @BeforeAll
    static void linuxWithoutForcedHugePages() throws IOException {
        assumeTrue(Mman.isSupported(), "mmap bindings exist for Linux");
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        assumeTrue(!Files.exists(thp) || !Files.readString(thp).contains("[always]"),
                "transparent huge pages are forced on: residency grows in 2 MiB steps");
    }

    @Test
    void aMappingIsResidentOnlyWhereWrittenAndDiscardGivesPagesBack() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = Mman.map(64 * MIB, arena);
            assertEquals(64 * MIB, m.byteSize());
            assertEquals(0, m.address() % Mman.pageSize());
            assertEquals(0, Mman.residentBytes(m));
            for (long at = 0; at < 8 * MIB; at += Mman.pageSize()) {
                m.set(ValueLayout.JAVA_BYTE, at, (byte) 1);
            }
            assertEquals(8 * MIB, Mman.residentBytes(m));

            assertEquals(0, Mman.discard(m, 0, 4 * MIB));
            assertEquals(4 * MIB, Mman.residentBytes(m));
            assertEquals(0, m.get(ValueLayout.JAVA_BYTE, 0), "a discarded page reads as zero");
            assertEquals(1, m.get(ValueLayout.JAVA_BYTE, 4 * MIB), "pages past the range keep their bytes");
        }
    }

    @Test
    void aPopulatedMappingIsResidentAndZeroBeforeAnyWrite() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = Mman.mapPopulated(4 * MIB + 1, arena);
            assertEquals(4 * MIB + Mman.pageSize(), m.byteSize(), "rounded up to whole pages");
            assertEquals(m.byteSize(), Mman.residentBytes(m), "every page made resident by the call");
            for (long at = 0; at < m.byteSize(); at += 4096) {
                assertEquals(0L, m.get(ValueLayout.JAVA_LONG, at));
            }
            m.set(ValueLayout.JAVA_LONG, 8, -1L);
            assertEquals(-1L, m.get(ValueLayout.JAVA_LONG, 8), "writable");
        }
    }

    @Test
    void closingTheOwnerUnmaps() throws IOException {
        Arena arena = Arena.ofShared();
        MemorySegment m = Mman.map(3 * Mman.pageSize() - 1, arena);
        assertEquals(3 * Mman.pageSize(), m.byteSize(), "rounded up to whole pages");
        m.fill((byte) 7);
        long address = m.address();
        arena.close();
        assertFalse(mapped(address), "the mapping is gone");
        assertThrows(IllegalStateException.class, () -> m.get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void aMappingTheKernelRefusesIsNull() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(MemorySegment.NULL, Mman.map(1L << 62, arena), "no address space for 4 EiB");
        }
    }

    @Test
    void discardRefusesARangeThatIsNotWholePages() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = Mman.map(4 * Mman.pageSize(), arena);
            assertEquals(-Errno.EINVAL, Mman.discard(m, 1, Mman.pageSize()));
            assertEquals(-Errno.EINVAL, Mman.discard(m, 0, Mman.pageSize() + 1));
        }
    }

    /** True when some mapping of this process covers {@code address} ({@code /proc/self/maps}). */
    private static boolean mapped(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aFileIsSizedAndMappedReadOnlyInPlace(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] bytes = new byte[3 * (int) Mman.pageSize() + 123]; // not a whole number of pages
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = dir.resolve("data");
        Files.write(file, bytes);
        int fd = SysException.check("open", Fs.open(file.toString(), Fs.O_RDONLY, 0));
        Arena arena = Arena.ofConfined();
        try {
            assertEquals(bytes.length, Fs.size(fd));
            MemorySegment m = Mman.mapFile(fd, bytes.length, arena);
            assertEquals(bytes.length, m.byteSize());
            org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, m.toArray(ValueLayout.JAVA_BYTE));
            assertThrows(IllegalArgumentException.class, () -> m.set(ValueLayout.JAVA_BYTE, 0, (byte) 1),
                    "the mapping is read-only");
            arena.close();
            assertFalse(m.scope().isAlive(), "closing the owner unmaps it");
        } finally {
            Posix.close(fd);
        }
        assertEquals(-Errno.EBADF, Fs.size(fd), "a closed descriptor has no size");
    }
}
