package dev.kevy.server;

import dev.kevy.io.ShardContext;
import dev.kevy.io.ShardTask;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.Replies;
import dev.kevy.server.persist.AppendLog;
import dev.kevy.server.persist.ShardLog;
import dev.kevy.server.rdb.DumpWriter;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One shard's side of the append-only log: what each write puts in the log, and, under
 * {@code appendfsync always}, which replies wait until their records are durable.
 *
 * <h2>What is logged</h2>
 * A write command that changed something, as it ran, with its database and the loop's clock:
 * replayed at that clock, expiry and relative times come out as they did, so expired keys need
 * no DEL and EXPIRE needs no rewrite. What the arguments do not decide is logged as its effect:
 * SPOP and the keys an atomic turn changed as each key's whole value (a RESTORE ... ABSTTL, or a
 * DEL), an eviction as a DEL, a blocking pop as the pop it did ({@link BlockServing}).
 *
 * <h2>Replies that wait</h2>
 * Under {@code always} a write's reply, and a read's while this shard has records not yet
 * durable (Redis answers no one before its fsync), is written into {@link #stash} and its
 * request deferred; {@link #release} answers it once the writer made the COMMIT that covers it
 * durable. A later command of the same client covered by the same COMMIT needs no ticket of its
 * own: its reply waits behind the first. During an atomic turn nothing is deferred here; the turn
 * waits for the writer before the shards thaw ({@link #turnEnded}).
 */
final class Durability {

    /** Submitted by the writer to a shard holding replies: release what became durable. */
    static final ShardTask RELEASE = (handler, context) -> ((ShardHandler) handler).durability.release();

    private static final byte[] DEL = Replies.bytes("DEL");
    private static final byte[] RESTORE = Replies.bytes("RESTORE");
    private static final byte[] REPLACE = Replies.bytes("REPLACE");
    private static final byte[] ABSTTL = Replies.bytes("ABSTTL");

    private final ShardContext context;
    /**
     * This shard's log, or null while the log is off: set at start-up, or by {@link #attach} at this
     * shard's cut of the rewrite that turns the log on while running (on this shard's thread; an
     * atomic turn's coordinator reads it while this shard stands still).
     */
    ShardLog log;
    /** After {@link #detach}: the log whose durability the replies still held wait for, until they have left. */
    private ShardLog releasing;
    private OutputBuffer stash;
    private long stashStart;
    private long[] tickets = new long[64];
    private long[] needed = new long[64];
    private long[] lengths = new long[64];
    /** Per held reply: a write's (refused with -MISCONF if the log fails first) or a read's (sent as it is). */
    private boolean[] writes = new boolean[64];
    private int head;
    private int count;
    /** An atomic turn runs ({@link TurnLogging}): its replies are held by the coordinator, not here. */
    boolean inTurn;
    /** A held reply begun by {@link #beginHeld} is being written. */
    private boolean holding;
    /**
     * Messages to other shards that wait for this shard's records: each {@code int shard, int type,
     * long sequence, int length, bytes}; null when the log is off.
     */
    private BlockPayload outbox;
    private long outboxHead;
    private boolean capturing;
    /** Keys an atomic command changed on this shard: each {@code int db, int length, bytes}; null when the log is off. */
    private BlockPayload touched;
    private DumpWriter dumps;
    /** The coordinator's: each shard's COMMIT sequence a turn waits for. */
    long[] turnSequences;

    Durability(ShardContext context, ShardLog log) {
        this.context = context;
        if (log != null) {
            attach(log);
        }
    }

    /** This shard writes its changes to {@code log} from now on (its records start at this point). */
    void attach(ShardLog log) {
        if (stash == null) {
            this.stash = new OutputBuffer(context.pool(), Long.MAX_VALUE);
            this.outbox = new BlockPayload();
            this.touched = new BlockPayload();
        }
        this.log = log;
        log.shared().attached();
    }

    /**
     * The log was turned off (CONFIG SET appendonly no), seen on this shard's tick: its last
     * records are committed and it logs nothing more; replies it holds still leave as their
     * records become durable ({@link #releasing}), which the writer's last sync makes them.
     */
    void detach() {
        ShardLog own = log;
        own.commit();
        log = null;
        releasing = own;
        own.shared().detached();
        release();
    }

    // ---- replies --------------------------------------------------------------------------------

    /** Where the reply of a command ({@code spec}) of {@code client} (null: remote) goes: {@code out}, or the stash. */
    OutputBuffer target(CommandSpec spec, Client client, OutputBuffer out, boolean insideExec) {
        if (log == null || inTurn || insideExec || log.shared().policy() != AppendLog.Policy.ALWAYS
                || log.shared().failed()) {
            return out; // failed: nothing will be durable again, writes are refused and reads answered
        }
        boolean writes = writes(spec);
        long covering = writes ? log.nextSequence() : log.pendingSequence();
        if (!writes && covering <= log.durableSequence()) {
            return out; // nothing undurable to read
        }
        if (client != null && client.durableWait == covering) {
            return out; // behind this client's reply that waits for the same COMMIT
        }
        stashStart = stash.size();
        return stash;
    }

    /**
     * After command {@code c} ({@code spec}) ran: logs it if it {@code changed} keys, and defers its
     * reply if {@link #target} put it in the stash, until the COMMIT that covers it is durable.
     */
    void afterCommand(CommandSpec spec, Request c, Databases databases, boolean changed, long now, OutputBuffer target,
                      Client client, boolean insideExec) {
        if (log == null) {
            return;
        }
        if (changed && spec.hasFlag(CommandSpec.WRITE)) {
            int db = Routing.db(c.tag());
            logged(spec, c, db, databases.get(db), now);
        }
        if (target != stash || insideExec) {
            return; // a command inside EXEC writes into EXEC's reply, which is held whole
        }
        if (stash.size() == stashStart) {
            return; // it took a ticket of its own (a blocking command, SAVE): its reply is held where it is written
        }
        long sequence = log.pendingSequence();
        hold(context.deferReply(false, true), sequence, stash.size() - stashStart, writes(spec)); // answered once durable, whatever the client does
        if (client != null) {
            client.durableWait = sequence;
        }
    }

    private static boolean writes(CommandSpec spec) {
        return spec.hasFlag(CommandSpec.WRITE) || spec.id() == Cmd.EXEC;
    }

    private void hold(long ticket, long sequence, long length, boolean write) {
        if (head + count == tickets.length) {
            compact();
        }
        int at = head + count;
        tickets[at] = ticket;
        needed[at] = sequence;
        lengths[at] = length;
        writes[at] = write;
        if (count++ == 0 && outboxHead == outbox.size()) {
            log.shared().waiting(context.shard(), true); // store and full fence, then release() loads durable
        }
    }

    private boolean holds() {
        return log != null && !inTurn && log.shared().policy() == AppendLog.Policy.ALWAYS
                && log.pendingSequence() > log.durableSequence();
    }

    /**
     * Starts the reply of a served blocking command's {@code ticket} (in {@code dialect}, -1 to
     * leave the buffer's own): the
     * ticket's own buffer, or the stash while this shard's records (the pop's among them) are not
     * durable; {@code null} when its client left. End it with {@link #endHeld}.
     */
    OutputBuffer beginHeld(long ticket, int dialect) {
        holding = holds();
        if (!holding) {
            OutputBuffer out = context.beginReply(ticket);
            if (out != null && dialect >= 0) {
                out.dialect(dialect);
            }
            return out;
        }
        if (!context.isLive(ticket)) {
            holding = false;
            return null;
        }
        stashStart = stash.size();
        stash.dialect(dialect >= 0 ? dialect : 2);
        return stash;
    }

    void endHeld(long ticket) {
        if (holding) {
            holding = false;
            hold(ticket, log.pendingSequence(), stash.size() - stashStart, true); // a served pop wrote
        } else {
            context.endReply(ticket);
        }
    }

    /**
     * Sends {@code p[offset, +length)} to {@code shard} once this shard's records are durable (a
     * pop served here for a client there: its reply must not leave before the pop is on disk);
     * false when nothing waits, and the caller sends it now.
     */
    boolean sendWhenDurable(int shard, int type, MemorySegment p, long offset, long length) {
        if (!holds()) {
            return false;
        }
        if (outboxHead == outbox.size() && count == 0) {
            log.shared().waiting(context.shard(), true);
        }
        outbox.putInt(shard);
        outbox.putInt(type);
        outbox.putLong(log.pendingSequence());
        outbox.putBytes(p, offset, (int) length);
        return true;
    }

    /** Sends the held messages whose records are durable (all of them once the log failed: their replies say so). */
    private int sendDurable(long durable, boolean all) {
        int sent = 0;
        MemorySegment m = outbox.segment();
        while (outboxHead < outbox.size()) {
            long at = outboxHead;
            int length = BlockPayload.getInt(m, at + 16);
            if (!all && BlockPayload.getLong(m, at + 8) > durable) {
                break;
            }
            context.send(BlockPayload.getInt(m, at), BlockPayload.getInt(m, at + 4), m, at + 20, length);
            outboxHead = at + 20 + length;
            sent++;
        }
        if (outboxHead == outbox.size()) {
            outboxHead = 0;
            outbox.clear();
        }
        return sent;
    }

    /**
     * Answers the held replies whose records are durable; once the log failed, all of them: a
     * write's with the log's error, a read's (or another shard's part) as it was written.
     */
    boolean release() {
        ShardLog from = log != null ? log : releasing;
        if (from == null || count == 0 && outboxHead == outbox.size()) {
            releasing = null;
            return false;
        }
        AppendLog shared = from.shared();
        String failure = shared.failure();
        boolean always = shared.policy() == AppendLog.Policy.ALWAYS;
        long durable = from.durableSequence();
        int answered = sendDurable(durable, failure != null || !always);
        while (count > 0 && (needed[head] <= durable || failure != null || !always)) {
            OutputBuffer reply = context.beginReply(tickets[head]);
            if (reply != null) {
                if (failure != null && needed[head] > durable && writes[head]) {
                    RespWriter.error(reply, "-MISCONF Errors writing to the AOF file: " + failure);
                } else {
                    reply.copyFrom(stash, 0, lengths[head]);
                }
                context.endReply(tickets[head]);
            }
            stash.consume(lengths[head]);
            head++;
            count--;
            answered++;
        }
        if (count == 0) {
            head = 0;
            if (outboxHead == outbox.size()) {
                shared.waiting(context.shard(), false);
            }
        }
        return answered > 0;
    }

    private void compact() {
        if (head > 0) {
            System.arraycopy(tickets, head, tickets, 0, count);
            System.arraycopy(needed, head, needed, 0, count);
            System.arraycopy(lengths, head, lengths, 0, count);
            System.arraycopy(writes, head, writes, 0, count);
            head = 0;
        }
        if (count == tickets.length) {
            tickets = Arrays.copyOf(tickets, count * 2);
            needed = Arrays.copyOf(needed, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            writes = Arrays.copyOf(writes, count * 2);
        }
    }

    /**
     * Whether a write is refused, its -MISCONF written: while the last snapshot failed (with
     * {@code stop-writes-on-bgsave-error}), or the log is broken (Redis's AOF write error).
     */
    boolean refused(SnapshotCommands snapshots, OutputBuffer out) {
        if (snapshots.refusingWrites()) {
            out.writeBytes(SnapshotCommands.MISCONF);
            return true;
        }
        if (log != null && log.shared().failed()) {
            RespWriter.error(out, "-MISCONF Errors writing to the AOF file: " + log.shared().failure());
            return true;
        }
        return false;
    }

    // ---- records --------------------------------------------------------------------------------

    /** Command {@code c} ({@code spec}) changed keys of database {@code db} ({@code ks}): log it. */
    private void logged(CommandSpec spec, Request c, int db, Keyspace ks, long now) {
        if (blocking(spec.id())) {
            return; // their pops are logged where they happen (BlockServing)
        }
        if (spec.id() == Cmd.SPOP) {
            logState(ks, db, c.buffer(), c.offset(1), (int) c.length(1), now); // random: its result
        } else {
            log.command(db, now, c);
        }
    }

    private static boolean blocking(int id) {
        return switch (id) {
            case Cmd.BLPOP, Cmd.BRPOP, Cmd.BRPOPLPUSH, Cmd.BLMOVE, Cmd.BLMPOP, Cmd.BZPOPMIN, Cmd.BZPOPMAX, Cmd.BZMPOP -> true;
            default -> false;
        };
    }

    /** A key was evicted to make room: logged as its DEL. */
    void evicted(int db, MemorySegment s, long keyOffset, int keyLength) {
        if (log != null) {
            log.begin(db, context.nowMillis());
            log.arg(DEL);
            log.arg(s, keyOffset, keyLength);
            log.end();
        }
    }

    /** The key's value now, as a RESTORE ... REPLACE ABSTTL, or a DEL if it is gone. */
    void logState(Keyspace ks, int db, MemorySegment key, long keyOffset, int keyLength, long now) {
        long entry = ks.lookup(key, keyOffset, keyLength, now);
        log.begin(db, now);
        if (entry == Keyspace.ABSENT) {
            log.arg(DEL);
            log.arg(key, keyOffset, keyLength);
        } else {
            if (dumps == null) {
                dumps = new DumpWriter();
            }
            long length = dumps.dump(ks, entry);
            if (length < 0) {
                throw new IllegalStateException("the append-only log cannot write a value of this type");
            }
            log.arg(RESTORE);
            log.arg(key, keyOffset, keyLength);
            log.arg(ks.expireAt(entry));
            log.arg(dumps.segment(), 0, length);
            log.arg(REPLACE);
            log.arg(ABSTTL);
        }
        log.end();
    }

    // ---- atomic turns ---------------------------------------------------------------------------

    /** Each loop iteration: commit what this iteration logged, then answer what became durable. */
    boolean commitAndRelease() {
        if (log == null) {
            return releasing != null && release();
        }
        log.commit();
        return release();
    }

    /** An atomic command starts (capture) or ended: the keys it changed here are logged with their values. */
    void capture(boolean on) {
        capturing = on;
        touched.clear();
    }

    /** A key changed; kept while an atomic command runs. */
    void touched(int db, MemorySegment s, long keyOffset, int keyLength) {
        if (!capturing) {
            return;
        }
        touched.putInt(db);
        touched.putBytes(s, keyOffset, keyLength);
    }

    /** Logs the value of each key the atomic command changed on this shard. */
    void logTouched(Databases databases, long now) {
        capturing = false;
        MemorySegment t = touched.segment();
        for (long at = 0; at < touched.size(); ) {
            int db = BlockPayload.getInt(t, at);
            int length = BlockPayload.getInt(t, at + 4);
            logState(databases.get(db), db, t, at + 8, length, now);
            at += 8 + length;
        }
        touched.clear();
    }

    void close() {
        if (stash != null) {
            stash.release();
            outbox.close();
            touched.close();
        }
        if (dumps != null) {
            dumps.close();
        }
    }
}
