package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot bit of an entry: pending from the cut until written, kept by every write of the
 * entry's meta word (overwrites, resizes, encoding conversions, access tracking), clear on entries
 * created after the cut. A write path that dropped the bit would let a snapshot skip, or write
 * twice, a key of its cut.
 */
class SnapshotBitTest {
    private static final long NOW = 1_700_000_000_000L;

    private final Databases databases = new Databases(1);
    private final Keyspace ks = databases.get(0);

    @AfterEach
    void close() {
        databases.close();
    }

    private static MemorySegment bytes(String s) {
        return MemorySegment.ofArray(s.getBytes(StandardCharsets.UTF_8));
    }

    private long entry(String key) {
        MemorySegment k = bytes(key);
        return ks.peek(k, 0, (int) k.byteSize(), NOW);
    }

    private void set(String key, String value) {
        MemorySegment k = bytes(key);
        MemorySegment v = bytes(value);
        ks.set(k, 0, (int) k.byteSize(), v, 0, (int) v.byteSize(), 0, 0, NOW);
    }

    private void hset(String key, String field, String value) {
        MemorySegment k = bytes(key);
        MemorySegment f = bytes(field);
        MemorySegment v = bytes(value);
        ks.hashes.set(k, 0, (int) k.byteSize(), f, 0, (int) f.byteSize(), v, 0, (int) v.byteSize(), false, NOW);
    }

    @Test
    void pendingFromTheCutUntilWrittenWhateverWritesTheEntry() {
        set("s", "short");
        hset("h", "f0", "v");
        set("other", "x");
        Databases.cutForSnapshot(ks);
        assertTrue(Databases.snapshotPending(ks, entry("s")));
        assertTrue(Databases.snapshotPending(ks, entry("h")));

        set("s", "a value long enough to move the entry to a larger block ".repeat(20)); // resize: a new block
        for (int i = 1; i < 1000; i++) { // past the listpack limit: the hash converts to a table
            hset("h", "f" + i, "v" + i);
        }
        assertEquals("hashtable", ks.encodingName(entry("h")), "the hash left its listpack");
        ks.lookup(bytes("other"), 0, 5, NOW + 5_000); // an access rewrites the LRU clock
        assertTrue(Databases.snapshotPending(ks, entry("s")), "an overwrite keeps the bit");
        assertTrue(Databases.snapshotPending(ks, entry("h")), "growing and converting keep it");
        assertTrue(Databases.snapshotPending(ks, entry("other")), "an access keeps it");

        Databases.snapshotWritten(ks, entry("s"));
        assertFalse(Databases.snapshotPending(ks, entry("s")));
        set("new", "after the cut");
        assertFalse(Databases.snapshotPending(ks, entry("new")), "a key created after the cut is not in it");

        Databases.snapshotWritten(ks, entry("h")); // the scan's end: every entry of the cut written
        Databases.snapshotWritten(ks, entry("other"));
        Databases.cutForSnapshot(ks); // the next snapshot: everything that exists is pending again
        for (String key : new String[] {"s", "h", "other", "new"}) {
            assertTrue(Databases.snapshotPending(ks, entry(key)), key);
        }
        assertEquals(Keyspace.TYPE_HASH, ks.type(entry("h")), "the bit is not part of the type");
    }
}
