package dev.kevy.server;

import dev.kevy.server.persist.AppendLog;
import dev.kevy.server.persist.SaveRules;
import dev.kevy.server.persist.Snapshots;
import dev.kevy.server.store.EncodingLimits;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server settings CONFIG GET reports and CONFIG SET changes, shared by every shard.
 *
 * <p>This is the one piece of server state that all shards read. Writes are rare (CONFIG SET)
 * and serialized by the object's monitor; each write bumps {@link #version()}, a volatile, and
 * every shard compares it with the version it last applied on its next tick (about every
 * 100 ms), so a change reaches all shards without any shard reading shared memory per request.
 * {@code requirepass} is the exception: AUTH reads it directly, so a new password works at once.
 */
public final class LiveSettings {

    /** A CONFIG SET that cannot be applied; the message is Redis's reply text without "-ERR ". */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final String bind;
    private final int port;
    private final int shards;
    private final int databases;
    private final long protoMaxBulkLen;
    private final long startMillis = System.currentTimeMillis();
    /** Shared by every keyspace of every shard: CONFIG SET of a limit reaches them all. */
    private final EncodingLimits encodingLimits = new EncodingLimits();
    /** Snapshot settings (dir, dbfilename, save) and state, shared by every shard. */
    private final Snapshots snapshots;
    /** What SHUTDOWN runs to end the process; null where the server is embedded. */
    private final Runnable exit;

    private volatile long version;
    private volatile String requirePass;
    private volatile long maxMemory;
    /**
     * Replaced whole by CONFIG SET (under the monitor, before the {@link #version} bump that
     * announces it), so a shard that reads it after seeing the new version reads one consistent set.
     */
    private volatile EvictionOptions eviction;
    private volatile int maxClients;
    private volatile long slowlogSlowerThanMicros = 10_000;
    private volatile int slowlogMaxLen = 128;
    private volatile int spinLimit;
    private volatile int parkTimeoutMs;
    private volatile boolean protectedMode;
    /** Redis's stop-writes-on-bgsave-error: refuse writes while the last snapshot failed (save rules set). */
    private volatile boolean stopWritesOnBgsaveError = true;
    /** notify-keyspace-events as Redis's NOTIFY_* bits ({@link KeyEvents}); read on every event. */
    private volatile int notifyKeyspaceEvents;
    private volatile ServerOptions.AppendOptions append = ServerOptions.AppendOptions.DEFAULTS;
    private volatile AppendLog appendLog;
    /** How the log's writer wakes a shard (the runtime's task submit); null: CONFIG SET appendonly yes is refused. */
    private volatile AppendLog.ShardWaker logWaker;
    /**
     * Channels plus patterns subscribed on each shard, written by that shard's {@link PubSub}
     * (volatile set) and read by every shard's {@link KeyEvents} (volatile get) to skip sending
     * notifications to shards nobody there could hear.
     */
    private final java.util.concurrent.atomic.AtomicIntegerArray subscribers;
    /**
     * {@code client-output-buffer-limit}: hard bytes, soft bytes and soft seconds of the normal,
     * replica and pubsub classes, in that order, replaced whole by CONFIG SET. Only the pubsub
     * class is enforced ({@link PubSub}); the others are kept for CONFIG GET.
     */
    private volatile long[] outputBufferLimits = {0, 0, 0, 268_435_456L, 67_108_864L, 60, 33_554_432L, 8_388_608L, 60};
    /** Where the pubsub class starts in {@link #outputBufferLimits()}. */
    static final int PUBSUB_LIMITS = 6;

    /** Settings from the command line, with the runtime's resolved spin limit and bulk limit; no SHUTDOWN. */
    public LiveSettings(ServerOptions options, int spinLimit, long protoMaxBulkLen) {
        this(options, spinLimit, protoMaxBulkLen, null);
    }

    /**
     * Settings from the command line, with the runtime's resolved spin limit and bulk limit, and
     * what SHUTDOWN does once its snapshot is taken ({@code null}: SHUTDOWN is refused, as in an
     * embedded server whose owner stops it).
     */
    public LiveSettings(ServerOptions options, int spinLimit, long protoMaxBulkLen, Runnable exit) {
        this(options.bind(), options.port(), options.shards(), options.requirePass(), options.maxMemory(),
                options.maxClients(), spinLimit, options.parkTimeoutMs(), protoMaxBulkLen, options.protectedMode(),
                options.databases(), options.eviction(), new Snapshots(options.shards(), options.dir(),
                        options.dbfilename(), options.save(), ServerInfo.KEVY_VERSION), exit);
        this.notifyKeyspaceEvents = options.notifyKeyspaceEvents();
        this.append = options.append();
    }

    /** The append-only log's start-up flags (CONFIG GET shows them; appendfsync changes live). */
    ServerOptions.AppendOptions append() {
        return append;
    }

    /** The running append-only log, once the server opened it (null while it is off). */
    public void appendLog(AppendLog log) {
        this.appendLog = log;
    }

    /** The running append-only log, or null. */
    AppendLog appendLog() {
        return appendLog;
    }

    /** How a log turned on while running (CONFIG SET appendonly yes) wakes the shards: set once the runtime runs. */
    public void logWaker(AppendLog.ShardWaker waker) {
        this.logWaker = waker;
    }

    /**
     * Settings for a server started from a {@link dev.kevy.io.RuntimeConfig}, listening for RESP on
     * {@code bind:port} with {@code protoMaxBulkLen} as its bulk limit (embedding, tests).
     */
    public static LiveSettings of(dev.kevy.io.RuntimeConfig config, String bind, int port, long protoMaxBulkLen,
                                  String requirePass, long maxMemory) {
        return new LiveSettings(bind, port, config.shards(), requirePass, maxMemory,
                config.maxClients(), config.idle().spinLimit(), (int) (config.idle().parkTimeoutNanos() / 1_000_000L),
                protoMaxBulkLen, true, ServerOptions.DEFAULT_DATABASES, EvictionOptions.DEFAULTS,
                new Snapshots(config.shards(), ".", "dump.rdb", SaveRules.NONE, ServerInfo.KEVY_VERSION), null);
    }

    LiveSettings(String bind, int port, int shards, String requirePass, long maxMemory, int maxClients,
                 int spinLimit, int parkTimeoutMs, long protoMaxBulkLen, boolean protectedMode, int databases,
                 EvictionOptions eviction, Snapshots snapshots, Runnable exit) {
        this.snapshots = snapshots;
        this.exit = exit;
        this.bind = bind;
        this.port = port;
        this.shards = shards;
        this.protoMaxBulkLen = protoMaxBulkLen;
        this.requirePass = requirePass;
        this.maxMemory = maxMemory;
        this.maxClients = maxClients;
        this.spinLimit = spinLimit;
        this.parkTimeoutMs = parkTimeoutMs;
        this.protectedMode = protectedMode;
        this.databases = databases;
        this.eviction = eviction;
        this.subscribers = new java.util.concurrent.atomic.AtomicIntegerArray(Math.max(1, shards));
    }

    /** notify-keyspace-events as Redis's NOTIFY_* bits: a volatile read, partner of the write in {@link #set}. */
    int notifyKeyspaceEvents() {
        return notifyKeyspaceEvents;
    }

    /** Whether shard {@code shard} has a channel or pattern subscriber (see the field). */
    boolean hasSubscribers(int shard) {
        return subscribers.get(shard) > 0; // volatile read; partner: the set in subscribers(int, int)
    }

    /** Shard {@code shard}'s count of subscribed channels and patterns (its own thread writes it). */
    void subscribers(int shard, int count) {
        subscribers.set(shard, count); // volatile write; partner: the get in hasSubscribers
    }

    /** The server's snapshots: where they go, when they are taken, the one running. */
    public Snapshots snapshots() {
        return snapshots;
    }

    public long version() {
        return version;
    }

    public String requirePass() {
        return requirePass;
    }

    /** When hashes, sets and sorted sets leave their compact encodings (hash-max-listpack-entries, ...). */
    public EncodingLimits encodingLimits() {
        return encodingLimits;
    }

    public long maxMemory() {
        return maxMemory;
    }

    /** maxmemory-policy, maxmemory-samples, maxmemory-eviction-tenacity, lfu-log-factor, lfu-decay-time. */
    public EvictionOptions eviction() {
        return eviction;
    }

    public int maxClients() {
        return maxClients;
    }

    public long slowlogSlowerThanMicros() {
        return slowlogSlowerThanMicros;
    }

    public int slowlogMaxLen() {
        return slowlogMaxLen;
    }

    public int spinLimit() {
        return spinLimit;
    }

    public int parkTimeoutMs() {
        return parkTimeoutMs;
    }

    /** Whether SHUTDOWN may end the process (a server started by {@code Main}). */
    boolean canShutdown() {
        return exit != null;
    }

    /** Ends the process (SHUTDOWN, after its snapshot); see {@link #canShutdown}. */
    void shutdown() {
        exit.run();
    }

    /** stop-writes-on-bgsave-error (read by each shard on its tick). */
    public boolean stopWritesOnBgsaveError() {
        return stopWritesOnBgsaveError;
    }

    /** Redis's protected-mode: without a password, only clients on 127.0.0.1 or ::1 are served. */
    public boolean protectedMode() {
        return protectedMode;
    }

    /** Numbered databases each client may SELECT (fixed at start, as in Redis). */
    public int databases() {
        return databases;
    }

    public int shards() {
        return shards;
    }

    public int port() {
        return port;
    }

    public long startMillis() {
        return startMillis;
    }

    /** The {@code client-output-buffer-limit} values (see the field); read-only for the caller. */
    long[] outputBufferLimits() {
        return outputBufferLimits;
    }

    /** Every parameter and its current value, in CONFIG GET order. */
    synchronized Map<String, String> snapshot() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("bind", bind);
        v.put("port", Integer.toString(port));
        v.put("databases", Integer.toString(databases));
        v.put("save", snapshots.rules().toString());
        v.put("dir", snapshots.dir());
        v.put("dbfilename", snapshots.dbfilename());
        v.put("stop-writes-on-bgsave-error", stopWritesOnBgsaveError ? "yes" : "no");
        v.put("appendonly", append.enabled() ? "yes" : "no");
        AppendLog running = appendLog;
        v.put("appendfsync", (running != null ? running.policy() : append.fsync()).redisName());
        v.put("appendfilename", append.filename());
        v.put("appenddirname", append.dirname());
        v.put("aof-load-truncated", append.loadTruncated() ? "yes" : "no");
        v.put("auto-aof-rewrite-percentage", Integer.toString(append.autoRewritePercentage()));
        v.put("auto-aof-rewrite-min-size", Long.toString(append.autoRewriteMinSize()));
        v.put("requirepass", requirePass == null ? "" : requirePass);
        v.put("maxmemory", Long.toString(maxMemory));
        v.put("maxmemory-policy", eviction.policy().redisName());
        v.put("maxmemory-samples", Integer.toString(eviction.samples()));
        v.put("maxmemory-eviction-tenacity", Integer.toString(eviction.tenacity()));
        v.put("lfu-log-factor", Integer.toString(eviction.lfuLogFactor()));
        v.put("lfu-decay-time", Integer.toString(eviction.lfuDecayTime()));
        v.put("maxclients", Integer.toString(maxClients));
        v.put("protected-mode", protectedMode ? "yes" : "no");
        v.put("proto-max-bulk-len", Long.toString(protoMaxBulkLen));
        v.put("slowlog-log-slower-than", Long.toString(slowlogSlowerThanMicros));
        v.put("slowlog-max-len", Integer.toString(slowlogMaxLen));
        v.put("timeout", "0");
        v.put("notify-keyspace-events", NotifyClasses.toText(notifyKeyspaceEvents));
        long[] l = outputBufferLimits;
        v.put("client-output-buffer-limit", "normal " + l[0] + " " + l[1] + " " + l[2] + " slave " + l[3] + " " + l[4]
                + " " + l[5] + " pubsub " + l[6] + " " + l[7] + " " + l[8]);
        v.put("shards", Integer.toString(shards));
        v.put("spin-limit", Integer.toString(spinLimit));
        v.put("park-timeout-ms", Integer.toString(parkTimeoutMs));
        v.put("hash-max-listpack-entries", Integer.toString(encodingLimits.hashMaxListpackEntries()));
        v.put("hash-max-ziplist-entries", Integer.toString(encodingLimits.hashMaxListpackEntries()));
        v.put("hash-max-listpack-value", Integer.toString(encodingLimits.hashMaxListpackValue()));
        v.put("hash-max-ziplist-value", Integer.toString(encodingLimits.hashMaxListpackValue()));
        v.put("set-max-intset-entries", Integer.toString(encodingLimits.setMaxIntsetEntries()));
        v.put("set-max-listpack-entries", Integer.toString(encodingLimits.setMaxListpackEntries()));
        v.put("set-max-listpack-value", Integer.toString(encodingLimits.setMaxListpackValue()));
        v.put("list-max-listpack-size", Integer.toString(encodingLimits.listMaxListpackSize()));
        v.put("list-max-ziplist-size", Integer.toString(encodingLimits.listMaxListpackSize()));
        v.put("list-compress-depth", Integer.toString(encodingLimits.listCompressDepth()));
        v.put("zset-max-listpack-entries", Integer.toString(encodingLimits.zsetMaxListpackEntries()));
        v.put("zset-max-ziplist-entries", Integer.toString(encodingLimits.zsetMaxListpackEntries()));
        v.put("zset-max-listpack-value", Integer.toString(encodingLimits.zsetMaxListpackValue()));
        v.put("zset-max-ziplist-value", Integer.toString(encodingLimits.zsetMaxListpackValue()));
        return v;
    }

    /** Every parameter CONFIG SET may name (lower case); values the runtime cannot change are refused. */
    private static final java.util.Set<String> KNOWN = java.util.Set.of("bind", "port", "databases", "save", "dir", "dbfilename", "stop-writes-on-bgsave-error",
            "appendonly", "appendfsync", "appendfilename", "appenddirname", "aof-load-truncated", "auto-aof-rewrite-percentage",
            "auto-aof-rewrite-min-size", "requirepass", "maxmemory", "maxmemory-policy", "maxmemory-samples",
            "maxmemory-eviction-tenacity", "lfu-log-factor", "lfu-decay-time", "maxclients", "protected-mode",
            "proto-max-bulk-len", "slowlog-log-slower-than", "slowlog-max-len", "timeout", "client-output-buffer-limit", "notify-keyspace-events", "shards", "spin-limit", "park-timeout-ms",
            "hash-max-listpack-entries", "hash-max-ziplist-entries", "hash-max-listpack-value", "hash-max-ziplist-value",
            "set-max-intset-entries", "set-max-listpack-entries", "set-max-listpack-value",
            "list-max-listpack-size", "list-max-ziplist-size", "list-compress-depth",
            "zset-max-listpack-entries", "zset-max-ziplist-entries", "zset-max-listpack-value", "zset-max-ziplist-value");
    private static final java.util.Set<String> IMMUTABLE = java.util.Set.of("bind", "port", "databases",
            "proto-max-bulk-len", "shards", "appendfilename", "appenddirname",
            "aof-load-truncated");
    /**
     * Redis 7's protected configs, refused by CONFIG SET as Redis refuses them by default
     * ({@code enable-protected-configs no}): a client must not point the snapshot file elsewhere
     * (the classic way to write files through an exposed Redis). Set them as flags.
     */
    private static final java.util.Set<String> PROTECTED = java.util.Set.of("dir", "dbfilename");

    /**
     * CONFIG SET of several parameters at once, as Redis 7 does it: every name is checked first
     * (the first unknown, immutable or repeated one fails the whole call, nothing applied), then
     * the values are applied in order, and a value that is refused restores the ones before it.
     * Errors about a name quote it as the client typed it, errors about a value quote the
     * parameter's own (lower-case) name, as Redis does.
     */
    synchronized void setAll(String[] names, String[] values) throws Rejected {
        for (int i = 0; i < names.length; i++) {
            String n = names[i].toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(n)) {
                throw new Rejected("Unknown option or number of arguments for CONFIG SET - '" + names[i] + "'");
            }
            if (IMMUTABLE.contains(n)) {
                throw new Rejected("CONFIG SET failed (possibly related to argument '" + names[i]
                        + "') - can't set immutable config");
            }
            if (PROTECTED.contains(n)) {
                throw new Rejected("CONFIG SET failed (possibly related to argument '" + names[i]
                        + "') - can't set protected config");
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equalsIgnoreCase(n)) {
                    throw new Rejected("CONFIG SET failed (possibly related to argument '" + names[i]
                            + "') - duplicate parameter");
                }
            }
        }
        Map<String, String> before = snapshot();
        for (int i = 0; i < names.length; i++) {
            try {
                set(names[i], values[i]);
            } catch (Rejected e) {
                restore(names, i, before);
                throw e;
            }
        }
        boolean logOn = appendLog != null;
        boolean wantLog = logOn;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase("appendonly")) {
                wantLog = ConfigParsing.yesNo("appendonly", values[i]); // set() has accepted it: turned on or off last
            }
        }
        if (logOn && !wantLog) {
            if (!appendLog.turnOff()) {
                restore(names, names.length, before);
                throw new Rejected("CONFIG SET failed (possibly related to argument 'appendonly') - a rewrite of the"
                        + " append-only log is in progress; turn it off when it has ended");
            }
            appendLog = null; // each shard stops logging on its tick; the writer syncs what they logged, then stops
            append = append.withEnabled(false);
            System.out.println("kevy: the append-only log is turned off (CONFIG SET appendonly no)");
        }
        if (!logOn && wantLog) {
            try {
                appendLog = AppendLog.turnOn(shards, append.fsync(), snapshots.dir(), append.dirname(), append.filename(), logWaker);
                append = append.withEnabled(true);
            } catch (IllegalStateException e) {
                restore(names, names.length, before);
                throw new Rejected("CONFIG SET failed (possibly related to argument 'appendonly') - " + e.getMessage());
            }
        }
    }

    /**
     * BGREWRITEAOF after the log failed: a new log over the running data, as CONFIG SET appendonly
     * yes makes one, replaces it. Each shard refuses writes until its cut of the new log's first
     * rewrite, where it leaves the failed log for the new one.
     *
     * @throws IllegalStateException with the line to answer (the directory still cannot be written)
     */
    synchronized void replaceFailedLog() {
        AppendLog failed = appendLog;
        if (failed == null || !failed.failed()) {
            return; // another shard's BGREWRITEAOF replaced it first
        }
        AppendLog fresh = AppendLog.turnOn(shards, append.fsync(), snapshots.dir(), append.dirname(), append.filename(), logWaker);
        failed.turnOff();
        appendLog = fresh;
        version++;
    }

    /** Puts the first {@code count} of {@code names} back to their values {@code before}. */
    private void restore(String[] names, int count, Map<String, String> before) throws Rejected {
        for (int j = 0; j < count; j++) {
            String n = names[j].toLowerCase(Locale.ROOT);
            set(n, before.get(n)); // the old value was accepted once, so it is again
        }
    }

    /** CONFIG SET one parameter (a name {@link #setAll} has checked). */
    synchronized void set(String name, String value) throws Rejected {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "requirepass" -> requirePass = value.isEmpty() ? null : value;
            case "maxmemory" -> maxMemory = ConfigParsing.memory(n, value);
            case "maxmemory-policy" -> eviction = eviction.withPolicy(ConfigParsing.policy(n, value));
            case "maxmemory-samples" -> eviction = eviction.withSamples((int) ConfigParsing.number(n, value, 1, Integer.MAX_VALUE));
            case "maxmemory-eviction-tenacity" -> eviction = eviction.withTenacity((int) ConfigParsing.number(n, value, 0, 100));
            case "lfu-log-factor" -> eviction = eviction.withLfuLogFactor((int) ConfigParsing.number(n, value, 0, Integer.MAX_VALUE));
            case "lfu-decay-time" -> eviction = eviction.withLfuDecayTime((int) ConfigParsing.number(n, value, 0, Integer.MAX_VALUE));
            case "maxclients" -> maxClients = (int) Math.min(Integer.MAX_VALUE, ConfigParsing.number(n, value, 1, 4_294_967_295L));
            case "slowlog-log-slower-than" -> slowlogSlowerThanMicros = ConfigParsing.number(n, value, -1, Long.MAX_VALUE);
            case "slowlog-max-len" -> slowlogMaxLen = (int) Math.min(Integer.MAX_VALUE,
                    ConfigParsing.number(n, value, 0, Long.MAX_VALUE));
            case "protected-mode" -> protectedMode = ConfigParsing.yesNo(n, value);
            case "stop-writes-on-bgsave-error" -> stopWritesOnBgsaveError = ConfigParsing.yesNo(n, value);
            case "client-output-buffer-limit" -> // a fresh array, published by this volatile write; read in PubSub.publish
                    outputBufferLimits = ConfigParsing.outputLimits(n, value, outputBufferLimits);
            case "notify-keyspace-events" -> notifyKeyspaceEvents = NotifyClasses.parse(n, value);
            case "spin-limit" -> spinLimit = (int) ConfigParsing.number(n, value, 0, Integer.MAX_VALUE);
            case "park-timeout-ms" -> parkTimeoutMs = (int) ConfigParsing.number(n, value, 1, 60_000);
            case "hash-max-listpack-entries", "hash-max-ziplist-entries", "set-max-intset-entries",
                 "set-max-listpack-entries", "zset-max-listpack-entries", "zset-max-ziplist-entries" ->
                    encodingLimits.set(n, ConfigParsing.number(n, value, 0, Long.MAX_VALUE));
            case "hash-max-listpack-value", "hash-max-ziplist-value", "set-max-listpack-value", "zset-max-listpack-value",
                 "zset-max-ziplist-value" ->
                    encodingLimits.set(n, ConfigParsing.memory(n, value)); // Redis reads these as memory values ("1kb")
            case "list-max-listpack-size", "list-max-ziplist-size" ->
                    encodingLimits.set(n, ConfigParsing.number(n, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "list-compress-depth" -> encodingLimits.set(n, ConfigParsing.number(n, value, 0, Integer.MAX_VALUE));
            case "save" -> snapshots.rules(ConfigParsing.saveRules(n, value));
            case "appendfsync" -> {
                AppendLog.Policy p = AppendLog.Policy.parse(value);
                if (p == null) {
                    throw new Rejected("CONFIG SET failed (possibly related to argument 'appendfsync') - argument(s) must be one of the following: always, everysec, no");
                }
                append = append.withFsync(p);
                if (appendLog != null) {
                    appendLog.policy(p); // the writer and every shard read it from the next write on
                }
            }
            case "auto-aof-rewrite-percentage" -> append = append.withAutoRewrite((int) ConfigParsing.number(n, value, 0, Integer.MAX_VALUE),
                    append.autoRewriteMinSize());
            case "auto-aof-rewrite-min-size" -> append = append.withAutoRewrite(append.autoRewritePercentage(),
                    ConfigParsing.memory(n, value));
            case "appendonly" -> ConfigParsing.yesNo(n, value); // setAll turns the log on or off once all are set
            case "timeout" -> {
                if (!value.equals(snapshot().get(n))) {
                    throw new Rejected("CONFIG SET failed (possibly related to argument '" + n
                            + "') - kevy has no such setting yet and supports just the value shown by CONFIG GET");
                }
            }
            default -> throw new Rejected("Unknown option or number of arguments for CONFIG SET - '" + name + "'");
        }
        version++; // volatile write, under the monitor: shards compare it on their next tick
    }
}
