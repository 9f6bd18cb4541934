package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/**
 * One shard's numbered databases (Redis's {@code SELECT} 0 to {@code databases - 1}): a
 * {@link Keyspace} each, made when first used. Database 0 exists from the start; the others cost
 * nothing until a client touches them, so a server with 16 databases and one in use holds one
 * table per shard.
 *
 * <p>Why a table per database rather than the database number mixed into each key's hash and
 * entry: a lookup in database 0 is then exactly what it was with one database (no extra compare,
 * no wider entry); FLUSHDB frees a database's memory at once; SWAPDB swaps two references; and
 * DBSIZE, SCAN and RANDOMKEY of one database never walk another's keys.
 *
 * <p>Single-threaded like {@link Keyspace}: the owning shard makes every call, or the coordinator
 * while this shard is frozen (RENAME and SWAPDB across shards).
 */
public final class Databases implements AutoCloseable {

    private final Keyspace[] keyspaces;
    /** How entries of every database record accesses: the shard sets LRU or LFU mode here. */
    private final AccessTracker access = new AccessTracker();
    private KeyListener listener = KeyListener.NONE;
    /**
     * One past the highest database ever made: the whole-shard passes (the tick's expiry and
     * rehash, memory, INFO) look at databases below it only, so a server configured with
     * thousands of databases pays for the ones in use.
     */
    private int used = 1;
    private final EncodingLimits limits;

    /** {@code count} databases, at least 1, with their own encoding limits; database 0 is made now. */
    public Databases(int count) {
        this(count, new EncodingLimits());
    }

    /** {@code count} databases, at least 1, whose keyspaces share {@code limits}; database 0 is made now. */
    public Databases(int count, EncodingLimits limits) {
        if (count < 1) {
            throw new IllegalArgumentException("databases must be at least 1: " + count);
        }
        this.limits = limits;
        this.keyspaces = new Keyspace[count];
        this.keyspaces[0] = newKeyspace();
    }

    private Keyspace newKeyspace() {
        return new Keyspace(1024, Keyspace.DEFAULT_MAX_VALUE_BYTES, limits, access);
    }

    /** Number of databases. */
    public int count() {
        return keyspaces.length;
    }

    /** Database {@code db} ({@code 0 <= db < count()}), made empty on first use. */
    public Keyspace get(int db) {
        Keyspace k = keyspaces[db];
        return k != null ? k : make(db);
    }

    // ---- snapshots: which side of the cut an entry is on -----------------------------------------

    /**
     * The cut of a snapshot of database {@code keyspace}: every entry it holds is now pending
     * (to be written by the snapshot), and entries created from now on are not. One flip of the
     * keyspace's bit; no entry is touched.
     */
    public static void cutForSnapshot(Keyspace keyspace) {
        keyspace.entries.snapshotBit ^= EntryLayout.SNAPSHOT_BIT;
    }

    /**
     * A snapshot's scan of {@code keyspace} ({@link Dict#snapshotScan}): like {@link Keyspace#scan},
     * faster while the index is not resized, with cursors of its own.
     */
    public static long snapshotScan(Keyspace keyspace, long cursor, int count, EntryVisitor visitor, long nowMillis) {
        return keyspace.dict.snapshotScan(cursor, count, visitor, nowMillis);
    }

    /** Whether the running snapshot has yet to write {@code entry} (it existed at the cut and was not written). */
    public static boolean snapshotPending(Keyspace keyspace, long entry) {
        return (Elements.meta(keyspace.entries.memory, entry) & EntryLayout.SNAPSHOT_BIT) != keyspace.entries.snapshotBit;
    }

    /** {@code entry} is written to the running snapshot: later writes to it are after the cut. */
    public static void snapshotWritten(Keyspace keyspace, long entry) {
        MemorySegment s = keyspace.entries.memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        int meta = s.get(EntryLayout.INT, base + EntryLayout.META);
        s.set(EntryLayout.INT, base + EntryLayout.META, (meta & ~EntryLayout.SNAPSHOT_BIT) | keyspace.entries.snapshotBit);
    }

    /** Sizes database {@code db}'s empty index for {@code keys} keys ahead of a load ({@link Dict#reserve}). */
    public void reserve(int db, long keys) {
        get(db).entries.dict.reserve(keys);
    }

    /** One past the highest database that may hold keys; {@link #peek} is {@code null} from there on. */
    public int used() {
        return used;
    }

    /** Database {@code db}, or {@code null} if nothing ever used it (it is empty). */
    public Keyspace peek(int db) {
        return keyspaces[db];
    }

    /**
     * Tells {@code l} of the keys every database creates, expires and evicts ({@link KeyListener}),
     * each database reporting its current number.
     */
    public void listen(KeyListener l) {
        this.listener = l;
        for (int db = 0; db < keyspaces.length; db++) {
            if (keyspaces[db] != null) {
                listen(keyspaces[db], db);
            }
        }
    }

    /** From now on {@code k} tells the listener of its keys as database {@code db}. */
    private void listen(Keyspace k, int db) {
        k.entries.listener = listener;
        k.entries.db = db;
    }

    private Keyspace make(int db) {
        Keyspace k = newKeyspace();
        listen(k, db);
        keyspaces[db] = k;
        used = Math.max(used, db + 1);
        return k;
    }

    /** The access tracker every database of this shard shares (LRU or LFU data, OBJECT FREQ's mode). */
    public AccessTracker access() {
        return access;
    }

    /** SWAPDB: databases {@code a} and {@code b} trade contents. */
    public void swap(int a, int b) {
        Keyspace k = keyspaces[a];
        keyspaces[a] = keyspaces[b];
        keyspaces[b] = k;
        if (keyspaces[a] != null) {
            listen(keyspaces[a], a);
        }
        if (keyspaces[b] != null) {
            listen(keyspaces[b], b);
        }
        if (keyspaces[a] != null || keyspaces[b] != null) {
            used = Math.max(used, Math.max(a, b) + 1);
        }
    }

    /** FLUSHALL: every database emptied. */
    public void flushAll() {
        for (int db = 0; db < used; db++) {
            Keyspace k = keyspaces[db];
            if (k != null) {
                k.flush();
            }
        }
    }

    /** Keys in every database (the shard's key gauge). */
    public long size() {
        long n = 0;
        for (int db = 0; db < used; db++) {
            Keyspace k = keyspaces[db];
            n += k == null ? 0 : k.size();
        }
        return n;
    }

    /** Bytes in use in every database ({@link Keyspace#usedMemory}), for INFO and maxmemory. */
    public long usedMemory() {
        long n = 0;
        for (int db = 0; db < used; db++) {
            Keyspace k = keyspaces[db];
            n += k == null ? 0 : k.usedMemory();
        }
        return n;
    }

    /** Whether any database's index is being resized. */
    public boolean isRehashing() {
        for (int db = 0; db < used; db++) {
            Keyspace k = keyspaces[db];
            if (k != null && k.isRehashing()) {
                return true;
            }
        }
        return false;
    }

    /** Advances the resize of every database that has one by up to {@code maxSlots} slots. */
    public void rehash(int maxSlots) {
        for (int db = 0; db < used; db++) {
            Keyspace k = keyspaces[db];
            if (k != null && k.isRehashing()) {
                k.rehash(maxSlots);
            }
        }
    }

    /** {@link Keyspace#trimMemory} of every database; returns the bytes given back. */
    public long trimMemory() {
        long n = 0;
        for (int db = 0; db < used; db++) {
            Keyspace k = keyspaces[db];
            n += k == null ? 0 : k.trimMemory();
        }
        return n;
    }

    @Override
    public void close() {
        for (int db = 0; db < used; db++) {
            Keyspace k = keyspaces[db];
            if (k != null) {
                k.close();
            }
        }
    }
}
