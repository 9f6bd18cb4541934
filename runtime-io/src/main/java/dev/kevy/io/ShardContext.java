package dev.kevy.io;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.KeyHash;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.idle.IdlePolicy;
import java.lang.foreign.MemorySegment;

/**
 * What a shard tells its {@link CommandHandler}: who it is, how keys map to shards, the time, and
 * its buffer pool. Only the shard's own thread uses it.
 */
public interface ShardContext {

    /** This shard's id, {@code 0 <= shard() < shards()}. */
    int shard();

    /** Number of shards. */
    int shards();

    /** The runtime's configuration. */
    RuntimeConfig config();

    /**
     * Wall-clock milliseconds, read once per loop iteration: every command of one iteration sees
     * the same time, and reading it costs nothing.
     */
    long nowMillis();

    /** The shard's pool of off-heap chunks. */
    BufferPool pool();

    /** This shard's runtime counters (connections, commands, forwarded requests, parks, wakes). */
    ShardStats stats();

    /** The counters of shard {@code shard}, as of its last tick (any shard's may be read). */
    ShardStats stats(int shard);

    /**
     * Sessions of this shard's connections by slot, for CLIENT LIST and the like: iterate
     * {@code i} over {@code [0, sessionSlots())}; {@link #sessionAt} is {@code null} for a free slot.
     */
    int sessionSlots();

    /** The open session in slot {@code i}, or {@code null}. */
    Session sessionAt(int i);

    /**
     * Disconnects a client of this shard: it is read no more and closes as soon as the replies it
     * is owed (including the current one, when it kills itself) have been written.
     */
    void kill(Session session);

    /**
     * Applies live limits to this shard from its next loop iteration (CONFIG SET, read by the
     * handler on its tick): the shard's share of the client limit, and a new idle policy (or
     * {@code null} to keep the current one).
     */
    void applyLimits(int maxClients, IdlePolicy idle);

    /** The idle policy in force on this shard. */
    IdlePolicy idlePolicy();

    /** The shard that owns a key given as bytes. */
    default int shardOf(MemorySegment key, long offset, long length) {
        return KeyHash.shardOf(KeyHash.hash(key, offset, length), shards());
    }

    /** The shard that owns the key in argument {@code index} of {@code command}. */
    default int shardOf(Request command, int index) {
        return shardOf(command.buffer(), command.offset(index), command.length(index));
    }
}
