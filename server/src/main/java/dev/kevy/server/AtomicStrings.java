package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/** MSETNX across shards, run on the coordinator while every shard is frozen (see CommandHandler#ATOMIC). */
final class AtomicStrings {

    private AtomicStrings() {
    }

    static void msetnx(Request c, CommandHandler[] shards, ShardContext context, OutputBuffer out, long now) {
        MemorySegment s = c.buffer();
        for (int i = 1; i + 1 < c.argc(); i += 2) {
            Keyspace ks = owner(c, i, shards, context);
            if (ks.exists(s, c.offset(i), (int) c.length(i), now)) {
                RespWriter.integer(out, 0);
                return;
            }
        }
        for (int i = 1; i + 1 < c.argc(); i += 2) {
            Keyspace ks = owner(c, i, shards, context);
            ks.set(s, c.offset(i), (int) c.length(i), s, c.offset(i + 1), (int) c.length(i + 1), 0, 0, now);
            KeyEvents.changed(ks, KeyEventNames.SET, c, i);
        }
        RespWriter.integer(out, 1);
    }

    private static Keyspace owner(Request c, int arg, CommandHandler[] shards, ShardContext context) {
        return AtomicRun.ownerOf(context, c, arg, shards);
    }
}
