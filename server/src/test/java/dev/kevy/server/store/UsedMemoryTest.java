package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Keyspace#usedMemory} is exactly what the keyspace holds for data: each entry's block at
 * its size class (header, key, value), the index's slots (both tables while one is resized), and
 * eight bytes per key in the expiry index. Computed here from the sizes alone.
 */
class UsedMemoryTest {
    private static final long NOW = 1_700_000_000_000L;

    private final Keyspace ks = new Keyspace(1024, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Bytes bytes = new Bytes();

    @AfterEach
    void close() {
        ks.close();
    }

    private static long block(int keyLength, int valueLength) {
        return SizeClasses.sizeOf(SizeClasses.classOf(EntryLayout.HEADER + keyLength + valueLength));
    }

    private static int valueLength(int i) {
        return i % 97 == 0 ? 40_000 + i : (i * 31) % 700; // some values in blocks of their own
    }

    @Test
    void usedMemoryIsTheBlocksAtClassSizePlusTheTableSlotsPlusTheExpiryIndex() {
        long baseline = ks.usedMemory();
        assertEquals(2048L * HashTable.SLOT_BYTES, baseline, "an empty keyspace: its initial table");
        MemorySegment s = bytes.segment();
        byte[] big = new byte[50_000];
        long blocks = 0;
        int expiring = 0;
        for (int i = 0; i < 6000; i++) {
            byte[] key = Bytes.utf8("used:" + i);
            int length = valueLength(i);
            long k = bytes.put(key);
            long v = bytes.put(big);
            boolean expires = i % 3 == 0;
            ks.set(s, k, key.length, s, v, length, expires ? NOW + 100_000 : 0, 0, NOW);
            blocks += block(key.length, length);
            expiring += expires ? 1 : 0;
            if (i == 3100) { // the 3073rd key started a resize from 4096 to 8192 slots: both tables count
                assertTrue(ks.isRehashing());
                assertEquals(blocks + (4096L + 8192) * HashTable.SLOT_BYTES + 8L * expiring, ks.usedMemory());
            }
        }
        while (ks.rehash(4096) > 0) {
            // finish any resize
        }
        assertEquals(8192, ks.capacity(), "6000 keys at most 3/4 full");
        assertEquals(blocks + 8192L * HashTable.SLOT_BYTES + 8L * expiring, ks.usedMemory());

        ks.flush();
        assertEquals(baseline, ks.usedMemory(), "FLUSHALL returns to the baseline");
    }

    @Test
    void anOverwriteInPlaceKeepsItsBlockAndAGrowingOneIsCountedAtItsNewClass() {
        MemorySegment s = bytes.segment();
        byte[] key = Bytes.utf8("grow");
        long k = bytes.put(key);
        long v = bytes.put(new byte[10_000]);
        long table = ks.usedMemory();
        ks.set(s, k, 4, s, v, 100, 0, 0, NOW);
        assertEquals(table + block(4, 100), ks.usedMemory());
        ks.set(s, k, 4, s, v, 90, 0, 0, NOW);
        assertEquals(table + block(4, 100), ks.usedMemory(), "rewritten in place: the same block");
        ks.append(s, k, 4, s, v, 5000, NOW); // moves with room to spare: twice the need
        long need = EntryLayout.HEADER + 4 + 5090;
        assertEquals(table + SizeClasses.sizeOf(SizeClasses.classOf((int) (2 * need))), ks.usedMemory());
    }
}
