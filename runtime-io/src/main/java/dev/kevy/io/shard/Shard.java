package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.ShardStats;
import dev.kevy.io.engine.IoEngine;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.task.ShardInbox;
import dev.kevy.sys.Affinity;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Prctl;
import java.lang.foreign.Arena;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shard: a thread that owns an I/O engine, its sockets on every listener, its connections, its
 * handlers' state and its end of every ring. This class is the thread's side that other threads
 * see (start, graceful stop, failure); the loop and everything it owns is {@link ShardLoop}, built
 * on the shard's own thread. Nothing in the loop allocates once buffers have grown to the load.
 *
 * <h2>Stopping</h2>
 * {@link #requestDrain()}: stop accepting and reading, answer what was read, close each
 * connection once its replies are out, keep serving peers' requests; then count down the drained
 * latch. {@link #requestExit()} (after every shard drained): leave the loop.
 */
public final class Shard implements Runnable {

    /**
     * How often idle pool slabs are given back (each trim frees what the interval before it did
     * not use, so memory goes back after 5 to 10 s of lower use). Every tick was too eager: a
     * bursty load freed slabs and faulted them back in, and closing a slab's shared arena makes
     * every Java thread, the other shards included, stop for a handshake. jemalloc's default
     * decay (10 s) is of the same order.
     */
    static final long TRIM_INTERVAL_MILLIS = 5_000;

    private static final int RUNNING = 0;
    private static final int DRAINING = 1;
    private static final int EXIT = 2;

    private final int me;
    private final RuntimeConfig config;
    private final IoEngine engine;
    private final MeshPort port;
    private final ShardInbox<Submission> inbox;
    private final Listener[] listeners;
    private final CountDownLatch drained;
    /** {@code handlers[l][s]}: shard {@code s}'s handler of listener {@code l}. */
    private final CommandHandler[][] handlers;
    private final AtomicInteger openClients;
    private final ShardStats[] allStats;
    private final Counters stats;
    /** This shard's socket on each listener, or -1 (single-acceptor mode, other shards; closed). */
    private final int[] listenFds;

    private volatile int lifecycle = RUNNING;
    private boolean drainCounted;
    private volatile Throwable failure;

    /**
     * @param listenFds the shard's socket on each listener, or -1 (single-acceptor mode, other shards)
     * @param drained  counted down once when this shard has closed its connections on shutdown
     * @param stats    this shard's counters
     * @param allStats every shard's published counters, this shard's at index {@code me}
     * @param handlers every shard's handler of every listener, filled in by each shard as it starts
     *                 (for atomic commands)
     * @param openClients the server's open connections, shared by every shard (exact maxclients)
     */
    Shard(int me, RuntimeConfig config, IoEngine engine, MeshPort port, ShardInbox<Submission> inbox,
          Listener[] listeners, int[] listenFds,
          CountDownLatch drained, Counters stats, ShardStats[] allStats, CommandHandler[][] handlers,
          AtomicInteger openClients) {
        this.me = me;
        this.config = config;
        this.engine = engine;
        this.port = port;
        this.inbox = inbox;
        this.listeners = listeners;
        this.listenFds = listenFds;
        this.drained = drained;
        this.stats = stats;
        this.allStats = allStats;
        this.handlers = handlers;
        this.openClients = openClients;
    }

    /** Begins the graceful stop; any thread. */
    public void requestDrain() {
        if (lifecycle == RUNNING) {
            lifecycle = DRAINING;
        }
        engine.waker().wake();
    }

    /** Leaves the loop at the next iteration; any thread. */
    public void requestExit() {
        lifecycle = EXIT;
        engine.waker().wake();
    }

    boolean drainRequested() {
        return lifecycle == DRAINING;
    }

    boolean exitRequested() {
        return lifecycle == EXIT;
    }

    RuntimeConfig config() {
        return config;
    }

    /** Hands a task or message to this shard from any thread; {@code false} when its inbox is full. */
    boolean submit(Submission s) {
        return inbox.submit(s);
    }

    /** What made the loop fail, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        if (config.pinCores() && Affinity.isSupported()) {
            int r = Affinity.pinCurrentThread(me % Runtime.getRuntime().availableProcessors());
            if (r < 0) {
                ShardLog.warn(me, "pinning to a core: " + Errno.name(r));
            }
        }
        if (config.timerSlackNanos() > 0) {
            Prctl.setTimerSlackNanos(config.timerSlackNanos());
        }
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(MappedMemory.INSTANCE); // slabs as mappings: a trim shrinks the process
            try {
                new ShardLoop(this, arena, pool, engine, port, inbox, listeners, listenFds, stats, allStats, handlers,
                        openClients).run();
            } finally {
                pool.close();
            }
        } catch (Throwable t) {
            failure = t;
            ShardLog.error(me, "stopped by an unexpected failure", t);
        } finally {
            stats.publish();
            markDrained(); // a failed shard must not hold up the others' stop
        }
    }

    /** Counts this shard down on the shared latch, once. */
    void markDrained() {
        if (!drainCounted) {
            drainCounted = true;
            drained.countDown();
        }
    }
}
