package dev.kevy.server.store;

/**
 * When a hash, a set or a sorted set leaves its compact encoding, and how large a list's nodes grow,
 * with Redis's parameter names and defaults (Redis 7.0 for hashes, lists and sorted sets, 7.2 for
 * sets, which are the first with packed sets of strings). One
 * instance is shared by every keyspace of a server, so CONFIG SET applies to all shards: each
 * write reads the limit it needs, a plain volatile read; a collection already converted stays
 * converted, as in Redis.
 */
public final class EncodingLimits {
    private volatile int hashMaxListpackEntries = 512;
    private volatile int hashMaxListpackValue = 64;
    private volatile int setMaxIntsetEntries = 512;
    private volatile int setMaxListpackEntries = 128;
    private volatile int setMaxListpackValue = 64;
    private volatile int listMaxListpackSize = -2;
    private volatile int listCompressDepth = 0;
    private volatile int zsetMaxListpackEntries = 128;
    private volatile int zsetMaxListpackValue = 64;

    /** {@code hash-max-listpack-entries}: most fields of a packed hash. */
    public int hashMaxListpackEntries() {
        return hashMaxListpackEntries;
    }

    /** {@code hash-max-listpack-value}: longest field or value of a packed hash. */
    public int hashMaxListpackValue() {
        return hashMaxListpackValue;
    }

    /** {@code set-max-intset-entries}: most members of an intset. */
    public int setMaxIntsetEntries() {
        return setMaxIntsetEntries;
    }

    /** {@code set-max-listpack-entries}: most members of a packed set. */
    public int setMaxListpackEntries() {
        return setMaxListpackEntries;
    }

    /** {@code set-max-listpack-value}: longest member of a packed set. */
    public int setMaxListpackValue() {
        return setMaxListpackValue;
    }

    /** {@code list-max-listpack-size}: a list node's limit, in bytes (-1..-5: 4..64 KiB) or elements (positive). */
    public int listMaxListpackSize() {
        return listMaxListpackSize;
    }

    /** {@code list-compress-depth}: kept and reported, but kevy does not compress list nodes (docs/SERVER.md). */
    public int listCompressDepth() {
        return listCompressDepth;
    }

    /** {@code zset-max-listpack-entries}: most members of a packed sorted set. */
    public int zsetMaxListpackEntries() {
        return zsetMaxListpackEntries;
    }

    /** {@code zset-max-listpack-value}: longest member of a packed sorted set. */
    public int zsetMaxListpackValue() {
        return zsetMaxListpackValue;
    }

    /**
     * Sets a limit by its Redis name (the old {@code ziplist} names included); false for a name
     * that is not one of these. Values above an int's range are capped.
     */
    public boolean set(String name, long value) {
        int v = (int) Math.min(Integer.MAX_VALUE, value);
        switch (name) {
            case "hash-max-listpack-entries", "hash-max-ziplist-entries" -> hashMaxListpackEntries = v;
            case "hash-max-listpack-value", "hash-max-ziplist-value" -> hashMaxListpackValue = v;
            case "set-max-intset-entries" -> setMaxIntsetEntries = v;
            case "set-max-listpack-entries" -> setMaxListpackEntries = v;
            case "set-max-listpack-value" -> setMaxListpackValue = v;
            case "list-max-listpack-size", "list-max-ziplist-size" -> listMaxListpackSize = (int) value;
            case "list-compress-depth" -> listCompressDepth = v;
            case "zset-max-listpack-entries", "zset-max-ziplist-entries" -> zsetMaxListpackEntries = v;
            case "zset-max-listpack-value", "zset-max-ziplist-value" -> zsetMaxListpackValue = v;
            default -> {
                return false;
            }
        }
        return true;
    }
}
