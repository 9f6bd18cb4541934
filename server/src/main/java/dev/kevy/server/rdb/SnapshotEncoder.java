package dev.kevy.server.rdb;

import dev.kevy.server.store.Databases;
import dev.kevy.server.store.EntryVisitor;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One shard's part of an RDB file, or the file's head or tail: RDB records written into a chain of
 * 1 MiB off-heap chunks, which another thread then writes out ({@link #chunk}, {@link #chunkLength}).
 *
 * <p>A shard's part opens with {@code SELECTDB} and {@code RESIZEDB} of each database that holds
 * keys ({@link #hints}), then each key ({@link #record}): {@code EXPIRETIME_MS} if it has a time
 * to live, its value's type, the key, the value, with a {@code SELECTDB} wherever the database
 * changes. Redis loads a file whose databases come in several runs (one per shard, and within a
 * part as keys are written), so the shards' parts are simply written one after another between
 * the head ({@link #head}) and the tail ({@link #tail}).
 *
 * <p><b>Hand-over, chunk by chunk.</b> The shard fills one chunk at a time; when it starts the next,
 * the full one is <i>sealed</i> ({@link #sealedChunks}, a volatile count stored after the chunk's
 * bytes and length), and {@link #seal} seals the last and marks the part {@link #complete}. The
 * writer thread writes sealed chunks while the shard is still scanning and frees each as soon as
 * it is written ({@link #release}), so a part costs memory only for what the disk has not taken
 * yet. Each chunk has an arena of its own (shared: allocated by the shard, closed by the writer).
 */
public final class SnapshotEncoder extends RdbEncoder implements EntryVisitor, AutoCloseable {
    /** RDB's version in the head: 10, Redis 7.0's, the version whose encodings are written here. */
    public static final int RDB_VERSION = 10;
    static final long CHUNK_BYTES = 1 << 20;
    /** Room a fixed-size field may ask for at once ({@link RdbEncoder#room}). */
    private static final long FIXED_FIELD_MAX = 16;

    private MemorySegment[] chunks = new MemorySegment[4];
    private Arena[] arenas = new Arena[4];
    private long[] lengths = new long[4];
    private int count;
    /** Chunks {@code [0, sealed)} are complete; stored after their bytes and lengths (volatile write). */
    private volatile int sealed;
    /** The part is whole: every chunk sealed, {@link #keys} final. */
    private volatile boolean complete;
    /** Chunks the writer has released (writer thread only; {@link #close} frees the rest). */
    private int released;
    private long keys;
    private int selectedDb = -1;
    private Keyspace visiting;
    private int visitingDb;

    public SnapshotEncoder() {
        newChunk();
    }

    /** The file's head: magic and version, then the auxiliary fields Redis writes (and kevy's version). */
    public void head(long ctimeSeconds, long usedMemory, String version) {
        byte[] magic = ("REDIS" + String.format("%04d", RDB_VERSION)).getBytes(StandardCharsets.US_ASCII);
        for (byte b : magic) {
            u8(b);
        }
        aux("redis-ver", "7.0.0");
        aux("redis-bits", "64");
        aux("ctime", Long.toString(ctimeSeconds));
        aux("used-mem", Long.toString(usedMemory));
        aux("aof-base", "0");
        aux("kevy-ver", version);
    }

    private void aux(String name, String value) {
        u8(RdbReader.OP_AUX);
        ascii(name);
        ascii(value);
    }

    private void ascii(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        string(MemorySegment.ofArray(b), 0, b.length);
    }

    /** The file's tail before the checksum: the EOF opcode (the writer appends the CRC-64 of everything). */
    public void tail() {
        u8(RdbReader.OP_EOF);
    }

    /**
     * The part's opening: {@code SELECTDB} and {@code RESIZEDB} (its key counts, a hint the loader
     * sizes its tables by) for each database of the shard that holds keys. Keys follow in any order
     * ({@link #record}), each run of one database after its {@code SELECTDB}.
     */
    public void hints(Databases databases) {
        for (int db = 0; db < databases.used(); db++) {
            Keyspace keyspace = databases.peek(db);
            if (keyspace != null && keyspace.size() > 0) {
                select(db);
                u8(RdbReader.OP_RESIZEDB);
                length(keyspace.size());
                length(keyspace.expiresCount());
            }
        }
    }

    /** Every live key of every database of one shard, as of {@code nowMillis}, in one step. */
    public void databases(Databases databases, long nowMillis) {
        hints(databases);
        for (int db = 0; db < databases.used(); db++) {
            Keyspace keyspace = databases.peek(db);
            if (keyspace != null && keyspace.size() > 0) {
                visiting = keyspace;
                visitingDb = db;
                keyspace.forEach(this, nowMillis);
            }
        }
        visiting = null;
    }

    /** One key of {@link #databases}' walk (an {@link EntryVisitor}). */
    @Override
    public void visit(MemorySegment segment, long keyOffset, int keyLength, long entry) {
        record(visiting, visitingDb, segment, keyOffset, keyLength, entry);
    }

    /**
     * One key and its value, {@code entry} of database {@code db} ({@code keyspace}): its expiry if
     * it has one, its type, the key, the value, after a {@code SELECTDB} when the database changes.
     */
    public void record(Keyspace keyspace, int db, MemorySegment segment, long keyOffset, int keyLength, long entry) {
        int type = typeOf(keyspace, entry);
        if (type < 0) {
            return; // a type RDB cannot carry here: none today, every keyspace type has an encoding
        }
        if (db != selectedDb) {
            select(db);
        }
        long expireAt = keyspace.expireAt(entry);
        if (expireAt != 0) {
            u8(RdbReader.OP_EXPIRETIME_MS);
            int64Le(expireAt);
        }
        u8(type);
        string(segment, keyOffset, keyLength);
        body(keyspace, entry);
        keys++;
    }

    private void select(int db) {
        u8(RdbReader.OP_SELECTDB);
        length(db);
        selectedDb = db;
    }

    /** Keys written ({@link #record}); final once {@link #complete}. */
    public long keys() {
        return keys;
    }

    /** The part is whole: seals the last chunk. The writer may now write everything. */
    public void seal() {
        lengths[count - 1] = position;
        sealed = count; // volatile: after the last chunk's bytes and length; partner: sealedChunks()
        complete = true;
    }

    /** Chunks that are complete and will not change (volatile read; partner: the stores in newChunk and seal). */
    public int sealedChunks() {
        return sealed;
    }

    /** Whether {@link #seal} ran (volatile read). */
    public boolean complete() {
        return complete;
    }

    /** Frees sealed chunk {@code i} once it is written (writer thread; in order). */
    public void release(int i) {
        arenas[i].close();
        released = i + 1;
    }

    /** Sealed chunk {@code i} (any thread, after {@link #sealedChunks} said it is sealed). */
    public MemorySegment chunk(int i) {
        return chunks[i];
    }

    /** Bytes of sealed chunk {@code i}. */
    public long chunkLength(int i) {
        return lengths[i];
    }


    @Override
    long room(long wanted) {
        long free = buffer.byteSize() - position;
        if (free >= wanted) {
            return wanted;
        }
        if (wanted > FIXED_FIELD_MAX && free >= FIXED_FIELD_MAX) {
            return free; // a long string continues in the next chunk
        }
        newChunk();
        return Math.min(wanted, CHUNK_BYTES);
    }

    private void newChunk() {
        if (count == chunks.length) { // the writer reads the new arrays after its next volatile read of sealed
            chunks = Arrays.copyOf(chunks, count * 2);
            arenas = Arrays.copyOf(arenas, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        if (count > 0) {
            lengths[count - 1] = position;
            sealed = count; // volatile: after the full chunk's bytes and length; partner: sealedChunks()
        }
        Arena arena = Arena.ofShared();
        buffer = arena.allocate(CHUNK_BYTES, 8);
        arenas[count] = arena;
        chunks[count++] = buffer;
        position = 0;
    }

    /** Frees the chunks not released yet (the thread that owns the part at its end: the writer). */
    @Override
    public void close() {
        for (int i = released; i < count; i++) {
            arenas[i].close();
        }
        released = count;
    }
}
