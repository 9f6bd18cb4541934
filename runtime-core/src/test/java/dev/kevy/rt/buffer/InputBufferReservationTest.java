package dev.kevy.rt.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A command larger than the pool's largest block moves once into a reservation of its size. */
class InputBufferReservationTest {
    private static final int CHUNK = 1024;
    private static final long MAX_POOLED = 8 * CHUNK;

    /** Records each reservation; arena-backed, so it stands in for the mapping in tests only. */
    private static final class RecordingMemory implements LazyMemory {
        final List<MemorySegment> reserved = new ArrayList<>();
        boolean refuse;

        @Override
        public MemorySegment reserve(long bytes, Arena owner) {
            if (refuse) {
                return MemorySegment.NULL;
            }
            MemorySegment s = owner.allocate(bytes);
            reserved.add(s);
            return s;
        }
    }

    private static void receive(InputBuffer in, byte[] data, int from, int length, long pending) {
        int end = from + length;
        while (from < end) {
            long free = in.prepareRead(pending);
            int n = (int) Math.min(free, end - from);
            MemorySegment.copy(data, from, in.segment(), ValueLayout.JAVA_BYTE, in.writeIndex(), n);
            in.advanceWriteIndex(n);
            from += n;
        }
    }

    private static byte[] pattern(int length) {
        return InputBufferTest.pattern(length, 3);
    }

    @Test
    void aLargeCommandIsReceivedIntoOneReservationOfItsDeclaredSize() {
        RecordingMemory lazy = new RecordingMemory();
        try (BufferPool pool = new BufferPool(CHUNK, 4 * CHUNK, MAX_POOLED)) {
            InputBuffer in = new InputBuffer(pool, 1 << 20, lazy);
            int command = 100_000;
            byte[] data = pattern(command);
            receive(in, data, 0, CHUNK, 0); // the header: the parser learns the length from it
            receive(in, data, CHUNK, command - CHUNK, command);

            assertEquals(1, lazy.reserved.size(), "one move, no doubling steps");
            assertEquals(command, lazy.reserved.get(0).byteSize(), "reserved for the command, not twice it");
            assertTrue(in.isReserved());
            assertEquals(0, pool.blocksOut(), "the pool block went back when the bytes moved");
            assertArrayEquals(data, in.segment().asSlice(0, command).toArray(ValueLayout.JAVA_BYTE));

            in.consume(command);
            assertFalse(in.isReserved());
            assertFalse(lazy.reserved.get(0).scope().isAlive(), "an emptied reservation is released at once");
            assertEquals(CHUNK, in.capacity());
            assertEquals(1, pool.blocksOut());
        }
    }

    @Test
    void commandsWithinThePoolsLargestBlockStillDouble() {
        RecordingMemory lazy = new RecordingMemory();
        try (BufferPool pool = new BufferPool(CHUNK, 4 * CHUNK, MAX_POOLED)) {
            InputBuffer in = new InputBuffer(pool, 1 << 20, lazy);
            byte[] data = pattern((int) MAX_POOLED);
            receive(in, data, 0, data.length, MAX_POOLED);
            assertEquals(0, lazy.reserved.size());
            assertEquals(MAX_POOLED, in.capacity());
        }
    }

    @Test
    void aRefusedReservationFallsBackToDoubling() {
        RecordingMemory lazy = new RecordingMemory();
        lazy.refuse = true;
        try (BufferPool pool = new BufferPool(CHUNK, 4 * CHUNK, MAX_POOLED)) {
            InputBuffer in = new InputBuffer(pool, 1 << 20, lazy);
            byte[] data = pattern(3 * CHUNK);
            receive(in, data, 0, data.length, 100_000);
            assertFalse(in.isReserved());
            assertEquals(4 * CHUNK, in.capacity(), "1 KiB doubled twice");
            assertArrayEquals(data, in.segment().asSlice(0, 3 * CHUNK).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void releasingTheBufferReleasesItsReservation() {
        RecordingMemory lazy = new RecordingMemory();
        try (BufferPool pool = new BufferPool(CHUNK, 4 * CHUNK, MAX_POOLED)) {
            InputBuffer in = new InputBuffer(pool, 1 << 20, lazy);
            byte[] data = pattern(2 * CHUNK);
            receive(in, data, 0, data.length, 500_000); // a client stalls mid-bulk, then disconnects
            assertTrue(in.isReserved());
            in.release();
            assertFalse(lazy.reserved.get(0).scope().isAlive());
            assertEquals(0, pool.blocksOut());
        }
    }
}
