package dev.kevy.server;

import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The keys WATCHed on this shard: every watch lives on its key's owner, so a change to the key is
 * seen by the one thread that makes it. A watch is (client, database, key); it turns dirty when
 * the key is touched ({@link #touch}), when its database is flushed or swapped while the key
 * exists ({@link #touchAll}, {@link #touchSwap}), or, checked at EXEC, when the key existed at
 * WATCH and is gone now (expired or evicted, as Redis 7.0's {@code isWatchedKeyExpired}). EXEC
 * fails for a client with any dirty watch ({@link #dirty}).
 *
 * <p>The seam: {@link KeyEvents} calls {@link #touch} after every change of a key here (writes,
 * deletions, expiry, eviction: Redis's {@code signalModifiedKey}) and {@link #touchAll} before a
 * flush or swap ({@code signalFlushedDb}); FLUSH and SWAPDB also call {@link #touchAll} and
 * {@link #touchSwap} themselves, with Redis's rule for the swap.
 * When no watch is active on the shard both return after one branch, so the common server pays
 * nothing. WATCH, UNWATCH and EXEC may allocate (maps of watches); commands that only write do not.
 *
 * <p>Single-threaded: the owning shard's thread, or the coordinator during an atomic turn while
 * this shard stands still.
 */
final class Watches implements KeyEvents.Modified {

    /** One client's watch of one key. */
    private static final class Watch {
        final long client;
        final Key key;
        final boolean existed;
        boolean dirty;

        Watch(long client, Key key, boolean existed) {
            this.client = client;
            this.key = key;
            this.existed = existed;
        }
    }

    /** A database and key bytes; the probe instance is reused for lookups (its array only grows). */
    private static final class Key {
        int db;
        byte[] bytes;
        int length;
        int hash;

        Key(int db, byte[] bytes, int length) {
            set(db, bytes, length);
        }

        void set(int db, byte[] bytes, int length) {
            this.db = db;
            this.bytes = bytes;
            this.length = length;
            int h = db;
            for (int i = 0; i < length; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.db == db && k.length == length
                    && Arrays.equals(bytes, 0, length, k.bytes, 0, length);
        }
    }

    private final Databases databases;
    private final HashMap<Key, ArrayList<Watch>> byKey = new HashMap<>();
    private final HashMap<Long, ArrayList<Watch>> byClient = new HashMap<>();
    private final Key probe = new Key(0, new byte[64], 0);
    /** Watches held on this shard: 0 makes every touch a single branch. */
    private int active;

    Watches(Databases databases) {
        this.databases = databases;
    }

    /** Whether any watch is held on this shard. */
    boolean active() {
        return active > 0;
    }

    /** Client {@code client} watches {@code key} of {@code db}, which exists now or not. */
    void watch(long client, int db, MemorySegment key, long offset, long length, long nowMillis) {
        Keyspace keyspace = databases.peek(db);
        boolean exists = keyspace != null && keyspace.exists(key, offset, (int) length, nowMillis);
        byte[] bytes = new byte[(int) length];
        MemorySegment.copy(key, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, bytes, 0, (int) length);
        Key k = new Key(db, bytes, bytes.length);
        ArrayList<Watch> mine = byClient.computeIfAbsent(client, c -> new ArrayList<>());
        for (Watch w : mine) {
            if (w.key.equals(k)) {
                return; // watched already: Redis keeps the first watch
            }
        }
        Watch w = new Watch(client, k, exists);
        mine.add(w);
        byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(w);
        active++;
    }

    /**
     * Key {@code key} of {@code db} changed: every watch of it turns dirty, except a watch of a key
     * that was already expired at WATCH, when the key is gone now (its deletion by expiry is no
     * change: Redis 7.0's {@code touchWatchedKey} with {@code wk->expired}).
     */
    @Override
    public void touch(int db, MemorySegment key, long offset, int length) {
        if (active == 0) {
            return;
        }
        int n = length;
        if (probe.bytes.length < n) {
            probe.bytes = new byte[Math.max(n, probe.bytes.length * 2)];
        }
        MemorySegment.copy(key, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, probe.bytes, 0, n);
        probe.set(db, probe.bytes, n);
        ArrayList<Watch> watchers = byKey.get(probe);
        if (watchers != null) {
            Keyspace keyspace = databases.peek(db);
            // holdsLive, not exists: this runs inside the keyspace's listener (an expiry), where a
            // lookup that removes an expired key would call the listener again.
            boolean existsNow = keyspace != null && keyspace.holdsLive(key, offset, length, System.currentTimeMillis());
            for (int i = 0; i < watchers.size(); i++) {
                Watch w = watchers.get(i);
                w.dirty |= w.existed || existsNow;
            }
        }
    }

    /**
     * Database {@code db} (every database for -1) is about to be emptied: watches of keys that
     * exist in it now turn dirty (Redis 7.0's {@code touchAllWatchedKeysInDb}: a watched key that
     * does not exist is not touched by a flush). Call before emptying it.
     */
    @Override
    public void touchAll(int db) {
        if (active == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        for (ArrayList<Watch> watchers : byKey.values()) {
            Key k = watchers.isEmpty() ? null : watchers.get(0).key;
            if (k != null && (db < 0 || k.db == db) && exists(k.db, k, now)) {
                for (Watch w : watchers) {
                    w.dirty = true;
                }
            }
        }
    }

    /** SWAPDB {@code a b} is about to run: watches of keys that exist in either turn dirty. */
    void touchSwap(int a, int b) {
        if (active == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        for (ArrayList<Watch> watchers : byKey.values()) {
            Key k = watchers.isEmpty() ? null : watchers.get(0).key;
            if (k != null && (k.db == a || k.db == b) && (exists(a, k, now) || exists(b, k, now))) {
                for (Watch w : watchers) {
                    w.dirty = true;
                }
            }
        }
    }

    private boolean exists(int db, Key k, long now) {
        Keyspace keyspace = databases.peek(db);
        return keyspace != null && keyspace.exists(MemorySegment.ofArray(k.bytes), 0, k.length, now);
    }

    /**
     * Whether EXEC must fail for {@code client} because of its watches here: one was touched, or
     * its key existed at WATCH and is gone now (expired, evicted).
     */
    boolean dirty(long client, long nowMillis) {
        if (active == 0) {
            return false;
        }
        ArrayList<Watch> mine = byClient.get(client);
        if (mine == null) {
            return false;
        }
        for (Watch w : mine) {
            if (w.dirty || (w.existed && !exists(w.key.db, w.key, nowMillis))) {
                return true;
            }
        }
        return false;
    }

    /** Drops every watch of {@code client} here (UNWATCH, EXEC, DISCARD, RESET, a closed connection). */
    void drop(long client) {
        if (active == 0) {
            return;
        }
        ArrayList<Watch> mine = byClient.remove(client);
        if (mine == null) {
            return;
        }
        for (Watch w : mine) {
            ArrayList<Watch> watchers = byKey.get(w.key);
            if (watchers != null) {
                watchers.remove(w);
                if (watchers.isEmpty()) {
                    byKey.remove(w.key);
                }
            }
            active--;
        }
    }

    /** Watches held here (tests, INFO). */
    int count() {
        return active;
    }
}
