package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.persist.LogReplay;

/**
 * Where a shard's part of the append-only log is replayed at start-up, before it serves anyone:
 * each command runs against its database as it ran, at the clock it ran at (so what had expired
 * then has expired now), and its reply is dropped.
 */
final class LogSink implements LogReplay.Sink, AutoCloseable {
    private final ShardHandler shard;
    private final CommandTable table;
    private final OutputBuffer replies;

    LogSink(ShardHandler shard, CommandTable table, BufferPool pool) {
        this.shard = shard;
        this.table = table;
        this.replies = new OutputBuffer(pool, Long.MAX_VALUE);
    }

    @Override
    public void apply(Request c, int db, long now) {
        CommandSpec spec = table.lookup(c);
        if (spec == null) {
            throw new IllegalStateException("the append-only log holds an unknown command: " + c.toString(0));
        }
        c.tag(Routing.tag(spec.id(), db, false));
        shard.run(spec.id(), shard.databases.get(db), c, null, replies, now);
        replies.clear();
    }

    @Override
    public void close() {
        replies.release();
    }
}
