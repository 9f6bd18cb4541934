package dev.kevy.io;

import dev.kevy.io.resp.RespCommand;
import dev.kevy.rt.KeyHash;
import dev.kevy.rt.buffer.BufferPool;
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

    /** The shard that owns a key given as bytes. */
    default int shardOf(MemorySegment key, long offset, long length) {
        return KeyHash.shardOf(KeyHash.hash(key, offset, length), shards());
    }

    /** The shard that owns the key in argument {@code index} of {@code command}. */
    default int shardOf(RespCommand command, int index) {
        return shardOf(command.buffer(), command.offset(index), command.length(index));
    }
}
