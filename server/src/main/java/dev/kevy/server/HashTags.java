package dev.kevy.server;

import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Which shard owns a key, with Redis Cluster's hash tags: when a key holds an opening brace, and
 * a closing brace follows it with at least one byte between them, only the bytes between the
 * first opening brace and the first closing brace after it choose the shard. So
 * <code>&#123;user1&#125;.name</code> and <code>&#123;user1&#125;.mail</code> live together, and a
 * multi-key command on them runs whole on one shard. <code>&#123;&#125;x</code>,
 * <code>&#125;x&#123;</code> and <code>x&#123;&#125;y</code> have no tag (the first and third
 * are empty; the second has no closing brace after its opening one) and are routed by the whole
 * key, like any key without braces.
 *
 * <p>The table inside a shard still places a key by the hash of all its bytes: a tag chooses the
 * shard only, so tagged keys spread over their shard's table like any others.
 *
 * <p>Cost on the hot path: one pass over the key looking for an opening brace, eight bytes at a
 * time, before the hash; with one shard, none (every key is shard 0's).
 */
public final class HashTags {
    private static final ValueLayout.OfLong WORD =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long OPEN_BRACES = ONES * '{';

    private HashTags() {
    }

    /** The shard that owns the key in argument {@code arg} of {@code c}. */
    static int shardOf(ShardContext context, Request c, int arg) {
        int shards = context.shards();
        return shards == 1 ? 0 : shardOf(c.buffer(), c.offset(arg), c.length(arg), shards);
    }

    /** The shard among {@code shards} that owns the {@code length}-byte key at {@code offset}. */
    public static int shardOf(MemorySegment key, long offset, long length, int shards) {
        long open = indexOfOpenBrace(key, offset, length);
        if (open >= 0) {
            for (long close = open + 1; close < length; close++) {
                if (key.get(ValueLayout.JAVA_BYTE, offset + close) == '}') {
                    if (close > open + 1) {
                        return KeyHash.shardOf(KeyHash.hash(key, offset + open + 1, close - open - 1), shards);
                    }
                    break; // "{}": an empty tag, so the whole key decides
                }
            }
        }
        return KeyHash.shardOf(KeyHash.hash(key, offset, length), shards);
    }

    /** The shard among {@code shards} that owns {@code key} (tests, tools). */
    public static int shardOf(byte[] key, int shards) {
        return shardOf(MemorySegment.ofArray(key), 0, key.length, shards);
    }

    /**
     * Index of the first opening brace in the key, or -1. A word at a time: XOR with eight braces
     * turns a brace into a zero byte, and the lowest byte flagged by the classic has-zero-byte
     * test is exact (a false flag can only sit above a true zero, from its borrow).
     */
    private static long indexOfOpenBrace(MemorySegment key, long offset, long length) {
        long i = 0;
        for (; i + 8 <= length; i += 8) {
            long x = key.get(WORD, offset + i) ^ OPEN_BRACES;
            long zeros = (x - ONES) & ~x & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < length; i++) {
            if (key.get(ValueLayout.JAVA_BYTE, offset + i) == '{') {
                return i;
            }
        }
        return -1;
    }
}
