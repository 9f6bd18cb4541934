package dev.kevy.rt;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The one hash of a key, used both to route it to its owning shard and to place it in that
 * shard's table.
 *
 * <p>The two uses take different bits: {@link #shardOf} reduces the high 32 bits, a table indexes
 * with the low bits, so keys that share a shard still spread over the whole table. The mixing is a
 * 64x64-to-128-bit multiply folded to 64 bits per 8-byte word, which costs about a nanosecond for
 * typical keys and has no allocation; the same bytes hash the same on every platform (words are
 * read little-endian whatever the host order).
 */
public final class KeyHash {
    private static final ValueLayout.OfLong WORD =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt HALF =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = 0x243F6A8885A308D3L;
    private static final long P1 = 0xA0761D6478BD642FL;
    private static final long P2 = 0xE7037ED1A0B428DBL;
    private static final long P3 = 0x8EBC6AF09C88C6E3L;

    private KeyHash() {
    }

    /** Hash of {@code length} bytes of {@code segment} starting at {@code offset}. */
    public static long hash(MemorySegment segment, long offset, long length) {
        long h = SEED ^ (length * P1);
        long i = 0;
        for (; i + 8 <= length; i += 8) {
            h = fold(h ^ segment.get(WORD, offset + i), P2);
        }
        return fold(h ^ tail(segment, offset + i, (int) (length - i)) ^ P3, P1 ^ length);
    }

    /**
     * The last {@code n < 8} bytes as a little-endian number: four to seven bytes from two
     * overlapping four-byte reads (never past the key's end), fewer one byte at a time.
     */
    static long tail(MemorySegment segment, long at, int n) {
        if (n >= 4) {
            long low = segment.get(HALF, at) & 0xFFFF_FFFFL;
            long high = segment.get(HALF, at + n - 4) & 0xFFFF_FFFFL; // bytes n-4 .. n-1
            return low | high >>> 8 * (8 - n) << 32; // bytes 4 .. n-1 above the first four
        }
        long tail = 0;
        for (int k = 0; k < n; k++) {
            tail |= (segment.get(ValueLayout.JAVA_BYTE, at + k) & 0xFFL) << 8 * k;
        }
        return tail;
    }

    /** Hash of {@code length} bytes of {@code bytes} from {@code offset}; equal to the segment form. */
    public static long hash(byte[] bytes, int offset, int length) {
        return hash(MemorySegment.ofArray(bytes), offset, length);
    }

    /**
     * The shard that owns a key with this hash: the high 32 bits reduced to {@code [0, shards)} by a
     * multiply and shift, which is uniform and avoids a division.
     */
    public static int shardOf(long hash, int shards) {
        return (int) (((hash >>> 32) * shards) >>> 32);
    }

    private static long fold(long a, long b) {
        return Math.multiplyHigh(a, b) ^ (a * b);
    }
}
