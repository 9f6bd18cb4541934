package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Databases;
import java.lang.foreign.MemorySegment;

/**
 * BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP, BZPOPMIN, BZPOPMAX and BZMPOP on one shard: parses
 * them where the client's connection lives, asks the shards that own their keys
 * ({@link BlockServing}) to serve them now or queue them, and keeps the client's side of the wait
 * ({@link BlockedClients}). The protocol between the two halves is five messages, described in
 * docs/SERVER.md "Blocking commands": REGISTER and CANCEL go to an owner, SERVED and RELEASED come
 * back, RESTORE returns elements a client could not take. A message to this shard itself is a
 * direct call, so a command whose keys all live on the client's shard checks and registers in one
 * step and never waits for a message.
 *
 * <p>Writes make keys ready: {@link #afterCommand} marks the keys of a write command that someone
 * waits on and serves them once the command completed; {@link #markReadyInTurn} does the marking
 * for an atomic turn (the owner serves after the thaw, in {@link #backgroundWork}); a transaction
 * marks with {@link #markWritten} after each command and calls {@link #serveReady} once after its
 * last.
 */
final class BlockingCommands {
    private static final byte[] DB = Replies.bytes("DB");
    static final int REGISTER = 0x424C_0001;
    static final int CANCEL = 0x424C_0002;
    static final int SERVED = 0x424C_0003;
    static final int RELEASED = 0x424C_0004;
    static final int RESTORE = 0x424C_0005;

    /** BLPOP/BRPOP: {@code [key, element]}. */
    static final int POP = 0;
    /** BLMPOP: {@code [key, [elements]]}. */
    static final int MPOP = 1;
    /** BLMOVE/BRPOPLPUSH: the element, moved to the destination. */
    static final int MOVE = 2;
    /** BZPOPMIN/BZPOPMAX: {@code [key, member, score]}. */
    static final int ZPOP = 3;
    /** BZMPOP: {@code [key, [[member, score]...]]}. */
    static final int ZMPOP = 4;

    static final byte[] NOT_FLOAT = Replies.bytes("-ERR timeout is not a float or out of range\r\n");
    static final byte[] NEGATIVE = Replies.bytes("-ERR timeout is negative\r\n");
    static final byte[] OUT_OF_RANGE = Replies.bytes("-ERR timeout is out of range\r\n");
    static final byte[] NUMKEYS = Replies.bytes("-ERR numkeys should be greater than 0\r\n");
    static final byte[] COUNT = Replies.bytes("-ERR count should be greater than 0\r\n");
    static final byte[] CROSS_SHARD_MOVE = Replies.bytes(
            "-ERR BLMOVE and BRPOPLPUSH need the source and destination on one shard (use a hash tag)\r\n");
    static final byte[] TOO_MANY_SHARDS = Replies.bytes("-ERR blocking commands need a server of at most 64 shards\r\n");
    static final byte[] UNBLOCK_REASON = Replies.bytes("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n");

    private final ShardContext context;
    private final BlockServing serving;
    private final BlockedClients clients;
    private final BlockPayload register = new BlockPayload();
    private long[] offsets = new long[16];
    /**
     * This shard's thread, learnt in its first {@link #backgroundWork}. A keyed command queued
     * behind an atomic one runs in the turn on the coordinator's thread with this shard's handler:
     * there it only marks keys ready, and this shard serves them after the thaw.
     */
    private Thread ownThread;
    /** Parsed by {@link #parse}: the command's shape, its keys, its timeout argument. */
    private int kind;
    private int side;
    private int toSide;
    private long count;
    private int firstKey;
    private int lastKey;
    private int timeoutArg;

    BlockingCommands(ShardContext context, Databases databases, ShardSnapshot snapshot, Durability durability) {
        this.context = context;
        this.serving = new BlockServing(this, databases, snapshot, durability);
        this.clients = new BlockedClients(this, context, durability);
    }

    int shard() {
        return context.shard();
    }

    BlockedClients clients() {
        return clients;
    }

    WaitQueues queues() {
        return serving.queues;
    }

    /** A reusable array of at least {@code n} offsets. */
    long[] offsets(int n) {
        if (offsets.length < n) {
            offsets = new long[Math.max(n, offsets.length * 2)];
        }
        return offsets;
    }

    // ---- the commands ---------------------------------------------------------------------------

    /** Runs a blocking command for a client of this shard (they route {@link CommandHandler#HERE}). */
    void execute(int id, Request c, Session session, OutputBuffer out, long now) {
        long deadline = parse(id, c, out, now);
        if (deadline < 0) {
            return;
        }
        if (context.shards() > Long.SIZE) { // BlockedClients keeps a waiter's owners as bits of a long
            out.writeBytes(TOO_MANY_SHARDS);
            return;
        }
        if (kind == MOVE && HashTags.shardOf(context, c, 1) != HashTags.shardOf(context, c, 2)) {
            out.writeBytes(CROSS_SHARD_MOVE);
            return;
        }
        Client client = session.isRemote() ? null : ConnectionCommands.client(session);
        long waiter = clients.open(client, session.id(), kind, out);
        int me = context.shard();
        ask(me, waiter, c, now, true); // the client's own shard first: answered there, nobody else is asked
        for (int shard = 0; shard < context.shards(); shard++) {
            if (shard != me && owns(shard, c)) {
                ask(shard, waiter, c, now, true);
            }
        }
        clients.afterProbe(waiter, deadline);
    }

    /**
     * A blocking command as its non-blocking form, for MULTI/EXEC (and any caller that must not
     * wait): served at once if a key is ready, else the timeout's reply (nil), with the same
     * argument errors. Its keys must all live on this shard.
     */
    void runNonBlocking(int id, Request c, Session session, OutputBuffer out, long now) {
        if (parse(id, c, out, now) < 0) {
            return;
        }
        long waiter = clients.open(null, session.id(), kind, out);
        ask(context.shard(), waiter, c, now, false);
        clients.afterNonBlocking(waiter, out);
    }

    private boolean owns(int shard, Request c) {
        for (int i = firstKey; i <= lastKey; i++) {
            if (HashTags.shardOf(context, c, i) == shard) {
                return true;
            }
        }
        return false;
    }

    /** Sends {@code shard} a REGISTER for the keys it owns, if it owns any and the waiter still waits. */
    private void ask(int shard, long waiter, Request c, long now, boolean queue) {
        if (!owns(shard, c) || !clients.asking(waiter, shard)) {
            return;
        }
        register.clear();
        register.putLong(waiter);
        register.putInt(context.shard());
        register.putInt(Routing.db(c.tag()));
        register.putInt(kind);
        register.putInt(side);
        register.putInt(toSide);
        register.putLong(count);
        long nkeys = register.putInt(0);
        if (kind == MOVE) {
            register.putBytes(c.buffer(), c.offset(2), (int) c.length(2));
        }
        int n = 0;
        for (int i = firstKey; i <= lastKey; i++) {
            if (HashTags.shardOf(context, c, i) == shard) {
                register.putBytes(c.buffer(), c.offset(i), (int) c.length(i));
                n++;
            }
        }
        register.setInt(nkeys, n);
        if (shard == context.shard()) {
            serving.onRegister(register.segment(), 0, now, queue);
        } else {
            context.send(shard, REGISTER, register.segment(), 0, register.size());
        }
    }

    /**
     * Parses a blocking command into {@link #kind}, sides, count, its key arguments and its
     * timeout; returns the deadline (0 for none) or -1 after writing Redis's error, checked in
     * Redis's order.
     */
    private long parse(int id, Request c, OutputBuffer out, long now) {
        int argc = c.argc();
        count = 1;
        side = 0;
        toSide = 0;
        switch (id) {
            case Cmd.BLPOP, Cmd.BRPOP, Cmd.BZPOPMIN, Cmd.BZPOPMAX -> {
                kind = id == Cmd.BLPOP || id == Cmd.BRPOP ? POP : ZPOP;
                side = id == Cmd.BRPOP || id == Cmd.BZPOPMAX ? 1 : 0;
                firstKey = 1;
                lastKey = argc - 2;
                timeoutArg = argc - 1;
            }
            case Cmd.BRPOPLPUSH -> {
                kind = MOVE;
                side = 1;
                firstKey = 1;
                lastKey = 1;
                timeoutArg = 3;
            }
            case Cmd.BLMOVE -> {
                kind = MOVE;
                side = side(c, 3);
                toSide = side(c, 4);
                if (side < 0 || toSide < 0) {
                    out.writeBytes(Replies.SYNTAX);
                    return -1;
                }
                firstKey = 1;
                lastKey = 1;
                timeoutArg = 5;
            }
            default -> { // BLMPOP, BZMPOP timeout numkeys key... LEFT|RIGHT / MIN|MAX [COUNT n]
                kind = id == Cmd.BLMPOP ? MPOP : ZMPOP;
                if (!c.parseLong(2) || c.longValue() < 1) {
                    out.writeBytes(NUMKEYS);
                    return -1;
                }
                long numkeys = c.longValue();
                if (numkeys >= argc - 3) {
                    out.writeBytes(Replies.SYNTAX);
                    return -1;
                }
                int where = (int) numkeys + 3;
                side = kind == MPOP ? side(c, where) : c.equalsIgnoreCase(where, "MIN") ? 0 : c.equalsIgnoreCase(where, "MAX") ? 1 : -1;
                if (side < 0) {
                    out.writeBytes(Replies.SYNTAX);
                    return -1;
                }
                count = -1;
                for (int j = where + 1; j < argc; j++) {
                    if (count == -1 && c.equalsIgnoreCase(j, "COUNT") && j + 1 < argc) {
                        j++;
                        if (!c.parseLong(j) || c.longValue() < 1) {
                            out.writeBytes(COUNT);
                            return -1;
                        }
                        count = c.longValue();
                    } else {
                        out.writeBytes(Replies.SYNTAX);
                        return -1;
                    }
                }
                count = count == -1 ? 1 : count;
                firstKey = 3;
                lastKey = where - 1;
                timeoutArg = 1;
            }
        }
        return deadline(c, timeoutArg, out, now);
    }

    /** LEFT 0, RIGHT 1, else -1. */
    private static int side(Request c, int i) {
        return c.equalsIgnoreCase(i, "LEFT") ? 0 : c.equalsIgnoreCase(i, "RIGHT") ? 1 : -1;
    }

    /**
     * Redis's getTimeoutFromObjectOrReply in seconds: a decimal, truncated to milliseconds, 0 for
     * none. A value too large for a long long converts to its minimum on x86, so Redis calls it
     * negative; so do we.
     */
    static long deadline(Request c, int i, OutputBuffer out, long now) {
        if (!c.parseDouble(i)) {
            out.writeBytes(NOT_FLOAT);
            return -1;
        }
        double ms = c.doubleValue() * 1000.0;
        long millis = ms >= 0x1p63 || ms < -0x1p63 ? Long.MIN_VALUE : (long) ms;
        if (millis < 0) {
            out.writeBytes(NEGATIVE);
            return -1;
        }
        if (millis > 0 && millis > Long.MAX_VALUE - now) {
            out.writeBytes(OUT_OF_RANGE);
            return -1;
        }
        return millis == 0 ? 0 : now + millis;
    }

    // ---- CLIENT UNBLOCK -------------------------------------------------------------------------

    /** The error that rejects CLIENT UNBLOCK's arguments before it runs, or null. */
    static byte[] unblockCheck(Request c) {
        if (c.argc() > 4) {
            return Replies.bytes("-ERR unknown subcommand or wrong number of arguments for '" + c.toString(1)
                    + "'. Try CLIENT HELP.\r\n");
        }
        if (!c.parseLong(2)) {
            return Replies.NOT_INTEGER;
        }
        if ((c.argc() == 4 && !c.equalsIgnoreCase(3, "TIMEOUT") && !c.equalsIgnoreCase(3, "ERROR"))) {
            return UNBLOCK_REASON;
        }
        return null;
    }

    /** CLIENT UNBLOCK id [TIMEOUT|ERROR] on this shard: :1 if that client was blocked here. */
    void unblock(Request c, OutputBuffer out) {
        c.parseLong(2);
        long id = c.longValue();
        RespWriter.integer(out, clients.unblock(id, c.argc() == 4 && c.equalsIgnoreCase(3, "ERROR")));
    }

    // ---- readiness --------------------------------------------------------------------------------

    /**
     * After a command ran on this shard: when someone waits here and it wrote, marks its keys that
     * are waited on ready, and serves the ready keys. Costs one branch when nobody waits here.
     */
    void afterCommand(CommandSpec spec, Request c, long now) {
        if (serving.queues.isEmpty()) {
            return;
        }
        markWritten(spec, c);
        if (Thread.currentThread() == ownThread) { // not in a turn on the coordinator: see ownThread
            serving.serveReady(now);
        }
    }

    /**
     * Marks the keys of write command {@code c} that someone waits on ready, without serving
     * them: for a transaction, whose commands all run before {@link #serveReady} once (the
     * waiters must not see its middle). Costs one branch when nobody waits here.
     */
    void markWritten(CommandSpec spec, Request c) {
        if (serving.queues.isEmpty() || !spec.hasFlag(CommandSpec.WRITE)) {
            return;
        }
        markOtherDatabase(spec, c, serving.queues);
        if (spec.firstKey() == 0) {
            return;
        }
        int db = Routing.db(c.tag());
        int last = Math.min(spec.lastKeyIndex(c.argc()), c.argc() - 1);
        for (int i = spec.firstKey(); i <= last; i += Math.max(1, spec.keyStep())) {
            serving.queues.markReady(db, c.buffer(), c.offset(i), (int) c.length(i));
        }
    }

    /**
     * During an atomic turn, on the coordinator: marks the keys of {@code c} ready on their owners
     * (which stand still); each serves them after the thaw ({@link #backgroundWork}).
     */
    static void markReadyInTurn(ShardContext context, CommandSpec spec, Request c, CommandHandler[] shards) {
        if (!spec.hasFlag(CommandSpec.WRITE)) {
            return;
        }
        for (CommandHandler shard : shards) {
            WaitQueues q = ((ShardHandler) shard).blocking.queues();
            if (!q.isEmpty()) {
                markOtherDatabase(spec, c, q);
            }
        }
        if (spec.firstKey() == 0) {
            return;
        }
        int db = Routing.db(c.tag());
        int last = Math.min(spec.lastKeyIndex(c.argc()), c.argc() - 1);
        for (int i = spec.firstKey(); i <= last; i += Math.max(1, spec.keyStep())) {
            WaitQueues q = ((ShardHandler) shards[HashTags.shardOf(context, c, i)]).blocking.queues();
            if (!q.isEmpty()) {
                q.markReady(db, c.buffer(), c.offset(i), (int) c.length(i));
            }
        }
    }

    /**
     * The writes into a database other than the client's, as Redis signals them: MOVE's key in
     * its target database, COPY ... DB's destination there, and every waited key of both
     * databases SWAPDB exchanged. A failed command may mark a key that is not ready: serving then
     * finds nothing and the client keeps waiting.
     */
    private static void markOtherDatabase(CommandSpec spec, Request c, WaitQueues q) {
        switch (spec.id()) {
            case Cmd.MOVE -> {
                if (c.argc() == 3 && c.parseLong(2) && c.longValue() >= 0 && c.longValue() <= Integer.MAX_VALUE) {
                    q.markReady((int) c.longValue(), c.buffer(), c.offset(1), (int) c.length(1));
                }
            }
            case Cmd.COPY -> {
                for (int i = 3; i + 1 < c.argc(); i++) {
                    if (c.equalsIgnoreCase(i, DB) && c.parseLong(i + 1) && c.longValue() >= 0
                            && c.longValue() <= Integer.MAX_VALUE) {
                        q.markReady((int) c.longValue(), c.buffer(), c.offset(2), (int) c.length(2));
                    }
                }
            }
            case Cmd.SWAPDB -> {
                for (int i = 1; i <= 2 && i < c.argc(); i++) {
                    if (c.parseLong(i) && c.longValue() >= 0 && c.longValue() <= Integer.MAX_VALUE) {
                        q.markDbReady((int) c.longValue());
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * Serves the keys marked ready (after a transaction). Only on this shard's own thread: a
     * transaction run in an atomic turn on the coordinator marks and calls nothing more, and each
     * owner serves in its first iteration after the thaw ({@link #backgroundWork}).
     */
    void serveReady(long now) {
        serving.serveReady(now);
    }

    /** Once per loop iteration: serves keys an atomic turn made ready; true if there were any. */
    boolean backgroundWork(long now) {
        if (ownThread == null) {
            ownThread = Thread.currentThread();
        }
        if (!serving.queues.hasReady()) {
            return false;
        }
        serving.serveReady(now);
        return true;
    }

    // ---- messages, timers, tickets ----------------------------------------------------------------

    /** Sends {@code payload} to {@code shard}'s half of the protocol; to this shard, a direct call. */
    void send(int shard, int type, BlockPayload payload) {
        if (shard == context.shard()) {
            onMessage(shard, type, payload.segment(), 0, payload.size());
        } else {
            context.send(shard, type, payload.segment(), 0, payload.size());
        }
    }

    /** Returns elements to the owner that served them ({@code p} is their SERVED message). */
    void restore(int owner, MemorySegment p, long base, long length) {
        if (BlockPayload.getInt(p, base + 12) == MOVE || BlockPayload.getInt(p, base + 8) != BlockServing.STATUS_DATA) {
            return; // a move stands; an error carries nothing
        }
        if (owner == context.shard()) {
            serving.onRestore(p, base, context.nowMillis());
        } else {
            context.send(owner, RESTORE, p, base, length);
        }
    }

    /** A message of the protocol; false for a type that is not ours. */
    boolean onMessage(int fromShard, int type, MemorySegment p, long base, long length) {
        switch (type) {
            case REGISTER -> serving.onRegister(p, base, context.nowMillis(), true);
            case CANCEL -> serving.onCancel(fromShard, p, base);
            case SERVED -> clients.onServed(fromShard, p, base, length);
            case RELEASED -> clients.onReleased(fromShard, BlockPayload.getLong(p, base));
            case RESTORE -> serving.onRestore(p, base, context.nowMillis());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A waiter's timeout (the timer's payload is the waiter). */
    void onTimer(long waiter) {
        clients.onTimeout(waiter);
    }

    void onTicketDead(long ticket) {
        clients.onTicketDead(ticket);
    }

    void close() {
        register.close();
        serving.close();
        clients.close();
    }
}
