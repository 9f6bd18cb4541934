package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.server.persist.SnapshotJob;
import dev.kevy.server.rdb.SnapshotEncoder;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.EntryVisitor;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One shard's part of a snapshot, written a slice at a time while the shard keeps serving, yet
 * exactly this shard's state at one instant: the cut.
 *
 * <p><b>The cut</b> ({@link #begin}) flips each non-empty database's snapshot bit, an O(1) step
 * that makes every entry of that moment <i>pending</i> and every entry created afterwards not
 * ({@link Databases#cutForSnapshot}). Then {@link #step}, from the shard's background work, scans
 * the databases up to {@link #KEYS_PER_STEP} keys at a time and writes each pending entry, marking it
 * written. <b>Before a write</b> to a key ({@link #beforeWrite}: every write command, the blocking
 * commands' pops and pushes, the atomic turn's writes on each owner) the key's entry, if still
 * pending, is written first: the snapshot gets the value of the cut and the write goes ahead.
 * FLUSHALL, FLUSHDB, SWAPDB, MOVE and COPY, which change keys their arguments do not name (or move
 * whole databases), finish the scan first ({@link #finishNow}).
 *
 * <p>Why this gives the cut: an entry of the cut is written exactly once, by the first of the
 * scan or a write to it (the bit says which came first); the scan visits every key present from
 * its first step to its last (SCAN's guarantee, through resizes), and a key removed before the
 * scan reached it was removed by a write, which wrote it first. Keys that expire or are evicted
 * meanwhile are the exception: an expired one would be dropped by the load anyway (its time has
 * passed), an evicted one is missing from the file, as eviction meant it to be gone.
 *
 * <p>A part whose writing fails (no memory) is abandoned, but its scan goes on marking entries
 * without writing them: the bits must all agree again before the next cut.
 */
final class ShardSnapshot implements EntryVisitor {
    /**
     * The most keys a step scans: measured 0.3 to 0.4 ms a step with 100-byte values (a SAVE of 1M
     * keys, 3,906 steps, took 1.08 to 1.55 s), so a step stays under a millisecond; the loop runs
     * one step per iteration, back to back while it has nothing else to do.
     */
    static final int KEYS_PER_STEP = 256;
    /**
     * A step's time budget. Each snapshot starts with one-key steps and doubles them while a step
     * takes under a quarter of this, halving them when one takes more: large values, and the
     * first snapshot of a process, whose scan runs interpreted until the JIT compiles it (that
     * one stalled the shard 10 to 24 ms at a time with 256-key steps), get smaller steps.
     */
    static final long STEP_NANOS = 500_000;

    private final int shard;
    private final Databases databases;
    private SnapshotJob job;
    /** Where pending entries are written; null while a failed part's scan only marks them. */
    private SnapshotEncoder part;
    private boolean scanning;
    private Keyspace[] cut = new Keyspace[4];
    private int[] cutDb = new int[4];
    private int cutCount;
    private int index;
    private long cursor;
    private long changesAtCut;
    /** Keys the next step scans: 1 to {@link #KEYS_PER_STEP}, adapted to {@link #STEP_NANOS}. */
    private int stepKeys = 1;

    ShardSnapshot(int shard, Databases databases) {
        this.shard = shard;
        this.databases = databases;
    }

    /** Whether a scan is running: the write hooks have work only then. */
    boolean scanning() {
        return scanning;
    }

    /** The cut of {@code job} on this shard, with its count of changes at this moment. */
    void begin(SnapshotJob job, long changes, long now) {
        finishNow(now); // a failed part's marking scan, if one still runs, ends before a new cut
        this.job = job;
        this.changesAtCut = changes;
        this.part = job.beginPart(shard);
        part.hints(databases);
        cutCount = 0;
        for (int db = 0; db < databases.used(); db++) {
            Keyspace keyspace = databases.peek(db);
            if (keyspace != null && keyspace.size() > 0) {
                if (cutCount == cut.length) {
                    cut = Arrays.copyOf(cut, cutCount * 2);
                    cutDb = Arrays.copyOf(cutDb, cutCount * 2);
                }
                Databases.cutForSnapshot(keyspace);
                cut[cutCount] = keyspace;
                cutDb[cutCount++] = db;
            }
        }
        index = 0;
        cursor = 0;
        stepKeys = 1;
        scanning = true;
        step(now);
    }

    /** Scans about {@link #stepKeys} keys; true while the scan has more to do. */
    boolean step(long now) {
        if (!scanning) {
            return false;
        }
        if (part != null && job.abandoned()) {
            abandonPart(); // the writer failed: finish the scan marking entries only
        }
        if (index < cutCount) {
            long started = System.nanoTime();
            cursor = Databases.snapshotScan(cut[index], cursor, stepKeys, this, now);
            long took = System.nanoTime() - started;
            if (took > STEP_NANOS && stepKeys > 1) {
                stepKeys >>= 1;
            } else if (took < STEP_NANOS / 4 && stepKeys < KEYS_PER_STEP) {
                stepKeys <<= 1;
            }
            if (cursor == 0) {
                index++;
            }
        }
        if (index == cutCount) {
            finish();
        }
        return scanning;
    }

    /** Runs the scan to its end now (before a write that touches keys it does not name). */
    void finishNow(long now) {
        while (step(now)) {
            // each step writes its slice; the caller stalls for the rest
        }
    }

    /** One key of the scan. */
    @Override
    public void visit(MemorySegment segment, long keyOffset, int keyLength, long entry) {
        Keyspace keyspace = cut[index];
        if (Databases.snapshotPending(keyspace, entry)) {
            write(keyspace, cutDb[index], segment, keyOffset, keyLength, entry);
        }
    }

    /**
     * Before a write to key {@code s[offset, +length)} of database {@code db}: if its entry is
     * still pending, its value of the cut goes into the part now.
     */
    void beforeWrite(int db, MemorySegment s, long offset, int length, long now) {
        if (!scanning || db >= databases.used()) {
            return;
        }
        Keyspace keyspace = databases.peek(db);
        for (int i = 0; i < cutCount; i++) {
            if (cut[i] == keyspace) {
                long entry = keyspace.peek(s, offset, length, now);
                if (entry != Keyspace.ABSENT && Databases.snapshotPending(keyspace, entry)) {
                    write(keyspace, db, s, offset, length, entry);
                }
                return;
            }
        }
    }

    /**
     * The keys a write command run in database {@code db} may change: its first argument alone
     * when {@code firstArgumentOnly} (a command whose one key is argument 1, by its spec), else
     * every argument taken as a key, which covers the keys of any syntax (numkeys, STORE, options
     * between keys): a value that happens to name a key only writes that key's cut value early,
     * which is still its cut value. Looking up only the key matters: each other argument cost a
     * lookup that missed the cache (a SET's value hashes anywhere in the index), about 2% of the
     * shard's samples under pipelined SETs while an automatic log rewrite's snapshot ran.
     */
    void beforeWrite(int db, Request c, boolean firstArgumentOnly, long now) {
        int end = firstArgumentOnly ? Math.min(2, c.argc()) : c.argc();
        for (int i = 1; i < end; i++) {
            beforeWrite(db, c.buffer(), c.offset(i), (int) c.length(i), now);
        }
    }

    private void write(Keyspace keyspace, int db, MemorySegment s, long keyOffset, int keyLength, long entry) {
        if (part != null) {
            try {
                part.record(keyspace, db, s, keyOffset, keyLength, entry);
            } catch (RuntimeException | OutOfMemoryError e) {
                abandonPart();
                System.err.println("kevy: shard " + shard + " could not write its snapshot part: " + e);
            }
        }
        Databases.snapshotWritten(keyspace, entry);
    }

    /** The part cannot be completed (or is no longer wanted): the scan goes on marking entries only. */
    private void abandonPart() {
        if (part != null) {
            part = null;
            job.partFailed(shard);
            job = null;
        }
    }

    private void finish() {
        scanning = false;
        if (part != null) {
            job.partDone(shard, changesAtCut);
        }
        job = null;
        part = null;
        Arrays.fill(cut, 0, cutCount, null);
        cutCount = 0;
    }
}
