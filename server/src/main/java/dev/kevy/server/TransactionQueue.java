package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One connection's transaction: whether it is inside MULTI, the commands it queued (copies of
 * their bytes, since the input they were read from is consumed), and the shards where it WATCHes
 * keys. Made on the connection's first MULTI or WATCH and kept for its lifetime, so a client that
 * runs transaction after transaction allocates nothing after the first: the bytes live in one
 * block from the shard's pool, reused, grown by doubling and given back when a transaction made
 * it larger than {@link #KEEP_BYTES} (at the next MULTI) or the connection closes.
 *
 * <h2>Layout of the block</h2>
 * <pre>
 *   0   "EXEC" and 4 bytes of padding        field 0 of the EXEC body
 *   8   int count, int route, long client     field 1 of the EXEC body (its header, 16 bytes)
 *   24  per queued command: int argc, int tag, int route   (one field of 12 bytes)
 *       then argc times: int length, length bytes         (the command's own fields)
 *   ... the shards this client watches keys on, a bit each  field 2 of the EXEC body, written last
 * </pre>
 * {@link #body} points a {@link Request} at this block as the EXEC body: the fields above, in
 * order, so the runtime carries the whole transaction wherever EXEC runs as one request (see
 * {@link Transactions}).
 */
final class TransactionQueue {

    /** A block larger than this is given back after its transaction. */
    static final long KEEP_BYTES = 64 * 1024;
    static final long HEADER_AT = 8;
    static final int HEADER_BYTES = 16;
    static final long FIRST_COMMAND = HEADER_AT + HEADER_BYTES;
    static final int COMMAND_HEADER_BYTES = 12;
    /** The field of an EXEC body where the first queued command's header is. */
    static final int FIRST_COMMAND_FIELD = 3;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final int EXEC_WORD = 'E' | 'X' << 8 | 'E' << 16 | 'C' << 24;

    private final BufferPool pool;
    private MemorySegment block = MemorySegment.NULL;
    private long size = FIRST_COMMAND;

    /** Inside MULTI: commands are queued, not run. */
    boolean open;
    /** A command was refused while queuing (unknown, arity, ...): EXEC answers EXECABORT. */
    boolean aborted;
    /** EXEC is running these commands on the connection's own shard (CLIENT LIST shows it in MULTI). */
    boolean executing;
    /** Commands queued. */
    int count;
    /** The database queued commands act on: the client's when MULTI began, then each valid SELECT's. */
    int db;
    /** The one shard every queued keyed command runs on; {@link #NONE} or {@link #SEVERAL}. */
    int keyShard = NONE;
    /** A queued command must run on every shard (fan-out), or in the atomic turn, or needs the connection. */
    boolean needsEveryShard;
    boolean needsSession;
    boolean selects;
    /** Shards where this client watches keys (bit per shard), and how many. */
    private long[] watchBits = new long[1];
    int watchShards;

    static final int NONE = -1;
    static final int SEVERAL = -2;

    TransactionQueue(BufferPool pool) {
        this.pool = pool;
    }

    /**
     * Enters MULTI with the client's database. A block the previous transaction grew past
     * {@link #KEEP_BYTES} goes back to the pool here, not when it ended: an EXEC body may still
     * point into it until the runtime has copied it away, which it has by the time the next
     * command of the connection runs.
     */
    void begin(int clientDb) {
        if (block.byteSize() > KEEP_BYTES) {
            pool.release(block);
            block = MemorySegment.NULL;
        }
        open = true;
        aborted = false;
        count = 0;
        db = clientDb;
        keyShard = NONE;
        needsEveryShard = false;
        needsSession = false;
        selects = false;
        size = FIRST_COMMAND;
    }

    /** Leaves MULTI, forgetting the queue (its block stays: see {@link #begin}). */
    void end() {
        open = false;
        executing = false;
        aborted = false;
        count = 0;
        size = FIRST_COMMAND;
    }

    /** Copies {@code c} to the end of the queue, to run with {@code tag} where {@code route} says. */
    void append(Request c, int tag, int route) {
        int argc = c.argc();
        long need = COMMAND_HEADER_BYTES + 4L * argc;
        for (int i = 0; i < argc; i++) {
            need += c.length(i);
        }
        ensure(size + need);
        MemorySegment s = block;
        long at = size;
        s.set(INT, at, argc);
        s.set(INT, at + 4, tag);
        s.set(INT, at + 8, route);
        at += COMMAND_HEADER_BYTES;
        for (int i = 0; i < argc; i++) {
            long len = c.length(i);
            s.set(INT, at, (int) len);
            c.copyTo(i, s, at + 4);
            at += 4 + len;
        }
        size = at;
        count++;
    }

    /**
     * Points {@code into} at the queue as the EXEC body (see the class comment), to run where
     * {@code route} says on behalf of client {@code clientId}; its tag is left to the caller.
     */
    void body(Request into, int route, long clientId) {
        long watchesAt = size;
        long watchesBytes = 8L * watchBits.length;
        ensure(size + watchesBytes);
        MemorySegment s = block;
        s.set(INT, HEADER_AT, count);
        s.set(INT, HEADER_AT + 4, route);
        s.set(LONG, HEADER_AT + 8, clientId);
        for (int w = 0; w < watchBits.length; w++) {
            s.set(LONG, watchesAt + 8L * w, watchBits[w]);
        }
        into.clear();
        into.field(0, 0, 4);
        into.field(1, HEADER_AT, HEADER_BYTES);
        into.field(2, watchesAt, watchesBytes);
        int f = FIRST_COMMAND_FIELD;
        long at = FIRST_COMMAND;
        for (int k = 0; k < count; k++) {
            int argc = s.get(INT, at);
            into.field(f++, at, COMMAND_HEADER_BYTES);
            at += COMMAND_HEADER_BYTES;
            for (int i = 0; i < argc; i++) {
                int len = s.get(INT, at);
                into.field(f++, at + 4, len);
                at += 4 + len;
            }
        }
        into.complete(s, f);
    }

    /** Commands in an EXEC body. */
    static int bodyCount(Request body) {
        return body.buffer().get(INT, body.offset(1));
    }

    /** Where an EXEC body runs (its route when EXEC was routed). */
    static int bodyRoute(Request body) {
        return body.buffer().get(INT, body.offset(1) + 4);
    }

    /** The client whose transaction an EXEC body is. */
    static long bodyClient(Request body) {
        return body.buffer().get(LONG, body.offset(1) + 8);
    }

    /**
     * Whether the client of an EXEC body watched keys on {@code shard} when it sent EXEC: only
     * those shards' watches count (another shard may still hold watches an UNWATCH's message has
     * not yet dropped).
     */
    static boolean bodyWatches(Request body, int shard) {
        long word = 8L * (shard >>> 6);
        return word < body.length(2)
                && (body.buffer().get(LONG, body.offset(2) + word) & 1L << shard) != 0;
    }

    /** Argument count of the queued command whose header is field {@code field} of an EXEC body. */
    static int argc(Request body, int field) {
        return body.buffer().get(INT, body.offset(field));
    }

    static int tag(Request body, int field) {
        return body.buffer().get(INT, body.offset(field) + 4);
    }

    static int route(Request body, int field) {
        return body.buffer().get(INT, body.offset(field) + 8);
    }

    /**
     * Points {@code into} at the queued command whose header is field {@code field} of
     * {@code body}, with its tag; returns the field of the next command's header.
     */
    static int command(Request body, int field, Request into) {
        int argc = argc(body, field);
        into.clear();
        for (int i = 0; i < argc; i++) {
            into.field(i, body.offset(field + 1 + i), body.length(field + 1 + i));
        }
        into.complete(body.buffer(), argc);
        into.tag(tag(body, field));
        return field + 1 + argc;
    }

    /** Notes that this client watches a key on {@code shard}. */
    void watchOn(int shard) {
        int word = shard >>> 6;
        if (word >= watchBits.length) {
            watchBits = java.util.Arrays.copyOf(watchBits, word + 1);
        }
        long bit = 1L << shard;
        if ((watchBits[word] & bit) == 0) {
            watchBits[word] |= bit;
            watchShards++;
        }
    }

    boolean watchesOn(int shard) {
        int word = shard >>> 6;
        return word < watchBits.length && (watchBits[word] & 1L << shard) != 0;
    }

    /** The lowest shard this client watches keys on, or {@link #NONE}. */
    int firstWatchShard() {
        for (int w = 0; w < watchBits.length; w++) {
            if (watchBits[w] != 0) {
                return w * 64 + Long.numberOfTrailingZeros(watchBits[w]);
            }
        }
        return NONE;
    }

    /** Forgets the watched shards (the caller drops the watches themselves). */
    void unwatched() {
        java.util.Arrays.fill(watchBits, 0);
        watchShards = 0;
    }

    private void ensure(long bytes) {
        if (block.byteSize() >= Math.max(bytes, FIRST_COMMAND)) {
            return;
        }
        MemorySegment grown = pool.acquire(Math.max(bytes, Math.max(1024, block.byteSize() * 2)));
        if (block.byteSize() > 0) {
            MemorySegment.copy(block, 0, grown, 0, size);
            pool.release(block);
        }
        grown.set(INT, 0, EXEC_WORD);
        block = grown;
    }

    /** Gives the block back (the connection closed). */
    void release() {
        if (block.byteSize() > 0) {
            pool.release(block);
            block = MemorySegment.NULL;
        }
        size = FIRST_COMMAND;
        count = 0;
        open = false;
    }
}
