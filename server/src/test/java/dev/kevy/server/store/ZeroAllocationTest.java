package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, GET, SET (overwrite and insert), INCR, DEL, expiry and SCAN allocate nothing on
 * the heap. Each round runs thousands of operations and measures the thread's allocation; the
 * JIT needs a few rounds to compile and inline, so rounds repeat until one allocates 0 bytes or
 * the attempts run out, and the last round must be 0.
 */
class ZeroAllocationTest {
    private static final int KEYS = 4_096;
    private static final int KEY_LENGTH = 16;
    private static final long NOW = 1_700_000_000_000L;

    private final Keyspace ks = new Keyspace(KEYS * 2, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment keys = arena.allocate((long) KEYS * KEY_LENGTH);
    private final MemorySegment values = arena.allocate(256);
    private final MemorySegment out = arena.allocate(256);
    private final CountingVisitor visitor = new CountingVisitor();
    private long sink;

    private static final class CountingVisitor implements EntryVisitor {
        long sum;

        @Override
        public void visit(MemorySegment segment, long keyOffset, int keyLength, long entry) {
            sum += keyLength;
        }
    }

    @AfterEach
    void close() {
        ks.close();
        arena.close();
    }

    @Test
    void theMeterSeesAnAllocation() {
        long before = AllocationMeter.allocatedBytes();
        sink += new long[1_000].length;
        assertEquals(true, AllocationMeter.allocatedBytes() - before >= 8_000, "the meter must not read 0 blindly");
    }

    @Test
    void hotPathsAllocateNothingAfterWarmUp() {
        for (int i = 0; i < KEYS; i++) {
            for (int b = 0; b < KEY_LENGTH; b++) {
                keys.set(ValueLayout.JAVA_BYTE, (long) i * KEY_LENGTH + b, (byte) ('a' + (i * 31 + b * 7) % 26));
            }
            keys.set(ValueLayout.JAVA_INT_UNALIGNED, (long) i * KEY_LENGTH, i); // unique
        }
        for (int b = 0; b < 256; b++) {
            values.set(ValueLayout.JAVA_BYTE, b, (byte) ('0' + b % 10));
        }
        values.set(ValueLayout.JAVA_BYTE, 0, (byte) '1');
        long allocated = -1;
        for (int round = 0; round < 40 && allocated != 0; round++) {
            long before = AllocationMeter.allocatedBytes();
            runOperations(round);
            allocated = AllocationMeter.allocatedBytes() - before;
        }
        assertEquals(0, allocated, "bytes allocated by a round of operations after warm-up");
        assertEquals(KEYS, ks.size());
    }

    private void runOperations(int round) {
        long now = NOW + round;
        for (int i = 0; i < KEYS; i++) {
            long k = (long) i * KEY_LENGTH;
            int size = 8 + (i & 63);
            ks.set(keys, k, KEY_LENGTH, values, 0, size, (i & 3) == 0 ? now + 1 : 0, 0, now); // insert or overwrite
        }
        for (int repeat = 0; repeat < 4; repeat++) {
            for (int i = 0; i < KEYS; i++) {
                long k = (long) i * KEY_LENGTH;
                long entry = ks.lookup(keys, k, KEY_LENGTH, now);
                MemorySegment.copy(ks.segment(entry), ks.valueOffset(entry), out, 0, ks.valueLength(entry));
                sink += ks.lookup(values, 0, 7, now); // a miss
            }
        }
        for (int i = 0; i < KEYS; i += 2) {
            long k = (long) i * KEY_LENGTH;
            ks.set(keys, k, KEY_LENGTH, values, 1, 10, 0, 0, now); // "2345678901": an integer
            ks.incrBy(keys, k, KEY_LENGTH, i, now);
        }
        for (int i = 1; i < KEYS; i += 2) {
            long k = (long) i * KEY_LENGTH;
            ks.delete(keys, k, KEY_LENGTH, now);
            sink += ks.incrBy(keys, k, KEY_LENGTH, 1, now); // creates it again
            ks.append(keys, k, KEY_LENGTH, values, 0, 3, now);
            ks.setRange(keys, k, KEY_LENGTH, 2, values, 5, 4, now);
        }
        ks.expireSome(now + 10, 64);
        long cursor = 0;
        do {
            cursor = ks.scan(cursor, 100, visitor, now);
        } while (cursor != 0);
        sink += ks.randomEntry(now) + ks.usedMemory() + visitor.sum;
    }
}
