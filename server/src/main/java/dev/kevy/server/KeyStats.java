package dev.kevy.server;

/** One shard's keyspace counters for INFO stats: plain fields, written and read on the shard's thread. */
final class KeyStats {
    long expired;
    /** Keys deleted by eviction over maxmemory. */
    long evicted;
    long hits;
    long misses;

    void reset() {
        expired = 0;
        evicted = 0;
        hits = 0;
        misses = 0;
    }
}
