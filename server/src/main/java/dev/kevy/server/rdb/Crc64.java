package dev.kevy.server.rdb;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The CRC-64 Redis puts at the end of an RDB file and of a DUMP payload: the Jones polynomial
 * ({@code 0xad93d23594c935a9}), reflected, initial value 0, no final XOR. Its check value, the
 * CRC of the ASCII bytes {@code 123456789}, is {@code 0xe9c6d914c4b8d9ca}.
 *
 * <p>Byte at a time over a 256-entry table, built once: loading a file is bound by its reads.
 */
public final class Crc64 {
    /** The Jones polynomial with its bits reversed, as a reflected CRC shifts right. */
    private static final long REFLECTED_POLY = 0x95ac_9329_ac4b_c9b5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int b = 0; b < 256; b++) {
            long crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            }
            TABLE[b] = crc;
        }
    }

    private Crc64() {
    }

    /** The CRC of {@code length} bytes at {@code offset}, continuing from {@code crc} (0 to start). */
    public static long update(long crc, MemorySegment s, long offset, long length) {
        long c = crc;
        for (long i = 0; i < length; i++) {
            c = TABLE[(int) ((c ^ s.get(ValueLayout.JAVA_BYTE, offset + i)) & 0xFF)] ^ (c >>> 8);
        }
        return c;
    }
}
