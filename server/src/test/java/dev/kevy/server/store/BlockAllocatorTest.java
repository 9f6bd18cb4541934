package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockAllocatorTest {
    private final BlockAllocator memory = new BlockAllocator();

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void blocksNeverOverlapAndKeepTheirContents() {
        Random random = new Random(7);
        List<Long> blocks = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int size = random.nextInt(10) == 0 ? 5 + random.nextInt(60_000) : 5 + random.nextInt(300); // room for the int and the last byte
            long block = memory.allocate(size);
            assertTrue(memory.capacity(block) >= size);
            MemorySegment s = memory.segment(block);
            long base = BlockAllocator.offset(block);
            assertTrue(base + size <= s.byteSize(), "block runs off its segment");
            s.set(ValueLayout.JAVA_INT_UNALIGNED, base, i);
            s.set(ValueLayout.JAVA_BYTE, base + size - 1, (byte) i);
            blocks.add(block);
            sizes.add(size);
            if (random.nextInt(3) == 0) { // free a random earlier block
                int victim = random.nextInt(blocks.size());
                if (blocks.get(victim) != 0) {
                    memory.free(blocks.get(victim));
                    blocks.set(victim, 0L);
                }
            }
        }
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            long block = blocks.get(i);
            if (block == 0) {
                continue;
            }
            assertTrue(distinct.add(block));
            MemorySegment s = memory.segment(block);
            long base = BlockAllocator.offset(block);
            assertEquals(i, s.get(ValueLayout.JAVA_INT_UNALIGNED, base), "block " + i + " was overwritten");
            assertEquals((byte) i, s.get(ValueLayout.JAVA_BYTE, base + sizes.get(i) - 1));
        }
    }

    @Test
    void freeingEverythingReturnsLiveBytesToZeroAndRefillingReusesTheMemory() {
        Random random = new Random(11);
        long[] blocks = new long[50_000];
        int[] sizes = new int[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            sizes[i] = random.nextInt(20) == 0 ? 33_000 + random.nextInt(100) : 8 + random.nextInt(500);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = memory.allocate(sizes[i]);
            }
            long reserved = memory.reservedBytes();
            for (long block : blocks) {
                memory.free(block);
            }
            assertEquals(0, memory.liveBytes());
            if (round > 0) {
                for (int i = 0; i < blocks.length; i++) {
                    blocks[i] = memory.allocate(sizes[i]);
                }
                assertEquals(reserved, memory.reservedBytes(), "refill took new memory");
                for (long block : blocks) {
                    memory.free(block);
                }
            }
        }
    }

    @Test
    void anEmptiedPageServesAnotherSizeClass() {
        int count = BlockAllocator.PAGE_SIZE / 32 * 4; // fills the first chunk with 32-byte blocks
        long[] small = new long[count];
        for (int i = 0; i < count; i++) {
            small[i] = memory.allocate(32);
        }
        long reserved = memory.reservedBytes();
        for (long block : small) {
            memory.free(block);
        }
        int bigCount = BlockAllocator.PAGE_SIZE / 1024 * 4;
        for (int i = 0; i < bigCount; i++) {
            memory.allocate(1000);
        }
        assertEquals(reserved, memory.reservedBytes(), "pages of the 32-byte class were not reused");
    }

    @Test
    void largeBlocksAreCachedForReuseAndReleasedPastTheCache() {
        long first = memory.allocate(100_000);
        long reserved = memory.reservedBytes();
        memory.free(first);
        long again = memory.allocate(100_000);
        assertEquals(first, again, "a freed large block of the same class is reused");
        assertEquals(reserved, memory.reservedBytes());
        memory.free(again);

        int size = 10 << 20;
        int count = (int) (BlockAllocator.HUGE_CACHE_BYTES / size) + 3;
        long[] big = new long[count];
        for (int i = 0; i < count; i++) {
            big[i] = memory.allocate(size);
        }
        long peak = memory.reservedBytes();
        for (long block : big) {
            memory.free(block);
        }
        assertTrue(memory.reservedBytes() < peak, "nothing was released past the cache");
        assertTrue(memory.reservedBytes() <= reserved + BlockAllocator.HUGE_CACHE_BYTES + 4L * BlockAllocator.PAGE_SIZE);
        assertEquals(0, memory.liveBytes());
        assertNotEquals(0, memory.allocate(size));
    }

    @Test
    void resetReleasesEverything() {
        for (int i = 0; i < 1000; i++) {
            memory.allocate(100 + i);
        }
        memory.allocate(1 << 20);
        memory.reset();
        assertEquals(0, memory.liveBytes());
        assertEquals(0, memory.reservedBytes());
        long block = memory.allocate(40);
        assertTrue(block != 0);
    }
}
