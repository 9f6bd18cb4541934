package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.EntryVisitor;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/** Commands about keys rather than values: DEL, EXISTS, DBSIZE, FLUSHALL, KEYS, SCAN, RANDOMKEY, RENAME. */
final class KeyCommands implements EntryVisitor {

    private static final byte[] ASYNC = Replies.bytes("ASYNC");
    private static final byte[] SYNC = Replies.bytes("SYNC");
    private static final byte[] MATCH = Replies.bytes("MATCH");
    private static final byte[] COUNT = Replies.bytes("COUNT");
    private static final byte[] TYPE = Replies.bytes("TYPE");
    private static final byte[] STRING = Replies.bytes("string");
    static final byte[] INVALID_CURSOR = Replies.bytes("-ERR invalid cursor\r\n");
    static final byte[] NO_SUCH_KEY = Replies.bytes("-ERR no such key\r\n");

    private final Keyspace keyspace;
    private final OutputBuffer found;

    // The current KEYS/SCAN filter, read by visit(); set per call, so no lambda is allocated.
    private Request filterCommand;
    private int patternArg;
    private boolean typeMismatch;
    private long matches;

    KeyCommands(Keyspace keyspace, BufferPool pool) {
        this.keyspace = keyspace;
        this.found = new OutputBuffer(pool, Long.MAX_VALUE);
    }

    /** DEL and UNLINK: how many of the keys existed (each removed once). */
    void del(Request c, OutputBuffer out, long now) {
        long removed = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (keyspace.delete(c.buffer(), c.offset(i), (int) c.length(i), now)) {
                removed++;
            }
        }
        RespWriter.integer(out, removed);
    }

    /** EXISTS: how many of the arguments name a key; a key named twice counts twice. */
    void exists(Request c, OutputBuffer out, long now) {
        long count = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (keyspace.exists(c.buffer(), c.offset(i), (int) c.length(i), now)) {
                count++;
            }
        }
        RespWriter.integer(out, count);
    }

    void dbsize(OutputBuffer out) {
        RespWriter.integer(out, keyspace.size());
    }

    /** FLUSHALL / FLUSHDB [ASYNC | SYNC]: both empty this shard at once (the memory is off-heap). */
    void flush(Request c, OutputBuffer out) {
        if (c.argc() > 2 || (c.argc() == 2 && !c.equalsIgnoreCase(1, ASYNC) && !c.equalsIgnoreCase(1, SYNC))) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        keyspace.flush();
        RespWriter.ok(out);
    }

    /** KEYS pattern: this shard's matching keys (the fan-out concatenates the shards'). */
    void keys(Request c, OutputBuffer out, long now) {
        filterCommand = c;
        patternArg = 1;
        typeMismatch = false;
        matches = 0;
        found.clear();
        keyspace.forEach(this, now);
        RespWriter.arrayHeader(out, matches);
        out.copyFrom(found, 0, found.size());
        found.clear();
        filterCommand = null;
    }

    /**
     * SCAN cursor [MATCH pattern] [COUNT n] [TYPE type] on the shard the cursor names. The cursor
     * interleaves shards: {@code cursor = shardCursor * shards + shard}; when this shard's scan
     * ends, the next cursor starts the next shard, and 0 after the last shard. The cursor must be
     * one {@link #isCursor} accepts (the router checked it).
     */
    void scan(Request c, OutputBuffer out, long now, int shard, int shards) {
        long cursor = cursor(c, 1);
        int count = 10;
        int match = 0;
        int type = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (i + 1 >= c.argc()) {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
            if (c.equalsIgnoreCase(i, COUNT)) {
                if (!c.parseLong(i + 1)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                if (c.longValue() < 1) {
                    out.writeBytes(Replies.SYNTAX);
                    return;
                }
                count = (int) Math.min(c.longValue(), Integer.MAX_VALUE);
            } else if (c.equalsIgnoreCase(i, MATCH)) {
                match = i + 1;
            } else if (c.equalsIgnoreCase(i, TYPE)) {
                type = i + 1;
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
            i++;
        }
        filterCommand = c;
        patternArg = match;
        typeMismatch = type != 0 && !c.equalsIgnoreCase(type, STRING); // every key here is a string
        matches = 0;
        found.clear();
        long shardCursor = Long.divideUnsigned(cursor, shards);
        // An empty shard hands the scan straight to the next one instead of walking empty buckets.
        long next = keyspace.size() == 0 ? 0 : keyspace.scan(shardCursor, count, this, now);
        long nextCursor = next != 0 ? next * shards + shard : shard + 1 < shards ? shard + 1 : 0;
        RespWriter.arrayHeader(out, 2);
        RespWriter.bulkLong(out, nextCursor); // Redis prints the cursor unsigned; ours stay below 2^63
        RespWriter.arrayHeader(out, matches);
        out.copyFrom(found, 0, found.size());
        found.clear();
        filterCommand = null;
    }

    /**
     * Whether argument {@code arg} is a SCAN cursor as Redis reads it with {@code strtoul}: an
     * unsigned 64-bit number, optionally signed (a minus wraps), no leading space, nothing after
     * the digits (a NUL ends the text, as in C), and the empty string is 0. {@link #cursor} gives
     * its value.
     */
    static boolean isCursor(Request c, int arg) {
        long n = c.length(arg);
        byte first = n == 0 ? 0 : c.byteAt(arg, 0);
        if (first == ' ' || (first >= '\t' && first <= '\r')) {
            return false;
        }
        long i = first == '-' || first == '+' ? 1 : 0;
        long v = 0;
        long digits = 0;
        for (; i < n && c.byteAt(arg, i) != 0; i++, digits++) {
            int d = c.byteAt(arg, i) - '0';
            if (d < 0 || d > 9 || Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                return false;
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                return false; // beyond 2^64 - 1: ERANGE
            }
            v = next;
        }
        return digits > 0 || first == 0; // "+" and "-" hold no number; "" and a leading NUL read as 0
    }

    /** The value of the cursor in argument {@code arg}, which {@link #isCursor} accepted: 64 bits, unsigned. */
    static long cursor(Request c, int arg) {
        long n = c.length(arg);
        byte first = n == 0 ? 0 : c.byteAt(arg, 0);
        long i = first == '-' || first == '+' ? 1 : 0;
        long v = 0;
        for (; i < n && c.byteAt(arg, i) != 0; i++) {
            v = v * 10 + (c.byteAt(arg, i) - '0');
        }
        return first == '-' ? -v : v;
    }

    @Override
    public void visit(MemorySegment segment, long keyOffset, int keyLength, long entry) {
        if (typeMismatch) {
            return;
        }
        Request c = filterCommand;
        if (patternArg != 0
                && !Glob.matches(c.buffer(), c.offset(patternArg), c.length(patternArg), segment, keyOffset, keyLength, false)) {
            return;
        }
        RespWriter.bulk(found, segment, keyOffset, keyLength);
        matches++;
    }

    /** RANDOMKEY on this shard: a key, or nil when the shard is empty. */
    void randomkey(OutputBuffer out, long now) {
        long e = keyspace.randomEntry(now);
        if (e == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
        } else {
            RespWriter.bulk(out, keyspace.segment(e), keyspace.keyOffset(e), keyspace.keyLength(e));
        }
    }

    /** RENAME / RENAMENX when both keys live in {@code to}'s keyspace or every shard is frozen. */
    static void rename(Keyspace from, Keyspace to, Request c, OutputBuffer out, long now, boolean nx) {
        MemorySegment s = c.buffer();
        long src = from.lookup(s, c.offset(1), (int) c.length(1), now);
        if (src == Keyspace.ABSENT) {
            out.writeBytes(NO_SUCH_KEY);
            return;
        }
        boolean sameKey = from == to && c.length(1) == c.length(2)
                && c.equals(1, s, c.offset(2), c.length(2));
        if (sameKey) {
            if (nx) {
                RespWriter.integer(out, 0);
            } else {
                RespWriter.ok(out);
            }
            return;
        }
        if (nx && to.exists(s, c.offset(2), (int) c.length(2), now)) {
            RespWriter.integer(out, 0);
            return;
        }
        int length = from.valueLength(src);
        long dst = to.reserve(s, c.offset(2), (int) c.length(2), length, from.type(src), from.expireAt(src), 0, now);
        if (dst < 0) {
            out.writeBytes(Replies.TOO_LARGE);
            return;
        }
        // reserve() never moves the source's entry: it only touches the destination key.
        MemorySegment.copy(from.segment(src), from.valueOffset(src), to.segment(dst), to.valueOffset(dst), length);
        from.delete(s, c.offset(1), (int) c.length(1), now);
        if (nx) {
            RespWriter.integer(out, 1);
        } else {
            RespWriter.ok(out);
        }
    }

    void release() {
        found.release();
    }
}
