package dev.kevy.rt.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class InputBufferTest {
    private static final int CHUNK = 1024;

    private static BufferPool pool() {
        return new BufferPool(CHUNK, 4 * CHUNK, 8 * CHUNK);
    }

    /** Simulates one read syscall of up to {@code data.length - from} bytes; returns bytes stored. */
    private static int read(InputBuffer in, byte[] data, int from, long pendingCommandBytes) {
        long free = in.prepareRead(pendingCommandBytes);
        int n = (int) Math.min(free, data.length - from);
        MemorySegment.copy(data, from, in.segment(), ValueLayout.JAVA_BYTE, in.writeIndex(), n);
        in.advanceWriteIndex(n);
        return n;
    }

    private static byte[] readable(InputBuffer in) {
        return in.segment().asSlice(in.readIndex(), in.readableBytes()).toArray(ValueLayout.JAVA_BYTE);
    }

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void readFillsTailAndConsumeAdvancesFront() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1 << 20);
            byte[] data = pattern(300, 1);
            assertEquals(300, read(in, data, 0, 0));
            assertEquals(300, in.readableBytes());
            in.consume(100);
            assertEquals(100, in.readIndex());
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 300), readable(in));
        }
    }

    @Test
    void compactionMovesThePartialCommandToTheFront() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1 << 20);
            byte[] data = pattern(CHUNK, 2);
            read(in, data, 0, 0);
            in.consume(CHUNK - 10);
            long free = in.prepareRead(0);
            assertEquals(0, in.readIndex());
            assertEquals(10, in.writeIndex());
            assertEquals(CHUNK - 10, free);
            assertEquals(CHUNK, in.capacity(), "compaction, not growth");
            assertArrayEquals(java.util.Arrays.copyOfRange(data, CHUNK - 10, CHUNK), readable(in));
        }
    }

    @Test
    void growthHappensOnlyWhenFullOfUnparsedBytesAndDoubles() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1 << 20);
            byte[] data = pattern(5000, 3);
            int at = read(in, data, 0, 0);
            assertEquals(CHUNK, at);
            assertEquals(CHUNK, in.capacity());
            at += read(in, data, at, 0);
            assertEquals(2 * CHUNK, in.capacity());
            at += read(in, data, at, 0);
            assertEquals(4 * CHUNK, in.capacity());
            while (at < data.length) {
                at += read(in, data, at, 0);
            }
            assertEquals(8 * CHUNK, in.capacity());
            assertArrayEquals(data, readable(in), "growth keeps every byte, in order");
        }
    }

    @Test
    void declaredCommandSizeAllocatesNothingBeforeTheBytesArrive() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1L << 30);
            byte[] header = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$536870912\r\n".getBytes();
            read(in, header, 0, 0);
            long declared = header.length + 536_870_912L + 2;
            assertEquals(CHUNK - header.length, in.prepareRead(declared));
            assertEquals(CHUNK, in.capacity());
            assertEquals(CHUNK, pool.bytesOut());
        }
    }

    @Test
    void growthStopsAtThePendingCommandSize() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1 << 20);
            byte[] command = pattern(20_000, 4);
            int at = 0;
            while (at < command.length) {
                at += read(in, command, at, command.length);
            }
            // Doubling would have reached 32K; the command needs 20000 bytes, so 20 chunks.
            assertEquals(20 * CHUNK, in.capacity());
            assertArrayEquals(command, readable(in));
            assertEquals(20 * CHUNK, pool.bytesOut(), "the smaller blocks went back on each growth");
        }
    }

    @Test
    void bigCommandSitsContiguouslyWithMemoryBoundedByTwiceWhatArrived() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1 << 20);
            byte[] command = pattern(300_000, 5);
            int at = 0;
            long peakOut = 0;
            while (at < command.length) {
                at += read(in, command, at, 0);
                peakOut = Math.max(peakOut, pool.bytesOut());
                assertTrue(in.capacity() <= Math.max(CHUNK, 2L * in.readableBytes()),
                        "capacity " + in.capacity() + " for " + in.readableBytes() + " received");
            }
            assertArrayEquals(command, readable(in));
            assertTrue(peakOut <= 2L * command.length, "peak " + peakOut);
        }
    }

    @Test
    void fullBufferAtMaxCapacityReportsNoRoom() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 3 * CHUNK);
            byte[] data = pattern(3 * CHUNK, 6);
            int at = 0;
            while (at < data.length) {
                at += read(in, data, at, 0);
            }
            assertEquals(3 * CHUNK, in.capacity());
            assertEquals(0, in.prepareRead(0));
            in.consume(1);
            assertEquals(1, in.prepareRead(0), "compaction frees the consumed byte");
        }
    }

    @Test
    void emptiedBufferShrinksToOneChunkAndCountersReturnToBaseline() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1 << 20);
            byte[] data = pattern(50_000, 7);
            int at = 0;
            while (at < data.length) {
                at += read(in, data, at, 0);
            }
            assertTrue(in.capacity() > CHUNK);
            in.consume(in.readableBytes() - 1);
            assertTrue(in.capacity() > CHUNK, "a partial command keeps its block");
            in.consume(1);
            assertEquals(CHUNK, in.capacity());
            assertEquals(1, pool.blocksOut());
            assertEquals(CHUNK, pool.bytesOut());
            in.releaseIfEmpty();
            assertEquals(MemorySegment.NULL, in.segment());
            assertEquals(0, pool.blocksOut());
            assertEquals(0, pool.bytesOut());
            read(in, data, 0, 0);
            in.release();
            assertEquals(0, pool.blocksOut());
            assertEquals(0, pool.bytesOut());
        }
    }

    @Test
    void overConsumingAndOverAdvancingAreRejected() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1 << 20);
            in.prepareRead(0);
            assertThrows(IllegalArgumentException.class, () -> in.advanceWriteIndex(CHUNK + 1));
            in.advanceWriteIndex(10);
            assertThrows(IllegalArgumentException.class, () -> in.consume(11));
        }
    }

    @Test
    void readAndConsumeCycleAllocatesNothingAfterWarmUp() {
        try (BufferPool pool = pool()) {
            InputBuffer in = new InputBuffer(pool, 1 << 20);
            byte[] data = pattern(700, 8);
            long bytes = AllocationMeter.bytesPerRound(20, 20_000, i -> {
                read(in, data, 0, 0);
                in.consume(in.readableBytes() - (i & 63));
            });
            assertEquals(0, bytes);
            in.release();
            assertEquals(0, pool.blocksOut());
        }
    }
}
