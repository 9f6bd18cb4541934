package dev.kevy.server;

import dev.kevy.server.persist.SnapshotImage;
import dev.kevy.server.rdb.RdbReader;
import dev.kevy.server.rdb.RdbVisitor;
import dev.kevy.server.rdb.RestoreLoader;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/**
 * Loads this shard's keys from the start-up RDB file: every shard reads the whole file (in
 * parallel, each on its own thread, before it serves) and keeps the keys it owns, skipping keys
 * whose time to live has passed, as a Redis primary does on load.
 */
final class SnapshotLoad implements RdbVisitor {
    private final int shard;
    private final int shards;
    private final Databases databases;
    private final long nowMillis;
    private final RestoreLoader loader = new RestoreLoader();
    private boolean taking;
    private long expireAt;
    private Keyspace keyspace;
    private long loaded;
    private long refused;

    private SnapshotLoad(int shard, int shards, Databases databases, long nowMillis) {
        this.shard = shard;
        this.shards = shards;
        this.databases = databases;
        this.nowMillis = nowMillis;
    }

    /**
     * Loads what shard {@code shard} owns of {@code image} into {@code databases}, and tells the
     * image this shard is done with it (whatever happens). Prints what it loaded when a key was
     * skipped; a clean load is summed up by {@code Main}.
     */
    static void load(SnapshotImage image, int shard, int shards, Databases databases) {
        SnapshotLoad visitor = new SnapshotLoad(shard, shards, databases, System.currentTimeMillis());
        try {
            RdbReader.readFile(image.bytes(), visitor, false); // SnapshotImage.read checked the CRC
        } finally {
            visitor.loader.close();
            image.loaded();
        }
        if (visitor.refused > 0) {
            System.err.println("kevy: warning: shard " + shard + " refused " + visitor.refused + " keys of "
                    + image.path() + " larger than proto-max-bulk-len; it loaded " + visitor.loaded);
        }
    }

    /** Sizes the database's index for this shard's share of its keys before they arrive. */
    @Override
    public void resizeDb(int db, long keys, long expires) {
        databases.reserve(db, keys / shards + 1);
    }

    @Override
    public void key(int db, int type, MemorySegment s, long offset, int length, long expireAtMillis) {
        taking = shards == 1 || HashTags.shardOf(s, offset, length, shards) == shard;
        if (!taking) {
            return;
        }
        if (expireAtMillis != 0 && expireAtMillis <= nowMillis) {
            taking = false;
            return;
        }
        expireAt = expireAtMillis;
        keyspace = databases.get(db);
        loader.begin(keyspace, nowMillis);
        loader.key(db, type, s, offset, length, expireAtMillis);
    }

    @Override
    public void element(MemorySegment s, long offset, int length) {
        if (taking) {
            loader.element(s, offset, length);
        }
    }

    @Override
    public void scored(MemorySegment s, long offset, int length, double score) {
        if (taking) {
            loader.scored(s, offset, length, score);
        }
    }

    @Override
    public void endKey() {
        if (!taking) {
            return;
        }
        if (loader.refusal() != null) {
            loader.abandon();
            refused++;
            return;
        }
        if (expireAt != 0) {
            loader.expireAt(expireAt);
        }
        loaded++;
    }
}
