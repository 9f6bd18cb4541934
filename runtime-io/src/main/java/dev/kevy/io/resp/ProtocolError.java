package dev.kevy.io.resp;

import java.nio.charset.StandardCharsets;

/**
 * The protocol errors a {@link RespParser} reports, each with the exact text Redis 7 replies
 * ({@code -ERR <text>}) before it closes the connection.
 */
public enum ProtocolError {
    /** An inline line longer than {@link RespLimits#maxInlineLength()} without its newline. */
    TOO_BIG_INLINE_REQUEST("Protocol error: too big inline request"),
    /** An inline line whose quotes {@code sdssplitargs} cannot balance. */
    UNBALANCED_QUOTES("Protocol error: unbalanced quotes in request"),
    /** A {@code *} line longer than {@link RespLimits#maxInlineLength()} without its CR. */
    TOO_BIG_MBULK_COUNT_STRING("Protocol error: too big mbulk count string"),
    /** A {@code *} count that is not a number or above {@link RespLimits#maxMultibulkLength()}. */
    INVALID_MULTIBULK_LENGTH("Protocol error: invalid multibulk length"),
    /** Too many arguments before authentication. */
    UNAUTHENTICATED_MULTIBULK_LENGTH("Protocol error: unauthenticated multibulk length"),
    /** A {@code $} line longer than {@link RespLimits#maxInlineLength()} without its CR. */
    TOO_BIG_BULK_COUNT_STRING("Protocol error: too big bulk count string"),
    /** An argument header that does not start with {@code $}; the text names the byte found. */
    EXPECTED_DOLLAR("Protocol error: expected '$', got '"),
    /** A {@code $} length that is not a number, negative, or above {@code proto-max-bulk-len}. */
    INVALID_BULK_LENGTH("Protocol error: invalid bulk length"),
    /** A bulk too long before authentication. */
    UNAUTHENTICATED_BULK_LENGTH("Protocol error: unauthenticated bulk length");

    private final String text;
    /** The whole reply ({@code -ERR text\r\n}); for EXPECTED_DOLLAR only its fixed head. */
    private final byte[] reply;

    ProtocolError(String text) {
        this.text = text;
        String head = "-ERR " + text;
        this.reply = (this.isExpectedDollar() ? head : head + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private boolean isExpectedDollar() {
        return text.endsWith("got '");
    }

    /**
     * The error text Redis sends after {@code -ERR }. For {@link #EXPECTED_DOLLAR}, {@code got} is
     * the offending byte; like Redis, a CR or LF in it is shown as a space. Allocates: for logs and
     * tests.
     */
    public String message(int got) {
        if (this != EXPECTED_DOLLAR) {
            return text;
        }
        return text + (char) shownByte(got) + "'";
    }

    /** The reply bytes, or for {@link #EXPECTED_DOLLAR} the part before the offending byte. */
    byte[] replyHead() {
        return reply;
    }

    /** Redis replaces CR and LF in an error reply with spaces to keep the reply one line. */
    static int shownByte(int got) {
        int b = got & 0xFF;
        return b == '\r' || b == '\n' ? ' ' : b;
    }
}
