package dev.kevy.io;

import dev.kevy.io.shard.Engine;
import dev.kevy.sys.Net;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Starts and stops a set of shards serving one or more {@link Listener}s.
 *
 * <pre>
 *   try (KevyRuntime rt = KevyRuntime.start(RuntimeConfig.builder().shards(2).build(),
 *           Listener.tcp("127.0.0.1", 6379, new RespCodec(), myCommands))) {
 *       rt.awaitTermination();
 *   }
 * </pre>
 * {@link #start} binds every listener on the calling thread before any shard thread exists, so a
 * busy port or a bad address fails there with a {@link SysException} and nothing to clean up; it
 * refuses to start without a listener. {@link #stop()} is graceful: shards stop accepting and
 * reading, answer what they already read, close their connections, and exit.
 */
public final class KevyRuntime implements AutoCloseable {

    private final RuntimeConfig config;
    private final int[] ports;
    private final ShardStats[] stats;
    private final Engine engine;

    private KevyRuntime(RuntimeConfig config, int[] ports, ShardStats[] stats, Engine engine) {
        this.config = config;
        this.ports = ports;
        this.stats = stats;
        this.engine = engine;
    }

    /**
     * Binds the listeners, builds the shards and starts their threads.
     *
     * @throws IllegalArgumentException if no listener is given
     * @throws SysException if a listener cannot be opened (port in use, address not available);
     *         its operation names the listener ({@code listen on 127.0.0.1:6379}), its cause the step
     */
    public static KevyRuntime start(RuntimeConfig config, Listener... listeners) {
        if (listeners.length == 0) {
            throw new IllegalArgumentException("a runtime needs at least one listener (Listener.tcp(...)); none given");
        }
        int[][] fds = new int[listeners.length][];
        int[] ports = new int[listeners.length];
        try {
            for (int l = 0; l < listeners.length; l++) {
                fds[l] = openListeners(config, listeners[l]);
                ports[l] = Net.localPort(fds[l][0]);
            }
            int n = config.shards();
            long[][] published = new long[n][ShardStats.COUNT];
            ShardStats[] stats = new ShardStats[n];
            for (int i = 0; i < n; i++) {
                stats[i] = new ShardStats(published[i]);
            }
            Engine engine = Engine.start(config, listeners, fds, published, stats);
            return new KevyRuntime(config, ports, stats, engine);
        } catch (RuntimeException | Error e) {
            for (int[] perShard : fds) {
                if (perShard != null) {
                    for (int fd : perShard) {
                        if (fd >= 0) {
                            Posix.close(fd);
                        }
                    }
                }
            }
            throw e;
        }
    }

    /**
     * One socket per shard on the same port (REUSE_PORT), or one for shard 0 (SINGLE_ACCEPTOR);
     * index {@code s} is shard {@code s}'s, -1 where a shard does not accept.
     */
    private static int[] openListeners(RuntimeConfig config, Listener listener) {
        try {
            return openSockets(config, listener);
        } catch (SysException e) {
            // Which listener failed matters more to the operator than which step: name it.
            SysException named = new SysException("listen on " + listener.bindAddress() + ":" + listener.port(),
                    e.errno());
            named.initCause(e);
            throw named;
        }
    }

    private static int[] openSockets(RuntimeConfig config, Listener listener) {
        boolean reusePort = config.acceptMode() == RuntimeConfig.AcceptMode.REUSE_PORT;
        int count = reusePort ? config.shards() : 1;
        int[] fds = new int[config.shards()];
        Arrays.fill(fds, -1);
        int port = listener.port();
        if (reusePort && port != 0) {
            requireUnused(listener.bindAddress(), port);
        }
        for (int i = 0; i < count; i++) {
            try {
                fds[i] = Net.openListener(listener.bindAddress(), port, config.listenBacklog(), reusePort);
            } catch (RuntimeException e) {
                for (int j = 0; j < i; j++) {
                    Posix.close(fds[j]);
                }
                throw e;
            }
            port = Net.localPort(fds[i]); // port 0: the others join the one the kernel picked
        }
        return fds;
    }

    /**
     * Throws EADDRINUSE if anything listens on {@code port} already. SO_REUSEPORT lets any socket
     * of the same user join a port whose holders all set it, so without this check a second
     * server (another kevy, or any reuse-port server) would start "successfully" and silently take
     * a share of the first one's connections. The probe binds without SO_REUSEPORT, which
     * conflicts with every existing listener; it never listens, so it accepts nothing, and it is
     * closed before the real listeners bind.
     */
    private static void requireUnused(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve listen host '" + host + "'", e);
        }
        int family = address instanceof Inet6Address ? Net.AF_INET6 : Net.AF_INET;
        int fd = SysException.check("socket", Net.openSocket(family));
        try {
            Net.setOption(fd, Net.SOL_SOCKET, Net.SO_REUSEADDR, 1); // as the listeners: TIME_WAIT is no conflict
            int r = Net.bind(fd, address, port);
            if (r < 0) {
                throw new SysException("bind " + host + ":" + port, -r);
            }
        } finally {
            Posix.close(fd);
        }
    }

    /** The port of the first listener (the one picked when it said 0). */
    public int port() {
        return ports[0];
    }

    /** The port of listener {@code listener}, in the order given to {@link #start}. */
    public int port(int listener) {
        return ports[listener];
    }

    /**
     * Runs {@code task} on shard {@code shard}'s thread with listener {@code listener}'s handler
     * there, from any thread; a parked shard is woken. Never blocks: returns {@code false} when the
     * shard's inbox holds 4096 tasks already (the
     * caller decides whether to retry, drop or slow down). Tasks from one thread to one shard run
     * in order.
     */
    public boolean submit(int shard, int listener, ShardTask task) {
        java.util.Objects.checkIndex(shard, shardCount());
        java.util.Objects.checkIndex(listener, ports.length);
        return engine.submit(shard, listener, task);
    }

    /** {@link #submit(int, int, ShardTask)} for the first listener's handler. */
    public boolean submit(int shard, ShardTask task) {
        return submit(shard, 0, task);
    }

    /**
     * Sends a message of {@code type} to listener {@code listener}'s handler on shard
     * {@code shard}, from any thread: it arrives through {@link CommandHandler#onMessage} with
     * {@code fromShard} -1 and a copy of {@code payload}. Returns {@code false} when the shard's
     * inbox is full, as {@link #submit} does.
     */
    public boolean send(int shard, int listener, int type, byte[] payload) {
        java.util.Objects.checkIndex(shard, shardCount());
        java.util.Objects.checkIndex(listener, ports.length);
        return engine.send(shard, listener, type, payload);
    }

    /** The reactor in use: {@code epoll} or {@code kqueue}. */
    public String reactor() {
        return engine.reactor();
    }

    /** Number of shards. */
    public int shardCount() {
        return stats.length;
    }

    /** The configuration the runtime was started with. */
    public RuntimeConfig config() {
        return config;
    }

    /** Shard {@code i}'s counters. */
    public ShardStats stats(int i) {
        return stats[i];
    }

    /** The first shard failure, or {@code null} if every shard ran and stopped cleanly. */
    public Throwable failure() {
        return engine.failure();
    }

    /** Blocks until every shard thread has exited. */
    public void awaitTermination() throws InterruptedException {
        engine.awaitTermination();
    }

    /**
     * Stops gracefully and waits for it: no more accepts or reads, replies to what was read are
     * sent (connections that do not take them within 5 s are closed), then every shard exits.
     * Idempotent.
     */
    public void stop() {
        engine.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
