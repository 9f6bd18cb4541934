package dev.kevy.io.resp;

/**
 * The protocol limits a {@link RespParser} enforces, with Redis 7's defaults and meanings.
 *
 * @param maxBulkLength                     {@code proto-max-bulk-len}: longest bulk argument (512 MB);
 *                                          longer is "invalid bulk length"
 * @param maxMultibulkLength                most arguments a multibulk may declare (Redis 7: INT_MAX);
 *                                          more is "invalid multibulk length"
 * @param maxInlineLength                   {@code PROTO_INLINE_MAX_SIZE} (64 KiB): longest inline
 *                                          command line and longest {@code *}/{@code $} header line
 * @param maxUnauthenticatedMultibulkLength most arguments while authentication is required but not
 *                                          yet done (10)
 * @param maxUnauthenticatedBulkLength      longest bulk while authentication is required but not yet
 *                                          done (16384)
 */
public record RespLimits(
        long maxBulkLength,
        long maxMultibulkLength,
        int maxInlineLength,
        long maxUnauthenticatedMultibulkLength,
        long maxUnauthenticatedBulkLength) {

    /** Redis 7's {@code proto-max-bulk-len} default. */
    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;
    /** Redis 7 rejects a multibulk count above INT_MAX. */
    public static final long DEFAULT_MAX_MULTIBULK_LENGTH = Integer.MAX_VALUE;
    /** Redis's {@code PROTO_INLINE_MAX_SIZE}. */
    public static final int DEFAULT_MAX_INLINE_LENGTH = 64 * 1024;
    /** Redis 7's limit on the argument count before authentication. */
    public static final long DEFAULT_MAX_UNAUTHENTICATED_MULTIBULK_LENGTH = 10;
    /** Redis 7's limit on a bulk length before authentication. */
    public static final long DEFAULT_MAX_UNAUTHENTICATED_BULK_LENGTH = 16384;

    /** Every limit at Redis 7's default. */
    public static final RespLimits DEFAULTS = new RespLimits(DEFAULT_MAX_BULK_LENGTH,
            DEFAULT_MAX_MULTIBULK_LENGTH, DEFAULT_MAX_INLINE_LENGTH,
            DEFAULT_MAX_UNAUTHENTICATED_MULTIBULK_LENGTH, DEFAULT_MAX_UNAUTHENTICATED_BULK_LENGTH);

    /** Checks that every limit is positive and the argument count fits an int. */
    public RespLimits {
        if (maxBulkLength < 1 || maxMultibulkLength < 1 || maxInlineLength < 1
                || maxUnauthenticatedMultibulkLength < 1 || maxUnauthenticatedBulkLength < 1) {
            throw new IllegalArgumentException("every protocol limit must be positive");
        }
        if (maxMultibulkLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxMultibulkLength above INT_MAX: " + maxMultibulkLength);
        }
    }

    /** These limits with another {@code proto-max-bulk-len}. */
    public RespLimits withMaxBulkLength(long bytes) {
        return new RespLimits(bytes, maxMultibulkLength, maxInlineLength,
                maxUnauthenticatedMultibulkLength, maxUnauthenticatedBulkLength);
    }

    /** These limits with another most-arguments count. */
    public RespLimits withMaxMultibulkLength(long count) {
        return new RespLimits(maxBulkLength, count, maxInlineLength,
                maxUnauthenticatedMultibulkLength, maxUnauthenticatedBulkLength);
    }

    /** These limits with another longest inline or header line. */
    public RespLimits withMaxInlineLength(int bytes) {
        return new RespLimits(maxBulkLength, maxMultibulkLength, bytes,
                maxUnauthenticatedMultibulkLength, maxUnauthenticatedBulkLength);
    }

    /**
     * The bytes a connection's input buffer must be able to hold for the largest command these
     * limits let through with a single argument: its bulk plus the headers around it.
     */
    public long minInputBufferCapacity() {
        return maxBulkLength + 2L * maxInlineLength + 4;
    }
}
