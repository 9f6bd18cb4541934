package dev.kevy.server.store;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Test helper: keys and values as off-heap ranges, as the RESP parser will hand them over. */
final class Bytes {
    private final MemorySegment buffer = Arena.ofAuto().allocate(1 << 20);
    private long next;

    /** Copies {@code bytes} into the buffer and returns its offset (the buffer is reused in a ring). */
    long put(byte[] bytes) {
        if (next + bytes.length > buffer.byteSize()) {
            next = 0;
        }
        long at = next;
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, at, bytes.length);
        next += bytes.length;
        return at;
    }

    MemorySegment segment() {
        return buffer;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The value of a live entry as a byte array. */
    static byte[] value(Keyspace ks, long entry) {
        byte[] out = new byte[ks.valueLength(entry)];
        MemorySegment.copy(ks.segment(entry), ValueLayout.JAVA_BYTE, ks.valueOffset(entry), out, 0, out.length);
        return out;
    }

    /** The key of an entry as a string. */
    static String key(MemorySegment segment, long offset, int length) {
        byte[] out = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, out, 0, length);
        return new String(out, StandardCharsets.UTF_8);
    }
}
