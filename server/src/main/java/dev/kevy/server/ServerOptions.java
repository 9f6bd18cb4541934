package dev.kevy.server;

import dev.kevy.io.IoEngineChoice;
import dev.kevy.server.persist.SaveRules;
import dev.kevy.server.persist.Snapshots;
import dev.kevy.server.store.EvictionPolicy;
import java.util.Locale;
import dev.kevy.server.persist.AppendLog;
import java.util.Map;

/**
 * The server's start-up options, read from flags and environment variables (flags win).
 *
 * <p>Every value is checked here, before any socket is opened or thread started, so a bad flag
 * costs one clear line and a non-zero exit ({@link OptionException}).
 */
public record ServerOptions(
        String bind,
        int port,
        int shards,
        int spinLimit,
        int parkTimeoutMs,
        boolean lowCpu,
        boolean pinCores,
        long timerSlackNanos,
        String requirePass,
        int maxClients,
        long maxMemory,
        boolean protectedMode,
        String metricsBind,
        int metricsPort,
        IoEngineChoice ioEngine,
        int databases,
        EvictionOptions eviction,
        int notifyKeyspaceEvents,
        String dir,
        String dbfilename,
        SaveRules save,
        AppendOptions append,
        boolean help) {

    /**
     * The append-only log's flags, by Redis's names: {@code appendonly}, {@code appendfsync},
     * {@code appendfilename}, {@code aof-load-truncated}, and kevy's {@code aof-load-corrupt}
     * (Redis has no such option: its {@code redis-check-aof --fix} does that job).
     */
    public record AppendOptions(boolean enabled, AppendLog.Policy fsync, String filename, String dirname,
                                boolean loadTruncated, boolean loadCorrupt, int autoRewritePercentage,
                                long autoRewriteMinSize) {
        /**
         * Redis's defaults: off, everysec, appendonly.aof in appendonlydir, cut a torn tail, refuse
         * corruption, rewrite once the log has doubled since the last rewrite and is at least 64 MB.
         */
        public static final AppendOptions DEFAULTS = new AppendOptions(false, AppendLog.Policy.EVERYSEC, "appendonly.aof",
                "appendonlydir", true, false, 100, 64L << 20);

        /** The same with appendfsync {@code p}. */
        public AppendOptions withFsync(AppendLog.Policy p) {
            return new AppendOptions(enabled, p, filename, dirname, loadTruncated, loadCorrupt, autoRewritePercentage,
                    autoRewriteMinSize);
        }

        /** The same, turned on or off. */
        public AppendOptions withEnabled(boolean on) {
            return new AppendOptions(on, fsync, filename, dirname, loadTruncated, loadCorrupt, autoRewritePercentage,
                    autoRewriteMinSize);
        }

        /** The same with the automatic rewrite's thresholds. */
        public AppendOptions withAutoRewrite(int percentage, long minSize) {
            return new AppendOptions(enabled, fsync, filename, dirname, loadTruncated, loadCorrupt, percentage, minSize);
        }
    }

    /** {@link #metricsPort()} when there is no metrics endpoint. */
    public static final int NO_METRICS = -1;

    /** Redis's default number of databases. */
    public static final int DEFAULT_DATABASES = 16;
    /** Most databases: a routed request carries its database in 16 bits of its tag. */
    public static final int MAX_DATABASES = 1 << 16;

    /** Default shard count: one per available processor. */
    public static int defaultShards() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A flag or environment value that cannot be used; the message is the one line to print. */
    public static final class OptionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OptionException(String message) {
            super(message, null, false, false);
        }
    }

    /** Text printed by {@code --help}. */
    public static final String USAGE = """
            Usage: kevy-server [flags]

              --bind ADDR            address to listen on (default 127.0.0.1; env KEVY_BIND)
              --port N               TCP port, 0 for any free one (default 6379; env KEVY_PORT)
              --shards N             shard threads (default: available processors; env KEVY_SHARDS)
              --spin-limit N         idle loop iterations spent polling before a shard parks;
                                     -1 picks by cores vs shards: 256 when the shards leave two
                                     cores free, else 0 (default; env KEVY_SPIN_LIMIT)
              --park-timeout-ms N    longest a parked shard sleeps, a backstop for lost wakes
                                     (default 50; env KEVY_PARK_TIMEOUT_MS)
              --low-cpu              never spin: park as soon as a loop iteration finds no work
              --pin-cores            pin shard i to CPU i (Linux only)
              --timer-slack-ns N     per-shard timer slack (Linux prctl; default 0 = kernel's)
              --requirepass PASS     require AUTH PASS before other commands (env KEVY_REQUIREPASS)
              --maxclients N         connections accepted at most (default 10000)
              --maxmemory BYTES      memory for keys and values, 0 = unlimited (default 0);
                                     suffixes kb, mb, gb accepted
              --maxmemory-policy P   what a shard over its share of maxmemory evicts:
                                     noeviction (default), allkeys-lru, volatile-lru,
                                     allkeys-lfu, volatile-lfu, allkeys-random,
                                     volatile-random, volatile-ttl
              --notify-keyspace-events CLASSES  keyspace notifications, as Redis's
                                     notify-keyspace-events (e.g. KEA; default none)
              --maxmemory-samples N  keys sampled per database per eviction (default 5)
              --maxmemory-eviction-tenacity N  0-100: how long one eviction run may take
                                     (default 10: 500 microseconds; 100: no limit)
              --lfu-log-factor N     how slowly the LFU counter grows (default 10)
              --lfu-decay-time N     minutes per decrement of an idle key's LFU counter,
                                     0 for none (default 1)
              --protected-mode yes|no  without a password, serve only clients on 127.0.0.1
                                     or ::1 (default yes; env KEVY_PROTECTED_MODE)
              --metrics-port N       serve Prometheus metrics over HTTP on this port, 0 for any
                                     free one (default: none; env KEVY_METRICS_PORT)
              --metrics-bind ADDR    address of the metrics endpoint (default: --bind)
              --io-engine auto|epoll|io_uring  the shards' I/O: auto takes io_uring where the
                                     kernel allows it and says why when it falls back to epoll
                                     (default auto; env KEVY_IO_ENGINE)
              --databases N          numbered databases, SELECT 0 to N-1 (default 16; env
                                     KEVY_DATABASES)
              --dir DIR              where snapshots are written and read (default: the
                                     working directory; env KEVY_DIR)
              --dbfilename NAME      the snapshot's file name in DIR (default dump.rdb); a
                                     file by that name is loaded at start-up
              --save "SECS CHANGES [SECS CHANGES ...]"  snapshot after SECS seconds if at
                                     least CHANGES writes happened, as Redis's save; ""
                                     for none (default none: see docs/SERVER.md)
              --appendonly yes|no    keep an append-only log of every write in DIR and
                                     replay it at start-up (default no)
              --appendfsync always|everysec|no  when the log is synced: always answers a
                                     write once it is on disk (default everysec)
              --appendfilename NAME  the log's base name (default appendonly.aof)
              --appenddirname NAME   the directory in DIR holding the log's files, created
                                     if missing (default appendonlydir)
              --aof-load-truncated yes|no  cut a log whose last block was torn by a crash
                                     (default yes); no refuses to start
              --aof-load-corrupt yes|no  load a log damaged before its end up to the damage
                                     (default no: refuse to start and say where)
              --auto-aof-rewrite-percentage N  rewrite the log (BGREWRITEAOF) once it grew N%
                                     over its size after the last rewrite; 0 never
                                     (default 100)
              --auto-aof-rewrite-min-size BYTES  but not below this size (default 64mb)
              --help                 print this text and exit
            """;

    /** Parses flags over the environment's {@code KEVY_*} values. */
    public static ServerOptions parse(String[] args, Map<String, String> env) {
        String bind = env.getOrDefault("KEVY_BIND", "127.0.0.1");
        int port = intValue("KEVY_PORT", env.getOrDefault("KEVY_PORT", "6379"), 0, 65_535);
        int shards = intValue("KEVY_SHARDS",
                env.getOrDefault("KEVY_SHARDS", Integer.toString(defaultShards())), 1, 1024);
        int spinLimit = intValue("KEVY_SPIN_LIMIT", env.getOrDefault("KEVY_SPIN_LIMIT", "-1"),
                -1, Integer.MAX_VALUE);
        int parkTimeoutMs = intValue("KEVY_PARK_TIMEOUT_MS",
                env.getOrDefault("KEVY_PARK_TIMEOUT_MS", "50"), 1, 60_000);
        String requirePass = env.get("KEVY_REQUIREPASS");
        boolean lowCpu = false;
        boolean pinCores = false;
        boolean help = false;
        long timerSlack = 0;
        int maxClients = 10_000;
        long maxMemory = 0;
        EvictionPolicy policy = EvictionOptions.DEFAULTS.policy();
        int samples = EvictionOptions.DEFAULTS.samples();
        int tenacity = EvictionOptions.DEFAULTS.tenacity();
        int lfuLogFactor = EvictionOptions.DEFAULTS.lfuLogFactor();
        int lfuDecayTime = EvictionOptions.DEFAULTS.lfuDecayTime();
        int notify = 0;
        int metricsPort = intValue("KEVY_METRICS_PORT", env.getOrDefault("KEVY_METRICS_PORT", "-1"), -1, 65_535);
        String metricsBind = null;
        int databases = intValue("KEVY_DATABASES",
                env.getOrDefault("KEVY_DATABASES", Integer.toString(DEFAULT_DATABASES)), 1, MAX_DATABASES);
        boolean protectedMode = yesNo("KEVY_PROTECTED_MODE", env.getOrDefault("KEVY_PROTECTED_MODE", "yes"));
        String dir = env.getOrDefault("KEVY_DIR", ".");
        String dbfilename = "dump.rdb";
        SaveRules save = SaveRules.NONE;
        AppendOptions d = AppendOptions.DEFAULTS;
        boolean appendonly = d.enabled();
        AppendLog.Policy appendfsync = d.fsync();
        String appendfilename = d.filename();
        String appenddirname = d.dirname();
        boolean loadTruncated = d.loadTruncated();
        boolean loadCorrupt = d.loadCorrupt();
        int rewritePercentage = d.autoRewritePercentage();
        long rewriteMinSize = d.autoRewriteMinSize();
        IoEngineChoice ioEngine = env.containsKey("KEVY_IO_ENGINE")
                ? engineValue("KEVY_IO_ENGINE", env.get("KEVY_IO_ENGINE")) : IoEngineChoice.fromEnvironment();

        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> help = true;
                case "--low-cpu" -> lowCpu = true;
                case "--pin-cores" -> pinCores = true;
                case "--bind" -> bind = value(args, i++);
                case "--port" -> port = intValue(flag, value(args, i++), 0, 65_535);
                case "--shards" -> shards = intValue(flag, value(args, i++), 1, 1024);
                case "--spin-limit" -> spinLimit = intValue(flag, value(args, i++), -1, Integer.MAX_VALUE);
                case "--park-timeout-ms" -> parkTimeoutMs = intValue(flag, value(args, i++), 1, 60_000);
                case "--timer-slack-ns" -> timerSlack = intValue(flag, value(args, i++), 0, 1_000_000_000);
                case "--requirepass" -> requirePass = value(args, i++);
                case "--maxclients" -> maxClients = intValue(flag, value(args, i++), 1, 1_000_000);
                case "--maxmemory" -> maxMemory = bytesValue(flag, value(args, i++));
                case "--maxmemory-policy" -> policy = policyValue(flag, value(args, i++));
                case "--maxmemory-samples" -> samples = intValue(flag, value(args, i++), 1, Integer.MAX_VALUE);
                case "--maxmemory-eviction-tenacity" -> tenacity = intValue(flag, value(args, i++), 0, 100);
                case "--lfu-log-factor" -> lfuLogFactor = intValue(flag, value(args, i++), 0, Integer.MAX_VALUE);
                case "--lfu-decay-time" -> lfuDecayTime = intValue(flag, value(args, i++), 0, Integer.MAX_VALUE);
                case "--protected-mode" -> protectedMode = yesNo(flag, value(args, i++));
                case "--metrics-port" -> metricsPort = intValue(flag, value(args, i++), 0, 65_535);
                case "--metrics-bind" -> metricsBind = value(args, i++);
                case "--io-engine" -> ioEngine = engineValue(flag, value(args, i++));
                case "--notify-keyspace-events" -> notify = notifyValue(flag, value(args, i++));
                case "--databases" -> databases = intValue(flag, value(args, i++), 1, MAX_DATABASES);
                case "--dir" -> dir = value(args, i++);
                case "--dbfilename" -> dbfilename = fileNameValue(flag, value(args, i++));
                case "--save" -> save = saveValue(flag, value(args, i++));
                case "--appendonly" -> appendonly = yesNo(flag, value(args, i++));
                case "--appendfsync" -> appendfsync = fsyncValue(flag, value(args, i++));
                case "--appendfilename" -> appendfilename = fileNameValue(flag, value(args, i++));
                case "--appenddirname" -> appenddirname = fileNameValue(flag, value(args, i++));
                case "--aof-load-truncated" -> loadTruncated = yesNo(flag, value(args, i++));
                case "--aof-load-corrupt" -> loadCorrupt = yesNo(flag, value(args, i++));
                case "--auto-aof-rewrite-percentage" -> rewritePercentage = intValue(flag, value(args, i++), 0,
                        Integer.MAX_VALUE);
                case "--auto-aof-rewrite-min-size" -> rewriteMinSize = bytesValue(flag, value(args, i++));
                default -> throw new OptionException("unknown flag '" + flag + "' (see --help)");
            }
        }
        if (bind.isEmpty()) {
            throw new OptionException("--bind needs an address");
        }
        if (metricsBind == null) {
            metricsBind = bind;
        } else if (metricsBind.isEmpty()) {
            throw new OptionException("--metrics-bind needs an address");
        }
        if (dir.isEmpty()) {
            throw new OptionException("--dir needs a directory");
        }
        if (requirePass != null && requirePass.isEmpty()) {
            requirePass = null;
        }
        return new ServerOptions(bind, port, shards, spinLimit, parkTimeoutMs, lowCpu, pinCores,
                timerSlack, requirePass, maxClients, maxMemory, protectedMode, metricsBind, metricsPort, ioEngine,
                databases, new EvictionOptions(policy, samples, tenacity, lfuLogFactor, lfuDecayTime), notify,
                dir, dbfilename, save, new AppendOptions(appendonly, appendfsync, appendfilename, appenddirname,
                        loadTruncated, loadCorrupt, rewritePercentage, rewriteMinSize), help);
    }

    private static AppendLog.Policy fsyncValue(String name, String text) {
        AppendLog.Policy p = AppendLog.Policy.parse(text);
        if (p == null) {
            throw new OptionException(name + " must be always, everysec or no, not '" + text + "'");
        }
        return p;
    }

    private static String fileNameValue(String name, String text) {
        try {
            return Snapshots.checkedFileName(name.substring(2), text); // the option's name without its dashes
        } catch (IllegalArgumentException e) {
            throw new OptionException(name + ": " + e.getMessage());
        }
    }

    private static SaveRules saveValue(String name, String text) {
        try {
            return SaveRules.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OptionException(name + " must be pairs of seconds and changes like \"3600 1 300 100\", or \"\", not '"
                    + text + "'");
        }
    }

    private static int notifyValue(String name, String text) {
        int flags = NotifyClasses.bits(text);
        if (flags < 0) {
            throw new OptionException(name + ": invalid event class character in '" + text + "'. Use '"
                    + NotifyClasses.ACCEPTED + "'.");
        }
        return flags;
    }

    private static String value(String[] args, int flagIndex) {
        if (flagIndex + 1 >= args.length) {
            throw new OptionException(args[flagIndex] + " needs a value (see --help)");
        }
        return args[flagIndex + 1];
    }

    private static int intValue(String name, String text, int min, int max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new OptionException(name + " must be a whole number, not '" + text + "'");
        }
        if (v < min || v > max) {
            throw new OptionException(name + " must be between " + min + " and " + max + ", not " + v);
        }
        return (int) v;
    }

    private static IoEngineChoice engineValue(String name, String text) {
        try {
            return IoEngineChoice.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OptionException(name + " must be auto, epoll or io_uring, not '" + text + "'");
        }
    }

    private static EvictionPolicy policyValue(String name, String text) {
        EvictionPolicy policy = EvictionPolicy.parse(text);
        if (policy == null) {
            throw new OptionException(name + " must be one of " + EvictionPolicy.ACCEPTED + ", not '" + text + "'");
        }
        return policy;
    }

    private static boolean yesNo(String name, String text) {
        if (text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("no")) {
            return text.equalsIgnoreCase("yes");
        }
        throw new OptionException(name + " must be yes or no, not '" + text + "'");
    }

    private static long bytesValue(String name, String text) {
        try {
            return bytes(text);
        } catch (IllegalArgumentException e) {
            throw new OptionException(name + " must be a byte count like 100mb, not '" + text + "'");
        }
    }

    /**
     * A byte count as Redis's {@code memtoull} reads it: digits, then an optional unit, case
     * insensitive: {@code b}, {@code k}/{@code m}/{@code g} (powers of 1000) or
     * {@code kb}/{@code mb}/{@code gb} (powers of 1024); no digits at all reads as 0, as in Redis.
     * Values beyond {@code Long.MAX_VALUE} (which no machine has) are capped there.
     */
    static long bytes(String text) {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        long unit = switch (text.substring(digits).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000 * 1000;
            case "mb" -> 1024 * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> throw new IllegalArgumentException("not a byte count: " + text);
        };
        if (digits == 0) {
            return 0;
        }
        if (digits >= 128) { // Redis's buffer for the digits
            throw new IllegalArgumentException("not a byte count: " + text);
        }
        java.math.BigInteger v = new java.math.BigInteger(text.substring(0, digits)).multiply(
                java.math.BigInteger.valueOf(unit));
        return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
    }
}
