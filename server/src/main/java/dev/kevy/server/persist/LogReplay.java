package dev.kevy.server.persist;

import dev.kevy.io.codec.Request;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Reads the append-only log: {@link #check} walks every block once at start-up (header, CRC,
 * record framing) and finds where the valid part ends; {@link #replay} hands one shard's
 * committed COMMAND and COMPACT records, in order, to that shard.
 *
 * <p>A bad block at the end (cut short, or whose CRC fails with nothing valid after it) is a
 * torn write: the crash came in the middle of the last {@code write}. A bad block with data after
 * it is corruption. Zeros after the last block are neither: the writer writes them ahead of the
 * log under {@code appendfsync always} ({@link LogWriter}), and a crash leaves them there.
 */
public final class LogReplay {

    /** Where the replayed commands go: run against the shard's keyspace as they ran, at {@code now}. */
    public interface Sink {
        void apply(Request command, int db, long now);
    }

    /**
     * What {@link #check} found: the valid bytes, the blocks in them, and what follows them
     * ({@code problem} null when nothing but zeros does).
     */
    record Scan(long validEnd, long blocks, long size, boolean corrupt, String problem) {
        boolean torn() {
            return problem != null && !corrupt;
        }
    }

    private LogReplay() {
    }

    /**
     * Checks the file header (for {@code shards} shards) and every block.
     *
     * @throws IllegalStateException when the file is not a kevy log or was written by another
     *         number of shards
     */
    static Scan check(MemorySegment data, String path, int shards) {
        long size = data.byteSize();
        if (size < LogFormat.FILE_HEADER || data.get(LogFormat.LONG, 0) != LogFormat.FILE_MAGIC) {
            throw new IllegalStateException(path + " is not a kevy append-only log");
        }
        int version = data.get(LogFormat.INT, 8);
        if (version < LogFormat.OLDEST_READ || version > LogFormat.VERSION) {
            throw new IllegalStateException(path + " has log version " + version + "; this kevy reads "
                    + LogFormat.OLDEST_READ + " to " + LogFormat.VERSION);
        }
        int written = data.get(LogFormat.INT, 12);
        if (written != shards) {
            throw new IllegalStateException(path + " was written by " + written + " shards: start with --shards " + written
                    + " (a key's shard follows the shard count; BGREWRITEAOF folds the log into a snapshot, which any "
                    + "shard count loads)");
        }
        long at = LogFormat.FILE_HEADER;
        long blocks = 0;
        BlockCrc crc = new BlockCrc(); // one for the whole file: it keeps its view of data
        while (at < size) {
            String bad = badBlock(data, at, size, crc);
            if (bad != null && zeros(data, at, size)) {
                return new Scan(at, blocks, size, false, null);
            }
            if (bad != null) {
                return new Scan(at, blocks, size, validBlockAfter(data, at, size, crc), bad + " at offset " + at);
            }
            at += LogFormat.BLOCK_HEADER + Integer.toUnsignedLong(data.get(LogFormat.INT, at + 4));
            blocks++;
        }
        return new Scan(at, blocks, size, false, null);
    }

    /** Why the block at {@code at} is not valid, or null. */
    private static String badBlock(MemorySegment data, long at, long size, BlockCrc crc) {
        if (size - at < LogFormat.BLOCK_HEADER) {
            return "a block header cut short";
        }
        if (data.get(LogFormat.INT, at) != LogFormat.BLOCK_MAGIC) {
            return "no block header";
        }
        long payload = Integer.toUnsignedLong(data.get(LogFormat.INT, at + 4));
        if (payload == 0) {
            return "an empty block"; // never written: a header torn over zeros (the CRC-32C of nothing is 0)
        }
        long start = at + LogFormat.BLOCK_HEADER;
        if (payload > size - start) {
            return "a block cut short";
        }
        if (crc.of(data, start, payload) != data.get(LogFormat.LONG, at + 8)) {
            return "a block whose CRC does not match";
        }
        for (long r = start; r < start + payload; ) {
            if (start + payload - r < LogFormat.RECORD_HEADER) {
                return "a record header cut short";
            }
            long length = Integer.toUnsignedLong(data.get(LogFormat.INT, r));
            int type = data.get(LogFormat.SHORT, r + 6);
            // A block torn over the writer's zeros fails its CRC-32C already; this check fails it too.
            if (!validRecord(type, length)) {
                return "a record of type " + type + " and length " + length;
            }
            r += LogFormat.RECORD_HEADER + length;
            if (r > start + payload) {
                return "a record longer than its block";
            }
        }
        return null;
    }

    private static boolean validRecord(int type, long length) {
        return switch (type) {
            case LogFormat.COMMAND -> length >= LogFormat.COMMAND_HEADER;
            case LogFormat.COMPACT -> length >= LogFormat.COMPACT_HEADER;
            case LogFormat.COMMIT -> length == 8;
            default -> false;
        };
    }

    private static boolean zeros(MemorySegment data, long from, long to) {
        for (long p = from; p < to; p++) {
            if (data.get(ValueLayout.JAVA_BYTE, p) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a valid block starts anywhere after {@code at}: then the bad block is corruption, not a torn tail. */
    private static boolean validBlockAfter(MemorySegment data, long at, long size, BlockCrc crc) {
        for (long p = at + 1; p + LogFormat.BLOCK_HEADER <= size; p++) {
            if (data.get(LogFormat.INT, p) == LogFormat.BLOCK_MAGIC && badBlock(data, p, size, crc) == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands shard {@code shard}'s COMMAND records in {@code data[FILE_HEADER, validEnd)} to
     * {@code sink}, each once its COMMIT is seen (records after the last COMMIT are dropped).
     * Returns the commands applied.
     */
    static long replay(MemorySegment data, long validEnd, int shard, Sink sink) {
        Request request = new Request();
        long[] pending = new long[64];
        int count = 0;
        long applied = 0;
        for (long at = LogFormat.FILE_HEADER; at < validEnd; ) {
            long start = at + LogFormat.BLOCK_HEADER;
            long end = start + Integer.toUnsignedLong(data.get(LogFormat.INT, at + 4));
            for (long r = start; r < end; ) {
                long length = Integer.toUnsignedLong(data.get(LogFormat.INT, r));
                if (data.get(LogFormat.SHORT, r + 4) == shard) {
                    int type = data.get(LogFormat.SHORT, r + 6);
                    if (type == LogFormat.COMMAND || type == LogFormat.COMPACT) {
                        if (count == pending.length) {
                            pending = Arrays.copyOf(pending, count * 2);
                        }
                        pending[count++] = r + LogFormat.RECORD_HEADER;
                    } else if (type == LogFormat.COMMIT) {
                        for (int i = 0; i < count; i++) {
                            apply(data, pending[i], request, sink);
                        }
                        applied += count;
                        count = 0;
                    }
                }
                r += LogFormat.RECORD_HEADER + length;
            }
            at = end;
        }
        return applied;
    }

    private static void apply(MemorySegment data, long body, Request request, Sink sink) {
        if (data.get(LogFormat.SHORT, body - LogFormat.RECORD_HEADER + 6) == LogFormat.COMPACT) {
            applyCompact(data, body, request, sink);
            return;
        }
        int db = data.get(LogFormat.INT, body);
        long now = data.get(LogFormat.LONG, body + 4);
        int argc = data.get(LogFormat.INT, body + 12);
        request.clear();
        long at = body + LogFormat.COMMAND_HEADER;
        for (int i = 0; i < argc; i++) {
            long length = Integer.toUnsignedLong(data.get(LogFormat.INT, at));
            request.field(i, at + 4, length);
            at += 4 + length;
        }
        request.complete(data, argc);
        sink.apply(request, db, now);
    }

    private static void applyCompact(MemorySegment data, long body, Request request, Sink sink) {
        long now = data.get(LogFormat.LONG, body);
        int db = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, body + 8));
        int argc = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, body + 9));
        request.clear();
        long at = body + LogFormat.COMPACT_HEADER;
        for (int i = 0; i < argc; i++) {
            long length = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, at));
            at++;
            if (length == LogFormat.LONG_LENGTH) {
                length = Integer.toUnsignedLong(data.get(LogFormat.INT, at));
                at += 4;
            }
            request.field(i, at, length);
            at += length;
        }
        request.complete(data, argc);
        sink.apply(request, db, now);
    }
}
