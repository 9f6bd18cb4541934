package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.Replies;
import dev.kevy.server.persist.AppendLog;
import dev.kevy.server.persist.SnapshotJob;
import dev.kevy.server.persist.Snapshots;
import dev.kevy.server.store.Databases;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * SAVE, BGSAVE, LASTSAVE and SHUTDOWN on one shard, and this shard's side of every snapshot: it
 * makes its cut when a snapshot starts here or another shard asks ({@link #onMessage}) and lets
 * {@link ShardSnapshot} write its part while it serves ({@link #beforeWrite} before each write),
 * counts its changes since the last snapshot that reached the disk, refuses writes with -MISCONF
 * while the last one failed, and (shard 0) starts the snapshots the {@code save} rules call for.
 * See {@link Snapshots} for the whole protocol.
 *
 * <p>SAVE and SHUTDOWN answer once the file is on disk: the reply is deferred, and a 1 ms timer
 * looks at the job until the writer thread has finished it (the writer never touches a shard).
 */
final class SnapshotCommands {
    /** Message asking a shard for its part of snapshot {@code id} (8 bytes). */
    static final int MESSAGE_TYPE = 0x534E4150; // "SNAP"
    /** The payload of SAVE's poll timer; the blocking commands' timers carry waiter ids, never negative. */
    static final long POLL_TIMER = -1;
    private static final long POLL_MILLIS = 1;
    private static final byte[] IN_PROGRESS = Replies.bytes("-ERR Background save already in progress\r\n");
    private static final byte[] STARTED = Replies.bytes("+Background saving started\r\n");
    private static final byte[] SCHEDULED = Replies.bytes("+Background saving scheduled\r\n");
    private static final byte[] REWRITE_STARTED = Replies.bytes("+Background append only file rewriting started\r\n");
    private static final byte[] REWRITE_SCHEDULED = Replies.bytes("+Background append only file rewriting scheduled\r\n");
    private static final byte[] REWRITE_RUNNING =
            Replies.bytes("-ERR Background append only file rewriting already in progress\r\n");
    private static final byte[] NO_LOG =
            Replies.bytes("-ERR the append-only log is off: turn it on with CONFIG SET appendonly yes\r\n");
    private static final byte[] NOT_IN_MULTI = Replies.bytes("-ERR Command not allowed inside a transaction\r\n");
    private static final byte[] FAILED = Replies.bytes("-ERR\r\n");
    private static final byte[] SCHEDULE = Replies.bytes("SCHEDULE");
    private static final byte[] NOSAVE = Replies.bytes("NOSAVE");
    private static final byte[] SAVE = Replies.bytes("SAVE");
    private static final byte[] NOW = Replies.bytes("NOW");
    private static final byte[] FORCE = Replies.bytes("FORCE");
    private static final byte[] ABORT = Replies.bytes("ABORT");
    private static final byte[] SHUTDOWN_FAILED = Replies.bytes("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
    private static final byte[] NO_SHUTDOWN = Replies.bytes("-ERR No shutdown in progress.\r\n");
    private static final byte[] EMBEDDED = Replies.bytes(
            "-ERR SHUTDOWN is not available: this server is embedded, its owner stops it\r\n");
    /** What a waiting ticket is owed when its snapshot is done ({@link #waitingKind}). */
    private static final int FOR_SAVE = 0;
    private static final int FOR_SHUTDOWN = 1;
    private static final int FOR_SHUTDOWN_FORCE = 2;
    /** SHUTDOWN came while another snapshot ran: when that one ends, it takes its own (plus FORCE). */
    private static final int SHUTDOWN_AFTER = 3;
    private static final int SHUTDOWN_FORCE_AFTER = 4;
    /** Redis 7.0's refusal of writes after a failed snapshot (stop-writes-on-bgsave-error), word for word. */
    static final byte[] MISCONF = Replies.bytes("-MISCONF Redis is configured to save RDB snapshots, but it's currently"
            + " unable to persist to disk. Commands that may modify the data set are disabled, because this instance is"
            + " configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option)."
            + " Please check the Redis logs for details about the RDB error.\r\n");

    private final ShardContext context;
    private final LiveSettings settings;
    private final Snapshots snapshots;
    private final Databases databases;
    private final KeyEvents events;
    private final ShardSnapshot part;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment message = arena.allocate(8);
    private long[] tickets = new long[4];
    private SnapshotJob[] waitingFor = new SnapshotJob[4];
    private int[] waitingKind = new int[4];
    private int waiting;
    /** BGSAVE SCHEDULE (or BGSAVE inside EXEC): start one when none is running. */
    private boolean scheduled;
    /** BGREWRITEAOF while a snapshot ran (or inside EXEC): start the rewrite when none is running. */
    private boolean rewriteScheduled;
    /** Its end of the append-only log ({@code durability.log}): a rewrite's cut switches it to the next log, or attaches it. */
    private final Durability durability;
    /** The last snapshot this shard gave a part to, until it is done. */
    private SnapshotJob contributed;
    /** This shard's change count at the cut of the last snapshot that reached the disk. */
    private long savedChanges;
    /** Writes are refused with -MISCONF: the last snapshot failed and save rules are set (from the tick). */
    private boolean refusingWrites;

    SnapshotCommands(ShardContext context, LiveSettings settings, Databases databases, KeyEvents events,
                     ShardSnapshot part, Durability durability) {
        this.context = context;
        this.durability = durability;
        this.settings = settings;
        this.snapshots = settings.snapshots();
        this.databases = databases;
        this.events = events;
        this.part = part;
    }

    /** This shard's part of the running snapshot, written a slice at a time ({@link ShardSnapshot}). */
    ShardSnapshot part() {
        return part;
    }

    /**
     * Whether writes are refused (-MISCONF), as Redis refuses them while the last snapshot failed,
     * save rules are set and stop-writes-on-bgsave-error is yes. Decided on the tick, so a failure
     * reaches every shard within about 100 ms, and so does the success that lifts it.
     */
    boolean refusingWrites() {
        return refusingWrites;
    }

    /** SAVE: a snapshot now, answered +OK once it is on disk (-ERR if it failed). */
    void save(OutputBuffer out, boolean insideExec) {
        if (insideExec) {
            out.writeBytes(NOT_IN_MULTI); // Redis refuses it when queued; kevy when EXEC reaches it
            return;
        }
        SnapshotJob job = start(context.nowMillis());
        if (job == null) {
            out.writeBytes(IN_PROGRESS);
            return;
        }
        await(job, FOR_SAVE);
    }

    /** Defers the reply of the command being run until {@code job} is done (the poll timer answers it). */
    private void await(SnapshotJob job, int kind) {
        if (waiting == tickets.length) {
            tickets = Arrays.copyOf(tickets, waiting * 2);
            waitingFor = Arrays.copyOf(waitingFor, waiting * 2);
            waitingKind = Arrays.copyOf(waitingKind, waiting * 2);
        }
        tickets[waiting] = context.deferReply(true);
        waitingKind[waiting] = kind;
        waitingFor[waiting++] = job;
        if (waiting == 1) {
            context.schedule(context.nowMillis() + POLL_MILLIS, POLL_TIMER);
        }
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT], as Redis 7.0: a final snapshot when save rules
     * are set or SAVE is given (not with NOSAVE), then the process exits; the client sees its
     * connection close. A snapshot that fails answers an error and the server stays up, unless FORCE.
     * NOW changes nothing here (no replicas to wait for); ABORT has no shutdown to abort.
     */
    void shutdown(Request c, OutputBuffer out, boolean insideExec) {
        boolean nosave = false;
        boolean save = false;
        boolean force = false;
        boolean abort = false;
        for (int i = 1; i < c.argc(); i++) {
            if (c.equalsIgnoreCase(i, NOSAVE)) {
                nosave = true;
            } else if (c.equalsIgnoreCase(i, SAVE)) {
                save = true;
            } else if (c.equalsIgnoreCase(i, FORCE)) {
                force = true;
            } else if (c.equalsIgnoreCase(i, ABORT)) {
                abort = true;
            } else if (!c.equalsIgnoreCase(i, NOW)) {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        if ((nosave && save) || (abort && c.argc() > 2)) {
            out.writeBytes(Replies.SYNTAX);
        } else if (abort) {
            out.writeBytes(NO_SHUTDOWN);
        } else if (insideExec) {
            out.writeBytes(NOT_IN_MULTI);
        } else if (!settings.canShutdown()) {
            out.writeBytes(EMBEDDED);
        } else if (save || (!nosave && !snapshots.rules().isEmpty())) {
            SnapshotJob job = start(context.nowMillis());
            if (job != null) {
                await(job, force ? FOR_SHUTDOWN_FORCE : FOR_SHUTDOWN);
            } else { // Redis kills its saving child and saves anew; here the running one ends first
                await(snapshots.running(), force ? SHUTDOWN_FORCE_AFTER : SHUTDOWN_AFTER);
            }
        } else {
            context.deferReply(true); // never answered: the process exits
            exit();
        }
    }

    private void exit() {
        snapshots.finalSaveDone(); // the shutdown hook must not save again (or at all, after NOSAVE)
        System.out.println("kevy: SHUTDOWN: exiting");
        settings.shutdown();
    }

    /** BGSAVE [SCHEDULE]. */
    void bgsave(Request c, OutputBuffer out, boolean insideExec) {
        boolean schedule = c.argc() == 2 && c.equalsIgnoreCase(1, SCHEDULE);
        if (c.argc() > 2 || (c.argc() == 2 && !schedule)) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        if (insideExec) { // no messages from inside an atomic turn: this shard starts it on its next tick
            scheduled = true;
            out.writeBytes(SCHEDULED);
        } else if (start(context.nowMillis()) != null) {
            out.writeBytes(STARTED);
        } else if (schedule) {
            scheduled = true;
            out.writeBytes(SCHEDULED);
        } else {
            out.writeBytes(IN_PROGRESS);
        }
    }

    /**
     * Before write command {@code id} runs in database {@code db} (on this shard, or on the
     * coordinator while this shard stands still): the running scan writes the cut's values of the
     * keys it may change, or finishes first when the command changes keys it does not name.
     */
    void beforeWrite(CommandSpec spec, int db, Request c) {
        if (!part.scanning()) {
            return;
        }
        long now = context.nowMillis();
        switch (spec.id()) {
            case Cmd.FLUSHALL, Cmd.FLUSHDB, Cmd.SWAPDB, Cmd.MOVE, Cmd.COPY -> part.finishNow(now);
            default -> part.beforeWrite(db, c, spec.firstKey() == 1 && spec.lastKey() == 1, now);
        }
    }

    /** {@link #beforeWrite} on every shard, for an atomic command run while they all stand still. */
    static void beforeAtomicWrite(CommandSpec spec, Request c, CommandHandler[] shards) {
        if (spec.hasFlag(CommandSpec.WRITE)) {
            for (CommandHandler shard : shards) {
                ((ShardHandler) shard).snapshots.beforeWrite(spec, Routing.db(c.tag()), c);
            }
        }
    }

    /** LASTSAVE: seconds of the last snapshot that reached the disk. */
    void lastsave(OutputBuffer out) {
        RespWriter.integer(out, snapshots.lastSaveSeconds());
    }

    /**
     * BGREWRITEAOF: a snapshot becomes the log's new base and a fresh log starts at each shard's
     * cut; answered at once, or scheduled while a snapshot runs, as Redis does.
     */
    void bgrewriteaof(OutputBuffer out, boolean insideExec) {
        AppendLog appendLog = settings.appendLog();
        if (appendLog == null) {
            out.writeBytes(NO_LOG);
        } else if (appendLog.failed()) {
            try { // a new log over the running data; its rewrite starts on shard 0's tick
                settings.replaceFailedLog();
                out.writeBytes(REWRITE_STARTED);
            } catch (IllegalStateException e) {
                RespWriter.error(out, "-ERR " + e.getMessage());
            }
        } else if (appendLog.rewriting()) {
            out.writeBytes(REWRITE_RUNNING);
        } else if (!insideExec && start(context.nowMillis(), appendLog) != null) {
            out.writeBytes(REWRITE_STARTED);
        } else {
            rewriteScheduled = true; // a snapshot runs (or no messages from inside an atomic turn): on a tick
            out.writeBytes(REWRITE_SCHEDULED);
        }
    }

    /** Starts a snapshot: this shard's cut now, the others' by message. Null when one is running. */
    SnapshotJob start(long nowMillis) {
        return start(nowMillis, null);
    }

    /** Starts a snapshot, the new base of {@code rewrite} when not null. Null when one is running. */
    private SnapshotJob start(long nowMillis, AppendLog rewrite) {
        SnapshotJob job = snapshots.begin(nowMillis, rewrite);
        if (job == null) {
            return null;
        }
        job.cutByMessages();
        contributed = job;
        part.begin(job, events.changes(), nowMillis);
        cutLog(job);
        message.set(ValueLayout.JAVA_LONG, 0, job.id());
        for (int s = 0; s < context.shards(); s++) {
            if (s != context.shard()) {
                context.send(s, MESSAGE_TYPE, message, 0, 8);
            }
        }
        return job;
    }

    /**
     * At this shard's cut of a rewrite: its later records go to the log that starts here. A log
     * turned on while running (CONFIG SET appendonly yes) starts here on this shard: what came
     * before is in the base this rewrite writes.
     */
    private void cutLog(SnapshotJob job) {
        if (job.rewrite() == null) {
            return;
        }
        if (durability.log != null && durability.log.shared() != job.rewrite()) {
            durability.detach(); // a log turned off whose end this shard's tick has not yet seen
        }
        if (durability.log == null) {
            durability.attach(job.rewrite().shard(context.shard()));
        }
        durability.log.switchTo(job.rewriteSeq());
    }

    /** This shard's part of {@code job} in one step: its databases as of now (the final save at exit). */
    void serializeFor(SnapshotJob job, long nowMillis) {
        part.finishNow(nowMillis);
        contributed = job;
        job.serialize(context.shard(), databases, events.changes(), nowMillis);
    }

    /** Another shard started snapshot {@code id}: add this shard's part. */
    void onMessage(MemorySegment payload, long offset) {
        long id = payload.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
        SnapshotJob job = snapshots.running();
        if (job != null && job.id() == id && contributed != job) { // it waits for this part, so it is still running
            cut(job);
        }
    }

    private void cut(SnapshotJob job) {
        contributed = job;
        part.begin(job, events.changes(), context.nowMillis());
        cutLog(job);
    }

    /**
     * An atomic turn starts (every shard stands still, this runs on its coordinator): a snapshot
     * whose message has not reached every shard yet is cut now on the shards still waiting, so
     * the turn falls after the cut on every shard. Otherwise a turn between two shards' cuts (a
     * RENAME from one to the other) could be out of the file on one shard and in it on the
     * other, losing the key or keeping it twice, and a rewrite's turn would be split over two
     * logs. A shard cut here ignores the message when it comes.
     */
    static void cutBeforeTurn(CommandHandler[] shards) {
        for (CommandHandler shard : shards) {
            SnapshotCommands own = ((ShardHandler) shard).snapshots;
            SnapshotJob job = own.snapshots.running();
            if (job != null && job.isCutByMessages() && own.contributed != job) {
                own.cut(job);
            }
        }
    }

    /** SAVE's poll: answers the SAVEs whose snapshot is done, and looks again in 1 ms for the rest. */
    void onTimer() {
        int kept = 0;
        for (int i = 0; i < waiting; i++) {
            SnapshotJob job = waitingFor[i];
            if (job == null || (job.done() && waitingKind[i] >= SHUTDOWN_AFTER)) { // SHUTDOWN's own snapshot now
                SnapshotJob own = start(context.nowMillis());
                if (own != null) {
                    waitingKind[i] = waitingKind[i] == SHUTDOWN_FORCE_AFTER ? FOR_SHUTDOWN_FORCE : FOR_SHUTDOWN;
                }
                job = own != null ? own : snapshots.running(); // null: ended meanwhile, try again next poll
            }
            if (job == null || !job.done()) {
                tickets[kept] = tickets[i];
                waitingKind[kept] = waitingKind[i];
                waitingFor[kept++] = job;
                continue;
            }
            if (waitingKind[i] != FOR_SAVE && (job.succeeded() || waitingKind[i] == FOR_SHUTDOWN_FORCE)) {
                exit();
                continue; // no reply: the connection closes with the process
            }
            OutputBuffer out = context.beginReply(tickets[i]);
            if (out != null) { // null: the client left
                if (waitingKind[i] != FOR_SAVE) {
                    out.writeBytes(SHUTDOWN_FAILED);
                } else if (job.succeeded()) {
                    RespWriter.ok(out);
                } else {
                    out.writeBytes(FAILED);
                }
                context.endReply(tickets[i]);
            }
        }
        Arrays.fill(waitingFor, kept, waiting, null);
        waiting = kept;
        if (waiting > 0) {
            context.schedule(context.nowMillis() + POLL_MILLIS, POLL_TIMER);
        }
    }

    /**
     * The tick: settles this shard's count of changes with the last snapshot it took part in,
     * publishes the count, starts a scheduled BGSAVE, and on shard 0 the snapshot a save rule asks for.
     */
    void tick(long nowMillis) {
        if (contributed != null && contributed.done()) {
            if (contributed.succeeded() && contributed.rewrite() == null) {
                savedChanges = Math.max(savedChanges, contributed.changesAtCut(context.shard()));
            }
            contributed = null;
        }
        snapshots.publishChanges(context.shard(), events.changes() - savedChanges);
        refusingWrites = settings.stopWritesOnBgsaveError() && !snapshots.rules().isEmpty() && !snapshots.lastSucceeded();
        if (scheduled && snapshots.running() == null) {
            scheduled = start(nowMillis) == null;
        }
        if (rewriteScheduled && snapshots.running() == null) {
            rewriteScheduled = start(nowMillis, settings.appendLog()) == null;
        }
        AppendLog appendLog = settings.appendLog();
        if (durability.log != null && durability.log.shared() != appendLog
                && !(durability.log.shared().failed() && appendLog != null)) {
            durability.detach(); // CONFIG SET appendonly no: this shard stops logging here
        } // (a failed log a new one replaces stays, refusing writes, until this shard's cut of the new one)
        if (context.shard() == 0 && appendLog != null && snapshots.running() == null
                && appendLog.rewriteDue(settings.append().autoRewritePercentage(), settings.append().autoRewriteMinSize())) {
            start(nowMillis, appendLog); // auto-aof-rewrite-percentage and -min-size, as Redis
        }
        if (context.shard() == 0 && snapshots.due(nowMillis)) {
            start(nowMillis);
        }
    }

    void close() {
        arena.close();
    }
}
