package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizeClassesTest {
    @Test
    void everySizeGetsTheSmallestClassThatHoldsIt() {
        for (int size = 1; size <= 300_000; size++) {
            int c = SizeClasses.classOf(size);
            assertTrue(SizeClasses.sizeOf(c) >= size, "class too small for " + size);
            if (c > 0) {
                assertTrue(SizeClasses.sizeOf(c - 1) < size, "a smaller class holds " + size);
            }
        }
        assertEquals(SizeClasses.CLASSES - 1, SizeClasses.classOf(SizeClasses.MAX_SIZE));
    }

    @Test
    void roundingWastesAtMostAFifthAndBlocksStayEightByteAligned() {
        for (int c = 0; c < SizeClasses.CLASSES; c++) {
            int size = SizeClasses.sizeOf(c);
            assertEquals(0, size % 8, "class " + c);
            if (c > 0) {
                int smallestRequest = SizeClasses.sizeOf(c - 1) + 1;
                assertTrue(size - smallestRequest <= size / 5, "class " + c + " wastes too much");
            }
        }
    }

    @Test
    void smallClassesFitEightTimesInAPage() {
        assertEquals(SizeClasses.SMALL_MAX, SizeClasses.sizeOf(SizeClasses.SMALL_CLASSES - 1));
        assertTrue(SizeClasses.SMALL_MAX * 8 <= BlockAllocator.PAGE_SIZE);
    }
}
