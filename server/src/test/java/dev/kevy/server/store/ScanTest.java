package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScanTest {
    private static final long NOW = 1_000;

    private final Keyspace ks = new Keyspace(0, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Bytes bytes = new Bytes();

    /** Collects keys; a long-lived visitor as the SCAN command will use. */
    private static final class Collector implements EntryVisitor {
        final Map<String, Integer> seen = new HashMap<>();
        int calls;

        @Override
        public void visit(MemorySegment segment, long keyOffset, int keyLength, long entry) {
            seen.merge(Bytes.key(segment, keyOffset, keyLength), 1, Integer::sum);
            calls++;
        }
    }

    @AfterEach
    void close() {
        ks.close();
    }

    private void set(String name) {
        byte[] key = Bytes.utf8(name);
        long k = bytes.put(key);
        ks.set(bytes.segment(), k, key.length, bytes.segment(), k, key.length, 0, 0, NOW);
    }

    private void delete(String name) {
        byte[] key = Bytes.utf8(name);
        ks.delete(bytes.segment(), bytes.put(key), key.length, NOW);
    }

    /**
     * A few keys in a table at its initial size (mostly empty buckets) come back in one step of
     * COUNT 10: a step walks at least {@link Dict#SCAN_MIN_BUCKETS} buckets, which covers the
     * table, where ten buckets per key asked (100 of 2048) took twenty calls.
     */
    @Test
    void aFewKeysInASparseTableComeBackInOneStep() {
        try (Keyspace sparse = new Keyspace()) {
            for (int i = 0; i < 3; i++) {
                byte[] key = Bytes.utf8("few" + i);
                long k = bytes.put(key);
                sparse.set(bytes.segment(), k, key.length, bytes.segment(), k, key.length, 0, 0, NOW);
            }
            assertTrue(sparse.capacity() <= Dict.SCAN_MIN_BUCKETS, "capacity " + sparse.capacity());
            Collector c = new Collector();
            assertEquals(0, sparse.scan(0, 10, c, NOW), "done in one step");
            assertEquals(Map.of("few0", 1, "few1", 1, "few2", 1), c.seen);
        }
    }

    @Test
    void aScanWithoutChangesVisitsEveryKeyExactlyOnce() {
        for (int i = 0; i < 5_000; i++) {
            set("k" + i);
        }
        while (ks.isRehashing()) {
            ks.rehash(1_000);
        }
        Collector c = new Collector();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = ks.scan(cursor, 10, c, NOW);
            calls++;
        } while (cursor != 0);
        assertEquals(5_000, c.seen.size());
        assertTrue(c.seen.values().stream().allMatch(n -> n == 1), "a key was visited twice");
        assertTrue(calls > 100, "count should bound each call, took " + calls + " calls");
    }

    @Test
    void keysPresentThroughoutAreVisitedWhileTheTableGrows() {
        assertEveryStableKeyVisited(500, 0, 20_000);
    }

    @Test
    void keysPresentThroughoutAreVisitedWhileTheTableShrinks() {
        assertEveryStableKeyVisited(300, 20_000, 0);
    }

    @Test
    void keysPresentThroughoutAreVisitedWhileTheTableGrowsAndShrinks() {
        assertEveryStableKeyVisited(300, 0, 40_000);
    }

    /**
     * A walk over every key (KEYS, a snapshot in one step) visits each exactly once, whether or not
     * an incremental rehash is under way: it walks the old table from the rehash's position, then
     * the new one, loading thirty-two slots' entries ahead of its visits on both.
     */
    @Test
    void everyKeyIsVisitedOnceByAWalkBeforeDuringAndAfterARehash() {
        int keys = 0;
        boolean sawRehash = false;
        for (int round = 0; round < 60; round++) {
            for (int i = 0; i < 397; i++) {
                set("w" + keys++);
            }
            sawRehash |= ks.isRehashing();
            Collector c = new Collector();
            ks.forEach(c, NOW);
            assertEquals(keys, c.calls, "visits after " + keys + " keys");
            assertEquals(keys, c.seen.size(), "distinct keys after " + keys);
            for (int i = 0; i < keys; i += 97) {
                assertEquals(1, c.seen.get("w" + i), "w" + i + " after " + keys + " keys");
            }
        }
        assertTrue(sawRehash, "no walk overlapped an incremental rehash");
    }

    /**
     * Starts with {@code stable} keys plus {@code churnAtStart} others, then between SCAN calls
     * inserts up to {@code churnPeak} churn keys and deletes them again, so the table resizes
     * (incrementally) in the middle of the scan.
     */
    private void assertEveryStableKeyVisited(int stable, int churnAtStart, int churnPeak) {
        assertEveryStableKeyVisited(stable, churnAtStart, churnPeak, false);
    }

    /** The same through a snapshot's scan ({@link Databases#snapshotScan}) when {@code snapshot}. */
    private void assertEveryStableKeyVisited(int stable, int churnAtStart, int churnPeak, boolean snapshot) {
        for (int i = 0; i < stable; i++) {
            set("stable" + i);
        }
        for (int i = 0; i < churnAtStart; i++) {
            set("churn" + i);
        }
        Set<Integer> capacities = new HashSet<>();
        capacities.add(ks.capacity());
        boolean sawRehash = false;
        int inserted = churnAtStart;
        int deleted = 0;
        boolean growing = churnPeak > churnAtStart;
        Collector c = new Collector();
        long cursor = 0;
        do {
            cursor = snapshot ? Databases.snapshotScan(ks, cursor, 5, c, NOW) : ks.scan(cursor, 5, c, NOW);
            for (int i = 0; i < 150; i++) {
                if (growing && inserted < churnPeak) {
                    set("churn" + inserted++);
                } else if (deleted < inserted) {
                    growing = false;
                    delete("churn" + deleted++);
                }
            }
            sawRehash |= ks.isRehashing();
            capacities.add(ks.capacity());
        } while (cursor != 0);
        for (int i = 0; i < stable; i++) {
            assertTrue(c.seen.containsKey("stable" + i), "stable" + i + " was never visited");
        }
        assertTrue(sawRehash, "the scan never overlapped an incremental rehash");
        assertTrue(capacities.size() >= 3, "the table did not resize during the scan: " + capacities);
    }

    /** A snapshot's walk in slot order, cut short by a resize, starts over as a scan and misses nothing. */
    @Test
    void aSnapshotScanVisitsKeysPresentThroughoutWhileTheTableGrowsAndShrinks() {
        assertEveryStableKeyVisited(300, 0, 40_000, true);
    }

    /**
     * While the table keeps its size a snapshot's scan walks the buckets in slot order (its
     * cursors say so), and keys that come and go between its steps, moving the entries around
     * them forward (Robin Hood inserts) and back (backward-shift deletes), make it miss none of
     * the keys present throughout; each is visited exactly once.
     */
    @Test
    void aSnapshotScanInSlotOrderVisitsEveryKeyWhileEntriesMoveAroundIt() {
        for (int i = 0; i < 5_000; i++) {
            set("stable" + i);
        }
        while (ks.isRehashing()) {
            ks.rehash(1_000);
        }
        int capacity = ks.capacity();
        Collector c = new Collector();
        long cursor = 0;
        int inserted = 0;
        int deleted = 0;
        int steps = 0;
        do {
            cursor = Databases.snapshotScan(ks, cursor, 7, c, NOW);
            if (cursor != 0) {
                assertTrue((cursor & (1L << 62)) != 0, "a walk's cursor, step " + steps);
            }
            for (int i = 0; i < 10; i++) { // about a thousand keys at most at a time: no resize either way
                if (inserted - deleted < 1_000) {
                    set("churn" + inserted++);
                } else {
                    delete("churn" + deleted++);
                }
            }
            steps++;
        } while (cursor != 0);
        assertEquals(capacity, ks.capacity(), "the table kept its size");
        assertTrue(steps > 500, "count bounds each step: " + steps);
        for (int i = 0; i < 5_000; i++) {
            assertEquals(1, c.seen.get("stable" + i), "stable" + i);
        }
    }

    @Test
    void expiredKeysAreNotVisited() {
        byte[] key = Bytes.utf8("ttl");
        long k = bytes.put(key);
        ks.set(bytes.segment(), k, key.length, bytes.segment(), k, key.length, NOW + 5, 0, NOW);
        set("plain");
        Collector c = new Collector();
        assertEquals(0, ks.scan(0, 100, c, NOW + 6));
        assertEquals(Set.of("plain"), c.seen.keySet());
    }
}
