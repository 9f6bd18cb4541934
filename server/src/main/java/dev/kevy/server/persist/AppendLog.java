package dev.kevy.server.persist;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.park.Waker;
import dev.kevy.sys.Fs;
import java.lang.foreign.MemorySegment;

/**
 * The append-only log (Redis's {@code appendonly yes}): one {@link ShardLog} ring per shard, one
 * {@link LogWriter} thread that puts every shard's records into one file, and what the shards
 * learn back from it: how far each one's records are durable, and whether the log failed.
 *
 * <p>Shared by every shard. Each field says who writes it and how it is read.
 */
public final class AppendLog {

    /** {@code appendfsync}: when the writer syncs, and so when a write's reply may leave. */
    public enum Policy {
        /** A reply leaves once its record is fsynced (group commit: one fdatasync for everything taken). */
        ALWAYS,
        /** At most about one second of acknowledged writes lost in a crash of the machine. */
        EVERYSEC,
        /** The kernel decides when the pages reach the disk. */
        NO;

        /** The policy named {@code value} (Redis's words), or null. */
        public static Policy parse(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "always" -> ALWAYS;
                case "everysec" -> EVERYSEC;
                case "no" -> NO;
                default -> null;
            };
        }

        /** Redis's name of this policy. */
        public String redisName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How the writer reaches the disk; tests replace it to fail a write or an fsync (a full disk,
     * EIO) without a broken device.
     */
    public interface Disk {
        Disk REAL = new Disk() {
        };

        default long write(int fd, MemorySegment s, long offset, long length) {
            return Fs.write(fd, s, offset, length);
        }

        default int fdatasync(int fd) {
            return Fs.fdatasync(fd);
        }

        /**
         * Writes {@code length} zero bytes at {@code offset} of {@code fd} (moving its file offset),
         * so that later writes there overwrite allocated, written blocks; returns 0 or {@code -errno}.
         */
        default int preallocate(int fd, long offset, long length) {
            return Zeros.write(fd, offset, length);
        }
    }

    /** How a shard that holds replies for durability is told the writer moved on. */
    public interface ShardWaker {
        void wake(int shard);
    }

    /** Each shard's ring: room for a few milliseconds of writes at full speed. */
    static final int RING_CAPACITY = 4 << 20;

    private final ShardLog[] shards;
    private final LogStore store;
    /** Per shard, the last COMMIT sequence written (and under {@code always} fsynced); written by the writer. */
    private final AtomicLongArray durable;
    /**
     * The runtime's park/wake protocol, twice over. {@link #writerLot}: the writer (its one
     * "shard") announces it sleeps, then looks at the rings once more; a shard publishes, then
     * wakes it if it sleeps. {@link #waitingLot}: shard {@code s} announces it holds replies for
     * durability ({@link #waiting}), then looks at {@link #durable}; the writer publishes
     * {@link #durable}, then wakes each shard that announced. No wake is lost on either side
     * (jcstress: {@code dev.kevy.stress.park}).
     */
    private final ParkingLot writerLot;
    private final ParkingLot waitingLot;
    /** How the writer wakes a shard; set by {@link #start}, before which a wake is skipped (the shard looks anyway each iteration). */
    private volatile ShardWaker waker;
    /** Held by an atomic turn's coordinator while it writes into several rings, and by the writer while it takes them. */
    private final TurnLock turnLock = new TurnLock();
    private volatile Policy policy;
    private volatile String failure;
    private volatile boolean stopRequested;
    private volatile long fileBytes;
    /** The log's size after the last rewrite, or at start-up: what the automatic rewrite measures growth against. */
    private volatile long baseBytes;
    private volatile Thread writerThread;
    /** A rewrite runs, from {@link #beginRewrite} until the writer has switched logs ({@link #rewriteEnded}). */
    private final java.util.concurrent.atomic.AtomicBoolean rewriting = new java.util.concurrent.atomic.AtomicBoolean();
    /** The running rewrite's snapshot: {@link #PENDING}, {@link #SUCCEEDED} or {@link #FAILED}; written by the snapshot writer. */
    private volatile int rewriteOutcome;
    private volatile boolean lastRewriteSucceeded = true;
    /** When the last rewrite ended (0: none yet): a turn-on whose base failed tries again {@link #BASE_RETRY_MILLIS} later. */
    private volatile long rewriteEndedMillis;
    /** How long a log turned on while running waits after a failed base before the next try (Redis's 5 s for snapshots). */
    static final long BASE_RETRY_MILLIS = 5_000;
    /** Shards that attached to this log (all of them at start-up; one by one at a turn-on's cuts). */
    private final java.util.concurrent.atomic.AtomicInteger attached = new java.util.concurrent.atomic.AtomicInteger();
    /** Shards that stopped logging after {@link #turnOff}; the last one stops the writer. */
    private final java.util.concurrent.atomic.AtomicInteger detached = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean turnedOff;
    static final int PENDING = 0;
    static final int SUCCEEDED = 1;
    static final int FAILED = 2;

    public AppendLog(int shardCount, Policy policy, LogStore store) {
        this(shardCount, policy, store, RING_CAPACITY);
    }

    /** With rings of {@code ringCapacity} bytes (tests fill a small one). */
    AppendLog(int shardCount, Policy policy, LogStore store, int ringCapacity) {
        this.shards = new ShardLog[shardCount];
        for (int s = 0; s < shardCount; s++) {
            shards[s] = new ShardLog(s, this, ringCapacity);
        }
        this.store = store;
        this.durable = new AtomicLongArray(shardCount);
        this.writerLot = new ParkingLot(() -> LockSupport.unpark(writerThread));
        Waker[] wakers = new Waker[shardCount];
        for (int s = 0; s < shardCount; s++) {
            int shard = s;
            wakers[s] = () -> {
                ShardWaker w = waker;
                if (w != null) {
                    w.wake(shard);
                }
            };
        }
        this.waitingLot = new ParkingLot(wakers);
        this.policy = policy;
        this.fileBytes = store.validBytes();
        this.baseBytes = fileBytes;
    }

    /**
     * A log turned on while the server runs (CONFIG SET appendonly yes), its writer started. Shard
     * 0's tick then starts the rewrite ({@link #rewriteDue}) whose base holds everything so far, and
     * each shard logs from its cut of it; until the base is written no manifest names the log.
     *
     * @throws IllegalStateException with the line to answer (a directory that cannot be written)
     */
    public static AppendLog turnOn(int shards, Policy policy, String dir, String dirname, String filename,
                                   ShardWaker waker) {
        if (waker == null) {
            throw new IllegalStateException("this server's owner did not let it turn the log on while running;"
                    + " start it with the log on");
        }
        AppendLog log = new AppendLog(shards, policy, LogStore.forTurnOn(dir, dirname, filename, shards));
        log.start(waker);
        System.out.println("kevy: turning the append-only log on (appendfsync " + policy.redisName()
                + "): a rewrite writes its base in " + dir + "/" + dirname);
        return log;
    }

    /** The snapshot the shards load before replaying the log, or null. */
    public dev.kevy.server.persist.SnapshotImage base() {
        return store.base();
    }

    /** Shard {@code s}'s end of the log. */
    public ShardLog shard(int s) {
        return shards[s];
    }

    /** Replays shard {@code shard}'s committed records of the log found at start-up into {@code sink}. */
    public long replay(int shard, LogReplay.Sink sink) {
        return store.replay(shard, sink);
    }

    /** Starts the writer thread; {@code waker} tells shards when their replies may leave. */
    public void start(ShardWaker waker, Disk disk) {
        this.waker = waker;
        LogWriter writer = new LogWriter(this, shards, store.fd(), disk);
        Thread thread = new Thread(() -> {
            writer.run();
            if (turnedOff) {
                store.close(); // nobody joins a log turned off while running: its writer closes it
            }
        }, "kevy-aof-writer");
        thread.setDaemon(true);
        writerThread = thread;
        thread.start();
    }

    /** Starts the writer on the real disk. */
    public void start(ShardWaker waker) {
        start(waker, Disk.REAL);
    }

    /**
     * Writes and syncs everything committed, then stops the writer and closes the file (the
     * shards have stopped: nothing more comes).
     */
    public void stop() {
        stopRequested = true;
        Thread t = writerThread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
    }

    /** One more shard logs to this log from now on. */
    public void attached() {
        attached.incrementAndGet();
    }

    /**
     * CONFIG SET appendonly no: claims the rewrite flag for good (no rewrite may start on this log
     * again) and returns true, or false while a rewrite runs. Each shard then stops logging on its
     * tick ({@link #detached}); the writer takes what they committed, syncs it, closes its files
     * and stops. A failed log has no writer left and is turned off whatever ran.
     */
    public boolean turnOff() {
        if (!rewriting.compareAndSet(false, true) && !failed()) {
            return false;
        }
        rewriteOutcome = PENDING; // the claim is no rewrite: the writer must not end it
        turnedOff = true;
        if (attached.get() == 0) { // a turn-on whose first cut never came: nobody will detach
            stopWriter();
        }
        if (writerEnded()) {
            store.close(); // its writer ended (failed) before the turn-off could have it do this (runs once)
        }
        return true;
    }

    /** A shard stopped logging after {@link #turnOff}; the last of those that attached stops the writer. */
    public void detached() {
        if (detached.incrementAndGet() == attached.get()) {
            stopWriter();
        }
    }

    /** Whether the writer thread has ended (tests of a turn-off). */
    boolean writerEnded() {
        Thread t = writerThread;
        return t != null && !t.isAlive();
    }

    private void stopWriter() {
        stopRequested = true;
        LockSupport.unpark(writerThread);
    }

    // ---- what the shards read -------------------------------------------------------------------

    public Policy policy() {
        return policy;
    }

    public void policy(Policy p) {
        policy = p;
        LockSupport.unpark(writerThread);
    }

    /** Why the log stopped (the error of its failed write or fsync), or null while it works. */
    public String failure() {
        return failure;
    }

    public boolean failed() {
        return failure != null;
    }

    /** Bytes of the log file (INFO's {@code aof_current_size}). */
    public long fileBytes() {
        return fileBytes;
    }

    long durable(int shard) {
        return durable.get(shard); // volatile: pairs with the writer's set in published()
    }

    /**
     * Shard {@code shard} holds replies until its records are durable ({@code true}: announce,
     * with the fence of {@link ParkingLot#announcePark}; the shard looks at {@link #durable} after
     * it), or holds none any more.
     */
    public void waiting(int shard, boolean holds) {
        if (holds) {
            waitingLot.announcePark(shard);
        } else {
            waitingLot.clearPark(shard);
        }
    }

    /**
     * A shard published records (a release store of its ring's tail): wake the writer if it
     * sleeps. The full fence inside pairs with the writer's in {@link #writerSleeps}.
     */
    void wakeWriter() {
        writerLot.wakeIfParked(0);
    }

    // ---- rewrites -------------------------------------------------------------------------------

    /**
     * Claims the rewrite (BGREWRITEAOF) and returns the sequence of its base and of the log that
     * follows it, or -1 while one runs.
     */
    public long beginRewrite() {
        if (!rewriting.compareAndSet(false, true)) {
            return -1;
        }
        rewriteOutcome = PENDING;
        return store.nextSeq();
    }

    /** The file the rewrite {@code seq} writes its base snapshot to, relative to the server's {@code dir}. */
    public String rewriteBase(long seq) {
        return store.baseFile(seq);
    }

    /** The rewrite's snapshot is on disk (or failed): the writer finishes the switch. From the snapshot writer. */
    public void rewriteFinished(boolean succeeded) {
        rewriteOutcome = succeeded ? SUCCEEDED : FAILED;
        LockSupport.unpark(writerThread);
    }

    public boolean rewriting() {
        return rewriting.get();
    }

    /**
     * Whether the automatic rewrite is due, as Redis decides it: the log grew {@code percentage}%
     * or more over its size after the last rewrite, and is at least {@code minSize} bytes.
     */
    public boolean rewriteDue(int percentage, long minSize) {
        if (awaitingBase()) { // turned on while running: its first base is due at once, and again after a failure
            return !rewriting() && System.currentTimeMillis() - rewriteEndedMillis >= BASE_RETRY_MILLIS;
        }
        long size = fileBytes;
        long base = Math.max(baseBytes, 1);
        return percentage > 0 && !rewriting() && size >= minSize && (size - base) * 100 >= (long) percentage * base;
    }

    /**
     * Turned on while running (CONFIG SET appendonly yes) and its first base not yet written: a
     * restart would not load this log (no manifest names it) but {@code dbfilename}.
     */
    public boolean awaitingBase() {
        return !store.listed();
    }

    /** INFO's {@code aof_base_size}. */
    public long baseBytes() {
        return baseBytes;
    }

    /** INFO's {@code aof_last_bgrewrite_status}. */
    public boolean lastRewriteSucceeded() {
        return lastRewriteSucceeded;
    }

    int rewriteOutcome() {
        return rewriteOutcome;
    }

    void rewriteEnded(boolean succeeded) {
        lastRewriteSucceeded = succeeded;
        rewriteEndedMillis = System.currentTimeMillis();
        baseBytes = fileBytes; // a failed one too: the next waits for the same growth again, no retry storm
        rewriting.set(false);
    }

    LogStore store() {
        return store;
    }

    int shardCount() {
        return shards.length;
    }

    // ---- atomic turns ---------------------------------------------------------------------------

    /** Held while a turn's records go into several rings, so the writer takes all of them or none. */
    public void lockTurn() {
        turnLock.lock();
    }

    public void unlockTurn() {
        turnLock.unlock();
    }

    /** Releases the turn lock if this thread holds it (a full ring inside a turn); says whether it did. */
    boolean releaseTurnIfHeld() {
        return turnLock.releaseIfHeld();
    }

    /**
     * Waits until shard {@code shard}'s records up to {@code sequence} are durable, or the log
     * failed: an atomic turn's replies leave only then, under {@code always}.
     */
    public void awaitDurable(int shard, long sequence) {
        while (durable.get(shard) < sequence && !failed() && policy == Policy.ALWAYS) {
            wakeWriter();
            LockSupport.parkNanos(20_000);
        }
    }

    // ---- what the writer reports ----------------------------------------------------------------

    boolean stopRequested() {
        return stopRequested;
    }

    /** The writer is about to look at the rings once more, then sleep: store and full fence ({@link ParkingLot#announcePark}). */
    void writerSleeps() {
        writerLot.announcePark(0);
    }

    void writerAwake() {
        writerLot.clearPark(0);
    }

    void fileBytes(long bytes) {
        fileBytes = bytes; // only the writer writes it
    }

    /** The writer made each shard's records up to {@code committed[s]} durable: publish, then wake who waits. */
    void published(long[] committed) {
        for (int s = 0; s < committed.length; s++) {
            if (committed[s] > durable.get(s)) {
                durable.set(s, committed[s]);
            }
        }
        wakeWaiting();
    }

    /** The log stopped for good: every shard is told (its held replies become errors). */
    void fail(String why) {
        if (failure == null) {
            failure = why;
            System.err.println("kevy: the append-only log failed, writes are refused until BGREWRITEAOF makes a new log"
                    + " (or a restart): " + why);
        }
        wakeWaiting();
    }

    /** After the volatile stores of {@link #durable}: a full fence, then a wake for each shard that announced it waits. */
    private void wakeWaiting() {
        for (int s = 0; s < shards.length; s++) {
            waitingLot.wakeIfParked(s);
        }
    }
}
