package dev.kevy.server.persist;

import dev.kevy.rt.ring.RecordHandler;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Fs;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The log's writer thread: takes every shard's committed records in one capture, writes them as
 * one block (CRC-32C over its payload, one {@code write}), then, under {@code appendfsync always},
 * one {@code fdatasync} for all of them (group commit across connections and shards) before it
 * publishes each shard's durable COMMIT sequence; {@code everysec} syncs at most once a second
 * and {@code no} never. A failed write or sync is never retried (a failed fsync may have dropped
 * the pages it was asked to write): the log stops and says why ({@link AppendLog#failure}).
 *
 * <p>During a rewrite two logs are open: a shard's records go to the current one until its
 * SWITCH (its cut), to the next one after; a capture then writes a block to each. Once every
 * shard has switched and the rewrite's snapshot is on disk, the next log becomes the current one.
 *
 * <p>Under {@code always} the writer keeps zeros written ahead of the log's end
 * ({@link Zeros#STEP} at a time) and writes its blocks over them: an {@code fdatasync} then
 * flushes data into blocks the file system has already allocated and written, and no size or
 * extent change has to go through the journal (measured here: 125 against 190 us per
 * {@code write} + {@code fdatasync}). The file is cut back to its last block when the writer
 * stops or leaves it; after a crash, start-up finds the zeros and cuts them ({@link LogReplay}).
 * When the zeros cannot be written (a full disk) the writer appends without them.
 *
 * <p>The shards never wait for it, except when a ring is full (back-pressure) and, under
 * {@code always}, for the replies that wait for their records.
 */
final class LogWriter implements RecordHandler, Runnable {

    private static final long IDLE_PARK_NANOS = 1_000_000_000L;
    /**
     * Under {@code everysec} and {@code no}: how long the writer lets records gather after a block
     * (a ring of 4 MiB holds far more than this at any rate measured here).
     */
    static final long GATHER_NANOS = 2_000_000;

    /**
     * One log being appended to: its descriptor (whose file offset is always {@link #bytes}), the
     * block being built, whether it needs a sync.
     */
    private final class Output {
        final int fd;
        MemorySegment staging = arena.allocate(1 << 20, 8);
        long at;
        boolean unsynced;
        /** The log's length: the end of its last block. */
        long bytes;
        /** The file's length: {@link #bytes} and the zeros written ahead of it. */
        long zeroedTo;
        /** False once writing zeros failed: this log is appended to without them. */
        boolean preallocates = true;

        Output(int fd, long bytes) {
            this.fd = fd;
            this.bytes = bytes;
            this.zeroedTo = bytes;
        }
    }

    private final AppendLog log;
    private final ShardLog[] shards;
    private final AppendLog.Disk disk;
    private final Arena arena = Arena.ofAuto();
    private final BlockCrc crc = new BlockCrc();
    /** The log being appended to; null for a log turned on while running, until its first rewrite ends. */
    private Output current;
    /** The log a rewrite switches to, or null. */
    private Output next;
    private long nextSeq;
    /** Per shard: where its records go now. */
    private final Output[] route;
    private int shard;
    /** Per shard: the last COMMIT sequence taken into the block being written. */
    private final long[] committed;
    private long lastSyncMillis;
    /** Bytes of the logs the manifest lists before the current one (INFO's aof_current_size counts them). */
    private long olderBytes;

    LogWriter(AppendLog log, ShardLog[] shards, int fd, AppendLog.Disk disk) {
        this.log = log;
        this.shards = shards;
        this.disk = disk;
        this.current = fd < 0 ? null : new Output(fd, log.store().appendOffset());
        this.olderBytes = current == null ? 0 : log.store().validBytes() - current.bytes;
        this.route = new Output[shards.length];
        Arrays.fill(route, current);
        this.committed = new long[shards.length];
    }

    @Override
    public void run() {
        try {
            while (!log.failed()) {
                boolean stopping = log.stopRequested(); // read before the capture: the last one follows the stop
                if (capture()) {
                    if (writeBlocks()) {
                        afterWrite();
                    }
                    if (log.policy() != AppendLog.Policy.ALWAYS && !stopping) {
                        // No reply waits: let records gather for a while, unannounced (the shards
                        // see no parked writer and make no wake call), then take them in one block.
                        LockSupport.parkNanos(GATHER_NANOS);
                    }
                } else if (stopping) {
                    if (syncAll()) {
                        if (current != null) {
                            trim(current);
                        }
                        if (next != null) {
                            trim(next);
                        }
                    }
                    return;
                } else if (!finishRewrite()) {
                    sleep();
                }
            }
        } catch (RuntimeException | Error e) {
            log.fail("the append-only log writer failed: " + e);
            throw e;
        } finally {
            closeFiles(); // the writer owns its descriptors: stopped, failed or turned off, they close here
        }
    }

    private void closeFiles() {
        if (current != null) {
            Posix.close(current.fd);
        }
        if (next != null) {
            Posix.close(next.fd);
        }
    }

    /** Takes every shard's published records into the blocks; whether there were any. */
    private boolean capture() {
        if (current != null) {
            current.at = LogFormat.BLOCK_HEADER;
        }
        if (next != null) {
            next.at = LogFormat.BLOCK_HEADER;
        }
        int taken = 0;
        log.lockTurn(); // no atomic turn is half written into the rings while we take them
        try {
            for (shard = 0; shard < shards.length; shard++) {
                taken += shards[shard].consumer.drain(this, Integer.MAX_VALUE);
            }
        } finally {
            log.unlockTurn();
        }
        return taken > 0;
    }

    @Override
    public void onRecord(int type, MemorySegment segment, long offset, int length) {
        take(type, segment, offset, length);
    }

    @Override
    public void onBlock(int type, MemorySegment block, Arena owner) {
        take(type, block, 0, block.byteSize());
        owner.close();
    }

    private void take(int type, MemorySegment s, long offset, long length) {
        if (type == LogFormat.SWITCH) {
            switchShard(s.get(LogFormat.LONG, offset));
            return;
        }
        Output out = route[shard];
        long need = out.at + LogFormat.RECORD_HEADER + length;
        if (need > out.staging.byteSize()) {
            MemorySegment bigger = arena.allocate(Math.max(need, out.staging.byteSize() * 2), 8);
            MemorySegment.copy(out.staging, 0, bigger, 0, out.at);
            out.staging = bigger;
        }
        MemorySegment staging = out.staging;
        staging.set(LogFormat.INT, out.at, (int) length);
        staging.set(LogFormat.SHORT, out.at + 4, (short) shard);
        staging.set(LogFormat.SHORT, out.at + 6, (short) type);
        MemorySegment.copy(s, offset, staging, out.at + LogFormat.RECORD_HEADER, length);
        out.at += LogFormat.RECORD_HEADER + length;
        if (type == LogFormat.COMMIT) {
            committed[shard] = s.get(LogFormat.LONG, offset);
        }
    }

    /** The shard made its rewrite cut: its later records go to log {@code seq}, opened (and listed) first. */
    private void switchShard(long seq) {
        if (next == null) {
            next = new Output(log.store().openNext(seq, shards.length), LogFormat.FILE_HEADER); // durable and listed first
            next.at = LogFormat.BLOCK_HEADER;
            nextSeq = seq;
        }
        route[shard] = next;
    }

    /** Frames and writes the blocks; false (the log failed) on a write error. */
    private boolean writeBlocks() {
        return (current == null || writeBlock(current)) && (next == null || writeBlock(next));
    }

    private boolean writeBlock(Output out) {
        long payload = out.at - LogFormat.BLOCK_HEADER;
        if (payload == 0) {
            return true;
        }
        if (log.policy() == AppendLog.Policy.ALWAYS && !preallocate(out, out.bytes + out.at)) {
            return false;
        }
        MemorySegment staging = out.staging;
        staging.set(LogFormat.INT, 0, LogFormat.BLOCK_MAGIC);
        staging.set(LogFormat.INT, 4, (int) payload);
        staging.set(LogFormat.LONG, 8, crc.of(staging, LogFormat.BLOCK_HEADER, payload));
        long done = 0;
        while (done < out.at) {
            long n = disk.write(out.fd, staging, done, out.at - done);
            if (n == -Errno.EINTR) {
                continue;
            }
            if (n < 0) {
                log.fail(Errno.message((int) n));
                return false;
            }
            done += n;
        }
        out.bytes += out.at;
        log.fileBytes(olderBytes + (current == null ? 0 : current.bytes) + (next == null ? 0 : next.bytes));
        out.unsynced = true;
        return true;
    }

    /**
     * Writes zeros ahead of the log until {@code end} is covered, or gives up preallocating this
     * log; false (the log failed) when the file offset cannot be put back at the log's end, where
     * the next block must go.
     */
    private boolean preallocate(Output out, long end) {
        if (!out.preallocates || end <= out.zeroedTo) {
            return true;
        }
        long to = (end / Zeros.STEP + 1) * Zeros.STEP;
        int r = disk.preallocate(out.fd, out.zeroedTo, to - out.zeroedTo);
        if (r < 0) {
            out.preallocates = false;
            System.out.println("kevy: cannot write zeros ahead of the append-only log (" + Errno.message(r)
                    + "); appending without them");
            Fs.ftruncate(out.fd, out.bytes); // whatever zeros did get written (if this fails too, start-up cuts them)
            out.zeroedTo = out.bytes;
        } else {
            out.zeroedTo = to;
        }
        long at = Fs.seek(out.fd, out.bytes); // the next block starts where the log ends, over the zeros
        if (at < 0) {
            log.fail(Errno.message((int) at)); // a block written past a gap would hide every later one
            return false;
        }
        return true;
    }

    /** Cuts the zeros after the log's last block off its file. */
    private static void trim(Output out) {
        if (out.zeroedTo > out.bytes && Fs.ftruncate(out.fd, out.bytes) == 0) {
            out.zeroedTo = out.bytes;
        }
    }

    /** The policy's sync, then each shard's durable sequence and a wake for those that wait. */
    private void afterWrite() {
        AppendLog.Policy policy = log.policy();
        if ((policy == AppendLog.Policy.ALWAYS
                || policy == AppendLog.Policy.EVERYSEC && System.currentTimeMillis() - lastSyncMillis >= 1000)
                && !syncAll()) {
            return;
        }
        log.published(committed);
        finishRewrite();
    }

    private boolean syncAll() {
        return (current == null || sync(current)) && (next == null || sync(next));
    }

    private boolean sync(Output out) {
        if (!out.unsynced) {
            return true;
        }
        int r = disk.fdatasync(out.fd);
        if (r < 0) {
            log.fail(Errno.message(r)); // never retried: the kernel may have dropped the pages already
            return false;
        }
        out.unsynced = false;
        lastSyncMillis = System.currentTimeMillis();
        return true;
    }

    /**
     * Ends a rewrite once its snapshot is done: on success after every shard switched (the
     * snapshot holds all they wrote before), on failure at once (every shard's later records go
     * to the next log, which the manifest lists after the current one). A log turned on while
     * running has no current log until its first rewrite ends, and no manifest until one succeeds:
     * a failed one leaves its log unlisted, and the next try's base holds what it got.
     * Returns whether it did.
     */
    private boolean finishRewrite() {
        if (!log.rewriting()) {
            return false;
        }
        int outcome = log.rewriteOutcome();
        if (outcome == AppendLog.PENDING) {
            return false;
        }
        if (outcome == AppendLog.SUCCEEDED) {
            for (Output r : route) {
                if (r != next) {
                    return false; // a shard's SWITCH is still in its ring
                }
            }
        }
        if (next == null) { // failed before any shard cut: nothing was switched
            log.rewriteEnded(false);
            return true;
        }
        if (!syncAll()) {
            return false;
        }
        boolean listed = log.store().listed();
        log.store().finishRewrite(nextSeq, outcome == AppendLog.SUCCEEDED);
        if (current != null) {
            if (outcome != AppendLog.SUCCEEDED) {
                trim(current); // a failed rewrite keeps this log in the manifest (a successful one deleted it)
            }
            Posix.close(current.fd);
        }
        // Older logs the manifest lists: none after a success; before a turn-on's first base, none at all.
        olderBytes = outcome == AppendLog.SUCCEEDED || !listed || current == null ? 0 : olderBytes + current.bytes;
        current = next;
        next = null;
        Arrays.fill(route, current);
        log.fileBytes(olderBytes + current.bytes);
        log.rewriteEnded(outcome == AppendLog.SUCCEEDED);
        return true;
    }

    /**
     * Nothing to write: announce the sleep ({@link AppendLog#writerSleeps}: a store and a full
     * fence), look at every ring once more (acquire loads of their tails), then park. A shard that
     * published after that look sees the announcement and wakes us ({@link AppendLog#wakeWriter}):
     * the runtime's park/wake protocol, with the writer as the one parked party.
     */
    private void sleep() {
        long timeout = IDLE_PARK_NANOS;
        if ((current != null && current.unsynced || next != null && next.unsynced)
                && log.policy() == AppendLog.Policy.EVERYSEC) {
            long left = 1000 - (System.currentTimeMillis() - lastSyncMillis);
            if (left <= 0) {
                syncAll();
                return;
            }
            timeout = left * 1_000_000L;
        }
        log.writerSleeps();
        boolean rewriteDone = log.rewriting() && log.rewriteOutcome() != AppendLog.PENDING;
        if (!anyPublished() && !log.stopRequested() && !rewriteDone) {
            LockSupport.parkNanos(timeout);
        }
        log.writerAwake();
    }

    private boolean anyPublished() {
        for (ShardLog s : shards) {
            if (!s.consumer.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
