package dev.kevy.server;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.http.HttpCodec;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespLimits;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.metrics.Metrics;
import dev.kevy.server.persist.AppendLog;
import dev.kevy.server.persist.LogStore;
import dev.kevy.server.persist.SnapshotImage;
import dev.kevy.server.persist.SnapshotJob;
import dev.kevy.server.persist.Snapshots;
import dev.kevy.sys.SysException;

/**
 * {@code kevy-server}: parses flags, binds, prints one ready line, serves until SIGINT or SIGTERM,
 * then stops gracefully (no new connections, in-flight replies sent) and exits 0.
 *
 * <p>Every start-up failure (a bad flag, a busy port, an address that cannot be bound) prints one
 * line on standard error and exits with status 1 before any shard thread starts; {@code --help}
 * exits 0.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args, System.getenv());
        } catch (ServerOptions.OptionException e) {
            System.err.println("kevy: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ServerOptions.USAGE);
            return;
        }
        RuntimeConfig config;
        try {
            config = runtimeConfig(options);
        } catch (IllegalArgumentException e) {
            System.err.println("kevy: " + e.getMessage());
            System.exit(2);
            return;
        }
        raiseOpenFileLimit(options);
        RespLimits limits = RespLimits.DEFAULTS;
        // SHUTDOWN exits on a thread of its own: System.exit runs the shutdown hook, which stops
        // the shards and waits for them, so no shard may be the thread inside System.exit.
        LiveSettings settings = new LiveSettings(options, config.idle().spinLimit(), limits.maxBulkLength(),
                () -> new Thread(() -> System.exit(0), "kevy-shutdown-command").start());
        SnapshotImage image;
        AppendLog appendLog = null;
        try {
            if (options.append().enabled()) {
                appendLog = startupLog(options, settings.snapshots());
                image = appendLog.base();
            } else {
                image = startupImage(options, settings.snapshots());
            }
        } catch (IllegalStateException e) {
            System.err.println("kevy: " + e.getMessage());
            System.exit(1);
            return;
        }
        KevyServer server = new KevyServer(settings, image, appendLog);
        Listener resp = Listener.tcp(options.bind(), options.port(), new RespCodec(limits), server)
                .withRequireAuth(options.requirePass() != null);
        Listener[] listeners = options.metricsPort() == ServerOptions.NO_METRICS ? new Listener[] {resp}
                : new Listener[] {resp, Listener.tcp(options.metricsBind(), options.metricsPort(), new HttpCodec(),
                        new Metrics(server.gauges()))};
        KevyRuntime runtime;
        try {
            runtime = KevyRuntime.start(config, listeners);
        } catch (SysException e) {
            System.err.println("kevy: cannot " + e.getMessage()); // "listen on HOST:PORT: EADDRINUSE (...)"
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("kevy: " + e.getMessage());
            System.exit(1);
            return;
        }
        AppendLog.ShardWaker waker = shard -> runtime.submit(shard, Durability.RELEASE);
        settings.logWaker(waker); // for CONFIG SET appendonly yes
        if (appendLog != null) {
            appendLog.start(waker);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            finalSnapshot(runtime, settings.snapshots());
            runtime.stop();
            AppendLog log = settings.appendLog(); // the start-up one, or one CONFIG SET turned on
            if (log != null) {
                log.stop(); // what the shards committed is written and synced before the process ends
            }
            Runtime.getRuntime().halt(runtime.failure() == null ? 0 : 1);
        }, "kevy-shutdown"));
        System.out.println("kevy ready on " + options.bind() + ":" + runtime.port() + " (" + runtime.shardCount()
                + (runtime.shardCount() == 1 ? " shard, " : " shards, ") + runtime.reactor() + ", pid "
                + ProcessHandle.current().pid() + ")"
                + (listeners.length > 1 ? "; metrics on http://" + options.metricsBind() + ":" + runtime.port(1)
                        + "/metrics" : ""));
        System.out.flush();
        try {
            runtime.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable failure = runtime.failure();
        if (failure != null) {
            System.err.println("kevy: a shard failed: " + failure);
            Runtime.getRuntime().halt(1);
        }
    }

    /**
     * The snapshot to load ({@code dir/dbfilename}, checked whole), or null when there is none.
     *
     * @throws IllegalStateException with the one line to print: no such directory, an unreadable
     *         or damaged file, or a file with more databases than {@code --databases}
     */
    static SnapshotImage startupImage(ServerOptions options, Snapshots snapshots) {
        try {
            snapshots.dir(options.dir()); // Redis exits when it cannot chdir there
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("--dir " + options.dir() + ": " + e.getMessage());
        }
        SnapshotImage image = SnapshotImage.read(snapshots.dir(), snapshots.dbfilename(), options.shards());
        if (image == null) {
            return null;
        }
        if (image.highestDb() >= options.databases()) {
            throw new IllegalStateException(image.path() + " holds database " + image.highestDb() + " but --databases is "
                    + options.databases() + "; start with --databases " + (image.highestDb() + 1) + " or more");
        }
        System.out.println("kevy: loading " + image.keys() + " keys from " + image.path());
        return image;
    }

    /**
     * The append-only log of {@code dir}: its base snapshot and log, or, on the first start with
     * {@code --appendonly yes}, a new log whose base is the RDB snapshot found there.
     *
     * @throws IllegalStateException with the one line to print
     */
    static AppendLog startupLog(ServerOptions options, Snapshots snapshots) {
        try {
            snapshots.dir(options.dir());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("--dir " + options.dir() + ": " + e.getMessage());
        }
        ServerOptions.AppendOptions append = options.append();
        LogStore store = LogStore.open(snapshots.dir(), append.dirname(), append.filename(), options.shards(), append.loadTruncated(),
                append.loadCorrupt(), () -> startupImage(options, snapshots));
        SnapshotImage base = store.base();
        if (base != null && base.highestDb() >= options.databases()) {
            throw new IllegalStateException(base.path() + " holds database " + base.highestDb() + " but --databases is "
                    + options.databases() + "; start with --databases " + (base.highestDb() + 1) + " or more");
        }
        return new AppendLog(options.shards(), append.fsync(), store);
    }

    /**
     * Redis's final save on SIGTERM when save rules are set: every shard serializes its part on its
     * own thread (a task), the writer puts the file on disk, and only then do the shards stop.
     */
    static void finalSnapshot(KevyRuntime runtime, Snapshots snapshots) {
        if (!snapshots.wantsFinalSave()) {
            return;
        }
        System.out.println("kevy: saving the final RDB snapshot before exiting");
        long deadline = System.currentTimeMillis() + 600_000;
        SnapshotJob job;
        while ((job = snapshots.begin(System.currentTimeMillis())) == null) { // one is running: let it finish
            if (!pause(deadline)) {
                return;
            }
        }
        SnapshotJob taken = job;
        for (int s = 0; s < runtime.shardCount(); s++) {
            while (!runtime.submit(s, (handler, context) -> ((ShardHandler) handler).snapshotPart(taken))) {
                if (!pause(deadline)) {
                    return;
                }
            }
        }
        while (!job.done()) {
            if (!pause(deadline)) {
                return;
            }
        }
        System.out.println(job.succeeded() ? "kevy: DB saved on disk" : "kevy: the final snapshot failed: " + job.error());
    }

    private static boolean pause(long deadline) {
        if (System.currentTimeMillis() > deadline) {
            System.err.println("kevy: the final snapshot did not finish in time");
            return false;
        }
        try {
            Thread.sleep(5);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Raises the soft open-file limit to what maxclients needs (a descriptor per client, plus the
     * listeners, pollers and wakers), as Redis does at start-up; the usual default of 1024 would
     * otherwise refuse clients long before maxclients. Only warns when the hard limit is lower.
     */
    static void raiseOpenFileLimit(ServerOptions options) {
        long wanted = options.maxClients() + 32L + 4L * options.shards();
        long soft = dev.kevy.sys.Limits.raiseOpenFiles(wanted);
        if (soft >= 0 && soft < wanted) {
            System.err.println("kevy: warning: the open-file limit is " + soft + ", so fewer than maxclients ("
                    + options.maxClients() + ") clients can connect; raise the hard limit (ulimit -Hn)");
        }
    }

    /** The runtime settings the flags describe. */
    static RuntimeConfig runtimeConfig(ServerOptions o) {
        IdlePolicy defaults = o.lowCpu() ? IdlePolicy.lowCpu() : IdlePolicy.forShards(o.shards());
        long parkNanos = o.parkTimeoutMs() * 1_000_000L;
        long tickNanos = Math.max(defaults.tickIntervalNanos(), parkNanos);
        int spin = o.spinLimit() >= 0 && !o.lowCpu() ? o.spinLimit() : defaults.spinLimit();
        int yield = o.spinLimit() >= 0 || o.lowCpu() ? 0 : defaults.yieldLimit();
        IdlePolicy idle = new IdlePolicy(spin, yield, parkNanos, tickNanos, defaults.tickCheckEvery());
        return RuntimeConfig.builder()
                .shards(o.shards())
                .idle(idle)
                .pinCores(o.pinCores())
                .timerSlackNanos(o.timerSlackNanos())
                .maxClients(o.maxClients())
                .ioEngine(o.ioEngine())
                .build();
    }
}
