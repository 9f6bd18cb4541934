package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.ShardStats;
import dev.kevy.io.poll.Poller;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.rt.idle.TickCadence;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.sys.Affinity;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Prctl;
import java.lang.foreign.Arena;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shard: a thread that owns a poller, its sockets on every listener, its connections, its
 * handlers' state and its end of every ring. Nothing in {@link #loop()} allocates once buffers have grown to the load.
 *
 * <h2>One iteration</h2>
 * <ol>
 *   <li>If the idle policy says park: announce it, fence, drain the inbound rings once more, and
 *       only if that found nothing block in the poller for at most the park timeout.</li>
 *   <li>Poll; accept; read and dispatch every ready connection (one {@code read} each).</li>
 *   <li>Drain inbound rings: run peers' requests, place their replies.</li>
 *   <li>Move backlogs into rings with room; publish every ring written (one release store each);
 *       wake each parked peer that was sent something (one fence, at most one wake each).</li>
 *   <li>Write every connection with new replies (one {@code write}/{@code writev} each).</li>
 *   <li>Tick if due (the clock is read every few hundred iterations, and after each park).</li>
 * </ol>
 * Work is counted honestly (events handled, records drained or moved, connections accepted) and
 * drives the idle state machine ({@code IdleBackoff}, behind a {@link SpinGuard} that stops
 * spinning while other threads want the core): a busy shard never parks, an idle one parks after
 * the policy's spins and yields.
 *
 * <h2>Stopping</h2>
 * {@link #requestDrain()}: stop accepting and reading, answer what was read, close each
 * connection once its replies are out, keep serving peers' requests; then count down the drained
 * latch. {@link #requestExit()} (after every shard drained): leave the loop.
 */
public final class Shard implements Runnable, ShardContext {

    private static final int DRAIN_LIMIT = 4096;
    private static final long DRAIN_DEADLINE_MILLIS = 5_000;
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
    private final Poller poller;
    private final MeshPort port;
    private final ParkingLot parking;
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

    private BufferPool pool;
    private IdlePolicy idle;
    private IdlePolicy pendingIdle;
    private ConnectionIo io;
    private ConnectionTable table;
    private Service[] services;
    private Acceptor acceptor;
    /** A client limit applied by a handler's constructor, before the connections exist; or 0. */
    private int limitBeforeStart;
    private long nowMillis;
    private long lastTrimMillis;

    /**
     * @param listenFds the shard's socket on each listener, or -1 (single-acceptor mode, other shards)
     * @param drained  counted down once when this shard has closed its connections on shutdown
     * @param stats    this shard's counters
     * @param allStats every shard's published counters, this shard's at index {@code me}
     * @param handlers every shard's handler of every listener, filled in by each shard as it starts
     *                 (for atomic commands)
     * @param openClients the server's open connections, shared by every shard (exact maxclients)
     */
    Shard(int me, RuntimeConfig config, Poller poller, MeshPort port, Listener[] listeners, int[] listenFds,
          CountDownLatch drained, Counters stats, ShardStats[] allStats, CommandHandler[][] handlers,
          AtomicInteger openClients) {
        this.me = me;
        this.config = config;
        this.poller = poller;
        this.port = port;
        this.parking = port.parking();
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
        poller.waker().wake();
    }

    /** Leaves the loop at the next iteration; any thread. */
    public void requestExit() {
        lifecycle = EXIT;
        poller.waker().wake();
    }

    /** This shard's counters (published each tick). */
    @Override
    public ShardStats stats() {
        return allStats[me];
    }

    @Override
    public ShardStats stats(int shard) {
        return allStats[shard];
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
            pool = new BufferPool(MappedMemory.INSTANCE); // slabs as mappings: a trim shrinks the process
            try {
                loop(arena);
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

    private void loop(Arena arena) {
        table = new ConnectionTable(me, pool, config.queryBufferLimit(), config.outputLimitBytes(),
                config.maxInFlight(), listeners.length);
        nowMillis = System.currentTimeMillis();
        services = new Service[listeners.length];
        for (int l = 0; l < listeners.length; l++) {
            CommandHandler handler = listeners[l].commands().forShard(this);
            // Plain store: the coordinator reads it only after this shard's FROZEN, whose ring
            // publish (a release store) follows it in program order (see dev.kevy.rt.freeze).
            handlers[l][me] = handler;
            services[l] = new Service(l, listeners[l], handler, handlers[l]);
        }
        Dispatcher dispatcher = new Dispatcher(me, port, table, pool, stats, services, arena.allocate(Long.BYTES));
        io = new ConnectionIo(me, config, poller, table, dispatcher, stats, openClients, arena);
        dispatcher.bind(io);
        io.now(nowMillis);
        if (limitBeforeStart > 0) {
            io.maxClients(limitBeforeStart);
        }
        acceptor = new Acceptor(me, config, poller, port, listenFds, arena);
        acceptor.register();

        idle = config.idle();
        SpinGuard backoff = new SpinGuard(idle);
        TickCadence cadence = new TickCadence(idle, System.nanoTime());
        int parkTimeoutMs = (int) Math.max(1, idle.parkTimeoutNanos() / 1_000_000L);
        long drainDeadline = 0;
        boolean park = false;
        int frozenIdle = 0;
        try {
            while (lifecycle != EXIT) {
                if (dispatcher.frozen()) {
                    frozenIdle = frozenIteration(dispatcher, frozenIdle, parkTimeoutMs);
                    continue;
                }
                frozenIdle = 0;
                int work = 0;
                int timeout = 0;
                if (park) {
                    parking.announcePark(me); // full fence inside: pairs with the peers' wakeParked
                    work = port.drainInbound(dispatcher, DRAIN_LIMIT);
                    if (work == 0) {
                        timeout = parkTimeoutMs;
                        stats.parks++;
                    } else {
                        parking.clearPark(me);
                    }
                }
                int n = poller.poll(timeout);
                if (timeout != 0) {
                    parking.clearPark(me);
                }
                nowMillis = System.currentTimeMillis();
                io.now(nowMillis);
                for (int i = 0; i < n; i++) {
                    long token = poller.token(i);
                    if (Acceptor.isListener(token)) {
                        work += acceptor.accept(token, io, services);
                    } else if (token == Poller.WAKE_TOKEN) {
                        poller.clearWake(); // the records it announced are counted when drained
                    } else {
                        work += io.onEvent(token, poller.ready(i));
                    }
                }
                if (n < 0 && n != -Errno.EINTR) {
                    ShardLog.warn(me, "poll: " + Errno.name(n));
                }
                work += port.drainInbound(dispatcher, DRAIN_LIMIT);
                work += dispatcher.runAtomics();
                work += port.flushBacklogs();
                port.publishAll();
                stats.wakes += port.wakeParkedPeers();
                io.flushDirty();

                // A busy iteration reads the clock: few long iterations (deep pipelines) must not
                // hold the tick, and so active expiry, back for thousands of iterations.
                if (cadence.shouldReadClock(timeout != 0 || work > 0) && cadence.due(System.nanoTime())) {
                    for (Service service : services) {
                        service.handler.onTick(nowMillis);
                    }
                    if (nowMillis - lastTrimMillis >= TRIM_INTERVAL_MILLIS) {
                        lastTrimMillis = nowMillis;
                        pool.trim(); // slabs unused for a whole trim interval go back to the OS
                    }
                    backoff.tick();
                    stats.spinSuspensions = backoff.suspensions();
                    acceptor.unmuteOnTick();
                    stats.backlogTargets = port.hasBacklog() ? 1 : 0;
                    stats.outboundBytes = port.outboundBytes();
                    stats.poolBlocksOut = pool.blocksOut();
                    stats.poolBytesOut = pool.bytesOut();
                    stats.publish();
                    if (pendingIdle != null) { // CONFIG SET, applied by the handler's tick
                        idle = pendingIdle;
                        pendingIdle = null;
                        backoff = new SpinGuard(idle);
                        cadence = new TickCadence(idle, System.nanoTime());
                        parkTimeoutMs = (int) Math.max(1, idle.parkTimeoutNanos() / 1_000_000L);
                    }
                }
                if (lifecycle == DRAINING) {
                    if (drainDeadline == 0) {
                        drainDeadline = nowMillis + DRAIN_DEADLINE_MILLIS;
                        acceptor.close();
                        io.stopReading();
                        work++;
                    } else if (nowMillis > drainDeadline) {
                        io.closeAll(); // clients that do not read their replies do not hold up exit
                    }
                    if (io.openCount() == 0) {
                        markDrained();
                    }
                }
                boolean idleNow = work == 0;
                for (Service service : services) {
                    if (service.handler.backgroundWork(nowMillis, idleNow)) {
                        work++; // not idle while a handler has work: no park until it is done
                    }
                }
                work += endOfIteration(dispatcher);
                stats.iterations++;
                boolean parked = timeout != 0;
                park = backoff.idle(work, port.hasBacklog(), parked,
                        backoff.shouldReadClock(work, parked) ? System.nanoTime() : 0L);
            }
        } finally {
            if (acceptor != null) {
                acceptor.close();
            }
            io.closeAll();
            try {
                for (Service service : services) {
                    service.handler.close();
                }
            } finally {
                dispatcher.release();
            }
        }
    }

    /**
     * The last step of a normal iteration, after the replies are written, the tick and the
     * handler's background work have run (nothing touches the handler's state after a freeze):
     * the coordinator starts (or runs) a turn for atomic commands queued since the drain, and a
     * participant that was asked to freeze, or forwarded an atomic command, freezes now, so it has
     * served its clients once since the last turn. Whatever this sent is published at once.
     */
    private int endOfIteration(Dispatcher dispatcher) {
        int work = dispatcher.runAtomics();
        if (dispatcher.freezeIfWanted()) {
            work++;
        }
        work += port.flushBacklogs();
        port.publishAll(); // nothing to do, and no store, when nothing was sent since the last one
        stats.wakes += port.wakeParkedPeers();
        return work;
    }

    /**
     * One iteration while frozen for a turn of the coordinator: move ring traffic only (peers'
     * requests are deferred by the dispatcher, THAW ends it), read no connection, write no reply
     * (a flush may resume a paused connection and run its commands), run no tick. The iteration
     * that drains the THAW writes the replies at once: they came with the turn, and their clients'
     * next requests are what the next turn runs (measured: 7-12% more atomic commands a second). When nothing
     * moved it spins as the idle policy allows, then parks with the ordinary protocol (announce,
     * fence, drain once more) but waits for the wake alone: the connections' readiness would end
     * an ordinary poll at once.
     */
    private int frozenIteration(Dispatcher dispatcher, int idleRounds, int parkTimeoutMs) {
        int moved = port.drainInbound(dispatcher, DRAIN_LIMIT);
        moved += port.flushBacklogs();
        port.publishAll();
        stats.wakes += port.wakeParkedPeers();
        if (!dispatcher.frozen()) {
            io.flushDirty(); // thawed: the turn's replies go out now, not after the next reads
            return 0;
        }
        if (moved > 0) {
            return 0;
        }
        if (idleRounds < idle.spinLimit()) {
            Thread.onSpinWait();
            return idleRounds + 1;
        }
        parking.announcePark(me); // full fence inside: pairs with the coordinator's wakeParked
        if (port.drainInbound(dispatcher, DRAIN_LIMIT) == 0 && !port.hasBacklog()) {
            stats.parks++;
            poller.awaitWake(parkTimeoutMs);
        }
        parking.clearPark(me);
        return 0;
    }

    /** Counts this shard down on the shared latch, once. */
    private void markDrained() {
        if (!drainCounted) {
            drainCounted = true;
            drained.countDown();
        }
    }

    @Override
    public int shard() {
        return me;
    }

    @Override
    public int shards() {
        return config.shards();
    }

    @Override
    public RuntimeConfig config() {
        return config;
    }

    @Override
    public long nowMillis() {
        return nowMillis;
    }

    @Override
    public BufferPool pool() {
        return pool;
    }

    @Override
    public void applyLimits(int maxClients, IdlePolicy policy) {
        if (io == null) {
            limitBeforeStart = maxClients; // a handler applying its limits while it is created
        } else {
            io.maxClients(maxClients);
        }
        if (policy != null && !policy.equals(idle)) {
            pendingIdle = policy;
        }
    }

    @Override
    public IdlePolicy idlePolicy() {
        return idle;
    }

    @Override
    public int sessionSlots() {
        return table.capacity();
    }

    @Override
    public Session sessionAt(int i) {
        Connection c = table.at(i);
        return c.isOpen() ? c : null;
    }

    @Override
    public void kill(Session session) {
        if (session instanceof Connection c && c.isOpen() && c.shard() == me) {
            io.kill(c);
        }
    }
}
