package dev.kevy.io;

/**
 * What an embedder plugs into a {@link Listener}: a factory of per-shard {@link CommandHandler}s.
 *
 * <p>The runtime frames requests (with the listener's codec), moves them between shards and
 * sockets and keeps replies in order; it knows nothing about what a request means. Each shard calls
 * {@link #forShard} once, on its own thread, before its loop starts, so a handler's state (a
 * keyspace, say) is created by and confined to the thread that uses it.
 */
@FunctionalInterface
public interface Commands {

    /** Creates shard {@code context.shard()}'s handler; called on that shard's thread. */
    CommandHandler forShard(ShardContext context);
}
