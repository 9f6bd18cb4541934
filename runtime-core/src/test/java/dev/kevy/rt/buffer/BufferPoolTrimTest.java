package dev.kevy.rt.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** An idle pool shrinks to the high-water mark of its recent use, whole slabs at a time. */
class BufferPoolTrimTest {
    private static final int CHUNK = 1024;
    private static final int PER_SLAB = 4;

    private static BufferPool pool() {
        return new BufferPool(CHUNK, PER_SLAB * CHUNK, 8 * CHUNK);
    }

    private static MemorySegment[] acquire(BufferPool pool, int n) {
        MemorySegment[] blocks = new MemorySegment[n];
        for (int i = 0; i < n; i++) {
            blocks[i] = pool.acquireChunk();
        }
        return blocks;
    }

    private static void release(BufferPool pool, MemorySegment[] blocks, int from, int to) {
        for (int i = from; i < to; i++) {
            pool.release(blocks[i]);
        }
    }

    @Test
    void anIdlePoolGivesBackEverySlabAfterTwoTrims() {
        try (BufferPool pool = pool()) {
            MemorySegment[] burst = acquire(pool, 40); // a burst of connections: 10 slabs
            release(pool, burst, 0, 40);
            assertEquals(40L * CHUNK, pool.bytesReserved());
            assertEquals(0, pool.trim(), "the burst is this interval's high-water mark");
            assertEquals(10, pool.slabCount());
            assertEquals(40L * CHUNK, pool.trim(), "a whole interval unused: every slab goes");
            assertEquals(0, pool.slabCount());
            assertEquals(0, pool.bytesReserved());
            assertFalse(burst[0].scope().isAlive(), "the slab's arena is closed");

            MemorySegment again = pool.acquireChunk();
            assertEquals(1, pool.slabCount(), "a trimmed pool grows again on demand");
            pool.release(again);
        }
    }

    @Test
    void trimKeepsTheRecentHighWaterMarkAndOnlyWholeFreeSlabs() {
        try (BufferPool pool = pool()) {
            MemorySegment[] blocks = acquire(pool, 20); // 5 slabs
            release(pool, blocks, 6, 20);               // 6 still out, peak 20
            pool.trim();                                // peak becomes 6
            long freed = pool.trim();
            // 14 free blocks, 6 out: keep 6 blocks, so up to 3 slabs may go, but only whole free ones.
            // Blocks 0..5 fill slab 1 and half of slab 2 (the stack hands out in address order).
            assertEquals(3L * PER_SLAB * CHUNK, freed);
            assertEquals(2, pool.slabCount());
            assertEquals(6, pool.blocksOut());
            for (int i = 0; i < 6; i++) {
                assertTrue(blocks[i].scope().isAlive(), "blocks still out keep their memory");
            }
            MemorySegment[] more = acquire(pool, 2);  // the two free blocks of the half-used slab
            assertEquals(2, pool.slabCount());
            release(pool, more, 0, 2);
            release(pool, blocks, 0, 6);
        }
    }

    @Test
    void steadyChurnKeepsItsSlabsAndAllocatesNothing() {
        try (BufferPool pool = pool()) {
            MemorySegment[] held = new MemorySegment[12];
            AllocationMeter.Op churn = i -> {
                for (int j = 0; j < held.length; j++) {
                    held[j] = pool.acquireChunk();
                }
                for (MemorySegment b : held) {
                    pool.release(b);
                }
                pool.trim(); // a trim between bursts of the same size never frees what they use
            };
            long perRound = AllocationMeter.bytesPerRound(1000, 100, churn);
            assertEquals(0, perRound);
            assertEquals(3, pool.slabCount());
        }
    }

    @Test
    void slabsComeFromTheLazyMemoryWhenGiven() {
        int[] reserved = new int[1];
        LazyMemory counting = (bytes, owner) -> {
            reserved[0]++;
            return owner.allocate(bytes);
        };
        try (BufferPool pool = new BufferPool(CHUNK, PER_SLAB * CHUNK, 8 * CHUNK, counting)) {
            MemorySegment block = pool.acquireChunk();
            MemorySegment big = pool.acquire(100 * CHUNK);
            assertEquals(2, reserved[0], "one slab, one dedicated block");
            assertEquals(100L * CHUNK, big.byteSize());
            pool.release(big);
            pool.release(block);
        }
    }

    @Test
    void trimOnAClosedPoolDoesNothing() {
        BufferPool pool = pool();
        pool.acquireChunk();
        pool.close();
        assertEquals(0, pool.trim());
        assertEquals(0, pool.slabCount());
    }
}
