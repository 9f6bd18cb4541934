package dev.kevy.io;

import dev.kevy.io.poll.EpollPoller;
import dev.kevy.io.poll.KqueuePoller;
import dev.kevy.io.poll.Poller;
import dev.kevy.io.shard.Shard;
import dev.kevy.io.shard.ShardStats;
import dev.kevy.rt.mesh.Mesh;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.park.Waker;
import dev.kevy.sys.Net;
import dev.kevy.sys.Platform;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts and stops a set of shards serving {@link Commands} on one TCP port.
 *
 * <pre>
 *   try (KevyRuntime rt = KevyRuntime.start(RuntimeConfig.builder().port(6379).build(), myCommands)) {
 *       rt.awaitTermination();
 *   }
 * </pre>
 * {@link #start} binds every listener on the calling thread before any shard thread exists, so a
 * busy port or a bad address fails there with a {@link SysException} and nothing to clean up.
 * {@link #stop()} is graceful: shards stop accepting and reading, answer what they already read,
 * close their connections, and exit.
 */
public final class KevyRuntime implements AutoCloseable {

    private final RuntimeConfig config;
    private final int port;
    private final String reactor;
    private final Poller[] pollers;
    private final Mesh mesh;
    private final Shard[] shards;
    private final Thread[] threads;
    private final CountDownLatch drained;
    private final CountDownLatch exited;
    private boolean stopped;

    private KevyRuntime(RuntimeConfig config, int port, Poller[] pollers, Mesh mesh, Shard[] shards,
                        CountDownLatch drained) {
        this.config = config;
        this.port = port;
        this.reactor = pollers[0].name();
        this.pollers = pollers;
        this.mesh = mesh;
        this.shards = shards;
        this.drained = drained;
        this.threads = new Thread[shards.length];
        this.exited = new CountDownLatch(shards.length);
    }

    /**
     * Binds the listeners, builds the shards and starts their threads.
     *
     * @throws SysException if a listener cannot be opened (port in use, address not available)
     */
    public static KevyRuntime start(RuntimeConfig config, Commands commands) {
        int n = config.shards();
        int[] listeners = openListeners(config);
        int boundPort = Net.localPort(listeners[0]);
        Poller[] pollers = new Poller[n];
        Mesh mesh = null;
        try {
            Waker[] wakers = new Waker[n];
            for (int i = 0; i < n; i++) {
                pollers[i] = Platform.isLinux() ? new EpollPoller(config.eventsPerPoll())
                        : new KqueuePoller(config.eventsPerPoll());
                wakers[i] = pollers[i].waker();
            }
            mesh = new Mesh(new ParkingLot(wakers), config.ringCapacity());
            CountDownLatch drained = new CountDownLatch(n);
            Shard[] shards = new Shard[n];
            ShardStats[] stats = new ShardStats[n];
            CommandHandler[] handlers = new CommandHandler[n];
            AtomicInteger openClients = new AtomicInteger(); // maxclients is one server-wide count
            for (int i = 0; i < n; i++) {
                stats[i] = new ShardStats();
            }
            for (int i = 0; i < n; i++) {
                int listenFd = i < listeners.length ? listeners[i] : -1;
                shards[i] = new Shard(i, config, pollers[i], mesh.port(i), commands, listenFd, drained, stats,
                        handlers, openClients);
            }
            KevyRuntime runtime = new KevyRuntime(config, boundPort, pollers, mesh, shards, drained);
            runtime.startThreads();
            return runtime;
        } catch (RuntimeException | Error e) {
            for (int fd : listeners) {
                Posix.close(fd);
            }
            for (Poller p : pollers) {
                if (p != null) {
                    p.close();
                }
            }
            if (mesh != null) {
                mesh.close();
            }
            throw e;
        }
    }

    /** One listener per shard on the same port (REUSE_PORT), or one for shard 0 (SINGLE_ACCEPTOR). */
    private static int[] openListeners(RuntimeConfig config) {
        boolean reusePort = config.acceptMode() == RuntimeConfig.AcceptMode.REUSE_PORT;
        int count = reusePort ? config.shards() : 1;
        int[] fds = new int[count];
        int port = config.port();
        if (reusePort && port != 0) {
            requireUnused(config.bindAddress(), port);
        }
        for (int i = 0; i < count; i++) {
            try {
                fds[i] = Net.openListener(config.bindAddress(), port, config.listenBacklog(), reusePort);
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

    private void startThreads() {
        for (int i = 0; i < shards.length; i++) {
            Shard shard = shards[i];
            Thread t = new Thread(() -> {
                try {
                    shard.run();
                } finally {
                    exited.countDown();
                    if (shard.failure() != null) {
                        Thread stopper = new Thread(this::stop, "kevy-stop");
                        stopper.setDaemon(true);
                        stopper.start(); // a broken shard takes the runtime down rather than serve a part
                    }
                }
            }, "kevy-shard-" + i);
            threads[i] = t;
            t.start();
        }
    }

    /** The port the shards listen on (the one picked when the configuration said 0). */
    public int port() {
        return port;
    }

    /** The reactor in use: {@code epoll} or {@code kqueue}. */
    public String reactor() {
        return reactor;
    }

    /** Number of shards. */
    public int shardCount() {
        return shards.length;
    }

    /** The configuration the runtime was started with. */
    public RuntimeConfig config() {
        return config;
    }

    /** Shard {@code i}'s counters. */
    public ShardStats stats(int i) {
        return shards[i].stats();
    }

    /** The first shard failure, or {@code null} if every shard ran and stopped cleanly. */
    public Throwable failure() {
        for (Shard s : shards) {
            if (s.failure() != null) {
                return s.failure();
            }
        }
        return null;
    }

    /** Blocks until every shard thread has exited. */
    public void awaitTermination() throws InterruptedException {
        exited.await();
    }

    /**
     * Stops gracefully and waits for it: no more accepts or reads, replies to what was read are
     * sent (connections that do not take them within 5 s are closed), then every shard exits.
     * Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (Shard s : shards) {
            s.requestDrain();
        }
        boolean interrupted = false;
        while (true) {
            try {
                drained.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Shard s : shards) {
            s.requestExit();
        }
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Poller p : pollers) {
            p.close(); // after every thread is gone, so no wake can reach a closed descriptor
        }
        mesh.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
