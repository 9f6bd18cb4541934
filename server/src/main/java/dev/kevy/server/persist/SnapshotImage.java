package dev.kevy.server.persist;

import dev.kevy.server.rdb.RdbFormatException;
import dev.kevy.server.rdb.RdbReader;
import dev.kevy.server.rdb.RdbVisitor;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Fs;
import dev.kevy.sys.Mman;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The RDB file found at start-up, read whole into memory and checked (format and CRC-64) before any
 * shard starts, so a damaged file stops the server with one clear line instead of half a dataset.
 * Each shard then loads the keys it owns from these bytes on its own thread, before it serves
 * ({@link #loaded} counts them down; the last one frees the bytes).
 */
public final class SnapshotImage {
    private static final long READ_CHUNK = 8 << 20;

    private final Arena arena;
    private final MemorySegment bytes;
    private final long keys;
    private final int highestDb;
    private final String path;
    private final AtomicInteger shardsLeft;

    private SnapshotImage(Arena arena, MemorySegment bytes, long keys, int highestDb, String path, int shards) {
        this.arena = arena;
        this.bytes = bytes;
        this.keys = keys;
        this.highestDb = highestDb;
        this.path = path;
        this.shardsLeft = new AtomicInteger(shards);
    }

    /**
     * Reads and checks {@code dir/name}; null if there is no such file (a first start).
     *
     * @throws IllegalStateException with the reason when the file cannot be read or is not a
     *         valid RDB file kevy can load
     */
    public static SnapshotImage read(String dir, String name, int shards) {
        String path = dir + "/" + name;
        int fd = Fs.open(path, Fs.O_RDONLY, 0);
        if (fd == -Errno.ENOENT) {
            return null;
        }
        if (fd < 0) {
            throw new IllegalStateException("cannot open " + path + ": " + Errno.message(fd));
        }
        Arena arena = Arena.ofShared();
        try {
            MemorySegment data = contents(fd, path, arena);
            Check check = new Check();
            long keys = RdbReader.readFile(data, check);
            return new SnapshotImage(arena, data, keys, check.highestDb, path, shards);
        } catch (RdbFormatException e) {
            arena.close();
            throw new IllegalStateException(path + " is not an RDB file kevy can load: " + e.getMessage());
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        } finally {
            Posix.close(fd);
        }
    }

    /**
     * The whole file: mapped where the OS allows it (no copy; Linux), read otherwise. Mapping a
     * 114 MB file took 30 ms where reading it into fresh memory took 800 ms on this VM, most of it
     * page faults of the memory it was read into.
     */
    static MemorySegment contents(int fd, String path, Arena arena) {
        long size = Fs.size(fd);
        if (size < 0) {
            throw new IllegalStateException("cannot read " + path + ": " + Errno.message((int) size));
        }
        if (size > 0 && Mman.isSupported()) {
            MemorySegment mapped = Mman.mapFile(fd, size, arena);
            if (!mapped.equals(MemorySegment.NULL)) {
                return mapped;
            }
        }
        return readAll(fd, path, arena);
    }

    /**
     * The whole file in one segment of {@code arena}: read in chunks of a scratch arena (the size
     * is not known ahead), then copied once into a segment of exactly that size.
     */
    private static MemorySegment readAll(int fd, String path, Arena arena) {
        try (Arena scratch = Arena.ofConfined()) {
            java.util.List<MemorySegment> chunks = new java.util.ArrayList<>();
            long size = 0;
            long filled = READ_CHUNK;
            MemorySegment chunk = null;
            while (true) {
                if (filled == READ_CHUNK) {
                    chunk = scratch.allocate(READ_CHUNK);
                    chunks.add(chunk);
                    filled = 0;
                }
                long n = Fs.read(fd, chunk, filled, READ_CHUNK - filled);
                if (n < 0) {
                    throw new IllegalStateException("cannot read " + path + ": " + Errno.message((int) n));
                }
                if (n == 0) {
                    break;
                }
                filled += n;
                size += n;
            }
            MemorySegment data = arena.allocate(Math.max(size, 1));
            for (int i = 0; i < chunks.size(); i++) {
                long at = (long) i * READ_CHUNK;
                MemorySegment.copy(chunks.get(i), 0, data, at, Math.min(READ_CHUNK, size - at));
            }
            return data.asSlice(0, size);
        }
    }

    /** The file's bytes. */
    public MemorySegment bytes() {
        return bytes;
    }

    /** Keys the file holds (expired ones included). */
    public long keys() {
        return keys;
    }

    /** The highest database number that holds a key (-1: none). */
    public int highestDb() {
        return highestDb;
    }

    public String path() {
        return path;
    }

    /** A shard finished loading; the last frees the bytes. */
    public void loaded() {
        if (shardsLeft.decrementAndGet() == 0) {
            arena.close();
        }
    }

    /** The checking pass: reads everything (format, checksum), keeps only the highest database. */
    private static final class Check implements RdbVisitor {
        int highestDb = -1;

        @Override
        public void key(int db, int type, MemorySegment s, long offset, int length, long expireAtMillis) {
            highestDb = Math.max(highestDb, db);
        }

        @Override
        public void element(MemorySegment s, long offset, int length) {
        }

        @Override
        public void scored(MemorySegment s, long offset, int length, double score) {
        }

        @Override
        public void endKey() {
        }
    }
}
