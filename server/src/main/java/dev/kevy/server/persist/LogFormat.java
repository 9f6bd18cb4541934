package dev.kevy.server.persist;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The append-only log's bytes, little-endian on every platform.
 *
 * <pre>
 * file    := header block*
 * header  := "KEVYLOG1" (8 bytes), u32 version, u32 shards
 * block   := u32 BLOCK_MAGIC, u32 payload length, u64 CRC-32C of the payload (zero-extended), payload
 * payload := record*                      (what the writer took from every shard in one capture)
 * record  := u32 body length, u16 shard, u16 type, body
 * COMMAND := u32 db, i64 clock (ms), u32 argc, (u32 length, bytes)*   a write as it ran, at its clock
 * COMPACT := i64 clock (ms), u8 db, u8 argc, (length, bytes)*         the same, smaller: a length
 *            under 255 is one byte, any other is 0xFF then u32 (version 3; written for a whole
 *            request of a database and argument count under 256, COMMAND for everything else)
 * COMMIT  := i64 sequence                  the shard's records before it form whole commands
 * SWITCH  := i64 log sequence              (in the ring only) this shard's cut for a rewrite: its
 *                                          later records go to that log
 * </pre>
 *
 * A shard's records are applied at start-up only up to its last COMMIT in a valid block: a
 * transaction, or a command written in pieces while the log was full, is replayed whole or not at
 * all. A block is one {@code write}: a crash leaves at most the last one torn, which its CRC shows.
 */
final class LogFormat {
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** "KEVYLOG1" read as a little-endian long. */
    static final long FILE_MAGIC = 0x31474F4C5956454BL;
    /**
     * 3: COMPACT records. 2: blocks carry a CRC-32C ({@link BlockCrc}); version 1's carried a
     * CRC-64. A version 2 log is read as it is, and appended to with COMPACT records.
     */
    static final int VERSION = 3;
    /** The oldest version this reads. */
    static final int OLDEST_READ = 2;
    static final int FILE_HEADER = 16;

    /** "KLOG" read as a little-endian int. */
    static final int BLOCK_MAGIC = 0x474F4C4B;
    static final int BLOCK_HEADER = 16;

    static final int RECORD_HEADER = 8;
    static final int COMMAND = 1;
    static final int COMMIT = 2;
    static final int SWITCH = 3;
    static final int COMPACT = 4;
    /** db, clock, argc. */
    static final int COMMAND_HEADER = 16;
    /** clock, db, argc. */
    static final int COMPACT_HEADER = 10;
    /** A COMPACT length byte that says a u32 length follows. */
    static final int LONG_LENGTH = 0xFF;

    private LogFormat() {
    }

    /** Writes a COMMAND's header at {@code s[at, at + COMMAND_HEADER)}. */
    static void writeCommandHeader(MemorySegment s, long at, int db, long clock, int argc) {
        s.set(INT, at, db);
        s.set(LONG, at + 4, clock);
        s.set(INT, at + 12, argc);
    }

    /** Writes one COMMAND argument, {@code src[offset, +length)}, at {@code at}; returns where the next one goes. */
    static long writeArg(MemorySegment s, long at, MemorySegment src, long offset, long length) {
        s.set(INT, at, (int) length);
        MemorySegment.copy(src, offset, s, at + 4, length);
        return at + 4 + length;
    }

    /** Writes a COMPACT's header at {@code s[at, at + COMPACT_HEADER)}; {@code db} and {@code argc} are under 256. */
    static void writeCompactHeader(MemorySegment s, long at, int db, long clock, int argc) {
        s.set(LONG, at, clock);
        s.set(ValueLayout.JAVA_BYTE, at + 8, (byte) db);
        s.set(ValueLayout.JAVA_BYTE, at + 9, (byte) argc);
    }

    /** The bytes {@link #writeCompactArg} takes for an argument of {@code length} bytes. */
    static long compactArgBytes(long length) {
        return (length < LONG_LENGTH ? 1 : 5) + length;
    }

    /** Writes one COMPACT argument, {@code src[offset, +length)}, at {@code at}; returns where the next one goes. */
    static long writeCompactArg(MemorySegment s, long at, MemorySegment src, long offset, long length) {
        long data;
        if (length < LONG_LENGTH) {
            s.set(ValueLayout.JAVA_BYTE, at, (byte) length);
            data = at + 1;
        } else {
            s.set(ValueLayout.JAVA_BYTE, at, (byte) LONG_LENGTH);
            s.set(INT, at + 1, (int) length);
            data = at + 5;
        }
        MemorySegment.copy(src, offset, s, data, length);
        return data + length;
    }

    /** Writes the file header for {@code shards} at {@code s[0, FILE_HEADER)}. */
    static void writeFileHeader(MemorySegment s, int shards) {
        s.set(LONG, 0, FILE_MAGIC);
        s.set(INT, 8, VERSION);
        s.set(INT, 12, shards);
    }
}
