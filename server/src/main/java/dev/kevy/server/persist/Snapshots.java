package dev.kevy.server.persist;

import dev.kevy.server.rdb.SnapshotEncoder;
import dev.kevy.sys.Fs;
import dev.kevy.sys.Posix;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The server's RDB snapshots: where they go ({@code dir}, {@code dbfilename}), when they are taken
 * on their own ({@code save} rules), the one running at a time, and the writer thread that puts
 * them on disk. Shared by every shard; the shards serialize, the writer thread writes.
 *
 * <p><b>How a snapshot is taken.</b> A shard calls {@link #begin} (SAVE, BGSAVE, SHUTDOWN, a due
 * save rule), makes its cut and sends every other shard a message to make theirs; each shard then
 * writes its part a slice at a time while it serves, each part exactly its shard's data at its cut
 * ({@code ShardSnapshot}; shards cut at their own instants, not one global one: docs/SERVER.md).
 * The writer thread streams the parts in shard order, each 1 MiB chunk as soon as its shard seals
 * it, into {@code temp-<pid>.rdb}, then fsyncs it, renames it over {@code dir/dbfilename} and
 * fsyncs the directory ({@link SnapshotFile}); the shards never wait on the disk. SAVE's reply
 * waits for the outcome (a deferred reply), BGSAVE's does not.
 *
 * <p><b>Threads.</b> Settings are volatile (CONFIG SET save, on any shard); {@link #begin} is
 * synchronized (two shards may start one at once; one wins); each shard publishes its count of
 * changes on its tick into its own slot of {@link #changes} (set/get: volatile).
 */
public final class Snapshots {
    /** How long the writer waits for a shard's part (or for the shards to finish) before failing the snapshot. */
    private static final long PARTS_TIMEOUT_MILLIS = 600_000;
    /** Redis's CONFIG_BGSAVE_RETRY_DELAY: after a failure, a save rule tries again this much later. */
    private static final long RETRY_DELAY_MILLIS = 5_000;

    private final int shards;
    private final SnapshotFile.Disk disk;
    private final String version;
    private final AtomicLongArray changes;
    private final LinkedBlockingQueue<SnapshotJob> queue = new LinkedBlockingQueue<>();
    private volatile String dir;
    private volatile String dbfilename;
    private volatile SaveRules rules;
    private volatile SnapshotJob running;
    private volatile long lastSaveMillis = System.currentTimeMillis(); // Redis: the start counts as a save
    private volatile long lastAttemptMillis;
    private volatile boolean lastSucceeded = true;
    private volatile String lastError;
    private volatile long lastDurationMillis = -1;
    private volatile long lastBytes;
    private volatile boolean finalSaveDone;
    private long nextId;
    private Thread writer;

    public Snapshots(int shards, String dir, String dbfilename, SaveRules rules, String version) {
        this(shards, dir, dbfilename, rules, version, SnapshotFile.Disk.REAL);
    }

    Snapshots(int shards, String dir, String dbfilename, SaveRules rules, String version, SnapshotFile.Disk disk) {
        this.shards = shards;
        this.dir = absolute(dir);
        this.dbfilename = dbfilename;
        this.rules = rules;
        this.version = version;
        this.disk = disk;
        this.changes = new AtomicLongArray(shards);
    }

    /**
     * Starts a snapshot, or returns null when one is running. The caller serializes its own part
     * and asks the other shards for theirs.
     */
    public synchronized SnapshotJob begin(long nowMillis) {
        return begin(nowMillis, null);
    }

    /**
     * Starts a snapshot that becomes the new base of {@code log} (BGREWRITEAOF; null: an RDB
     * snapshot), or returns null when a snapshot or a rewrite is running.
     */
    public synchronized SnapshotJob begin(long nowMillis, AppendLog log) {
        if (running != null) {
            return null;
        }
        long seq = 0;
        if (log != null && (seq = log.beginRewrite()) < 0) {
            return null;
        }
        SnapshotJob job = new SnapshotJob(++nextId, shards, nowMillis, log, seq);
        lastAttemptMillis = nowMillis;
        running = job;
        if (writer == null) {
            writer = new Thread(this::writeLoop, "kevy-snapshot-writer");
            writer.setDaemon(true);
            writer.start();
        }
        queue.add(job);
        return job;
    }

    /** SHUTDOWN took care of the final snapshot (saved it, or was told not to): the exit must not save. */
    public void finalSaveDone() {
        finalSaveDone = true;
    }

    /** Whether the exit should take a final snapshot: save rules are set and SHUTDOWN did not decide. */
    public boolean wantsFinalSave() {
        return !finalSaveDone && !rules.isEmpty();
    }

    /** The snapshot being taken, or null. */
    public SnapshotJob running() {
        return running;
    }

    private void writeLoop() {
        while (true) {
            SnapshotJob job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            write(job);
        }
    }

    private void write(SnapshotJob job) {
        String error = null;
        long bytes = 0;
        long keys = 0;
        long deadline = System.currentTimeMillis() + PARTS_TIMEOUT_MILLIS;
        SnapshotFile file = null;
        try (SnapshotEncoder head = new SnapshotEncoder(); SnapshotEncoder tail = new SnapshotEncoder()) {
            head.head(System.currentTimeMillis() / 1000, 0, version);
            head.seal();
            tail.tail();
            tail.seal();
            file = SnapshotFile.create(disk, dir);
            stream(file, head, deadline);
            for (int s = 0; s < shards; s++) {
                keys += stream(file, job, s, deadline);
            }
            stream(file, tail, deadline);
            bytes = file.commit(job.rewrite() == null ? dbfilename : job.rewrite().rewriteBase(job.rewriteSeq()));
            file = null;
        } catch (SnapshotFile.Failure e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            error = "interrupted";
            Thread.currentThread().interrupt();
        } catch (RuntimeException | OutOfMemoryError e) {
            error = "snapshot failed: " + e;
        } finally {
            if (file != null) {
                file.abandon();
            }
            if (error != null || file != null) {
                job.abandon(); // shards still scanning stop filling parts nobody will write
            }
            releaseWhenShardsFinished(job);
        }
        finish(job, error, bytes, keys);
    }

    /** Shard {@code s}'s part, streamed as the shard writes it ({@link #stream(SnapshotFile, SnapshotEncoder, long)}); its keys. */
    private static long stream(SnapshotFile file, SnapshotJob job, int s, long deadline)
            throws SnapshotFile.Failure, InterruptedException {
        SnapshotEncoder part;
        while ((part = job.part(s)) == null && !job.failed(s)) { // its cut may come a little after the start
            pause(deadline);
        }
        long keys = part == null ? 0 : stream(file, part, deadline, job, s);
        if (job.failed(s)) {
            throw new SnapshotFile.Failure("shard " + s + " failed to serialize its part");
        }
        return keys;
    }

    private static long stream(SnapshotFile file, SnapshotEncoder part, long deadline)
            throws SnapshotFile.Failure, InterruptedException {
        return stream(file, part, deadline, null, 0);
    }

    /**
     * Writes {@code part}'s chunks as its shard seals them, freeing each once written, until the
     * part is whole or its shard gave up ({@code job}'s failure flag); returns its keys.
     */
    private static long stream(SnapshotFile file, SnapshotEncoder part, long deadline, SnapshotJob job, int s)
            throws SnapshotFile.Failure, InterruptedException {
        int next = 0;
        while (true) {
            boolean whole = part.complete(); // read first: once it is true, the sealed count is final
            int sealed = part.sealedChunks();
            for (; next < sealed; next++) {
                file.append(part.chunk(next), part.chunkLength(next));
                part.release(next);
            }
            if (whole || (job != null && job.failed(s))) {
                return part.keys();
            }
            pause(deadline); // the shard is still scanning: its next chunk comes within a few iterations
        }
    }

    private static void pause(long deadline) throws SnapshotFile.Failure, InterruptedException {
        if (System.currentTimeMillis() > deadline) {
            throw new SnapshotFile.Failure("a shard did not serialize its part within " + PARTS_TIMEOUT_MILLIS / 1000 + " s");
        }
        Thread.sleep(1);
    }

    /** Frees the parts once no shard writes into them; a shard that never finishes keeps its part (leaked, logged). */
    private static void releaseWhenShardsFinished(SnapshotJob job) {
        try {
            if (job.awaitShardsFinished(PARTS_TIMEOUT_MILLIS)) {
                job.release();
            } else {
                System.err.println("kevy: a shard never finished its snapshot part; its memory stays allocated");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish(SnapshotJob job, String error, long bytes, long keys) {
        long now = System.currentTimeMillis();
        if (job.rewrite() != null) { // the log's base, not dbfilename: the RDB figures stay as they are
            if (error != null) {
                System.err.println("kevy: the append-only log rewrite failed: " + error);
            }
            running = null;
            job.rewrite().rewriteFinished(error == null);
            if (error == null) {
                job.succeed(bytes, keys);
            } else {
                job.fail(error);
            }
            return;
        }
        lastDurationMillis = now - job.startMillis;
        lastSucceeded = error == null;
        lastError = error;
        if (error == null) {
            lastSaveMillis = now;
            lastBytes = bytes;
        } else {
            System.err.println("kevy: snapshot failed: " + error);
        }
        running = null; // before the outcome: whoever sees it done may start the next one
        if (error == null) {
            job.succeed(bytes, keys);
        } else {
            job.fail(error);
        }
    }

    /** Shard {@code shard}'s changes since it started or last had them saved (its tick). */
    public void publishChanges(int shard, long count) {
        changes.set(shard, count); // volatile; partner: the get in changesSinceSave
    }

    /** Redis's rdb_changes_since_last_save: the shards' counts as of their last ticks. */
    public long changesSinceSave() {
        long sum = 0;
        for (int i = 0; i < shards; i++) {
            sum += changes.get(i);
        }
        return sum;
    }

    /** Whether a save rule asks for a snapshot now (none running; a failure waits 5 s to retry). */
    public boolean due(long nowMillis) {
        SaveRules r = rules;
        if (r.isEmpty() || running != null) {
            return false;
        }
        if (!lastSucceeded && nowMillis - lastAttemptMillis < RETRY_DELAY_MILLIS) {
            return false;
        }
        return r.due(changesSinceSave(), nowMillis - lastSaveMillis);
    }

    /** LASTSAVE: seconds of the last successful snapshot (the start, before any). */
    public long lastSaveSeconds() {
        return lastSaveMillis / 1000;
    }

    public boolean lastSucceeded() {
        return lastSucceeded;
    }

    /** Why the last snapshot failed, or null. */
    public String lastError() {
        return lastError;
    }

    /** Duration of the last snapshot in milliseconds, -1 before the first. */
    public long lastDurationMillis() {
        return lastDurationMillis;
    }

    /** Bytes of the last file written. */
    public long lastBytes() {
        return lastBytes;
    }

    public String dir() {
        return dir;
    }

    public String dbfilename() {
        return dbfilename;
    }

    public SaveRules rules() {
        return rules;
    }

    /** The directory (start-up's {@code --dir}): an existing one, kept absolute; the reason otherwise. */
    public void dir(String value) {
        int fd = Fs.open(value, Fs.O_RDONLY | Fs.O_DIRECTORY, 0);
        if (fd < 0) {
            throw new IllegalArgumentException(dev.kevy.sys.Errno.message(fd));
        }
        Posix.close(fd);
        dir = absolute(value);
    }

    public void rules(SaveRules value) {
        rules = value;
    }

    /** A bare name for {@code option} (dbfilename, appendfilename, appenddirname); Redis's complaint for a path or nothing. */
    public static String checkedFileName(String option, String value) {
        if (value.isEmpty() || value.contains("/")) {
            throw new IllegalArgumentException(value.isEmpty() ? option + " can't be empty"
                    : option + " can't be a path, just a " + (option.endsWith("dirname") ? "dirname" : "filename"));
        }
        return value;
    }

    private static String absolute(String dir) {
        return Path.of(dir).toAbsolutePath().normalize().toString();
    }
}
