package dev.kevy.server.rdb;

import java.lang.foreign.MemorySegment;

/**
 * What {@link RdbReader} finds in an RDB file or a DUMP payload, in file order. Every segment
 * range is valid during the call only (it may point into a decompression buffer the next read
 * reuses): copy what you keep.
 *
 * <p>Per key: {@link #key}, then its elements, then {@link #endKey}. A string has one
 * {@link #element}; a list, its elements head to tail; a set, its members; a hash, each field
 * followed by its value; a sorted set, {@link #scored} members in the file's order.
 */
public interface RdbVisitor {

    /** An auxiliary field of the file (redis-ver, ctime, used-mem, ...). */
    default void aux(String name, String value) {
    }

    /** A file's hint of how many keys (and keys with an expiry) database {@code db} holds (RESIZEDB). */
    default void resizeDb(int db, long keys, long expires) {
    }

    /**
     * A key starts.
     *
     * @param db             its database ({@code SELECTDB}); 0 for a DUMP payload
     * @param type           {@code Keyspace.TYPE_STRING}, {@code TYPE_LIST}, {@code TYPE_SET},
     *                       {@code TYPE_ZSET} or {@code TYPE_HASH}
     * @param expireAtMillis absolute expiry in epoch milliseconds, 0 for none
     */
    void key(int db, int type, MemorySegment s, long offset, int length, long expireAtMillis);

    /** A string's value, or one element of a list, a set or a hash (field, then value). */
    void element(MemorySegment s, long offset, int length);

    /** One member of a sorted set with its score. */
    void scored(MemorySegment s, long offset, int length, double score);

    /** The key's value is complete. */
    void endKey();
}
