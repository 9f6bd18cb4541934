package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/**
 * What a {@link Keyspace} reports about keys it adds or removes by itself, for the server's
 * keyspace notifications and WATCH: a key created, a key found expired (on access or by the
 * active expiry) and a key evicted. The key is given as a range of the keyspace's own memory,
 * valid during the call only (an expired or evicted key is reported just before its memory is
 * freed); the listener copies what it keeps and must not change the keyspace.
 *
 * <p>Called on the thread that runs the keyspace (the owning shard, or the coordinator during
 * an atomic turn). {@link #NONE} is the default: a keyspace nobody listens to pays one call to
 * an empty method, which the JIT inlines away.
 */
public interface KeyListener {

    /** A listener that ignores everything (the default of every keyspace). */
    KeyListener NONE = new KeyListener() {
        @Override
        public void created(int db, MemorySegment s, long keyOffset, int keyLength) {
        }

        @Override
        public void expired(int db, MemorySegment s, long keyOffset, int keyLength) {
        }

        @Override
        public void evicted(int db, MemorySegment s, long keyOffset, int keyLength) {
        }
    };

    /** The listener {@code ks} reports to: {@link #NONE} unless a {@link Databases} made it. */
    static KeyListener of(Keyspace ks) {
        return ks.entries.listener;
    }

    /** The database number {@code ks} reports with (its {@link Databases} keeps it current through SWAPDB). */
    static int db(Keyspace ks) {
        return ks.entries.db;
    }

    /** A key that did not exist was added to database {@code db} (Redis's {@code dbAdd}). */
    void created(int db, MemorySegment s, long keyOffset, int keyLength);

    /** An expired key of database {@code db} is about to be deleted. */
    void expired(int db, MemorySegment s, long keyOffset, int keyLength);

    /** A key of database {@code db} is about to be evicted to make room. */
    void evicted(int db, MemorySegment s, long keyOffset, int keyLength);
}
