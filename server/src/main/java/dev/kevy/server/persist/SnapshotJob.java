package dev.kevy.server.persist;

import dev.kevy.server.rdb.SnapshotEncoder;
import dev.kevy.server.store.Databases;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One snapshot: each shard fills its part ({@link #beginPart}, then {@link #partDone} or
 * {@link #partFailed}; or {@link #serialize} in one step), while the writer thread streams the
 * parts' sealed chunks to disk in shard order and publishes the outcome ({@link #done},
 * {@link #succeeded}).
 *
 * <p>Hand-over: a part is published by a volatile store into {@link #parts} before its first byte
 * matters; its chunks by the part's own sealed count (see {@link SnapshotEncoder}). A shard counts
 * the latch down when it stops touching its part (done or failed); the writer frees the parts only
 * after the latch, so no shard can write into freed memory. The outcome is a volatile the writer
 * stores last, after the figures it describes; shards read it.
 */
public final class SnapshotJob {
    private static final int RUNNING = 0;
    private static final int SUCCEEDED = 1;
    private static final int FAILED = 2;

    final long id;
    final long startMillis;
    /** The append-only log this snapshot rewrites, or null (an RDB snapshot for {@code dbfilename}). */
    private final AppendLog rewrite;
    private final long rewriteSeq;
    private final AtomicReferenceArray<SnapshotEncoder> parts;
    private final AtomicIntegerArray failed;
    private final long[] changesAtCut;
    private final CountDownLatch finished;
    private volatile int outcome = RUNNING;
    /** The writer gave up (a disk error): shards stop writing their parts (only mark their entries). */
    private volatile boolean abandoned;
    /**
     * Each shard cuts when its message arrives (BGSAVE, SAVE, BGREWRITEAOF, the save rules), as
     * opposed to the final save's parts, each written in one step: an atomic turn may then make
     * the cut of the shards still waiting for their message ({@code SnapshotCommands.cutBeforeTurn}).
     */
    private volatile boolean cutByMessages;
    private String error;
    private long bytes;
    private long keys;

    SnapshotJob(long id, int shards, long startMillis) {
        this(id, shards, startMillis, null, 0);
    }

    /** A snapshot that becomes the base of log {@code rewriteSeq} of {@code rewrite} (BGREWRITEAOF), or an RDB one. */
    SnapshotJob(long id, int shards, long startMillis, AppendLog rewrite, long rewriteSeq) {
        this.rewrite = rewrite;
        this.rewriteSeq = rewriteSeq;
        this.id = id;
        this.startMillis = startMillis;
        this.parts = new AtomicReferenceArray<>(shards);
        this.failed = new AtomicIntegerArray(shards);
        this.changesAtCut = new long[shards];
        this.finished = new CountDownLatch(shards);
    }

    public long id() {
        return id;
    }

    /** The log this snapshot becomes the base of, or null for an RDB snapshot. */
    public AppendLog rewrite() {
        return rewrite;
    }

    /** The sequence of the log that starts at each shard's cut (a rewrite only). */
    public long rewriteSeq() {
        return rewriteSeq;
    }

    /** When it started (epoch milliseconds). */
    public long startMillis() {
        return startMillis;
    }

    /** Shard {@code shard}'s part in one step: its databases as of now (the final save at exit). */
    public void serialize(int shard, Databases databases, long changes, long nowMillis) {
        SnapshotEncoder part = beginPart(shard);
        try {
            part.databases(databases, nowMillis); // the hints, then every key
        } catch (RuntimeException | OutOfMemoryError e) {
            partFailed(shard);
            throw e;
        }
        partDone(shard, changes);
    }

    /**
     * Starts shard {@code shard}'s part, filled over several loop iterations and ended with
     * {@link #partDone} or {@link #partFailed}. On the shard's thread.
     */
    public SnapshotEncoder beginPart(int shard) {
        SnapshotEncoder part = new SnapshotEncoder();
        parts.set(shard, part); // volatile: the writer may look for it from now on
        return part;
    }

    /** Shard {@code shard}'s part is whole; {@code changes}: its count of changes at the cut. */
    public void partDone(int shard, long changes) {
        changesAtCut[shard] = changes;
        parts.get(shard).seal();
        finished.countDown();
    }

    /** Shard {@code shard} could not complete its part and touches it no more: the snapshot fails. */
    public void partFailed(int shard) {
        failed.set(shard, 1);
        finished.countDown();
    }

    /** Shard {@code shard}'s part, or null before the shard began it (writer thread). */
    SnapshotEncoder part(int shard) {
        return parts.get(shard);
    }

    boolean failed(int shard) {
        return failed.get(shard) != 0;
    }

    /** The writer gave up: no more bytes are wanted (volatile store; partner: {@link #abandoned}). */
    void abandon() {
        abandoned = true;
    }

    /** Whether the writer gave up, so a shard still scanning can stop filling its part. */
    public boolean abandoned() {
        return abandoned;
    }

    /** Waits until no shard touches its part any more; false on timeout. Writer thread. */
    boolean awaitShardsFinished(long timeoutMillis) throws InterruptedException {
        return finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
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

    /** Frees every part (writer thread, after {@link #awaitShardsFinished}). */
    void release() {
        for (int s = 0; s < parts.length(); s++) {
            SnapshotEncoder part = parts.get(s);
            if (part != null) {
                part.close();
            }
        }
    }

    /** Marks a snapshot whose shards cut on its message (set before any message is sent). */
    public void cutByMessages() {
        cutByMessages = true;
    }

    /** Whether the shards cut on this snapshot's message (see {@link #cutByMessages()}). */
    public boolean isCutByMessages() {
        return cutByMessages;
    }

}
