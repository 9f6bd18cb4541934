package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.FanOut;
import dev.kevy.io.resp.RespReducers;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.server.metrics.ShardGauges;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.command.Replies;
import dev.kevy.server.persist.AppendLog;
import dev.kevy.server.persist.SnapshotImage;
import dev.kevy.server.persist.SnapshotJob;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/**
 * The Redis command set on one shard: routes each command to the shard that owns its keys, runs
 * what arrives here against this shard's {@link Keyspace}, splits multi-key commands whose keys
 * live on several shards, and runs RENAME and MSETNX across shards atomically.
 *
 * <p>Checks happen in Redis's order: unknown command, arity, authentication, then the command's
 * own argument errors. A command that fails a check is answered where the connection lives
 * ({@link #HERE}) without travelling. {@link Routing#route} looks a command up and checks it
 * once, and its {@link Request#tag() tag} tells the executing shard what it found.
 */
final class ShardHandler implements CommandHandler {

    /**
     * Slow-log thresholds from which {@link CommandSpec#FAST} commands are not timed. A fast
     * command on a request of at most {@link #FAST_UNTIMED_MAX_REQUEST} bytes does microseconds of
     * work, so at Redis's default threshold (10 ms) timing it only costs two clock reads, which a
     * profile of pipelined GETs put at 4.5% of the shard's time. Under 1 ms every command is timed.
     */
    static final long FAST_UNTIMED_FLOOR_MICROS = 1_000;
    static final long FAST_UNTIMED_MAX_REQUEST = 64 * 1024;

    private final ShardContext context;
    private final CommandTable table;
    private final LiveSettings settings;
    final Databases databases;
    private final KeyStats keyStats = new KeyStats();
    private final StringCommands strings;
    private final RangeCommands ranges;
    private final NumberCommands numbers;
    private final ExpireCommands expires;
    private final KeyCommands keys;
    private final HashCommands hashes;
    private final SetCommands sets;
    private final ZsetCommands zsets;
    private final SetAlgebra setAlgebra;
    private final ListCommands lists;
    private final CollectionScan collectionScan;
    private final ConnectionCommands connection;
    private final ServerCommands server;
    private final ServerInfo info;
    private final SlowLog slowlog;
    private final Routing routing;
    private final Housekeeping housekeeping;
    private final ObjectCommands objects;
    private final ShardGauges gauges;
    private final Scratch scratch = new Scratch();
    private final KeyLookAhead lookAhead;
    private final DumpCommands dumps = new DumpCommands();
    private final BitCommands bits = new BitCommands(scratch);
    private final BitfieldCommand bitfield = new BitfieldCommand(bits);
    private final LcsCommand lcs = new LcsCommand(scratch);
    private final PubSub pubsub;
    final Transactions transactions;
    private final KeyEvents events;
    final BlockingCommands blocking;
    private final AtomicRun atomics;
    final SnapshotCommands snapshots;
    final Durability durability;

    ShardHandler(ShardContext context, CommandTable table, LiveSettings settings, ShardGauges gauges, String reactor,
                 SnapshotImage image, AppendLog appendLog) {
        this.context = context;
        this.gauges = gauges;
        this.table = table;
        this.settings = settings;
        this.databases = new Databases(settings.databases(), settings.encodingLimits());
        if (image != null) { // before anything listens: loading is no change to notify or count
            SnapshotLoad.load(image, context.shard(), context.shards(), databases);
        }
        this.durability = new Durability(context, appendLog == null ? null : appendLog.shard(context.shard()));
        this.lookAhead = new KeyLookAhead(context, table, databases);
        this.strings = new StringCommands(keyStats);
        this.ranges = new RangeCommands();
        this.numbers = new NumberCommands();
        this.expires = new ExpireCommands();
        this.keys = new KeyCommands(context.pool());
        RandomBits random = new RandomBits(System.nanoTime() ^ context.shard());
        RandomElements randomElements = new RandomElements(random);
        this.collectionScan = new CollectionScan(context.pool());
        this.hashes = new HashCommands(randomElements, collectionScan);
        this.sets = new SetCommands(randomElements, random, collectionScan);
        this.zsets = new ZsetCommands(context.pool(), randomElements, settings.encodingLimits());
        this.setAlgebra = new SetAlgebra(context.pool(), settings.encodingLimits());
        this.lists = new ListCommands(scratch);
        this.connection = new ConnectionCommands(context, table, settings);
        this.slowlog = new SlowLog(context.shard(), context.shards());
        this.server = new ServerCommands(table, new ConfigValues(settings), slowlog);
        this.info = new ServerInfo(context, settings, reactor);
        this.routing = new Routing(context, table, settings);
        this.housekeeping = new Housekeeping(context, settings, databases, keyStats);
        this.objects = new ObjectCommands(housekeeping, databases.access(), settings);
        this.pubsub = new PubSub(context, settings);
        Watches watches = new Watches(databases);
        this.transactions = new Transactions(context, table, routing, housekeeping, settings.databases(), watches);
        this.events = new KeyEvents(context, settings, pubsub, watches, durability); // every change touches the watches
        databases.listen(events);
        ShardSnapshot snapshotPart = new ShardSnapshot(context.shard(), databases);
        this.blocking = new BlockingCommands(context, databases, snapshotPart, durability);
        this.atomics = new AtomicRun(context, bits, lcs, lists, zsets, setAlgebra);
        this.snapshots = new SnapshotCommands(context, settings, databases, events, snapshotPart, durability);
        if (appendLog != null) { // after the snapshot: the log holds what came after it
            try (LogSink replay = new LogSink(this, table, context.pool())) {
                appendLog.replay(context.shard(), replay);
            }
        }
    }

    @Override
    public int route(Request c, Session session) {
        int mine = transactions.route(c, session); // inside MULTI, EXEC, or an EXEC body routed again
        return mine != Transactions.NOT_MINE ? mine : routing.route(c, session);
    }

    @Override
    public void fanOut(Request c, Session session, FanOut plan) {
        CommandSpec spec = routed(c);
        if (spec.id() == Cmd.INFO) {
            routing.everyShard(c, plan, Cmd.SHARDINFO);
            plan.reduce(Routing.dialect(c.tag()) == RespWriter.RESP3 ? info.resp3 : info);
        } else if (spec.id() == Cmd.SLOWLOG) {
            routing.everyShard(c, plan, 0);
            plan.reduce(c.equalsIgnoreCase(1, "LEN") ? RespReducers.SUM
                    : c.equalsIgnoreCase(1, "RESET") ? RespReducers.ALL_OK : server.slowlogMerge);
        } else if (spec.id() == Cmd.WATCH) {
            transactions.watchParts(c, session, plan);
        } else if (spec.id() == Cmd.CLIENT && c.equalsIgnoreCase(1, "KILL")) {
            routing.clientKill(c, session.id(), plan);
        } else {
            routing.fanOut(c, spec, plan);
        }
    }

    @Override
    public int lookAheadWindow() {
        return KeyLookAhead.WINDOW;
    }

    @Override
    public boolean lookAhead(Request c, Session session) {
        return lookAhead.add(c, session);
    }

    @Override
    public void lookAheadDone() {
        lookAhead.finish();
    }

    /** Protected mode, as Redis decides it on accept: on, and no password for the default user. */
    @Override
    public MemorySegment refusalForRemotePeer() {
        return settings.protectedMode() && settings.requirePass() == null ? ProtectedMode.DENIED : null;
    }

    @Override
    public void onOpen(Session session) {
        session.attach(new Client(context.nowMillis()));
        // Whether a new client must AUTH follows the password now, not at start-up: CONFIG SET
        // requirepass binds clients that connect afterwards, as in Redis.
        session.setAuthenticated(settings.requirePass() == null);
    }

    /**
     * The spec of a command {@link Routing#route} accepted, from its tag, without a lookup; a
     * request that reaches here untagged (fan-out and atomic commands always carry their tag) is
     * looked up.
     */
    private CommandSpec routed(Request c) {
        CommandSpec spec = table.byId(Routing.commandId(c.tag()));
        return spec != null ? spec : table.lookup(c);
    }

    @Override
    public void execute(Request c, Session session, OutputBuffer out) {
        int tag = c.tag();
        out.dialect(Routing.dialect(tag)); // the client's protocol, wherever the client lives
        CommandSpec spec = table.byId(Routing.commandId(tag)); // accepted by route(): no second lookup or check
        if (spec == null) { // untagged (Routing.UNCHECKED): refused by route(), or never routed
            if (Routing.commandId(tag) == Cmd.QUEUE || Routing.commandId(tag) == Cmd.EXEC_BODY) {
                transactions.execute(this, c, session, out); // tags of no table entry
                return;
            }
            spec = lookUpAndCheck(c, session, out);
            if (spec == null) {
                return; // rejected, the reply written
            }
        }
        if (spec.hasFlag(CommandSpec.DENYOOM) && housekeeping.overMemory()) {
            out.writeBytes(Replies.OOM);
            return;
        }
        if (spec.hasFlag(CommandSpec.WRITE)) {
            if (durability.refused(snapshots, out)) { // -MISCONF: the last snapshot or the log failed
                return;
            }
            snapshots.beforeWrite(spec, Routing.db(tag), c); // a running snapshot takes the cut's values first
        }
        long now = context.nowMillis(); // the loop's clock: one value for the whole iteration
        long threshold = housekeeping.slowlogThresholdMicros();
        Client client = session.isRemote() ? null : ConnectionCommands.client(session);
        OutputBuffer reply = durability.target(spec, client, out, transactions.insideExec()); // out, or held for the log
        long changes = events.changes();
        if (threshold < 0 || (threshold >= FAST_UNTIMED_FLOOR_MICROS && spec.hasFlag(CommandSpec.FAST)
                && SlowLog.requestBytes(c) <= FAST_UNTIMED_MAX_REQUEST)) {
            run(spec.id(), databases.get(Routing.db(tag)), c, session, reply, now); // no clock read
        } else {
            long start = System.nanoTime();
            run(spec.id(), databases.get(Routing.db(tag)), c, session, reply, now);
            long micros = (System.nanoTime() - start) / 1000;
            if (micros >= threshold) {
                slowlog.maybeRecord(c, micros, threshold, settings.slowlogMaxLen(), now, "?",
                        client == null ? null : client.name);
            }
        }
        durability.afterCommand(spec, c, databases, events.changes() != changes, now, reply, client,
                transactions.insideExec());
        if (transactions.insideExec()) {
            blocking.markWritten(spec, c); // served once the whole transaction is done (backgroundWork)
        } else {
            blocking.afterCommand(spec, c, now); // serves keys this write made ready, once it completed
        }
        if (client != null) {
            client.lastCommand = spec.id();
            client.lastActiveMillis = now;
        }
    }

    /**
     * An untagged command (a fan-out part, or one route() refused): its spec once looked up and
     * checked for {@code session}, or {@code null} after writing the reply that rejects it.
     */
    private CommandSpec lookUpAndCheck(Request c, Session session, OutputBuffer out) {
        CommandSpec spec = table.lookup(c);
        byte[] rejection = routing.check(spec, c, session);
        if (rejection != null || spec == null) {
            transactions.rejected(spec, c, rejection, session, out); // inside MULTI, EXEC will abort
            return null;
        }
        return spec;
    }

    /** Runs command {@code id} against {@code keyspace}, the client's selected database on this shard. */
    void run(int id, Keyspace keyspace, Request c, Session session, OutputBuffer out, long now) {
        switch (id) {
            case Cmd.GET -> strings.get(keyspace, c, out, now);
            case Cmd.GETPART -> strings.getPart(keyspace, c, out, now);
            case Cmd.SET -> strings.set(keyspace, c, out, now);
            case Cmd.SETNX -> strings.setnx(keyspace, c, out, now);
            case Cmd.SETEX -> strings.setex(keyspace, c, out, now, false);
            case Cmd.PSETEX -> strings.setex(keyspace, c, out, now, true);
            case Cmd.GETSET -> strings.getset(keyspace, c, out, now);
            case Cmd.GETDEL -> strings.getdel(keyspace, c, out, now);
            case Cmd.GETEX -> strings.getex(keyspace, c, out, now);
            case Cmd.MGET -> strings.mget(keyspace, c, out, now);
            case Cmd.MSET -> strings.mset(keyspace, c, out, now);
            case Cmd.MSETNX -> strings.msetnx(keyspace, c, out, now);
            case Cmd.APPEND -> ranges.append(keyspace, c, out, now);
            case Cmd.STRLEN -> ranges.strlen(keyspace, c, out, now);
            case Cmd.GETRANGE -> ranges.getrange(keyspace, c, out, now);
            case Cmd.SETRANGE -> ranges.setrange(keyspace, c, out, now);
            case Cmd.INCR -> numbers.incr(keyspace, c, out, now, 1, 0);
            case Cmd.DECR -> numbers.incr(keyspace, c, out, now, -1, 0);
            case Cmd.INCRBY -> numbers.incr(keyspace, c, out, now, 1, 2);
            case Cmd.DECRBY -> numbers.incr(keyspace, c, out, now, -1, 2);
            case Cmd.INCRBYFLOAT -> numbers.incrbyfloat(keyspace, c, out, now);
            case Cmd.DEL, Cmd.UNLINK -> keys.del(keyspace, c, out, now);
            case Cmd.EXISTS -> keys.exists(keyspace, c, out, now);
            case Cmd.DBSIZE -> keys.dbsize(keyspace, out);
            case Cmd.FLUSHALL -> KeyCommands.flush(keyspace, databases, c, out);
            case Cmd.FLUSHDB -> KeyCommands.flush(keyspace, null, c, out);
            case Cmd.KEYS -> keys.keys(keyspace, c, out, now);
            case Cmd.SCANPART -> keys.scanPart(keyspace, c, out, now);
            case Cmd.MOVE -> KeyCommands.move(databases, Routing.db(c.tag()), c, out, now);
            case Cmd.SWAPDB -> KeyCommands.swapdb(c, out, transactions.ownWatches, databases);
            case Cmd.RANDOMKEY -> keys.randomkey(keyspace, out, now);
            case Cmd.RENAME -> KeyCommands.rename(keyspace, keyspace, c, out, now, false);
            case Cmd.RENAMENX -> KeyCommands.rename(keyspace, keyspace, c, out, now, true);
            case Cmd.TYPE -> expires.type(keyspace, c, out, now);
            case Cmd.TOUCH -> expires.touch(keyspace, c, out, now);
            case Cmd.EXPIRE -> expires.expire(keyspace, c, out, now, ExpireCommands.SECONDS);
            case Cmd.PEXPIRE -> expires.expire(keyspace, c, out, now, ExpireCommands.MILLIS);
            case Cmd.EXPIREAT -> expires.expire(keyspace, c, out, now, ExpireCommands.AT_SECONDS);
            case Cmd.PEXPIREAT -> expires.expire(keyspace, c, out, now, ExpireCommands.AT_MILLIS);
            case Cmd.TTL -> expires.ttl(keyspace, c, out, now, false, false);
            case Cmd.PTTL -> expires.ttl(keyspace, c, out, now, true, false);
            case Cmd.EXPIRETIME -> expires.ttl(keyspace, c, out, now, false, true);
            case Cmd.PEXPIRETIME -> expires.ttl(keyspace, c, out, now, true, true);
            case Cmd.PERSIST -> expires.persist(keyspace, c, out, now);
            case Cmd.HSET -> hashes.hset(keyspace, c, out, now, false);
            case Cmd.HMSET -> hashes.hset(keyspace, c, out, now, true);
            case Cmd.HSETNX -> hashes.hsetnx(keyspace, c, out, now);
            case Cmd.HGET -> hashes.hget(keyspace, c, out, now);
            case Cmd.HMGET -> hashes.hmget(keyspace, c, out, now);
            case Cmd.HDEL -> hashes.hdel(keyspace, c, out, now);
            case Cmd.HLEN -> hashes.hlen(keyspace, c, out, now);
            case Cmd.HEXISTS -> hashes.hexists(keyspace, c, out, now, false);
            case Cmd.HSTRLEN -> hashes.hexists(keyspace, c, out, now, true);
            case Cmd.HKEYS -> hashes.walk(keyspace, c, out, now, ElementWriter.FIELDS);
            case Cmd.HVALS -> hashes.walk(keyspace, c, out, now, ElementWriter.VALUES);
            case Cmd.HGETALL -> hashes.walk(keyspace, c, out, now, ElementWriter.PAIRS);
            case Cmd.HINCRBY -> hashes.hincrby(keyspace, c, out, now);
            case Cmd.HINCRBYFLOAT -> hashes.hincrbyfloat(keyspace, c, out, now);
            case Cmd.HRANDFIELD -> hashes.hrandfield(keyspace, c, out, now);
            case Cmd.HSCAN -> hashes.hscan(keyspace, c, out, now);
            case Cmd.SADD -> sets.sadd(keyspace, c, out, now);
            case Cmd.SREM -> sets.srem(keyspace, c, out, now);
            case Cmd.SMEMBERS -> sets.smembers(keyspace, c, out, now);
            case Cmd.SISMEMBER -> sets.sismember(keyspace, c, out, now, false);
            case Cmd.SMISMEMBER -> sets.sismember(keyspace, c, out, now, true);
            case Cmd.SCARD -> sets.scard(keyspace, c, out, now);
            case Cmd.SPOP -> sets.spop(keyspace, c, out, now);
            case Cmd.SRANDMEMBER -> sets.srandmember(keyspace, c, out, now);
            case Cmd.SSCAN -> sets.sscan(keyspace, c, out, now);
            case Cmd.SMOVE -> SetCommands.smove(keyspace, keyspace, c, out, now);
            case Cmd.SINTER, Cmd.SINTERCARD, Cmd.SINTERSTORE, Cmd.SUNION, Cmd.SUNIONSTORE, Cmd.SDIFF, Cmd.SDIFFSTORE -> {
                java.util.Arrays.fill(setAlgebra.owners(c.argc()), 0, c.argc(), keyspace);
                setAlgebra.run(id, c, out, now);
            }
            case Cmd.ZADD, Cmd.ZINCRBY, Cmd.ZREM, Cmd.ZSCORE, Cmd.ZMSCORE, Cmd.ZCARD, Cmd.ZRANK, Cmd.ZREVRANK, Cmd.ZCOUNT,
                 Cmd.ZLEXCOUNT, Cmd.ZRANGE, Cmd.ZREVRANGE, Cmd.ZRANGEBYSCORE, Cmd.ZREVRANGEBYSCORE, Cmd.ZRANGEBYLEX,
                 Cmd.ZREVRANGEBYLEX, Cmd.ZREMRANGEBYRANK, Cmd.ZREMRANGEBYSCORE, Cmd.ZREMRANGEBYLEX, Cmd.ZPOPMIN, Cmd.ZPOPMAX,
                 Cmd.ZSCAN, Cmd.ZRANDMEMBER, Cmd.ZRANGESTORE, Cmd.ZUNION, Cmd.ZUNIONSTORE, Cmd.ZINTER, Cmd.ZINTERSTORE,
                 Cmd.ZDIFF, Cmd.ZDIFFSTORE, Cmd.ZINTERCARD, Cmd.ZMPOP ->
                    zsets.run(id, keyspace, c, out, now);
            case Cmd.COPY -> CopyCommands.copy(keyspace, databases, Routing.db(c.tag()), c, out, now);
            case Cmd.LPUSH, Cmd.RPUSH, Cmd.LPUSHX, Cmd.RPUSHX, Cmd.LPOP, Cmd.RPOP, Cmd.LLEN, Cmd.LRANGE, Cmd.LINDEX, Cmd.LSET,
                 Cmd.LINSERT, Cmd.LREM, Cmd.LTRIM, Cmd.LPOS, Cmd.LMOVE, Cmd.RPOPLPUSH, Cmd.LMPOP -> lists.run(id, keyspace, c, out, now);
            case Cmd.MEMORY -> CopyCommands.memory(keyspace, c, out, now);
            case Cmd.OBJECT -> objects.object(keyspace, c, out, now);
            case Cmd.PING -> {
                if (!pubsub.ping(c, session, out)) {
                    connection.ping(c, out);
                }
            }
            case Cmd.ECHO -> connection.echo(c, out);
            case Cmd.QUIT -> connection.quit(session, out);
            case Cmd.SELECT -> connection.select(c, session, out);
            case Cmd.AUTH -> connection.auth(c, session, out);
            case Cmd.HELLO -> connection.hello(c, session, out);
            case Cmd.RESET -> {
                pubsub.drop(session);
                transactions.reset(session);
                connection.reset(session, out);
            }
            case Cmd.CLIENT -> connection.client(c, session, out, blocking);
            case Cmd.COMMAND -> server.command(c, out);
            case Cmd.CONFIG -> server.config(c, out, keyStats);
            case Cmd.SLOWLOG -> server.slowlogPart(c, out);
            case Cmd.TIME -> ServerCommands.time(out);
            case Cmd.SHARDINFO -> ServerInfo.shardPart(c, out, databases, keyStats, context.stats(), pubsub, blocking);
            case Cmd.CLIENTKILL -> connection.clientKill(c, out, c.parseLong(1) ? c.longValue() : 0);
            case Cmd.SETBIT -> bits.setbit(keyspace, c, out, now);
            case Cmd.GETBIT -> bits.getbit(keyspace, c, out, now);
            case Cmd.BITCOUNT -> bits.bitcount(keyspace, c, out, now);
            case Cmd.BITPOS -> bits.bitpos(keyspace, c, out, now);
            case Cmd.BITOP -> bits.bitop(keyspace, null, context, c, out, now);
            case Cmd.BITFIELD -> bitfield.run(keyspace, c, out, now, false);
            case Cmd.BITFIELD_RO -> bitfield.run(keyspace, c, out, now, true);
            case Cmd.LCS -> lcs.run(keyspace, keyspace, c, out, now);
            case Cmd.DUMP -> dumps.dump(keyspace, c, out, now);
            case Cmd.SAVE -> snapshots.save(out, transactions.insideExec());
            case Cmd.BGSAVE -> snapshots.bgsave(c, out, transactions.insideExec());
            case Cmd.LASTSAVE -> snapshots.lastsave(out);
            case Cmd.BGREWRITEAOF -> snapshots.bgrewriteaof(out, transactions.insideExec());
            case Cmd.SHUTDOWN -> snapshots.shutdown(c, out, transactions.insideExec());
            case Cmd.RESTORE -> dumps.restore(keyspace, c, out, now);
            case Cmd.MULTI -> transactions.multi(session, out);
            case Cmd.EXEC -> transactions.exec(session, out);
            case Cmd.DISCARD -> transactions.discard(session, out);
            case Cmd.WATCH -> out.writeBytes(Transactions.WATCH_INSIDE_MULTI); // outside MULTI it fans out
            case Cmd.UNWATCH -> transactions.unwatch(session, out);
            case Cmd.WATCHPART -> transactions.watchPart(c, out, now);
            case Cmd.BLPOP, Cmd.BRPOP, Cmd.BRPOPLPUSH, Cmd.BLMOVE, Cmd.BLMPOP, Cmd.BZPOPMIN, Cmd.BZPOPMAX, Cmd.BZMPOP -> {
                if (transactions.insideExec()) {
                    blocking.runNonBlocking(id, c, session, out, now); // in EXEC: the non-blocking form
                } else {
                    blocking.execute(id, c, session, out, now);
                }
            }
            case Cmd.SUBSCRIBE, Cmd.UNSUBSCRIBE, Cmd.PSUBSCRIBE, Cmd.PUNSUBSCRIBE, Cmd.SSUBSCRIBE, Cmd.SUNSUBSCRIBE,
                 Cmd.PUBLISH, Cmd.SPUBLISH, Cmd.PUBSUB -> pubsub.run(id, c, session, out);
            default -> Replies.unknownCommand(c, out);
        }
    }

    @Override
    public void executeAtomic(Request c, CommandHandler[] shards, OutputBuffer out) {
        if (Routing.commandId(c.tag()) == Cmd.EXEC_BODY) {
            transactions.exec(this, c, null, out, shards); // a transaction across shards
            return;
        }
        CommandSpec spec = routed(c);
        long now = context.nowMillis();
        out.dialect(Routing.dialect(c.tag()));
        SnapshotCommands.beforeAtomicWrite(spec, c, shards);
        TurnLogging.atomicStarted(shards);
        atomics.run(spec, c, shards, out, now);
        TurnLogging.atomicEnded(shards, spec, c, now);
        BlockingCommands.markReadyInTurn(context, spec, c, shards); // each owner serves them after the thaw
    }

    @Override
    public void turnStarted(CommandHandler[] shards) {
        SnapshotCommands.cutBeforeTurn(shards); // before the turn's log lock: a rewrite's cut switches logs
        TurnLogging.turnStarted(shards);
    }

    @Override
    public void turnEnded(CommandHandler[] shards) {
        TurnLogging.turnEnded(shards);
    }

    @Override
    public void onClose(Session session) {
        pubsub.drop(session);
        transactions.onClose(session);
    }

    @Override
    public void onTicketDead(long ticket) {
        blocking.onTicketDead(ticket);
    }

    @Override
    public void onTimer(long timerId, long payload) {
        if (payload == SnapshotCommands.POLL_TIMER) {
            snapshots.onTimer();
        } else {
            blocking.onTimer(payload);
        }
    }

    /** This shard's part of a snapshot started off the shards (the final save at shutdown). */
    void snapshotPart(SnapshotJob job) {
        snapshots.serializeFor(job, context.nowMillis());
    }

    @Override
    public void onTick(long nowMillis) {
        housekeeping.tick(nowMillis);
        gauges.publishKeys(context.shard(), databases.size());
        snapshots.tick(nowMillis);
    }

    @Override
    public void onMessage(int fromShard, int type, MemorySegment payload, long offset, long length) {
        if (type == KeyEvents.MESSAGE_TYPE) {
            events.onMessage(payload, offset, length);
        } else if (type == SnapshotCommands.MESSAGE_TYPE) {
            snapshots.onMessage(payload, offset);
        } else if (!blocking.onMessage(fromShard, type, payload, offset, length)) {
            transactions.onMessage(type, payload, offset); // throws for a type nobody takes
        }
    }

    @Override
    public boolean backgroundWork(long nowMillis, boolean idle) {
        events.afterIteration();
        return blocking.backgroundWork(nowMillis) | housekeeping.expireSlice(nowMillis, idle)
                | snapshots.part().step(nowMillis) | durability.commitAndRelease();
    }

    @Override
    public void close() {
        keys.release();
        transactions.release();
        blocking.close();
        collectionScan.release();
        setAlgebra.release();
        pubsub.release();
        zsets.release();
        scratch.close();
        dumps.close();
        snapshots.close();
        durability.close();
        databases.close();
    }
}
