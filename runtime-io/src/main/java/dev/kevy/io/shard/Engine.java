package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.ShardStats;
import dev.kevy.io.IoEngineChoice;
import dev.kevy.io.engine.IoEngine;
import dev.kevy.io.engine.ReadinessEngine;
import dev.kevy.io.poll.EpollPoller;
import dev.kevy.io.poll.KqueuePoller;
import dev.kevy.io.poll.Poller;
import dev.kevy.rt.mesh.Mesh;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.park.Waker;
import dev.kevy.rt.task.ShardInbox;
import dev.kevy.sys.NativeThread;
import dev.kevy.sys.Platform;
import dev.kevy.sys.SysException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running part of a {@code KevyRuntime}: the I/O engines, the mesh of rings, the shards and their
 * threads, and the graceful stop. Internal: the runtime's public face is {@code dev.kevy.io}.
 */
public final class Engine {

    /** Tasks and messages from other threads a shard holds before {@link #submit} refuses more. */
    public static final int INBOX_CAPACITY = 4096;

    private final IoEngine[] engines;
    private final Mesh mesh;
    private final Shard[] shards;
    private final Thread[] threads;
    private final CountDownLatch drained;
    private final CountDownLatch exited;
    private boolean stopped;

    private Engine(IoEngine[] engines, Mesh mesh, Shard[] shards, CountDownLatch drained) {
        this.engines = engines;
        this.mesh = mesh;
        this.shards = shards;
        this.drained = drained;
        this.threads = new Thread[shards.length];
        this.exited = new CountDownLatch(shards.length);
    }

    /**
     * Builds the shards and starts their threads. On failure everything made here is closed (the
     * listening sockets are the caller's).
     *
     * @param listenFds {@code listenFds[l][s]}: listener {@code l}'s socket for shard {@code s},
     *                  or -1 where that shard does not accept on it
     * @param published each shard's published counters (the arrays behind its ShardStats)
     */
    public static Engine start(RuntimeConfig config, Listener[] listeners, int[][] listenFds, long[][] published,
                               ShardStats[] stats) {
        int n = config.shards();
        IoEngine[] engines = new IoEngine[n];
        Mesh mesh = null;
        try {
            Waker[] wakers = new Waker[n];
            boolean uring = EngineSelection.wantsUring(config.ioEngine());
            for (int i = 0; i < n; i++) {
                if (uring) {
                    try {
                        engines[i] = EngineSelection.uring();
                    } catch (SysException e) {
                        if (config.ioEngine() == IoEngineChoice.IO_URING || i > 0) {
                            throw e; // asked for, or it worked for the shards before: not a fallback
                        }
                        EngineSelection.fallingBack(EngineSelection.why(e));
                        uring = false;
                    }
                }
                if (!uring) {
                    Poller poller = Platform.isLinux() ? new EpollPoller(config.eventsPerPoll())
                            : new KqueuePoller(config.eventsPerPoll());
                    engines[i] = new ReadinessEngine(poller);
                }
                wakers[i] = engines[i].waker();
            }
            mesh = new Mesh(new ParkingLot(wakers), config.ringCapacity());
            CountDownLatch drained = new CountDownLatch(n);
            CommandHandler[][] handlers = new CommandHandler[listeners.length][n];
            AtomicInteger openClients = new AtomicInteger(); // maxclients is one server-wide count
            Shard[] shards = new Shard[n];
            for (int i = 0; i < n; i++) {
                int[] fds = new int[listeners.length];
                for (int l = 0; l < listeners.length; l++) {
                    fds[l] = listenFds[l][i];
                }
                shards[i] = new Shard(i, config, engines[i], mesh.port(i),
                        new ShardInbox<>(INBOX_CAPACITY, mesh.port(i).parking(), i), listeners, fds, drained,
                        new Counters(published[i]), stats, handlers, openClients);
            }
            Engine engine = new Engine(engines, mesh, shards, drained);
            engine.startThreads();
            return engine;
        } catch (RuntimeException | Error e) {
            for (IoEngine made : engines) {
                if (made != null) {
                    made.close();
                }
            }
            if (mesh != null) {
                mesh.close();
            }
            throw e;
        }
    }

    private void startThreads() {
        for (int i = 0; i < shards.length; i++) {
            Shard shard = shards[i];
            Thread t = new NativeThread(() -> { // its own errno segment: no thread-local per syscall
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

    /**
     * Hands {@code task} to shard {@code shard}, for listener {@code listener}'s handler, from any
     * thread; wakes the shard if it is parked. Returns {@code false} when the shard's inbox is full.
     */
    public boolean submit(int shard, int listener, dev.kevy.io.ShardTask task) {
        return shards[shard].submit(new Submission(listener, java.util.Objects.requireNonNull(task, "task"), 0, null));
    }

    /** Hands a message to shard {@code shard}'s handler of listener {@code listener}; see {@link #submit}. */
    public boolean send(int shard, int listener, int type, byte[] payload) {
        return shards[shard].submit(new Submission(listener, null, type,
                java.lang.foreign.MemorySegment.ofArray(payload.clone())));
    }

    /** The I/O engine in use: {@code io_uring}, {@code epoll} or {@code kqueue}. */
    public String reactor() {
        return engines[0].name();
    }

    /** The first shard failure, or {@code null}. */
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

    /** Drains every shard, then stops them and frees the engines and rings. Idempotent. */
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
        for (IoEngine e : engines) {
            e.close(); // after every thread is gone, so no wake can reach a closed descriptor
        }
        mesh.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
