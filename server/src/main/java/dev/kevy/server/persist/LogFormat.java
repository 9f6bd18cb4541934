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
    /** 2: blocks carry a CRC-32C ({@link BlockCrc}); version 1's carried a CRC-64. */
    static final int VERSION = 2;
    static final int FILE_HEADER = 16;

    /** "KLOG" read as a little-endian int. */
    static final int BLOCK_MAGIC = 0x474F4C4B;
    static final int BLOCK_HEADER = 16;

    static final int RECORD_HEADER = 8;
    static final int COMMAND = 1;
    static final int COMMIT = 2;
    static final int SWITCH = 3;
    /** db, clock, argc. */
    static final int COMMAND_HEADER = 16;

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

    /** Writes the file header for {@code shards} at {@code s[0, FILE_HEADER)}. */
    static void writeFileHeader(MemorySegment s, int shards) {
        s.set(LONG, 0, FILE_MAGIC);
        s.set(INT, 8, VERSION);
        s.set(INT, 12, shards);
    }
}
