package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/**
 * COPY source destination [DB destination-db] [REPLACE], and MEMORY USAGE key [SAMPLES count],
 * as Redis 7 answers them. COPY of a collection copies every element into the destination's
 * memory, so the two keys share nothing afterwards.
 */
final class CopyCommands {
    private static final byte[] REPLACE = Replies.bytes("REPLACE");
    private static final byte[] DB = Replies.bytes("DB");
    private static final byte[] SAMPLES = Replies.bytes("SAMPLES");
    private static final byte[] USAGE = Replies.bytes("USAGE");
    private static final byte[] PURGE = Replies.bytes("PURGE");
    private static final byte[] MALLOC_STATS = Replies.bytes("MALLOC-STATS");
    private static final byte[] NO_MALLOC_STATS = Replies.bytes("Stats not supported for the current allocator");
    private static final byte[] MEMORY_HELP = Replies.help(
            "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "MALLOC-STATS",
            "    Return internal statistics report from the memory allocator.",
            "PURGE",
            "    Attempt to purge dirty pages for reclamation by the allocator.",
            "USAGE <key> [SAMPLES <count>]",
            "    Return memory in bytes used by <key> and its value. Nested values are",
            "    sampled up to <count> times (default: 5, 0 means sample all).",
            "HELP",
            "    Print this help.");
    private static final byte[] SAME_OBJECT = Replies.bytes("-ERR source and destination objects are the same\r\n");

    private CopyCommands() {
    }

    /**
     * COPY's options from argument 3: the destination database ({@code db} when not given) and
     * REPLACE in bit 16; -1 after writing the error that refuses them.
     */
    static int options(Request c, int db, int databases, OutputBuffer out) {
        int target = db;
        int replace = 0;
        for (int i = 3; i < c.argc(); i++) {
            if (c.equalsIgnoreCase(i, REPLACE)) {
                replace = 1 << 16;
            } else if (c.equalsIgnoreCase(i, DB) && i + 1 < c.argc()) {
                target = ConnectionCommands.dbIndex(c, ++i, databases, out);
                if (target < 0) {
                    return -1;
                }
            } else {
                out.writeBytes(Replies.SYNTAX);
                return -1;
            }
        }
        if (target == db && c.length(1) == c.length(2) && c.equals(1, c.buffer(), c.offset(2), c.length(2))) {
            out.writeBytes(SAME_OBJECT);
            return -1;
        }
        return target | replace;
    }

    /**
     * COPY with the source key in {@code from} (database {@code db} of its owner) and the
     * destination's owner's databases {@code to}.
     */
    static void copy(Keyspace from, Databases to, int db, Request c, OutputBuffer out, long now) {
        int options = options(c, db, to.count(), out);
        if (options < 0) {
            return;
        }
        Keyspace target = to.get(options & 0xFFFF);
        boolean replace = (options >>> 16) != 0;
        MemorySegment b = c.buffer();
        long src = from.lookup(b, c.offset(1), (int) c.length(1), now);
        boolean existed = src != Keyspace.ABSENT && target.exists(b, c.offset(2), (int) c.length(2), now);
        if (src == Keyspace.ABSENT || (!replace && existed)) {
            RespWriter.integer(out, 0);
            return;
        }
        long copied = target.copyFrom(from, src, b, c.offset(2), (int) c.length(2), from.expireAt(src), false, now);
        if (copied < 0) {
            out.writeBytes(Replies.TOO_LARGE);
        } else {
            if (existed) { // Redis deletes the old key and adds the copy: "new" even so
                KeyEvents.created(target, c, 2);
            }
            KeyEvents.changed(target, KeyEventNames.COPY_TO, c, 2);
            RespWriter.integer(out, 1);
        }
    }

    /** MEMORY USAGE, PURGE, MALLOC-STATS and HELP (the subcommand and its arity are checked by routing). */
    static void memory(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        if (c.equalsIgnoreCase(1, USAGE)) {
            memoryUsage(keyspace, c, out, now);
        } else if (c.equalsIgnoreCase(1, PURGE)) {
            RespWriter.ok(out); // the shards give idle memory back on their own (Keyspace.trimMemory)
        } else if (c.equalsIgnoreCase(1, MALLOC_STATS)) {
            RespWriter.verbatim(out, NO_MALLOC_STATS); // a text for people: verbatim in RESP3
        } else {
            out.writeBytes(MEMORY_HELP);
        }
    }

    /** MEMORY USAGE key [SAMPLES count]: the bytes the key, its value and the value's elements take. */
    static void memoryUsage(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        int samples = 5;
        for (int i = 3; i < c.argc(); i++) {
            if (c.equalsIgnoreCase(i, SAMPLES) && i + 1 < c.argc()) {
                if (!c.parseLong(++i)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                samples = (int) Math.clamp(c.longValue(), 0, Integer.MAX_VALUE);
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        long e = keyspace.peek(c.buffer(), c.offset(2), (int) c.length(2), now);
        if (e == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
        } else {
            RespWriter.integer(out, keyspace.memoryUsage(e, samples));
        }
    }
}
