package dev.kevy.server;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.http.HttpCodec;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespLimits;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.metrics.Metrics;
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
        LiveSettings settings = new LiveSettings(options, config.idle().spinLimit(), limits.maxBulkLength());
        KevyServer server = new KevyServer(settings);
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.stop();
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
