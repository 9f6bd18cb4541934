package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What entries record on access in each mode, through the keyspace's own operations: the LRU
 * clock (OBJECT IDLETIME) or Redis's LFU data (OBJECT FREQ), with the type bits left alone.
 */
class AccessTrackerTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    private final Databases databases = new Databases(2);
    private final Keyspace ks = databases.get(0);
    private final AccessTracker access = databases.access();
    private final Bytes bytes = new Bytes();

    @AfterEach
    void close() {
        databases.close();
    }

    private void set(String key, String value, long now) {
        MemorySegment s = bytes.segment();
        byte[] k = Bytes.utf8(key);
        byte[] v = Bytes.utf8(value);
        long ko = bytes.put(k);
        long vo = bytes.put(v);
        ks.set(s, ko, k.length, s, vo, v.length, 0, 0, now);
    }

    private long lookup(String key, long now) {
        byte[] k = Bytes.utf8(key);
        return ks.lookup(bytes.segment(), bytes.put(k), k.length, now);
    }

    private long peek(String key, long now) {
        byte[] k = Bytes.utf8(key);
        return ks.peek(bytes.segment(), bytes.put(k), k.length, now);
    }

    @Test
    void lruModeRecordsTheSecondOfTheLastReadOrWrite() {
        assertFalse(access.tracksFrequency());
        set("k", "v", T0);
        assertEquals(0, ks.idleSeconds(peek("k", T0), T0));
        assertEquals(42, ks.idleSeconds(peek("k", T0 + 42_000), T0 + 42_000), "peek does not count as a use");
        lookup("k", T0 + 50_000);
        assertEquals(10, ks.idleSeconds(peek("k", T0), T0 + 60_000));
        set("k", "w", T0 + 70_000);
        assertEquals(1, ks.idleSeconds(peek("k", T0), T0 + 71_000), "an overwrite counts as a use");
        assertEquals(Keyspace.TYPE_STRING, ks.type(peek("k", T0)), "the type bits are untouched");
    }

    @Test
    void lfuModeStartsNewKeysAtFiveAndCountsReadsAndOverwritesAsRedisDoes() {
        access.configure(true, 0, 0); // factor 0: every access counts; no decay: exact counters
        set("k", "v", T0);
        assertEquals(Lfu.INIT, access.frequency(ks, peek("k", T0), T0), "LFU_INIT_VAL");
        lookup("k", T0);
        assertEquals(6, access.frequency(ks, peek("k", T0), T0));
        set("k", "longer value", T0);
        assertEquals(12, ks.valueLength(peek("k", T0)), "the overwrite took");
        assertEquals(7, access.frequency(ks, peek("k", T0), T0), "an overwrite counts once and keeps the history");
        peek("k", T0);
        ks.exists(bytes.segment(), bytes.put(Bytes.utf8("k")), 1, T0);
        assertEquals(7, access.frequency(ks, peek("k", T0), T0), "peek and exists do not count");
        for (int i = 0; i < 300; i++) {
            lookup("k", T0);
        }
        assertEquals(255, access.frequency(ks, peek("k", T0), T0), "saturates at 255");
        assertEquals(Keyspace.TYPE_STRING, ks.type(peek("k", T0)), "the type bits are untouched");
    }

    @Test
    void lfuCounterGrowsLogarithmicallyWithTheDefaultFactor() {
        AccessTracker seeded = new AccessTracker(7);
        seeded.configure(true, 10, 1);
        try (Keyspace own = new Keyspace(16, 1 << 20, new EncodingLimits(), seeded)) {
            MemorySegment s = bytes.segment();
            long ko = bytes.put(Bytes.utf8("k"));
            own.set(s, ko, 1, s, ko, 1, 0, 0, T0);
            for (int i = 0; i < 1000; i++) {
                own.lookup(s, ko, 1, T0);
            }
            int counter = seeded.frequency(own, own.peek(s, ko, 1, T0), T0);
            assertTrue(counter >= 15 && counter <= 21, "Redis's table: about 18 after 1,000 reads; here " + counter);
        }
    }

    @Test
    void lfuCounterDecaysByOnePerDecayPeriodWhenReadAndWhenNextAccessed() {
        access.configure(true, 10, 2);
        set("k", "v", T0);
        long entry = peek("k", T0);
        assertEquals(5, access.frequency(ks, entry, T0 + MINUTE));
        assertEquals(4, access.frequency(ks, entry, T0 + 2 * MINUTE + 1), "one 2-minute period");
        assertEquals(1, access.frequency(ks, entry, T0 + 9 * MINUTE + 1));
        assertEquals(0, access.frequency(ks, entry, T0 + 60 * MINUTE));
        lookup("k", T0 + 6 * MINUTE + 1); // decays 5 -> 2, then 2 -> 3 (certain below the initial value)
        assertEquals(3, access.frequency(ks, peek("k", T0), T0 + 6 * MINUTE + 1));
        assertEquals(3, access.frequency(ks, peek("k", T0), T0 + 7 * MINUTE + 1), "stamped at the access");
    }
}
