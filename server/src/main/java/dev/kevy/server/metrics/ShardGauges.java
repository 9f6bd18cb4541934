package dev.kevy.server.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-shard figures only a shard's own handler can read (its key count), published on its tick
 * for the metrics page, which any shard may render. One slot per shard, written by that shard's
 * thread alone.
 */
public final class ShardGauges {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] keys;

    public ShardGauges(int shards) {
        this.keys = new long[shards];
    }

    /** Shard {@code shard}'s key count; its own thread only, once per tick. */
    public void publishKeys(int shard, long count) {
        // Opaque: a gauge needs no ordering with anything else; pairs with the opaque load in keys().
        SLOT.setOpaque(keys, shard, count);
    }

    /** Shard {@code shard}'s key count as of its last tick; any thread. */
    public long keys(int shard) {
        // Opaque: pairs with the opaque store in publishKeys(); a long is never torn.
        return (long) SLOT.getOpaque(keys, shard);
    }
}
