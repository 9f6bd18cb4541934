package dev.kevy.server;

import dev.kevy.server.command.Replies;
import dev.kevy.server.persist.ShardLog;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.ElementVisitor;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.ZsetWalk;
import java.lang.foreign.MemorySegment;

/**
 * The key owner's half of the blocking commands: takes registrations ({@link BlockingCommands#REGISTER}),
 * serves them when their keys are ready, first come first served per key, and takes back what a
 * client could not receive ({@link BlockingCommands#RESTORE}).
 *
 * <p>Every registration gets exactly one answer from this shard: {@link BlockingCommands#SERVED}
 * (the elements, or a WRONGTYPE error) or {@link BlockingCommands#RELEASED} (after a cancel). A
 * cancel for a registration that is gone already (served, its answer on the way) is ignored. The
 * client's shard counts answers, so it knows when no owner can still serve its waiter.
 *
 * <p>A waiter whose client is on this shard is asked before anything is popped whether it can
 * still take the elements (its ticket is live): an element is never popped for a client that has
 * gone. For a client of another shard the elements travel in the SERVED message, held in escrow:
 * the client's shard sends them back if the client left or was answered meanwhile, and they are
 * pushed back where they were taken from.
 */
final class BlockServing implements ElementVisitor {
    static final int STATUS_DATA = 0;
    static final int STATUS_WRONG_TYPE = 1;

    private static final int NOT_READY = 0;
    private static final int DONE = 1;

    private final BlockingCommands hub;
    private final Databases databases;
    final WaitQueues queues = new WaitQueues();
    private final BlockPayload served = new BlockPayload();
    private final BlockPayload released = new BlockPayload();
    private boolean serving;
    private static final byte[] LPOP = Replies.bytes("LPOP");
    private static final byte[] RPOP = Replies.bytes("RPOP");
    private static final byte[] LPUSH = Replies.bytes("LPUSH");
    private static final byte[] RPUSH = Replies.bytes("RPUSH");
    private static final byte[] ZPOPMIN = Replies.bytes("ZPOPMIN");
    private static final byte[] ZPOPMAX = Replies.bytes("ZPOPMAX");
    private static final byte[] ZADD = Replies.bytes("ZADD");
    private static final byte[] LMOVE = Replies.bytes("LMOVE");
    private static final byte[] LEFT = Replies.bytes("LEFT");
    private static final byte[] RIGHT = Replies.bytes("RIGHT");
    /** Its log ({@code durability.log}, null while off): each pop and give-back is logged as the command it amounts to. */
    private final Durability durability;
    private long now;

    /** The running snapshot's scan: a pop or push here writes the cut's value of its key first. */
    private final ShardSnapshot snapshot;

    BlockServing(BlockingCommands hub, Databases databases, ShardSnapshot snapshot, Durability durability) {
        this.snapshot = snapshot;
        this.durability = durability;
        this.hub = hub;
        this.databases = databases;
    }

    // ---- messages -------------------------------------------------------------------------------

    /**
     * REGISTER: check the keys in argument order and serve at once from the first that exists, as
     * the non-blocking form would; otherwise queue the waiter on each of them. One step, on this
     * shard's thread: no push can fall between the check and the registration. A key that others
     * already wait on is not served past them: the waiter queues behind them and the key is
     * served in order.
     */
    void onRegister(MemorySegment p, long base, long nowMillis, boolean queue) {
        now = nowMillis;
        long waiter = BlockPayload.getLong(p, base + 0);
        int origin = BlockPayload.getInt(p, base + 8);
        int db = BlockPayload.getInt(p, base + 12);
        int kind = BlockPayload.getInt(p, base + 16);
        int side = BlockPayload.getInt(p, base + 20);
        int toSide = BlockPayload.getInt(p, base + 24);
        long count = BlockPayload.getLong(p, base + 28);
        int nkeys = BlockPayload.getInt(p, base + 36);
        long at = base + 40;
        int r = queues.register(origin, waiter, db, kind, side, toSide, count);
        if (kind == BlockingCommands.MOVE) {
            int length = BlockPayload.getInt(p, at);
            queues.destination(r, p, at + 4, length);
            at += 4 + length;
        }
        boolean queued = false;
        long keysAt = at;
        for (int i = 0; i < nkeys; i++) {
            int length = BlockPayload.getInt(p, at);
            queued |= queues.hasWaiters(db, p, at + 4, length);
            at += 4 + length;
        }
        at = keysAt;
        for (int i = 0; i < nkeys && !queued; i++) {
            int length = BlockPayload.getInt(p, at);
            if (serve(r, p, at + 4, length, true) == DONE) {
                return;
            }
            at += 4 + length;
        }
        if (!queue) { // the non-blocking form: nothing was ready
            queues.remove(r);
            hub.clients().onReleased(hub.shard(), waiter);
            return;
        }
        at = keysAt;
        for (int i = 0; i < nkeys; i++) {
            int length = BlockPayload.getInt(p, at);
            queues.addKey(r, p, at + 4, length);
            if (queued) {
                queues.markReady(db, p, at + 4, length);
            }
            at += 4 + length;
        }
        serveReady(nowMillis);
    }

    /** CANCEL: the waiter timed out, was unblocked, left, or was served by another owner. */
    void onCancel(int fromShard, MemorySegment p, long base) {
        long waiter = BlockPayload.getLong(p, base + 0);
        int r = queues.find(fromShard, waiter);
        if (r >= 0) {
            queues.remove(r);
            released.clear();
            released.putLong(waiter);
            hub.send(fromShard, BlockingCommands.RELEASED, released);
        }
    }

    /**
     * RESTORE: elements served to a client that could not take them. Pushed back where they were
     * taken from (the last taken goes back first), so the list or sorted set is as before, and the
     * key is served again to whoever waits next. A move is never sent back: its element is in the
     * destination, which the client's leaving does not undo.
     */
    void onRestore(MemorySegment p, long base, long nowMillis) {
        int kind = BlockPayload.getInt(p, base + 12);
        int side = BlockPayload.getInt(p, base + 16);
        int db = BlockPayload.getInt(p, base + 20);
        int keyLength = BlockPayload.getInt(p, base + 24);
        long keyAt = base + 28;
        long at = keyAt + keyLength;
        int n = BlockPayload.getInt(p, at);
        at += 4;
        Keyspace ks = databases.get(db);
        snapshot.beforeWrite(db, p, keyAt, keyLength, nowMillis);
        boolean zset = kind == BlockingCommands.ZPOP || kind == BlockingCommands.ZMPOP;
        long[] starts = hub.offsets(n);
        for (int i = 0; i < n; i++) {
            starts[i] = at;
            at += 4 + BlockPayload.getInt(p, at) + (zset ? Double.BYTES : 0);
        }
        for (int i = n - 1; i >= 0; i--) {
            long e = starts[i];
            int length = BlockPayload.getInt(p, e);
            if (zset) {
                ks.zsets.put(p, keyAt, keyLength, p, e + 4, length, BlockPayload.getDouble(p, e + 4 + length), nowMillis);
            } else {
                ks.lists.push(p, keyAt, keyLength, p, e + 4, length, side == 0, false, nowMillis);
            }
        }
        ShardLog log = durability.log;
        if (log != null) { // the same give-back, as the command that does it: the last taken goes back first
            log.begin(db, nowMillis);
            log.arg(zset ? ZADD : side == 0 ? LPUSH : RPUSH);
            log.arg(p, keyAt, keyLength);
            for (int i = n - 1; i >= 0; i--) {
                int length = BlockPayload.getInt(p, starts[i]);
                if (zset) {
                    log.arg(scoreText(BlockPayload.getDouble(p, starts[i] + 4 + length)));
                }
                log.arg(p, starts[i] + 4, length);
            }
            log.end();
        }
        queues.markReady(db, p, keyAt, keyLength);
        serveReady(nowMillis);
    }

    // ---- serving --------------------------------------------------------------------------------

    /**
     * Serves every key marked ready, each to its waiters in order while it has elements, then
     * the keys those moves made ready (a BLMOVE into a list another client waits on). Runs after
     * the command that made them ready completed; a nested call returns at once.
     */
    void serveReady(long nowMillis) {
        if (serving || !queues.hasReady()) {
            return;
        }
        serving = true;
        now = nowMillis;
        try {
            for (int e = queues.nextReady(); e >= 0; e = queues.nextReady()) {
                for (int r = queues.first(e); r >= 0; r = queues.first(e)) {
                    if (serve(r, queues.key(e), 0, queues.keyLength(e), false) == NOT_READY) {
                        break;
                    }
                }
                queues.releaseIfIdle(e);
            }
        } finally {
            serving = false;
        }
    }

    /**
     * Serves registration {@code r} from {@code key} if it can: {@link #DONE} (served, answered
     * with an error, or dropped because its local client is gone; the registration is removed and
     * answered) or {@link #NOT_READY} (no element, or at a wake a key of another type: Redis keeps
     * such a client waiting).
     */
    private int serve(int r, MemorySegment key, long keyOffset, int keyLength, boolean atRegister) {
        int origin = queues.regOrigin[r];
        long waiter = queues.regWaiter[r];
        if (origin == hub.shard() && !hub.clients().canTake(waiter)) {
            queues.remove(r); // its client left or was answered: it gets no element
            hub.clients().onReleased(hub.shard(), waiter);
            return DONE;
        }
        int kind = queues.regKind[r];
        Keyspace ks = databases.get(queues.regDb[r]);
        boolean zset = kind == BlockingCommands.ZPOP || kind == BlockingCommands.ZMPOP;
        long entry = zset ? ks.zsets.find(key, keyOffset, keyLength, now) : ks.lists.find(key, keyOffset, keyLength, now);
        if (entry == Keyspace.WRONG_TYPE) {
            if (!atRegister) {
                return NOT_READY;
            }
            return answerError(r, key, keyOffset, keyLength);
        }
        if (entry < 0) {
            return NOT_READY;
        }
        if (kind == BlockingCommands.MOVE
                && ks.lists.find(queues.destination(r), 0, queues.regDstLength[r], now) == Keyspace.WRONG_TYPE) {
            return answerError(r, key, keyOffset, keyLength); // the element stays in the source
        }
        int side = queues.regSide[r];
        snapshot.beforeWrite(queues.regDb[r], key, keyOffset, keyLength, now);
        if (kind == BlockingCommands.MOVE) {
            snapshot.beforeWrite(queues.regDb[r], queues.destination(r), 0, queues.regDstLength[r], now);
        }
        header(waiter, STATUS_DATA, kind, side, queues.regDb[r], key, keyOffset, keyLength);
        long countAt = served.putInt(0);
        int n;
        if (zset) {
            n = popScored(ks, entry, key, keyOffset, keyLength, side == 1, queues.regCount[r]);
        } else {
            long take = Math.min(queues.regCount[r], ks.lists.length(entry));
            n = (int) take;
            for (long i = 0; i < take; i++) {
                ks.lists.pop(key, keyOffset, keyLength, side == 0, this, now);
            }
        }
        served.setInt(countAt, n);
        if (kind == BlockingCommands.MOVE) {
            long element = countAt + 4;
            ks.lists.push(queues.destination(r), 0, queues.regDstLength[r], served.segment(), element + 4,
                    BlockPayload.getInt(served.segment(), element), queues.regToSide[r] == 0, false, now);
            queues.markReady(queues.regDb[r], queues.destination(r), 0, queues.regDstLength[r]);
        }
        queues.remove(r);
        if (durability.log != null) {
            logServed(durability.log, r, kind, side, key, keyOffset, keyLength, n);
            if (origin != hub.shard() && durability.sendWhenDurable(origin, BlockingCommands.SERVED, served.segment(), 0,
                    served.size())) {
                return DONE; // the client's shard answers once the pop is durable here
            }
        }
        hub.send(origin, BlockingCommands.SERVED, served);
        return DONE;
    }

    /** A score as text ZADD reads back to the same double (shortest round-trip form); only when a client left mid-serve. */
    private static byte[] scoreText(double score) {
        String text = Double.isInfinite(score) ? (score > 0 ? "+inf" : "-inf") : Double.toString(score);
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The pop (or move) registration {@code r} was served, as the non-blocking command that does the same. */
    private void logServed(ShardLog log, int r, int kind, int side, MemorySegment key, long keyOffset, int keyLength,
                           int n) {
        log.begin(queues.regDb[r], now);
        if (kind == BlockingCommands.MOVE) {
            log.arg(LMOVE);
            log.arg(key, keyOffset, keyLength);
            log.arg(queues.destination(r), 0, queues.regDstLength[r]);
            log.arg(side == 0 ? LEFT : RIGHT);
            log.arg(queues.regToSide[r] == 0 ? LEFT : RIGHT);
        } else {
            boolean zset = kind == BlockingCommands.ZPOP || kind == BlockingCommands.ZMPOP;
            log.arg(zset ? (side == 1 ? ZPOPMAX : ZPOPMIN) : side == 0 ? LPOP : RPOP);
            log.arg(key, keyOffset, keyLength);
            log.arg(n);
        }
        log.end();
    }

    private int answerError(int r, MemorySegment key, long keyOffset, int keyLength) {
        int origin = queues.regOrigin[r];
        header(queues.regWaiter[r], STATUS_WRONG_TYPE, queues.regKind[r], queues.regSide[r], queues.regDb[r], key, keyOffset,
                keyLength);
        served.putInt(0);
        queues.remove(r);
        hub.send(origin, BlockingCommands.SERVED, served);
        return DONE;
    }

    private void header(long waiter, int status, int kind, int side, int db, MemorySegment key, long keyOffset, int keyLength) {
        served.clear();
        served.putLong(waiter);
        served.putInt(status);
        served.putInt(kind);
        served.putInt(side);
        served.putInt(db);
        served.putBytes(key, keyOffset, keyLength);
    }

    /** Pops up to {@code count} members from the low or high end, each (member, score) into {@link #served}. */
    private int popScored(Keyspace ks, long entry, MemorySegment key, long keyOffset, int keyLength, boolean max, long count) {
        long size = ks.zsets.count(entry);
        long take = Math.min(count, size);
        ZsetWalk walk = ks.zsets.walk();
        walk.seek(entry, 0, max);
        for (long i = 0; i < take; i++) {
            served.putBytes(walk.segment(), walk.memberOffset(), walk.memberLength());
            served.putDouble(walk.score());
            walk.next();
        }
        long start = max ? size - take : 0;
        ks.zsets.removeRange(key, keyOffset, keyLength, start, start + take - 1, now);
        return (int) take;
    }

    /** Copies an element being popped from a list into the SERVED message. */
    @Override
    public void visit(MemorySegment segment, long offset, int length, long valueOffset, int valueLength) {
        served.putBytes(segment, offset, length);
    }

    void close() {
        served.close();
        released.close();
    }
}
