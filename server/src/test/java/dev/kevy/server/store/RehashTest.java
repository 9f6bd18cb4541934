package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RehashTest {
    private static final long NOW = 1_700_000_000_000L;

    private final Keyspace ks = new Keyspace(0, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment keys = arena.allocate(8L * 1_000_000);

    @AfterEach
    void close() {
        ks.close();
        arena.close();
    }

    private void set(int i) {
        keys.set(ValueLayout.JAVA_LONG_UNALIGNED, 8L * i, i * 0x9E3779B97F4A7C15L);
        ks.set(keys, 8L * i, 8, keys, 8L * i, 8, 0, 0, NOW);
    }

    private boolean exists(int i) {
        return ks.exists(keys, 8L * i, 8, NOW);
    }

    @Test
    void anIndexReservedForALoadNeverGrowsWhileItIsFilled() {
        try (Databases dbs = new Databases(2)) {
            dbs.reserve(1, 100_000);
            Keyspace loaded = dbs.get(1);
            int capacity = loaded.capacity();
            assertTrue(capacity >= 100_000 * 4 / 3, "room for the keys under the grow threshold: " + capacity);
            for (int i = 0; i < 100_000; i++) {
                keys.set(ValueLayout.JAVA_LONG_UNALIGNED, 8L * i, i * 0x9E3779B97F4A7C15L);
                loaded.set(keys, 8L * i, 8, keys, 8L * i, 8, 0, 0, NOW);
                assertFalse(loaded.isRehashing(), "no grow while loading, at key " + i);
            }
            assertEquals(capacity, loaded.capacity());
            assertEquals(100_000, loaded.size());
            dbs.reserve(1, 10_000_000);
            assertEquals(capacity, loaded.capacity(), "an index that holds keys is not replaced");
        }
    }

    @Test
    void growthIsSpreadOverManyWritesAndKeysStayFindable() {
        int i = 0;
        while (!ks.isRehashing()) {
            set(i++);
        }
        // Drive the table to a size where the work of one resize is visible: grow to 2^18 slots.
        while (ks.capacity() < 1 << 18 || ks.isRehashing()) {
            set(i++);
        }
        int stable = i;
        long grown;
        do {
            long reservedBefore = ks.reservedMemory();
            set(i++);
            grown = ks.reservedMemory() - reservedBefore;
        } while (!ks.isRehashing());
        long newTableBytes = (long) ks.capacity() * HashTable.SLOT_BYTES; // capacity() is the new table's
        assertTrue(grown < newTableBytes / 8,
            "the write that started the resize reserved " + grown + " bytes of a " + newTableBytes
                + "-byte table: its slots should be zeroed lazily, a chunk at a time");
        int writesWhileRehashing = 0;
        while (ks.isRehashing()) {
            set(i++);
            writesWhileRehashing++;
            if (writesWhileRehashing % 1_000 == 0) {
                for (int j = 0; j < stable; j += 97) {
                    assertTrue(exists(j), "key " + j + " lost mid-rehash");
                }
            }
        }
        int oldCapacity = ks.capacity() / 2;
        assertTrue(writesWhileRehashing >= oldCapacity / Dict.REHASH_SLOTS_PER_WRITE - 1,
            "the resize finished in " + writesWhileRehashing + " writes: it was not incremental");
        assertTrue(writesWhileRehashing <= oldCapacity / Dict.REHASH_SLOTS_PER_WRITE + 1);
        for (int j = 0; j < i; j++) {
            assertTrue(exists(j), "key " + j + " lost");
        }
        assertEquals(i, ks.size());
    }

    @Test
    void theTickCanFinishAResizeWithoutWrites() {
        int i = 0;
        while (ks.capacity() < 1 << 14) {
            set(i++);
        }
        while (!ks.isRehashing()) {
            set(i++);
        }
        int capacity = ks.capacity();
        int steps = 0;
        while (ks.rehash(100) > 0) {
            steps++;
        }
        assertFalse(ks.isRehashing());
        assertEquals(capacity, ks.capacity());
        assertTrue(steps >= capacity / 2 / 100, "each tick step is bounded by its slot budget");
        for (int j = 0; j < i; j++) {
            assertTrue(exists(j));
        }
    }

    @Test
    void deletesShrinkTheTableBackToItsInitialSize() {
        int initial = ks.capacity();
        for (int i = 0; i < 100_000; i++) {
            set(i);
        }
        assertNotEquals(initial, ks.capacity());
        for (int i = 0; i < 100_000; i++) {
            assertTrue(ks.delete(keys, 8L * i, 8, NOW));
            if (i % 5_000 == 0) {
                for (int j = i + 1; j < 100_000; j += 1_013) {
                    assertTrue(exists(j), "key " + j + " lost while shrinking");
                }
            }
        }
        while (ks.rehash(1_000) > 0) {
            // tick
        }
        assertEquals(initial, ks.capacity());
        assertEquals(0, ks.size());
    }
}
