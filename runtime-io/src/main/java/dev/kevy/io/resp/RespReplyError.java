package dev.kevy.io.resp;

/**
 * Why a {@link RespReplyDecoder} refused a server's reply. Each names one rule of RESP2/RESP3 or
 * one {@link RespReplyLimits limit}; {@link RespReplyDecoder#errorOffset()} says where in the
 * frame the offending line or byte starts.
 */
public enum RespReplyError {
    /** The first byte of a reply is none of {@code + - : $ * _ # , ( ! = % ~ | >}. */
    UNKNOWN_TYPE("unknown reply type byte"),
    /** A CR is followed by something other than LF. */
    CR_WITHOUT_LF("CR not followed by LF"),
    /** A line holds an LF that no CR precedes (a server that ends lines with LF alone). */
    LF_WITHOUT_CR("LF without CR in a line"),
    /** A {@code :} line that is not a signed 64-bit integer in canonical form. */
    INVALID_INTEGER("invalid integer"),
    /** A {@code _} line with content. */
    INVALID_NULL("null with content"),
    /** A {@code #} line other than {@code t} or {@code f}. */
    INVALID_BOOLEAN("boolean neither t nor f"),
    /** A {@code ,} line that is not a decimal, {@code inf}, {@code -inf} or {@code nan}. */
    INVALID_DOUBLE("invalid double"),
    /** A {@code (} line that is not an optional minus and decimal digits. */
    INVALID_BIG_NUMBER("invalid big number"),
    /**
     * A {@code $ ! =} length that is not a number, is negative (other than {@code $-1}), or is
     * below 4 for a verbatim string (its format and colon take four bytes).
     */
    INVALID_BULK_LENGTH("invalid bulk length"),
    /** A bulk body not followed by CR LF: the length lied. */
    BULK_NOT_TERMINATED("bulk not followed by CR LF"),
    /** A verbatim string whose fourth byte is not the colon after its three-byte format. */
    INVALID_VERBATIM("verbatim string without its format prefix"),
    /**
     * A {@code * % ~ > |} count that is not a number or is negative (other than {@code -1}, a
     * null, which an attribute cannot be).
     */
    INVALID_AGGREGATE_COUNT("invalid aggregate count"),
    /** A bulk length above {@link RespReplyLimits#maxBulkLength()}. */
    BULK_TOO_LONG("bulk longer than the limit"),
    /** A simple string, error, double or big number longer than {@link RespReplyLimits#maxBulkLength()}. */
    LINE_TOO_LONG("line longer than the limit"),
    /** A reply that cannot fit {@link RespReplyLimits#maxFrameLength()}. */
    FRAME_TOO_LONG("reply longer than the limit"),
    /** More aggregates open at once than {@link RespReplyLimits#maxDepth()}. */
    TOO_DEEP("aggregates nested deeper than the limit");

    private final String message;

    RespReplyError(String message) {
        this.message = message;
    }

    /** What went wrong, in a few words, for logs. */
    public String message() {
        return message;
    }
}
