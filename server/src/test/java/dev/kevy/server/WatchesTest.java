package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.store.Databases;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One shard's {@link Watches} on its own: what turns a watch dirty (a touch of its key in its
 * database, a flush or swap while the key exists, the key gone since WATCH) and what does not
 * (another key, another database, a flush of a key that does not exist), and that dropping a
 * client's watches leaves the registry empty, so touches cost one branch again.
 */
class WatchesTest {

    private static final long NOW = 1_000_000;

    private static MemorySegment bytes(String s) {
        return MemorySegment.ofArray(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void set(Databases dbs, int db, String key, long expireAt) {
        MemorySegment k = bytes(key);
        MemorySegment v = bytes("v");
        dbs.get(db).set(k, 0, (int) k.byteSize(), v, 0, 1, expireAt, 0, NOW);
    }

    private static void watch(Watches w, long client, int db, String key) {
        MemorySegment k = bytes(key);
        w.watch(client, db, k, 0, k.byteSize(), NOW);
    }

    private static void touch(Watches w, int db, String key) {
        MemorySegment k = bytes(key);
        w.touch(db, k, 0, (int) k.byteSize());
    }

    @Test
    void aTouchOfTheWatchedKeyInItsDatabaseMakesItDirty() {
        try (Databases dbs = new Databases(16)) {
            Watches w = new Watches(dbs);
            assertFalse(w.active());
            watch(w, 1, 0, "k");
            watch(w, 2, 0, "k");
            watch(w, 3, 0, "other");
            set(dbs, 1, "k", 0);
            touch(w, 1, "k"); // another database
            set(dbs, 0, "kk", 0);
            touch(w, 0, "kk"); // another key
            assertFalse(w.dirty(1, NOW));
            touch(w, 0, "k"); // absent at WATCH and now: the deletion of a key already expired then, no change
            assertFalse(w.dirty(1, NOW));
            set(dbs, 0, "k", 0);
            touch(w, 0, "k"); // written since
            assertTrue(w.dirty(1, NOW));
            assertTrue(w.dirty(2, NOW));
            assertFalse(w.dirty(3, NOW));
            assertEquals(3, w.count());
            w.drop(1);
            w.drop(2);
            w.drop(3);
            assertEquals(0, w.count());
            assertFalse(w.active());
        }
    }

    @Test
    void flushAndSwapTouchOnlyWatchedKeysThatExist() {
        try (Databases dbs = new Databases(16)) {
            Watches w = new Watches(dbs);
            set(dbs, 0, "here", 0);
            watch(w, 1, 0, "here");
            watch(w, 2, 0, "absent");
            watch(w, 3, 5, "here"); // another database
            w.touchAll(0);
            assertTrue(w.dirty(1, NOW));
            assertFalse(w.dirty(2, NOW));
            assertFalse(w.dirty(3, NOW));
            set(dbs, 7, "absent", 0);
            w.touchSwap(0, 7);
            assertTrue(w.dirty(2, NOW), "exists in the other database of the swap");
            assertFalse(w.dirty(3, NOW));
        }
    }

    @Test
    void aKeyGoneSinceWatchMakesItDirtyButOneAbsentAtWatchDoesNot() {
        try (Databases dbs = new Databases(16)) {
            Watches w = new Watches(dbs);
            set(dbs, 0, "ttl", NOW + 10);
            watch(w, 1, 0, "ttl");
            watch(w, 2, 0, "never");
            assertFalse(w.dirty(1, NOW + 10)); // due at NOW + 10: expired after it
            assertTrue(w.dirty(1, NOW + 11), "expired since WATCH");
            assertFalse(w.dirty(2, NOW + 11));
        }
    }
}
