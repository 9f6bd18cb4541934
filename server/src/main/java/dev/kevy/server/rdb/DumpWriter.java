package dev.kevy.server.rdb;

import dev.kevy.server.store.ElementVisitor;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.ListCursor;
import dev.kevy.server.store.ZsetWalk;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Serializes one value as a DUMP payload Redis 7.0's RESTORE accepts: the RDB value, the RDB
 * version (10, Redis 7.0's, so 7.0 and later load it), and a CRC-64 of both.
 *
 * <p>Encodings are the plain ones every Redis 7 reads: a string as its bytes, a hash as
 * field-value pairs, a set as its members, a list as its elements head to tail, a sorted set as
 * members with binary scores (RDB's ZSET_2). Redis re-encodes them on load (a small hash becomes a
 * listpack again), so the payload differs from the one Redis's DUMP writes for the same value (no
 * integer or LZF strings, no listpacks) while RESTORE gives back the same value.
 *
 * <p>One writer per shard, reused: the payload is built in an off-heap buffer that grows as a value
 * needs and is kept up to 1 MiB, so a DUMP of a value of that size or less allocates nothing once
 * the buffer has grown to it.
 */
public final class DumpWriter implements ElementVisitor, AutoCloseable {
    /** The RDB version the payload declares: Redis 7.0's. */
    public static final int RDB_VERSION = 10;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final GrowableBuffer bytes = new GrowableBuffer();
    private MemorySegment buffer = bytes.atLeast(256);
    private long position;

    /** The payload's bytes, {@code [0, length)} after {@link #dump}. */
    public MemorySegment segment() {
        return buffer;
    }

    /**
     * Serializes the value of {@code entry} (a live entry of {@code keyspace}) and returns the
     * payload's length, or -1 for a type this writer does not know yet.
     */
    public long dump(Keyspace keyspace, long entry) {
        position = 0;
        bytes.trim(); // the last payload may have been large: give its memory back
        buffer = bytes.atLeast(256);
        switch (keyspace.type(entry)) {
            case Keyspace.TYPE_STRING -> {
                u8(RdbReader.RDB_STRING);
                string(keyspace.segment(entry), keyspace.valueOffset(entry), keyspace.valueLength(entry));
            }
            case Keyspace.TYPE_HASH -> {
                u8(RdbReader.RDB_HASH);
                length(keyspace.hashes.count(entry));
                keyspace.hashes.forEach(entry, this);
            }
            case Keyspace.TYPE_SET -> {
                u8(RdbReader.RDB_SET);
                length(keyspace.sets.count(entry));
                keyspace.sets.forEach(entry, this);
            }
            case Keyspace.TYPE_LIST -> {
                u8(RdbReader.RDB_LIST);
                length(keyspace.lists.length(entry));
                ListCursor cursor = keyspace.lists.cursor(entry, 0, true);
                while (cursor.next()) {
                    string(cursor.segment(), cursor.offset(), cursor.length());
                }
            }
            case Keyspace.TYPE_ZSET -> {
                u8(RdbReader.RDB_ZSET_2);
                length(keyspace.zsets.count(entry));
                ZsetWalk walk = keyspace.zsets.walk();
                boolean more = walk.seek(entry, 0, false);
                while (more) {
                    string(walk.segment(), walk.memberOffset(), walk.memberLength());
                    room(8);
                    buffer.set(LONG_LE, position, Double.doubleToRawLongBits(walk.score()));
                    position += 8;
                    more = walk.next();
                }
            }
            default -> {
                return -1;
            }
        }
        room(10);
        buffer.set(SHORT_LE, position, (short) RDB_VERSION);
        position += 2;
        long crc = Crc64.update(0, buffer, 0, position);
        buffer.set(LONG_LE, position, crc);
        position += 8;
        return position;
    }

    /** A hash's field and value, or a set's member ({@code valueLength} -1). */
    @Override
    public void visit(MemorySegment segment, long fieldOffset, int fieldLength, long valueOffset, int valueLength) {
        string(segment, fieldOffset, fieldLength);
        if (valueLength >= 0) {
            string(segment, valueOffset, valueLength);
        }
    }

    private void string(MemorySegment s, long offset, long length) {
        length(length);
        room(length);
        MemorySegment.copy(s, offset, buffer, position, length);
        position += length;
    }

    /** Redis's length encoding: 6 bits, 14 bits, or a marker byte and 32 or 64 bits big-endian. */
    private void length(long n) {
        room(9);
        if (n < 1 << 6) {
            buffer.set(BYTE, position++, (byte) n);
        } else if (n < 1 << 14) {
            buffer.set(BYTE, position++, (byte) (0x40 | n >>> 8));
            buffer.set(BYTE, position++, (byte) n);
        } else if (n <= 0xFFFF_FFFFL) {
            buffer.set(BYTE, position++, (byte) 0x80);
            buffer.set(INT_BE, position, (int) n);
            position += 4;
        } else {
            buffer.set(BYTE, position++, (byte) 0x81);
            buffer.set(LONG_BE, position, n);
            position += 8;
        }
    }

    private void u8(int b) {
        room(1);
        buffer.set(BYTE, position++, (byte) b);
    }

    private void room(long more) {
        buffer = bytes.grow(position + more, position);
    }

    @Override
    public void close() {
        bytes.close();
    }
}
