package dev.kevy.server;

import dev.kevy.io.resp.RespCommand;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;

/** Commands about keys rather than values (DEL, EXISTS, DBSIZE, FLUSHALL...) on one shard. */
final class KeyCommands {

    private static final byte[] ASYNC = Replies.bytes("ASYNC");
    private static final byte[] SYNC = Replies.bytes("SYNC");

    private final Keyspace keyspace;

    KeyCommands(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** DEL and UNLINK: how many of the keys existed (each removed once). */
    void del(RespCommand c, OutputBuffer out, long now) {
        long removed = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (keyspace.delete(c.buffer(), c.offset(i), (int) c.length(i), now)) {
                removed++;
            }
        }
        RespWriter.integer(out, removed);
    }

    /** EXISTS: how many of the arguments name a key; a key named twice counts twice. */
    void exists(RespCommand c, OutputBuffer out, long now) {
        long found = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (keyspace.exists(c.buffer(), c.offset(i), (int) c.length(i), now)) {
                found++;
            }
        }
        RespWriter.integer(out, found);
    }

    void dbsize(OutputBuffer out) {
        RespWriter.integer(out, keyspace.size());
    }

    /** FLUSHALL / FLUSHDB [ASYNC | SYNC]: both empty this shard at once (the memory is off-heap). */
    void flush(RespCommand c, OutputBuffer out) {
        if (c.argc() > 2 || (c.argc() == 2 && !c.equalsIgnoreCase(1, ASYNC) && !c.equalsIgnoreCase(1, SYNC))) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        keyspace.flush();
        RespWriter.ok(out);
    }
}
