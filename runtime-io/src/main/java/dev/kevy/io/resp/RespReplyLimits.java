package dev.kevy.io.resp;

/**
 * The limits a {@link RespReplyDecoder} holds a server's replies to. A reply that breaks one is
 * refused as soon as its bytes show it will, not after it has been buffered whole.
 *
 * @param maxBulkLength  longest body of a bulk string, blob error or verbatim string, and longest
 *                       content of a simple string, error, double or big number line (512 MiB,
 *                       Redis's {@code proto-max-bulk-len}). Lines share the bulk limit because a
 *                       Redis script may return a status or error reply of any length: a tighter
 *                       line limit would refuse replies a real server sends
 * @param maxFrameLength longest whole reply, from its first type byte to its last CR LF,
 *                       attributes in front included (1 GiB, the runtime's default query buffer
 *                       limit: a frame is held in one input buffer until it is complete, so a
 *                       larger one could not be received anyway). It also bounds an aggregate's
 *                       declared count, since every element takes at least three bytes
 * @param maxDepth       most aggregates (arrays, maps, sets, pushes, attributes) open at once, the
 *                       reply itself included (128; Redis nests a few levels, and a script's
 *                       nested tables rarely more than a dozen). A decoder keeps one {@code long}
 *                       per level, allocated with it
 */
public record RespReplyLimits(long maxBulkLength, long maxFrameLength, int maxDepth) {

    /** Redis's {@code proto-max-bulk-len} default. */
    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;
    /** The runtime's default query buffer limit ({@code RuntimeConfig}'s, as Redis's). */
    public static final long DEFAULT_MAX_FRAME_LENGTH = 1L << 30;
    /** Nesting most RESP3 readers accept. */
    public static final int DEFAULT_MAX_DEPTH = 128;
    /** Bound on both lengths, so that offsets computed from them never overflow a {@code long}. */
    public static final long MAX_LENGTH_BOUND = 1L << 62;
    /** Bound on {@link #maxDepth()}: the per-level state is allocated up front. */
    public static final int MAX_DEPTH_BOUND = 1 << 16;

    /** Every limit at its default. */
    public static final RespReplyLimits DEFAULTS =
            new RespReplyLimits(DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_MAX_DEPTH);

    /**
     * Checks the limits: a frame must be able to hold the smallest reply (three bytes, {@code _}
     * CR LF), neither length may exceed {@link #MAX_LENGTH_BOUND}, and the depth must be between 1
     * and {@link #MAX_DEPTH_BOUND}.
     */
    public RespReplyLimits {
        if (maxBulkLength < 0 || maxBulkLength > MAX_LENGTH_BOUND) {
            throw new IllegalArgumentException("maxBulkLength outside 0..2^62: " + maxBulkLength);
        }
        if (maxFrameLength < 3 || maxFrameLength > MAX_LENGTH_BOUND) {
            throw new IllegalArgumentException("maxFrameLength outside 3..2^62: " + maxFrameLength);
        }
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_BOUND) {
            throw new IllegalArgumentException("maxDepth outside 1.." + MAX_DEPTH_BOUND + ": " + maxDepth);
        }
    }

    /** These limits with another longest bulk body and line. */
    public RespReplyLimits withMaxBulkLength(long bytes) {
        return new RespReplyLimits(bytes, maxFrameLength, maxDepth);
    }

    /** These limits with another longest frame. */
    public RespReplyLimits withMaxFrameLength(long bytes) {
        return new RespReplyLimits(maxBulkLength, bytes, maxDepth);
    }

    /** These limits with another deepest nesting. */
    public RespReplyLimits withMaxDepth(int levels) {
        return new RespReplyLimits(maxBulkLength, maxFrameLength, levels);
    }
}
