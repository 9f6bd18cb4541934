package dev.kevy.server.persist;

import dev.kevy.sys.Errno;
import dev.kevy.sys.Fs;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The log's files in {@code dir/appenddirname} ({@code appendonlydir} by default, created when
 * missing), named as Redis 7 names its multi-part AOF: a {@link Manifest}
 * ({@code appendonly.aof.manifest}) naming a base snapshot ({@code appendonly.aof.N.base.rdb}, an
 * RDB file, absent when the log started empty) and the incremental logs replayed over it
 * ({@code appendonly.aof.N.incr.klog}, kevy's binary format, {@link LogFormat}), oldest first.
 *
 * <p>At start-up: with a manifest, its base is what the shards load and its logs what they
 * replay; without one (the first start with {@code appendonly yes}), the RDB snapshot of
 * {@code dir} (if any) becomes the base, so turning the log on loses nothing, and an empty log is
 * created. The manifest is written last, after every file it names is durable.
 *
 * <p>A rewrite (BGREWRITEAOF): the writer thread opens the next log and lists it in the manifest
 * ({@link #openNext}) before it writes a record there; once the new base is on disk,
 * {@link #finishRewrite} makes it and that log the whole manifest and deletes the older files.
 */
public final class LogStore {
    /** The directory of the log's files: {@code serverDir/dirname}. */
    private final String dir;
    private final String serverDir;
    private final String dirname;
    /**
     * Whether {@link #dir}'s own entry in {@link #serverDir} is durable: false when this run
     * created the directory, until the first manifest is written (which syncs it first).
     */
    private volatile boolean dirEntrySynced;
    private final String name;
    private volatile Manifest manifest;
    private final int fd;
    private final List<Arena> arenas;
    private final List<MemorySegment> data;
    private final long[] validEnds;
    private final SnapshotImage base;
    private final AtomicInteger shardsLeft;
    /**
     * False for a log turned on while the server runs ({@link #forTurnOn}) until its first base is
     * written: until then no manifest names its files, and a restart loads {@code dbfilename}.
     */
    private volatile boolean listed;
    /** Log files created while not {@link #listed} (the writer's): deleted once a manifest names others. */
    private final List<String> unlisted = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * A writer took {@link #fd} ({@link #fd()}) and closes it: a rewrite may close it long before
     * this store does, and its number may by then belong to another file or a client's socket.
     */
    private volatile boolean fdTaken;
    /** The newest sequence a rewrite opened while not {@link #listed}: a failed turn-on's retry takes the next. */
    private volatile long unlistedSeq;

    private LogStore(Place place, String name, Manifest manifest, int fd, List<Arena> arenas, List<MemorySegment> data,
                     long[] validEnds, SnapshotImage base, int shards) {
        this(place, name, manifest, fd, arenas, data, validEnds, base, shards, true);
    }

    private LogStore(Place place, String name, Manifest manifest, int fd, List<Arena> arenas, List<MemorySegment> data,
                     long[] validEnds, SnapshotImage base, int shards, boolean listed) {
        this.dir = place.path();
        this.serverDir = place.serverDir();
        this.dirname = place.dirname();
        this.dirEntrySynced = !place.created();
        this.name = name;
        this.manifest = manifest;
        this.fd = fd;
        this.arenas = arenas;
        this.data = data;
        this.validEnds = validEnds;
        this.base = base;
        this.shardsLeft = new AtomicInteger(shards);
        this.listed = listed;
    }

    /**
     * A log turned on while the server runs (CONFIG SET appendonly yes): nothing to replay, no file
     * yet. Its first rewrite writes the base and the first log, and only its success writes a
     * manifest naming them (replacing one an earlier run left in {@code dir}, whose files it then
     * deletes), as Redis 7 does: a crash before that restarts from {@code dbfilename}. Only a
     * probe touches the directory here, on the caller's (a shard's) thread.
     *
     * @throws IllegalStateException with the one line to print (a manifest that cannot be read)
     */
    public static LogStore forTurnOn(String serverDir, String dirname, String name, int shards) {
        Place place = Place.of(serverDir, dirname);
        String dir = place.path();
        Manifest earlier = Manifest.read(dir, name);
        Manifest start = earlier != null ? earlier : new Manifest(name, null, 0, List.of(), List.of());
        probeWritable(dir, "temp-" + Manifest.incrFile(name, start.lastSeq() + 1)); // fails here, with the reason
        return new LogStore(place, name, start, -1, List.of(), List.of(), new long[0], null, shards, false);
    }

    /**
     * Where the log's files sit: {@code serverDir/dirname}, Redis's {@code appenddirname}.
     * {@code created} when this run made the directory: its entry in {@code serverDir} is synced
     * before the first manifest in it is written ({@link #writeManifest} on the writer thread, or
     * {@code create} at start-up), never here, so a turn-on on a shard thread makes no fsync.
     */
    record Place(String serverDir, String dirname, boolean created) {

        /**
         * The directory, created when missing (mode 0755, less the umask).
         *
         * @throws IllegalStateException in Redis's words, when it cannot be created or is not a directory
         */
        static Place of(String serverDir, String dirname) {
            String path = serverDir + "/" + dirname;
            int r = Fs.mkdir(path, 0755);
            if (r == 0) {
                return new Place(serverDir, dirname, true);
            }
            if (r == -Errno.EEXIST) {
                r = Fs.open(path, Fs.O_RDONLY | Fs.O_DIRECTORY, 0); // a file by that name fails: ENOTDIR
                if (r >= 0) {
                    Posix.close(r);
                    return new Place(serverDir, dirname, false);
                }
            }
            throw new IllegalStateException("Can't open or create append-only dir " + path + ": " + Errno.message(r));
        }

        String path() {
            return serverDir + "/" + dirname;
        }
    }

    /**
     * Creates and deletes {@code dir/file}: whether the directory takes a new file, learned on the
     * caller's thread without an fsync (the writer creates the log itself, durably, at the first cut).
     *
     * @throws IllegalStateException naming the file and the error
     */
    private static void probeWritable(String dir, String file) {
        String path = dir + "/" + file;
        int fd = Fs.open(path, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_TRUNC, 0644);
        if (fd < 0) {
            throw new IllegalStateException("cannot create " + path + ": " + Errno.message(fd));
        }
        Posix.close(fd);
        Fs.unlink(path);
    }

    /** Whether a manifest names this log's files (false after a turn-on, until its first base is written). */
    boolean listed() {
        return listed;
    }

    /**
     * Opens the log {@code name} in {@code dir} for {@code shards} shards, creating it on a first
     * start from {@code rdb} (the snapshot of {@code dir}, read only then). A torn last block is
     * cut when {@code loadTruncated} (Redis's {@code aof-load-truncated}); a damaged block with
     * valid data after it stops the start unless {@code loadCorrupt}, which keeps what precedes it.
     *
     * @throws IllegalStateException with the one line to print
     */
    public static LogStore open(String serverDir, String dirname, String name, int shards, boolean loadTruncated,
                                boolean loadCorrupt, Supplier<SnapshotImage> rdb) {
        Place place = Place.of(serverDir, dirname);
        String dir = place.path();
        Manifest manifest = Manifest.read(dir, name);
        if (manifest == null) {
            return create(place, name, shards, rdb.get());
        }
        SnapshotImage base = manifest.base() == null ? null : SnapshotImage.read(dir, manifest.base(), shards);
        if (manifest.base() != null && base == null) {
            throw new IllegalStateException(dir + "/" + name + Manifest.SUFFIX + " names the base " + manifest.base()
                    + ", which is missing");
        }
        List<Arena> arenas = new ArrayList<>();
        List<MemorySegment> data = new ArrayList<>();
        long[] validEnds = new long[manifest.incrs().size()];
        try {
            for (int i = 0; i < validEnds.length; i++) {
                Arena arena = Arena.ofShared();
                arenas.add(arena);
                String path = dir + "/" + manifest.incrs().get(i);
                validEnds[i] = readChecked(path, shards, loadTruncated, loadCorrupt, arena, data);
                System.out.println("kevy: replaying " + path + " (" + validEnds[i] + " bytes)"
                        + (i == 0 && base != null ? " over " + base.keys() + " keys of " + base.path() : ""));
            }
        } catch (RuntimeException e) {
            arenas.forEach(Arena::close);
            throw e;
        }
        int last = validEnds.length - 1;
        int fd = openForAppend(dir + "/" + manifest.incrs().get(last), validEnds[last]);
        return new LogStore(place, name, manifest, fd, arenas, data, validEnds, base, shards);
    }

    /**
     * Reads and checks one log into {@code data}; cuts a torn tail (or, when allowed, damage) off
     * the file. Returns the bytes to replay.
     */
    private static long readChecked(String path, int shards, boolean loadTruncated, boolean loadCorrupt, Arena arena,
                                    List<MemorySegment> data) {
        int fd = Fs.open(path, Fs.O_RDWR, 0);
        if (fd < 0) {
            throw new IllegalStateException("cannot open " + path + ": " + Errno.message(fd));
        }
        try {
            MemorySegment bytes = SnapshotImage.contents(fd, path, arena);
            LogReplay.Scan scan = LogReplay.check(bytes, path, shards);
            if (scan.corrupt() && !loadCorrupt) {
                throw new IllegalStateException(path + " is damaged: " + scan.problem() + ", with valid blocks after it. "
                        + "Start with --aof-load-corrupt yes to load the " + scan.validEnd() + " bytes before it (and drop "
                        + "the rest)");
            }
            if (scan.torn() && !loadTruncated) {
                throw new IllegalStateException(path + " ends with " + scan.problem() + " (a write cut by a crash); start "
                        + "with --aof-load-truncated yes to cut it");
            }
            if (scan.validEnd() < scan.size()) {
                System.out.println("kevy: " + path + ": " + (scan.problem() == null ? "zeros written ahead of the log"
                        : scan.problem()) + "; keeping the " + scan.validEnd() + " bytes before it, cutting "
                        + (scan.size() - scan.validEnd()));
                int r = Fs.ftruncate(fd, scan.validEnd());
                if (r < 0) {
                    throw new IllegalStateException("cannot cut " + path + ": " + Errno.message(r));
                }
            }
            data.add(bytes);
            return scan.validEnd();
        } finally {
            Posix.close(fd);
        }
    }

    private static LogStore create(Place place, String name, int shards, SnapshotImage rdb) {
        String dir = place.path();
        if (place.created()) {
            Manifest.syncDirectory(place.serverDir()); // the directory's entry, before anything in it counts
        }
        Manifest manifest = new Manifest(name, null, 0, List.of(), List.of()).withIncr(1);
        if (rdb != null) {
            Manifest.writeFile(dir, Manifest.baseFile(name, 1), rdb.bytes());
            manifest = new Manifest(name, Manifest.baseFile(name, 1), 1, manifest.incrs(), manifest.incrSeqs());
        }
        createLog(dir, Manifest.incrFile(name, 1), shards);
        manifest.write(dir);
        System.out.println("kevy: created the append-only log " + dir + "/" + Manifest.incrFile(name, 1)
                + (rdb == null ? "" : " with " + rdb.path() + " as its base"));
        String path = dir + "/" + Manifest.incrFile(name, 1);
        Place synced = new Place(place.serverDir(), place.dirname(), false);
        return new LogStore(synced, name, manifest, openForAppend(path, LogFormat.FILE_HEADER), List.of(), List.of(),
                new long[0], rdb, shards);
    }

    /** A new log file holding only its header, durable (its directory entry with the manifest that names it). */
    private static void createLog(String dir, String file, int shards) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment header = scratch.allocate(LogFormat.FILE_HEADER);
            LogFormat.writeFileHeader(header, shards);
            Manifest.writeFile(dir, file, header);
        }
    }

    /**
     * The descriptor the writer appends with, its offset at {@code end}, where the file ends (cut
     * there at start-up, or just created with its header). Not {@code O_APPEND}: the writer writes
     * zeros ahead of the end and its blocks over them.
     */
    private static int openForAppend(String path, long end) {
        int fd = Fs.open(path, Fs.O_WRONLY, 0);
        long at = fd < 0 ? fd : Fs.seek(fd, end);
        if (at < 0) {
            if (fd >= 0) {
                Posix.close(fd);
            }
            throw new IllegalStateException("cannot open " + path + " for appending: " + Errno.message((int) at));
        }
        return fd;
    }

    /** The snapshot the shards load before they replay the log, or null. */
    public SnapshotImage base() {
        return base;
    }

    /** The descriptor to append with; the writer that takes it closes it (and every later log's) when it ends. */
    int fd() {
        fdTaken = true;
        return fd;
    }

    /** Bytes of the logs read at start-up. */
    long validBytes() {
        long sum = 0;
        for (long v : validEnds) {
            sum += v;
        }
        return Math.max(sum, LogFormat.FILE_HEADER);
    }

    /** Where the log appended to (the manifest's last) ends: its length once cut at start-up. */
    long appendOffset() {
        return validEnds.length == 0 ? LogFormat.FILE_HEADER : validEnds[validEnds.length - 1];
    }

    /** Replays shard {@code shard}'s part of every log, oldest first; the last shard to finish frees their bytes. */
    long replay(int shard, LogReplay.Sink sink) {
        long applied = 0;
        for (int i = 0; i < data.size(); i++) {
            applied += LogReplay.replay(data.get(i), validEnds[i], shard, sink);
        }
        if (shardsLeft.decrementAndGet() == 0) {
            arenas.forEach(Arena::close);
        }
        return applied;
    }

    // ---- rewrites (the writer thread) -----------------------------------------------------------

    /** The sequence number the next rewrite takes. */
    long nextSeq() {
        return Math.max(manifest.lastSeq(), unlistedSeq) + 1;
    }

    /** Where the rewrite {@code seq} writes its base snapshot: a path relative to the server's {@code dir}. */
    String baseFile(long seq) {
        return dirname + "/" + Manifest.baseFile(name, seq);
    }

    /** Replaces the manifest with {@code next}, durably; the directory's own entry first if this run made it. */
    private void writeManifest(Manifest next) {
        if (!dirEntrySynced) {
            Manifest.syncDirectory(serverDir);
            dirEntrySynced = true;
        }
        next.write(dir);
        manifest = next;
    }

    /**
     * Creates log {@code seq} and lists it in the manifest after the current ones, both durable
     * before any record goes there; returns its descriptor.
     */
    int openNext(long seq, int shards) {
        createLog(dir, Manifest.incrFile(name, seq), shards);
        if (listed) {
            writeManifest(manifest.withIncr(seq));
        } else {
            if (!unlisted.contains(Manifest.incrFile(name, seq))) {
                unlisted.add(Manifest.incrFile(name, seq)); // named by the manifest this rewrite writes if it succeeds
            }
            unlistedSeq = seq;
        }
        return openForAppend(dir + "/" + Manifest.incrFile(name, seq), LogFormat.FILE_HEADER);
    }

    /**
     * The rewrite {@code seq} ended: on success its base and log become the whole manifest and the
     * files before them are deleted; on failure the manifest keeps every log (they replay in order).
     */
    void finishRewrite(long seq, boolean succeeded) {
        if (!succeeded) {
            return;
        }
        Manifest old = manifest;
        Manifest next = old.rewritten(seq);
        writeManifest(next);
        listed = true;
        if (old.base() != null && !old.base().equals(next.base())) {
            Fs.unlink(dir + "/" + old.base());
        }
        for (String incr : old.incrs()) {
            if (!next.incrs().contains(incr)) {
                Fs.unlink(dir + "/" + incr);
            }
        }
        for (String incr : unlisted) {
            if (!next.incrs().contains(incr)) {
                Fs.unlink(dir + "/" + incr); // a turn-on's log whose base failed: the new base holds its records
            }
        }
        unlisted.clear();
    }

    /**
     * At the stop, once the writer is gone: the descriptor if no writer took it, and a turn-on's
     * logs that no manifest names are deleted. Once only.
     */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (fd >= 0 && !fdTaken) {
            Posix.close(fd);
        }
        if (!listed) {
            for (String incr : unlisted) {
                Fs.unlink(dir + "/" + incr);
            }
        }
    }
}
