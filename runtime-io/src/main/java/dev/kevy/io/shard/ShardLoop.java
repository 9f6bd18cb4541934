package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.ShardStats;
import dev.kevy.io.engine.IoEngine;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.rt.idle.TickCadence;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.task.ShardInbox;
import dev.kevy.rt.task.TaskSink;
import dev.kevy.sys.Errno;
import java.lang.foreign.Arena;

/**
 * A running shard's loop and everything it owns, built on the shard's thread (its arena is
 * confined to it) and wired through constructors, parts first: connections, replies, tickets,
 * dispatch, then each listener's handler with its {@link Context}.
 *
 * <h2>One iteration</h2>
 * <ol>
 *   <li>{@link #waitForWork}: run the I/O engine without blocking, or, when the idle policy says
 *       park, announce it, fence, look at the inbound rings once more, and only if that found
 *       nothing block in the engine for at most the park timeout.</li>
 *   <li>{@link #handleCompletions}: adopt accepted sockets; decode and dispatch what each
 *       connection received (one {@code read} each, with epoll).</li>
 *   <li>{@link #drainInbound}: run peers' requests, place their replies, deliver messages.</li>
 *   <li>{@link #sendToPeers}: move backlogs into rings with room; publish every ring written (one
 *       release store each); wake each parked peer that was sent something.</li>
 *   <li>write every connection with new replies (one {@code write}/{@code writev} each).</li>
 *   <li>{@link #tickIfDue}: the tick, when due (the clock is read every few hundred iterations,
 *       and after each park); then the drain step of a graceful stop, and the handlers'
 *       background work.</li>
 *   <li>{@link #endOfIteration}: atomic turns and freezes, whose records go out at once.</li>
 * </ol>
 * Work is counted honestly (events handled, records drained or moved, connections accepted) and
 * drives the idle state machine ({@code IdleBackoff}, behind a {@link SpinGuard} that stops
 * spinning while other threads want the core): a busy shard never parks, an idle one parks after
 * the policy's spins and yields.
 */
final class ShardLoop {

    private static final int DRAIN_LIMIT = 4096;
    private static final long DRAIN_DEADLINE_MILLIS = 5_000;
    /** Turns of the loop per call of {@link #iterations}. */
    private static final int TURNS_PER_CALL = 256;

    final int me;
    final RuntimeConfig config;
    final BufferPool pool;
    final ShardStats[] allStats;
    final ConnectionTable table;
    final ConnectionIo io;
    final Tickets tickets;
    final Pushes pushes;
    final Messages messages;
    final Timers timers;
    final Outbound outbound;
    private final Shard shard;
    private final IoEngine engine;
    private final MeshPort port;
    private final ParkingLot parking;
    private final Counters stats;
    private final Gathers gathers;
    private final Atomics atomics;
    private final Connections connections;
    private final Dispatcher dispatcher;
    private final Inbound inbound;
    private final Acceptor acceptor;
    private final Service[] services;
    private final ShardInbox<Submission> inbox;
    private final Context[] contexts;
    private final TaskRunner tasks = new TaskRunner();

    private IdlePolicy idle;
    private IdlePolicy pendingIdle;
    private SpinGuard backoff;
    private TickCadence cadence;
    private int parkTimeoutMs;
    private long nowMillis;
    private long lastTrimMillis;
    private long drainDeadline;

    ShardLoop(Shard shard, Arena arena, BufferPool pool, IoEngine engine, MeshPort port, ShardInbox<Submission> inbox,
              Listener[] listeners, int[] listenFds, Counters stats, ShardStats[] allStats,
              CommandHandler[][] handlers, java.util.concurrent.atomic.AtomicInteger openClients) {
        this.shard = shard;
        this.me = port.shard();
        this.config = shard.config();
        this.pool = pool;
        this.engine = engine;
        this.port = port;
        this.inbox = inbox;
        this.parking = port.parking();
        this.stats = stats;
        this.allStats = allStats;
        this.nowMillis = System.currentTimeMillis();
        this.services = new Service[listeners.length]; // filled below, once each handler exists
        this.table = new ConnectionTable(me, pool, config.queryBufferLimit(), config.outputLimitBytes(),
                config.maxInFlight(), listeners.length);
        this.gathers = new Gathers(pool);
        Delivery delivery = new Delivery(me, port, table, gathers);
        this.tickets = new Tickets(me, port, table, delivery, pool, stats, services);
        this.pushes = new Pushes(table, stats);
        this.messages = new Messages(me, port, pool, stats, services);
        this.atomics = new Atomics(me, port, pool, arena.allocate(Long.BYTES));
        this.dispatcher = new Dispatcher(me, port, table, gathers, delivery, tickets, atomics, pool, stats);
        this.connections = new Connections(me, config, engine, table, tickets, stats, openClients, arena);
        this.connections.now(nowMillis);
        this.io = new ConnectionIo(me, config, engine, table, connections, dispatcher, tickets, stats);
        this.inbound = new Inbound(me, port, table, connections, dispatcher, delivery, tickets, messages, atomics,
                pool, stats, services);
        this.acceptor = new Acceptor(me, config, engine, port, connections, listenFds, arena);
        this.timers = new Timers(me, services, stats, nowMillis);
        this.outbound = new Outbound(me, config.shards(), engine, table, connections, services, timers);
        setIdle(config.idle());
        this.contexts = new Context[listeners.length];
        for (int l = 0; l < listeners.length; l++) {
            contexts[l] = new Context(this, l);
            CommandHandler handler = listeners[l].commands().forShard(contexts[l]);
            // Plain store: the coordinator reads it only after this shard's FROZEN, whose ring
            // publish (a release store) follows it in program order (see dev.kevy.rt.freeze).
            handlers[l][me] = handler;
            services[l] = new Service(l, listeners[l], handler, handlers[l]);
        }
    }

    long nowMillis() {
        return nowMillis;
    }

    IdlePolicy idlePolicy() {
        return idle;
    }

    /** A handler's live limits (CONFIG SET): the client limit now, a new idle policy from the next tick. */
    void applyLimits(int maxClients, IdlePolicy policy) {
        connections.maxClients(maxClients);
        if (policy != null && !policy.equals(idle)) {
            pendingIdle = policy;
        }
    }

    private void setIdle(IdlePolicy policy) {
        idle = policy;
        backoff = new SpinGuard(policy);
        cadence = new TickCadence(policy, System.nanoTime());
        parkTimeoutMs = (int) Math.max(1, policy.parkTimeoutNanos() / 1_000_000L);
    }

    String engineName() {
        return engine.name();
    }

    /**
     * Up to {@link #TURNS_PER_CALL} turns of the loop, while the shard is neither told to exit
     * nor frozen; returns whether the next turn should park. The loop lives here rather than in
     * {@link #run} because {@code run} is entered once: the JIT compiles a running loop only after
     * some 60,000 turns (OSR), and a loaded shard turns once per tens or hundreds of requests, so
     * for millions of requests the loop ran in the interpreter (1.3% of the shard's samples under
     * {@code redis-benchmark -t lpush -P 16}). This method is called often enough to be compiled
     * as any other.
     */
    private boolean iterations(boolean park) {
        for (int turn = 0; turn < TURNS_PER_CALL && !shard.exitRequested() && !dispatcher.frozen(); turn++) {
            park = iteration(park);
        }
        return park;
    }

    /** One turn of the loop; returns whether the next one should park. */
    private boolean iteration(boolean park) {
        int work = 0;
        int timeout = park ? parkTimeout() : 0;
        if (timeout < 0) { // the re-check before parking found records
            work = -timeout;
            timeout = 0;
        }
        work += handleCompletions(waitForWork(timeout));
        work += timers.expire(nowMillis, outbound);
        work += drainInbound();
        work += sendToPeers();
        io.flushDirty();
        tickIfDue(timeout != 0 || work > 0);
        work += drainStep();
        work += backgroundWork(work == 0);
        work += endOfIteration();
        stats.iterations++;
        boolean parked = timeout != 0;
        return backoff.idle(work, port.hasBacklog(), parked,
                backoff.shouldReadClock(work, parked) ? System.nanoTime() : 0L);
    }

    /** Runs until the shard is told to exit; closes every connection and handler on the way out. */
    void run() {
        engine.attach();
        acceptor.register();
        boolean park = false;
        int frozenIdle = 0;
        try {
            while (!shard.exitRequested()) {
                if (dispatcher.frozen()) {
                    frozenIdle = frozenIteration(frozenIdle);
                    continue;
                }
                frozenIdle = 0;
                park = iterations(park);
            }
        } finally {
            acceptor.close();
            connections.closeAll();
            int left = engine.detach();
            if (left > 0) {
                ShardLog.warn(me, engine.name() + ": " + left + " operations still in the kernel at exit");
            }
            try {
                for (Service service : services) {
                    if (service != null) {
                        service.handler.close();
                    }
                }
            } finally {
                release();
            }
        }
    }

    /**
     * The park protocol's first half: announce the park (a full fence inside, paired with the
     * peers' {@code wakeParked} after their ring publishes, and with the submitters'
     * {@code wakeIfParked} after their inbox slot's release store), then look at the inbound rings
     * and the inbox once more (the inbox's {@code isEmpty} is an acquire load of the next slot).
     * Returns the poll timeout, never past the next timer's deadline, or minus the work that look
     * found (then the shard does not block).
     */
    private int parkTimeout() {
        int timeout = timers.millisUntilNext(nowMillis, parkTimeoutMs);
        if (timeout == 0) {
            return -1; // a timer is due: no park
        }
        parking.announcePark(me);
        int found = port.drainInbound(inbound, DRAIN_LIMIT) + messages.deliverSelf() + (inbox.isEmpty() ? 0 : 1);
        if (found > 0) {
            parking.clearPark(me);
            return -found;
        }
        stats.parks++;
        return timeout;
    }

    /** Runs the engine for up to {@code timeout} ms and reads the clock; returns the completions ready. */
    private int waitForWork(int timeout) {
        int n = engine.await(timeout);
        if (timeout != 0) {
            parking.clearPark(me);
        }
        if (n < 0) {
            ShardLog.warn(me, engine.name() + ": " + Errno.name(n));
        }
        nowMillis = System.currentTimeMillis();
        connections.now(nowMillis);
        return Math.max(n, 0);
    }

    /** Takes the engine's completions: accepted sockets, bytes received, bytes sent, hang-ups. */
    private int handleCompletions(int n) {
        int work = 0;
        for (int i = 0; i < n; i++) {
            long token = engine.token(i);
            long result = engine.result(i);
            switch (engine.kind(i)) {
                case IoEngine.RECEIVED -> work += io.onReceived(token, result);
                case IoEngine.SENT -> work += io.onSent(token, result);
                case IoEngine.ACCEPTED -> work += acceptor.onAccepted(token, result, i, services);
                case IoEngine.HUNG_UP -> work += io.onHungUp(token);
                case IoEngine.CONNECTED -> work += outbound.onConnected(token, result);
                case IoEngine.RELEASED -> work += connections.released(token);
                default -> { } // WOKEN: the records it announced are counted when drained
            }
        }
        return work;
    }

    private int drainInbound() {
        int work = port.drainInbound(inbound, DRAIN_LIMIT);
        work += messages.deliverSelf();
        work += inbox.drain(tasks, DRAIN_LIMIT);
        work += inbound.runAtomics();
        return work;
    }

    /** Backlogs into rings, one publish per ring written, one wake per parked peer sent to. */
    private int sendToPeers() {
        int moved = port.flushBacklogs();
        port.publishAll(); // nothing to do, and no store, when nothing was sent since the last one
        stats.wakes += port.wakeParkedPeers();
        return moved;
    }

    /**
     * The tick, when due. A busy iteration reads the clock too: few long iterations (deep
     * pipelines) must not hold back the tick, and so active expiry, for thousands of iterations.
     */
    private void tickIfDue(boolean readClock) {
        if (!cadence.shouldReadClock(readClock) || !cadence.due(System.nanoTime())) {
            return;
        }
        for (Service service : services) {
            service.handler.onTick(nowMillis);
        }
        if (nowMillis - lastTrimMillis >= Shard.TRIM_INTERVAL_MILLIS) {
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
            setIdle(pendingIdle);
            pendingIdle = null;
        }
    }

    /**
     * The graceful stop, once asked: stop accepting and reading, answer what was read, close each
     * connection once its replies are out (all of them after the drain deadline), keep serving
     * peers' requests, and count this shard drained when no connection is left.
     */
    private int drainStep() {
        if (!shard.drainRequested()) {
            return 0;
        }
        int work = 0;
        if (drainDeadline == 0) {
            drainDeadline = nowMillis + DRAIN_DEADLINE_MILLIS;
            acceptor.close();
            io.stopReading();
            work++;
        } else if (nowMillis > drainDeadline) {
            connections.closeAll(); // clients that do not read their replies do not hold up exit
        }
        if (connections.openCount() == 0) {
            shard.markDrained();
        }
        return work;
    }

    /** The handlers' background work; a handler with more to do keeps the shard from parking. */
    private int backgroundWork(boolean idleNow) {
        int work = 0;
        for (Service service : services) {
            if (service.handler.backgroundWork(nowMillis, idleNow)) {
                work++;
            }
        }
        return work;
    }

    /**
     * The last step of a normal iteration, after the replies are written, the tick and the
     * handler's background work have run (nothing touches the handler's state after a freeze):
     * the coordinator starts (or runs) a turn for atomic commands queued since the drain, and a
     * participant that was asked to freeze, or forwarded an atomic command, freezes now, so it has
     * served its clients once since the last turn. Whatever this sent is published at once.
     */
    private int endOfIteration() {
        int work = inbound.runAtomics();
        if (inbound.freezeIfWanted()) {
            work++;
        }
        return work + sendToPeers();
    }

    /**
     * One iteration while frozen for a turn of the coordinator: move ring traffic only (peers'
     * records are deferred by {@link Inbound}, THAW ends it), read no connection, write no reply
     * (a flush may resume a paused connection and run its commands), run no tick. The iteration
     * that drains the THAW writes the replies at once: they came with the turn, and their clients'
     * next requests are what the next turn runs (measured: 7-12% more atomic commands a second).
     * When nothing moved it spins as the idle policy allows, then parks with the ordinary protocol
     * (announce, fence, drain once more) but waits for the wake alone: the connections' readiness
     * would end an ordinary poll at once.
     */
    private int frozenIteration(int idleRounds) {
        int moved = port.drainInbound(inbound, DRAIN_LIMIT) + sendToPeers();
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
        if (port.drainInbound(inbound, DRAIN_LIMIT) == 0 && !port.hasBacklog()) {
            stats.parks++;
            engine.awaitWake(parkTimeoutMs);
        }
        parking.clearPark(me);
        return 0;
    }

    /** Runs what other threads submitted, each with its listener's handler and context. */
    private final class TaskRunner implements TaskSink<Submission> {
        @Override
        public void accept(Submission s) {
            stats.tasksRun++;
            if (s.listener() < 0 || s.listener() >= services.length) {
                ShardLog.warn(me, "a task for listener " + s.listener() + ", which does not exist; dropped");
                return;
            }
            if (s.task() == null) {
                messages.deliver(-1, s.listener(), s.type(), s.payload(), 0, s.payload().byteSize());
                return;
            }
            try {
                s.task().run(services[s.listener()].handler, contexts[s.listener()]);
            } catch (RuntimeException e) {
                ShardLog.error(me, "a submitted task failed", e);
            }
        }
    }

    private void release() {
        try {
            dispatcher.release();
            inbound.release();
            tickets.release();
            messages.release();
            atomics.release();
        } finally {
            gathers.release();
        }
    }
}
