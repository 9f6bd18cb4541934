package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.EntryVisitor;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/** Commands about keys rather than values: DEL, EXISTS, DBSIZE, FLUSHALL, KEYS, SCAN, RANDOMKEY, RENAME, MOVE. */
final class KeyCommands implements EntryVisitor {

    private static final byte[] ASYNC = Replies.bytes("ASYNC");
    private static final byte[] SYNC = Replies.bytes("SYNC");
    private static final byte[] MATCH = Replies.bytes("MATCH");
    private static final byte[] COUNT = Replies.bytes("COUNT");
    private static final byte[] TYPE = Replies.bytes("TYPE");
    /** SCAN TYPE's names, at the index of their type number ({@link Keyspace#TYPE_STRING}...). */
    private static final byte[][] TYPE_NAMES = {
        Replies.bytes("string"), Replies.bytes("list"), Replies.bytes("set"), Replies.bytes("zset"), Replies.bytes("hash")};
    private static final int ANY_TYPE = -1;
    private static final int NO_TYPE = -2;
    static final byte[] INVALID_CURSOR = Replies.bytes("-ERR invalid cursor\r\n");
    static final byte[] NO_SUCH_KEY = Replies.bytes("-ERR no such key\r\n");
    private static final byte[] INVALID_FIRST_DB = Replies.bytes("-ERR invalid first DB index\r\n");
    private static final byte[] INVALID_SECOND_DB = Replies.bytes("-ERR invalid second DB index\r\n");
    private static final byte[] SAME_OBJECT = Replies.bytes("-ERR source and destination objects are the same\r\n");

    private final OutputBuffer found;

    // The current KEYS/SCAN filter, read by visit(); set per call, so no lambda is allocated.
    private Request filterCommand;
    private int patternArg;
    private int wantedType;
    private Keyspace scanned;
    private long matches;
    private long visited;

    KeyCommands(BufferPool pool) {
        this.found = new OutputBuffer(pool, Long.MAX_VALUE);
    }

    /** DEL and UNLINK: how many of the keys existed (each removed once). */
    void del(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long removed = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (keyspace.delete(c.buffer(), c.offset(i), (int) c.length(i), now)) {
                removed++;
                KeyEvents.changed(keyspace, KeyEventNames.DEL, c, i);
            }
        }
        RespWriter.integer(out, removed);
    }

    /** EXISTS: how many of the arguments name a key; a key named twice counts twice. */
    void exists(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long count = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (keyspace.exists(c.buffer(), c.offset(i), (int) c.length(i), now)) {
                count++;
            } else {
                KeyEvents.missed(keyspace, c, i);
            }
        }
        RespWriter.integer(out, count);
    }

    void dbsize(Keyspace keyspace, OutputBuffer out) {
        RespWriter.integer(out, keyspace.size());
    }

    /**
     * FLUSHDB [ASYNC | SYNC] empties {@code keyspace} (the client's database on this shard);
     * FLUSHALL, {@code all} given, empties every database of this shard. Both at once: the memory
     * is off-heap and goes back whole.
     */
    static void flush(Keyspace keyspace, Databases all, Request c, OutputBuffer out) {
        if (c.argc() > 2 || (c.argc() == 2 && !c.equalsIgnoreCase(1, ASYNC) && !c.equalsIgnoreCase(1, SYNC))) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        // KeyEvents.flushed before emptying each: its watches see the keys that exist (signalFlushedDb)
        if (all != null) {
            for (int i = 0; i < all.used(); i++) {
                KeyEvents.flushed(all.peek(i));
            }
            all.flushAll();
        } else {
            KeyEvents.flushed(keyspace);
            keyspace.flush();
        }
        RespWriter.ok(out);
    }

    /**
     * MOVE key db, from database {@code db} of this shard (the key's owner, so both databases'
     * copies of the key live here): 1 if moved, 0 if the key is absent or the target has it.
     */
    static void move(Databases databases, int db, Request c, OutputBuffer out, long now) {
        int target = ConnectionCommands.dbIndex(c, 2, databases.count(), out);
        if (target < 0) {
            return;
        }
        if (target == db) {
            out.writeBytes(SAME_OBJECT);
            return;
        }
        Keyspace from = databases.get(db);
        MemorySegment s = c.buffer();
        long src = from.lookup(s, c.offset(1), (int) c.length(1), now);
        Keyspace to = databases.get(target);
        if (src == Keyspace.ABSENT || to.exists(s, c.offset(1), (int) c.length(1), now)) {
            RespWriter.integer(out, 0);
            return;
        }
        if (!transfer(from, src, to, c, 1, now)) {
            out.writeBytes(Replies.TOO_LARGE);
            return;
        }
        KeyEvents.changed(from, KeyEventNames.MOVE_FROM, c, 1);
        KeyEvents.changed(to, KeyEventNames.MOVE_TO, c, 1);
        RespWriter.integer(out, 1);
    }

    /**
     * Redis's checks of SWAPDB's indexes, before it runs anywhere; {@code null} when they are fine:
     * each an integer within a C int (else "invalid first/second DB index"), then both below
     * {@code databases} and not negative.
     */
    static byte[] swapdbCheck(Request c, int databases) {
        long first = c.parseLong(1) ? c.longValue() : Long.MIN_VALUE; // MIN_VALUE: outside a C int too
        if (first < Integer.MIN_VALUE || first > Integer.MAX_VALUE) {
            return INVALID_FIRST_DB;
        }
        long second = c.parseLong(2) ? c.longValue() : Long.MIN_VALUE;
        if (second < Integer.MIN_VALUE || second > Integer.MAX_VALUE) {
            return INVALID_SECOND_DB;
        }
        boolean inRange = first >= 0 && first < databases && second >= 0 && second < databases;
        return inRange ? null : Replies.DB_OUT_OF_RANGE;
    }

    /** SWAPDB a b on every database set given (arguments checked by {@link #swapdbCheck}). */
    static void swapdb(Request c, OutputBuffer out, Watches[] watches, Databases... shards) {
        int a = c.parseLong(1) ? (int) c.longValue() : 0;
        int b = c.parseLong(2) ? (int) c.longValue() : 0;
        for (Watches w : watches) {
            w.touchSwap(a, b); // before swapping: keys that exist in either database count
        }
        for (Databases databases : shards) {
            KeyEvents.flushed(databases.peek(a));
            KeyEvents.flushed(databases.peek(b));
            databases.swap(a, b);
        }
        RespWriter.ok(out);
    }

    /**
     * RENAME's and MOVE's step: entry {@code src} of {@code from}, the key in argument 1, goes
     * (value, type and expiry) to {@code to} under the key in argument {@code keyArg}, and leaves
     * {@code from}. Returns {@code false}, changing nothing, when the key and value are too large
     * for {@code to}. The source entry stays put while it is copied: {@code reserve} touches only
     * the destination key.
     */
    private static boolean transfer(Keyspace from, long src, Keyspace to, Request c, int keyArg, long now) {
        return to.copyFrom(from, src, c.buffer(), c.offset(keyArg), (int) c.length(keyArg), from.expireAt(src), true, now) >= 0;
    }

    /** KEYS pattern: this shard's matching keys (the fan-out concatenates the shards'). */
    void keys(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        filterCommand = c;
        patternArg = 1;
        wantedType = ANY_TYPE;
        scanned = keyspace;
        matches = 0;
        found.clear();
        keyspace.forEach(this, now);
        RespWriter.arrayHeader(out, matches);
        out.copyFrom(found, 0, found.size());
        found.clear();
        filterCommand = null;
    }

    /**
     * Redis's checks of SCAN's options (from argument 2, in pairs: MATCH, COUNT, TYPE), made once
     * before the scan fans out; {@code null} when they are fine. The cursor is checked first.
     */
    static byte[] scanCheck(Request c) {
        if (!isCursor(c, 1)) {
            return INVALID_CURSOR;
        }
        for (int i = 2; i < c.argc(); i += 2) {
            if (i + 1 >= c.argc()) {
                return Replies.SYNTAX;
            }
            if (c.equalsIgnoreCase(i, COUNT)) {
                if (!c.parseLong(i + 1)) {
                    return Replies.NOT_INTEGER;
                }
                if (c.longValue() < 1) {
                    return Replies.SYNTAX;
                }
            } else if (!c.equalsIgnoreCase(i, MATCH) && !c.equalsIgnoreCase(i, TYPE)) {
                return Replies.SYNTAX;
            }
        }
        return null;
    }

    /** SCAN's COUNT (checked by {@link #scanCheck}), 10 when not given. */
    static int scanCount(Request c) {
        int count = 10;
        for (int i = 2; i + 1 < c.argc(); i += 2) {
            if (c.equalsIgnoreCase(i, COUNT) && c.parseLong(i + 1)) {
                count = (int) Math.min(c.longValue(), Integer.MAX_VALUE);
            }
        }
        return count;
    }

    /**
     * SCAN's part on this shard, {@code KEVY.SCANPART position [options as SCAN's]}: about COUNT
     * keys from {@code position} of this shard's table. Reply {@code *4}: the next position (0
     * when this shard is done), the keys visited (matching or not: the work done), COUNT, and the
     * matching keys. {@link ScanReducer} puts the shards' parts together.
     */
    void scanPart(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long position = cursor(c, 1);
        int count = scanCount(c);
        int match = 0;
        int type = 0;
        for (int i = 2; i + 1 < c.argc(); i += 2) {
            if (c.equalsIgnoreCase(i, MATCH)) {
                match = i + 1;
            } else if (c.equalsIgnoreCase(i, TYPE)) {
                type = i + 1;
            }
        }
        filterCommand = c;
        patternArg = match;
        wantedType = type == 0 ? ANY_TYPE : typeCode(c, type);
        scanned = keyspace;
        matches = 0;
        visited = 0;
        found.clear();
        // An empty table hands the scan straight to the next shard instead of walking empty buckets.
        long next = keyspace.size() == 0 ? 0 : keyspace.scan(position, count, this, now);
        RespWriter.arrayHeader(out, 4);
        RespWriter.integer(out, next);
        RespWriter.integer(out, visited);
        RespWriter.integer(out, count);
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
        visited++;
        if (wantedType != ANY_TYPE && scanned.type(entry) != wantedType) {
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

    /** The type code SCAN's TYPE argument names, {@link #NO_TYPE} for a name no key has. */
    private static int typeCode(Request c, int arg) {
        for (int type = 0; type < TYPE_NAMES.length; type++) {
            if (c.equalsIgnoreCase(arg, TYPE_NAMES[type])) {
                return type; // indexed by Redis's type numbers, as Keyspace.TYPE_* are
            }
        }
        return NO_TYPE;
    }

    /** RANDOMKEY on this shard: a key, or nil when the shard is empty. */
    void randomkey(Keyspace keyspace, OutputBuffer out, long now) {
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
        boolean replaced = to.exists(s, c.offset(2), (int) c.length(2), now);
        if (nx && replaced) {
            RespWriter.integer(out, 0);
            return;
        }
        if (!transfer(from, src, to, c, 2, now)) {
            out.writeBytes(Replies.TOO_LARGE);
            return;
        }
        if (replaced) { // Redis deletes the old key and adds the new one: "new" even so
            KeyEvents.created(to, c, 2);
        }
        KeyEvents.changed(from, KeyEventNames.RENAME_FROM, c, 1);
        KeyEvents.changed(to, KeyEventNames.RENAME_TO, c, 2);
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
