package dev.kevy.server.rdb;

import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Serializes one value as a DUMP payload Redis 7.0's RESTORE accepts: the RDB value (see
 * {@link RdbEncoder} for the encodings), the RDB version (10, Redis 7.0's, so 7.0 and later load
 * it), and a CRC-64 of both.
 *
 * <p>One writer per shard, reused: the payload is built in an off-heap buffer that grows as a value
 * needs and is kept up to 1 MiB, so a DUMP of a value of that size or less allocates nothing once
 * the buffer has grown to it.
 */
public final class DumpWriter extends RdbEncoder implements AutoCloseable {
    /** The RDB version the payload declares: Redis 7.0's. */
    public static final int RDB_VERSION = 10;
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final GrowableBuffer bytes = new GrowableBuffer();

    public DumpWriter() {
        buffer = bytes.atLeast(256);
    }

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
        int type = typeOf(keyspace, entry);
        if (type < 0) {
            return -1;
        }
        u8(type);
        body(keyspace, entry);
        room(10);
        buffer.set(SHORT_LE, position, (short) RDB_VERSION);
        position += 2;
        long crc = Crc64.update(0, buffer, 0, position);
        buffer.set(LONG_LE, position, crc);
        position += 8;
        return position;
    }

    /** Grows the one buffer: everything fits at once. */
    @Override
    long room(long wanted) {
        buffer = bytes.grow(position + wanted, position);
        return wanted;
    }

    @Override
    public void close() {
        bytes.close();
    }
}
