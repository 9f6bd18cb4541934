package dev.kevy.server.rdb;

import dev.kevy.server.store.ElementVisitor;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.ListCursor;
import dev.kevy.server.store.ZsetWalk;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Writes values in Redis's RDB encoding: a type byte ({@link #typeOf}) and the value's body
 * ({@link #body}), built from lengths ({@link #length}) and length-prefixed strings ({@link #string}).
 * A DUMP payload ({@link DumpWriter}) and a snapshot file ({@link SnapshotEncoder}) differ only in
 * where the bytes go: one contiguous buffer, or a chain of chunks.
 *
 * <p>Encodings are the plain ones every Redis 7 reads: a string as its bytes, a hash as
 * field-value pairs, a set as its members, a list as its elements head to tail, a sorted set as
 * members with binary scores (RDB's ZSET_2). Redis re-encodes them on load (a small hash becomes a
 * listpack again), so the bytes differ from the ones Redis writes for the same value (no integer
 * or LZF strings, no listpacks) while loading gives back the same value.
 */
abstract sealed class RdbEncoder implements ElementVisitor permits DumpWriter, SnapshotEncoder {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Where the next byte goes: {@link #position} in this segment. */
    MemorySegment buffer;
    long position;

    /**
     * Makes room for {@code wanted} more bytes at {@link #position} and returns how many may be
     * written there now: all of them, or (a chunked writer at the end of a chunk) at least
     * {@code Math.min(wanted, 16)}, after which the caller writes the rest in a later call.
     */
    abstract long room(long wanted);

    /** The RDB type byte of a value of {@code entry}'s type, or -1 for a type this writer does not know. */
    static int typeOf(Keyspace keyspace, long entry) {
        return switch (keyspace.type(entry)) {
            case Keyspace.TYPE_STRING -> RdbReader.RDB_STRING;
            case Keyspace.TYPE_HASH -> RdbReader.RDB_HASH;
            case Keyspace.TYPE_SET -> RdbReader.RDB_SET;
            case Keyspace.TYPE_LIST -> RdbReader.RDB_LIST;
            case Keyspace.TYPE_ZSET -> RdbReader.RDB_ZSET_2;
            default -> -1;
        };
    }

    /** The body of {@code entry}'s value (after its type byte), in the encoding {@link #typeOf} named. */
    final void body(Keyspace keyspace, long entry) {
        switch (keyspace.type(entry)) {
            case Keyspace.TYPE_STRING -> string(keyspace.segment(entry), keyspace.valueOffset(entry), keyspace.valueLength(entry));
            case Keyspace.TYPE_HASH -> {
                length(keyspace.hashes.count(entry));
                keyspace.hashes.forEach(entry, this);
            }
            case Keyspace.TYPE_SET -> {
                length(keyspace.sets.count(entry));
                keyspace.sets.forEach(entry, this);
            }
            case Keyspace.TYPE_LIST -> {
                length(keyspace.lists.length(entry));
                ListCursor cursor = keyspace.lists.cursor(entry, 0, true);
                while (cursor.next()) {
                    string(cursor.segment(), cursor.offset(), cursor.length());
                }
            }
            case Keyspace.TYPE_ZSET -> {
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
            default -> throw new IllegalArgumentException("no RDB encoding for type " + keyspace.type(entry));
        }
    }

    /** A hash's field and value, or a set's member ({@code valueLength} -1). */
    @Override
    public final void visit(MemorySegment segment, long fieldOffset, int fieldLength, long valueOffset, int valueLength) {
        string(segment, fieldOffset, fieldLength);
        if (valueLength >= 0) {
            string(segment, valueOffset, valueLength);
        }
    }

    /** A length-prefixed string (RDB's plain string encoding). */
    final void string(MemorySegment s, long offset, long length) {
        length(length);
        long done = 0;
        while (done < length) {
            long n = room(length - done);
            MemorySegment.copy(s, offset + done, buffer, position, n);
            position += n;
            done += n;
        }
    }

    /** Redis's length encoding: 6 bits, 14 bits, or a marker byte and 32 or 64 bits big-endian. */
    final void length(long n) {
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

    final void u8(int b) {
        room(1);
        buffer.set(BYTE, position++, (byte) b);
    }

    /** Eight bytes, little-endian (RDB's millisecond expiry times). */
    final void int64Le(long v) {
        room(8);
        buffer.set(LONG_LE, position, v);
        position += 8;
    }
}
