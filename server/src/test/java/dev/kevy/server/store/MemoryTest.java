package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryTest {
    private static final long NOW = 1_700_000_000_000L;

    private final Keyspace ks = new Keyspace(100, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Bytes bytes = new Bytes();

    @AfterEach
    void close() {
        ks.close();
    }

    private void fill(Random random, int count, long expireAt) {
        MemorySegment s = bytes.segment();
        for (int i = 0; i < count; i++) {
            byte[] key = Bytes.utf8("mem:" + i);
            byte[] value = new byte[random.nextInt(50) == 0 ? 40_000 : random.nextInt(600)];
            long k = bytes.put(key);
            long v = bytes.put(value);
            ks.set(s, k, key.length, s, v, value.length, i % 3 == 0 ? expireAt : 0, 0, NOW);
        }
    }

    private void deleteAll(int count) {
        MemorySegment s = bytes.segment();
        for (int i = 0; i < count; i++) {
            byte[] key = Bytes.utf8("mem:" + i);
            assertTrue(ks.delete(s, bytes.put(key), key.length, NOW));
        }
        while (ks.rehash(4_096) > 0) {
            // the tick finishes any shrink the deletes started
        }
    }

    @Test
    void usedMemoryReturnsToBaselineAfterDeletingEverything() {
        long baseline = ks.usedMemory();
        fill(new Random(1), 50_000, NOW + 100_000);
        assertTrue(ks.usedMemory() > baseline + 50_000L * 40, "used memory counts the entries");
        deleteAll(50_000);
        assertEquals(0, ks.size());
        assertEquals(0, ks.expiresCount());
        assertEquals(baseline, ks.usedMemory());
    }

    @Test
    void refillingAfterDeletesReusesTheFreedMemory() {
        fill(new Random(2), 30_000, NOW + 100_000);
        deleteAll(30_000);
        fill(new Random(2), 30_000, NOW + 100_000);
        long reserved = ks.reservedMemory();
        deleteAll(30_000);
        fill(new Random(2), 30_000, NOW + 100_000);
        assertEquals(reserved, ks.reservedMemory(), "a second identical fill took more memory");
    }

    @Test
    void flushReleasesEverything() {
        long baseline = ks.usedMemory();
        fill(new Random(3), 20_000, NOW + 100_000);
        ks.flush();
        assertEquals(0, ks.size());
        assertEquals(baseline, ks.usedMemory());
        assertEquals(0, ks.reservedMemory(), "flush hands every chunk back");
        fill(new Random(3), 100, 0);
        assertEquals(100, ks.size());
    }
}
