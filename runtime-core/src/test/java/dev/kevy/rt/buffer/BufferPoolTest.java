package dev.kevy.rt.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    private static final int CHUNK = 1024;

    private static BufferPool smallPool() {
        // 4 chunks per slab, classes 1K, 2K, 4K, 8K; above 8K dedicated.
        return new BufferPool(CHUNK, 4 * CHUNK, 8 * CHUNK);
    }

    @Test
    void blockSizesAreChunkTimesPowerOfTwoThenWholeChunksWhenDedicated() {
        try (BufferPool pool = smallPool()) {
            assertEquals(1024, pool.acquire(1).byteSize());
            assertEquals(1024, pool.acquire(1024).byteSize());
            assertEquals(2048, pool.acquire(1025).byteSize());
            assertEquals(4096, pool.acquire(3000).byteSize());
            assertEquals(8192, pool.acquire(8192).byteSize());
            assertEquals(9216, pool.acquire(8193).byteSize());
            assertEquals(9216, pool.blockSizeFor(8193));
            assertEquals(2048, pool.blockSizeFor(2048));
        }
    }

    @Test
    void countersReturnToBaselineAfterEveryBlockIsReleased() {
        try (BufferPool pool = smallPool()) {
            MemorySegment a = pool.acquire(100);
            MemorySegment b = pool.acquire(5000);
            MemorySegment c = pool.acquire(20_000);
            assertEquals(3, pool.blocksOut());
            assertEquals(1024 + 8192 + 20_480, pool.bytesOut());
            pool.release(b);
            pool.release(a);
            pool.release(c);
            assertEquals(0, pool.blocksOut());
            assertEquals(0, pool.bytesOut());
        }
    }

    @Test
    void slabIsAllocatedOnlyWhenItsClassHasNoFreeBlock() {
        try (BufferPool pool = smallPool()) {
            MemorySegment[] blocks = new MemorySegment[8];
            for (int i = 0; i < 4; i++) {
                blocks[i] = pool.acquireChunk();
            }
            assertEquals(1, pool.slabCount());
            blocks[4] = pool.acquireChunk();
            assertEquals(2, pool.slabCount());
            for (int i = 0; i < 5; i++) {
                pool.release(blocks[i]);
            }
            for (int i = 0; i < 8; i++) {
                blocks[i] = pool.acquireChunk();
            }
            assertEquals(2, pool.slabCount(), "8 chunks fit the two slabs already made");
            assertEquals(8L * CHUNK, pool.bytesReserved());
        }
    }

    @Test
    void releasedBlockIsHandedOutAgain() {
        try (BufferPool pool = smallPool()) {
            MemorySegment first = pool.acquire(2048);
            long address = first.address();
            pool.release(first);
            assertEquals(address, pool.acquire(2048).address());
        }
    }

    @Test
    void dedicatedBlockMemoryGoesBackOnRelease() {
        try (BufferPool pool = smallPool()) {
            long before = pool.bytesReserved();
            MemorySegment big = pool.acquire(100_000);
            assertEquals(before + 100_352, pool.bytesReserved());
            big.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 99_999, (byte) 7);
            pool.release(big);
            assertEquals(before, pool.bytesReserved());
            assertEquals(0, pool.blocksOut());
        }
    }

    @Test
    void doubleReleaseIsRejected() {
        try (BufferPool pool = smallPool()) {
            MemorySegment block = pool.acquireChunk();
            pool.release(block);
            assertThrows(IllegalStateException.class, () -> pool.release(block));
        }
    }

    @Test
    void blockOfForeignSizeIsRejected() {
        try (BufferPool pool = smallPool()) {
            pool.acquireChunk();
            assertThrows(IllegalArgumentException.class, () -> pool.release(MemorySegment.ofArray(new byte[1000])));
            assertThrows(IllegalArgumentException.class, () -> pool.release(MemorySegment.ofArray(new byte[20_000])));
        }
    }

    @Test
    void closeFreesEverythingAndRefusesFurtherUse() {
        BufferPool pool = smallPool();
        pool.acquire(100);
        pool.acquire(50_000);
        pool.close();
        assertEquals(0, pool.bytesReserved());
        assertThrows(IllegalStateException.class, pool::acquireChunk);
    }

    @Test
    void invalidGeometryIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BufferPool(1000, 4000, 8000));
        assertThrows(IllegalArgumentException.class, () -> new BufferPool(1024, 1500, 8192));
        assertThrows(IllegalArgumentException.class, () -> new BufferPool(1024, 4096, 3072));
    }

    @Test
    void acquireAndReleaseAllocateNothingAfterWarmUp() {
        try (BufferPool pool = smallPool()) {
            MemorySegment[] held = new MemorySegment[3];
            long bytes = AllocationMeter.bytesPerRound(20, 20_000, i -> {
                held[0] = pool.acquire(100);
                held[1] = pool.acquire(3000);
                held[2] = pool.acquire(8192);
                pool.release(held[1]);
                pool.release(held[0]);
                pool.release(held[2]);
            });
            assertEquals(0, bytes);
            assertEquals(0, pool.blocksOut());
        }
    }
}
