package dev.kevy.server.persist;

import dev.kevy.server.rdb.SnapshotEncoder;
import dev.kevy.server.store.Databases;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One snapshot: each shard serializes its own databases into its part ({@link #serialize}, on its
 * thread, in one step, so the part is that shard's state at one instant), then the writer thread
 * puts the parts on disk and publishes the outcome ({@link #done}, {@link #succeeded}).
 *
 * <p>Hand-over: a shard stores its part, then counts the latch down; the writer awaits the latch
 * before reading any part (the latch orders the two). The outcome is a volatile the writer stores
 * last, after the figures it describes; shards read it.
 */
public final class SnapshotJob {
    private static final int RUNNING = 0;
    private static final int SUCCEEDED = 1;
    private static final int FAILED = 2;

    final long id;
    final long startMillis;
    final SnapshotEncoder[] parts;
    private final long[] changesAtCut;
    private final CountDownLatch pending;
    private volatile int outcome = RUNNING;
    private String error;
    private long bytes;
    private long keys;

    SnapshotJob(long id, int shards, long startMillis) {
        this.id = id;
        this.startMillis = startMillis;
        this.parts = new SnapshotEncoder[shards];
        this.changesAtCut = new long[shards];
        this.pending = new CountDownLatch(shards);
    }

    public long id() {
        return id;
    }

    /** When it started (epoch milliseconds). */
    public long startMillis() {
        return startMillis;
    }

    /**
     * Shard {@code shard}'s part: its databases as of now, and its count of changes at this cut
     * (subtracted from its count once the snapshot is on disk). Once per shard, on its thread.
     */
    public void serialize(int shard, Databases databases, long changes, long nowMillis) {
        SnapshotEncoder part = new SnapshotEncoder();
        try {
            part.databases(databases, nowMillis);
        } catch (RuntimeException | OutOfMemoryError e) {
            part.close();
            parts[shard] = null; // the writer fails the job: a part is missing
            pending.countDown();
            throw e;
        }
        parts[shard] = part;
        changesAtCut[shard] = changes;
        pending.countDown(); // after the stores above; the writer's await is the partner
    }

    /**
     * Starts shard {@code shard}'s part, to be filled over several loop iterations and completed
     * with {@link #partDone} (or {@link #partFailed}). On the shard's thread.
     */
    public SnapshotEncoder beginPart(int shard) {
        SnapshotEncoder part = new SnapshotEncoder();
        parts[shard] = part;
        return part;
    }

    /** Shard {@code shard}'s part is complete; {@code changes}: its count of changes at the cut. */
    public void partDone(int shard, long changes) {
        changesAtCut[shard] = changes;
        pending.countDown(); // after the part's bytes and the store above; the writer's await is the partner
    }

    /** Shard {@code shard} could not complete its part: the snapshot fails. */
    public void partFailed(int shard) {
        SnapshotEncoder part = parts[shard];
        parts[shard] = null;
        if (part != null) {
            part.close();
        }
        pending.countDown();
    }

    /** Waits for every shard's part; false on timeout. Writer thread. */
    boolean awaitParts(long timeoutMillis) throws InterruptedException {
        return pending.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    void succeed(long bytes, long keys) {
        this.bytes = bytes;
        this.keys = keys;
        outcome = SUCCEEDED; // volatile store after the figures; partner: the load in done()
    }

    void fail(String error) {
        this.error = error;
        outcome = FAILED;
    }

    /** Whether the writer finished (either way). */
    public boolean done() {
        return outcome != RUNNING;
    }

    public boolean succeeded() {
        return outcome == SUCCEEDED;
    }

    /** Why it failed (after {@link #done}); null if it did not. */
    public String error() {
        return outcome == FAILED ? error : null;
    }

    /** The changes shard {@code shard} had made when it serialized its part. */
    public long changesAtCut(int shard) {
        return changesAtCut[shard];
    }

    long bytes() {
        return bytes;
    }

    long keys() {
        return keys;
    }

    void release() {
        for (SnapshotEncoder part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }
}
