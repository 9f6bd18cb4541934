package dev.kevy.io.resp;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.NumberParser;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Frames the replies a RESP2 or RESP3 server sends, one whole reply at a time, in place and
 * without allocating: the decoder of {@link RespReplyCodec}, for a connection the runtime opened
 * to a server (a proxy's upstream, say).
 *
 * <p>A decoded frame is a {@link Request} with exactly one field: field 0 is the whole reply, from
 * its first type byte through its last CR LF, so it can be copied to a client verbatim. Attributes
 * ({@code |}) in front of a reply belong to its frame. {@link Request#tag()} is the reply's own
 * type byte, after any attributes: {@code '+'}, {@code '$'}, {@code '*'}, {@code '>'} for a push,
 * and so on (never {@code '|'}; the frame's first byte is {@code byteAt(0, 0)}).
 *
 * <p>What is checked, so that a broken server cannot make the frames drift:
 * <ul>
 *   <li>every line ends in CR LF, and no line holds a lone LF (a server that ends lines with LF
 *       alone would otherwise have its next replies swallowed into a simple string);</li>
 *   <li>{@code :} is a canonical signed 64-bit integer, {@code _} is empty, {@code #} is {@code t}
 *       or {@code f}, {@code ,} is a decimal or {@code inf}/{@code nan} with an optional sign,
 *       {@code (} is an optional minus and digits;</li>
 *   <li>lengths and counts are canonical integers; {@code $-1} (null bulk) and {@code -1} counts of
 *       {@code * % ~ >} (null aggregates, as RESP2's {@code *-1}) are accepted, any other negative
 *       is not; an attribute cannot be null; a verbatim string has at least its {@code fmt:}
 *       prefix, colon included;</li>
 *   <li>a bulk body is followed by CR LF, so a wrong length is caught at its own reply;</li>
 *   <li>the {@link RespReplyLimits limits}: each is enforced as soon as the bytes prove it broken
 *       (a header's length, a count too large for the frame, a line past its limit without CR).</li>
 * </ul>
 * Simple strings and errors are not checked further: their bytes are the server's business.
 * RESP3's streamed strings and aggregates ({@code $?}, {@code *?} with {@code ;} chunks and a
 * {@code .} end) are not supported: Redis never sends them, and they are refused as an invalid
 * length or count.
 *
 * <p>Resuming. The decoder keeps its progress through an unfinished frame in primitive fields,
 * relative to the frame's first byte: the offset where it resumes, how far the current line was
 * searched for CR, the end of a bulk body it waits for, and for each open aggregate the count of
 * elements still owed. A new read resumes there, so a frame is looked at once however it is cut
 * (a megabyte-long bulk body is skipped by its length, and a million-element array in 4 KiB reads
 * costs no more than in one read).
 *
 * <p>Errors. A server that breaks the protocol cannot be answered, and there is no client on an
 * outbound connection to tell: {@link #writeError} writes nothing and asks the runtime to close.
 * {@link #error()} and {@link #errorOffset()} say what and where, for a log line. After an
 * {@link #ERROR} the decoder must be {@link #reset} before it is used again.
 */
public final class RespReplyDecoder implements Decoder {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    /** Most content bytes of a number line: {@code -9223372036854775808}. */
    private static final int NUMBER_CONTENT = 20;
    /** Fewest bytes a reply takes ({@code _\r\n}, {@code +\r\n}): bounds what a count may declare. */
    private static final int SMALLEST_REPLY = 3;

    // Steps of the loop in decode, beside Decoder's NEED_MORE and ERROR.
    /** An element ended: count it against the open aggregates. */
    private static final int ELEMENT = 3;
    /** An aggregate opened or a bulk header was read: go on with what follows. */
    private static final int OPENED = 4;
    /** From findCr: no CR yet (or its LF has not arrived). */
    private static final long NOT_FOUND = -1;
    /** From findCr: the line broke a rule; the error is set. */
    private static final long REFUSED = -2;

    private final RespReplyLimits limits;
    private final NumberParser numbers = new NumberParser();
    /**
     * Elements each open level still owes. Level 0 is the frame: it owes one reply, plus one more
     * for each attribute read in front of it (an attribute counts as an element that the reply
     * after it replaces). Level {@code d > 0} is the d-th aggregate open.
     */
    private final long[] remaining;

    // The frame in progress; offsets are relative to its first byte, as the buffer may move.
    private boolean inFrame;
    /** Aggregates open now. */
    private int depth;
    /** Where decoding resumes: the next line, or the body of a pending bulk. */
    private long pos;
    /** Where the pending bulk's body ends, its CR LF included; -1 when a line is expected at pos. */
    private long bodyEnd = -1;
    /** Where the pending verbatim string's colon must be; -1 for other bulks. */
    private long colonAt = -1;
    /** The line at pos holds no CR before this offset (0: not searched yet). */
    private long scanned;
    /** The type byte of the reply proper (attributes skipped). */
    private int replyType;

    private long consumed;
    private RespReplyError error;
    private long errorOffset;
    /** Bytes looked at while searching lines and checking bulk ends, for tests of resumption. */
    private long examined;

    /** A decoder for one connection slot enforcing {@code limits}. */
    public RespReplyDecoder(RespReplyLimits limits) {
        this.limits = limits;
        this.remaining = new long[limits.maxDepth() + 1];
    }

    @Override
    public int decode(MemorySegment in, long from, long to, Request request) {
        consumed = 0;
        error = null;
        request.clear();
        if (!inFrame) {
            if (from >= to) {
                return NEED_MORE;
            }
            begin();
        }
        while (true) {
            int step = bodyEnd >= 0 ? body(in, from, to) : line(in, from, to);
            if (step == ELEMENT) {
                if (elementEnded()) {
                    return complete(in, from, request);
                }
            } else if (step != OPENED) {
                return step;
            }
        }
    }

    /** The frame ends where decoding stopped: present it as one field. */
    private int complete(MemorySegment in, long from, Request request) {
        inFrame = false;
        consumed = pos;
        request.field(0, from, pos);
        request.complete(in, 1);
        request.tag(replyType);
        return REQUEST;
    }

    /** Counts one element against the innermost open level; true when the frame is complete. */
    private boolean elementEnded() {
        while (--remaining[depth] == 0) {
            if (depth == 0) {
                return true;
            }
            depth--; // the aggregate is complete: it is itself an element of the level around it
        }
        return false;
    }

    /** Waits for the pending bulk body, then checks the CR LF after it. */
    private int body(MemorySegment in, long from, long to) {
        if (to - from < bodyEnd) {
            return NEED_MORE;
        }
        long cr = from + bodyEnd - 2;
        examined += 2;
        if (in.get(BYTE, cr) != '\r' || in.get(BYTE, cr + 1) != '\n') {
            return fail(RespReplyError.BULK_NOT_TERMINATED, bodyEnd - 2);
        }
        if (colonAt >= 0 && in.get(BYTE, from + colonAt) != ':') {
            return fail(RespReplyError.INVALID_VERBATIM, colonAt);
        }
        pos = bodyEnd;
        bodyEnd = -1;
        colonAt = -1;
        return ELEMENT;
    }

    /** Reads the line at pos: a whole scalar reply, or the header of a bulk or an aggregate. */
    private int line(MemorySegment in, long from, long to) {
        long start = from + pos;
        if (start >= to) {
            return NEED_MORE;
        }
        int type = in.get(BYTE, start);
        long maxContent = maxContent(type);
        if (maxContent < 0) {
            return fail(RespReplyError.UNKNOWN_TYPE, pos);
        }
        long cr = findCr(in, from, start, to, type, maxContent);
        if (cr < 0) {
            return cr == NOT_FOUND ? NEED_MORE : ERROR;
        }
        scanned = 0;
        if (depth == 0 && type != '|') {
            replyType = type;
        }
        long content = start + 1;
        long length = cr - content;
        long next = cr + 2 - from;
        return switch (type) {
            case '+', '-', '_' -> scalar(next); // '_': findCr let no content through
            case ':' -> numbers.parseLong(in, content, length) ? scalar(next) : fail(RespReplyError.INVALID_INTEGER, pos);
            case '#' -> length == 1 && isBoolean(in.get(BYTE, content))
                    ? scalar(next) : fail(RespReplyError.INVALID_BOOLEAN, pos);
            case ',' -> isDouble(in, content, cr) ? scalar(next) : fail(RespReplyError.INVALID_DOUBLE, pos);
            case '(' -> isBigNumber(in, content, cr) ? scalar(next) : fail(RespReplyError.INVALID_BIG_NUMBER, pos);
            case '$', '!', '=' -> bulkHeader(in, content, length, type, next);
            default -> aggregateHeader(in, content, length, type, next); // * % ~ > |
        };
    }

    private int scalar(long next) {
        pos = next;
        return ELEMENT;
    }

    private int bulkHeader(MemorySegment in, long content, long length, int type, long next) {
        if (!numbers.parseLong(in, content, length)) {
            return fail(RespReplyError.INVALID_BULK_LENGTH, pos);
        }
        long n = numbers.longValue();
        if (n == -1 && type == '$') {
            return scalar(next); // RESP2's null bulk
        }
        if (n < 0 || (type == '=' && n < 4)) {
            return fail(RespReplyError.INVALID_BULK_LENGTH, pos);
        }
        if (n > limits.maxBulkLength()) {
            return fail(RespReplyError.BULK_TOO_LONG, pos);
        }
        if (n > limits.maxFrameLength() - 2 - next) {
            return fail(RespReplyError.FRAME_TOO_LONG, pos);
        }
        pos = next;
        bodyEnd = next + n + 2;
        colonAt = type == '=' ? next + 3 : -1;
        return OPENED;
    }

    private int aggregateHeader(MemorySegment in, long content, long length, int type, long next) {
        if (!numbers.parseLong(in, content, length)) {
            return fail(RespReplyError.INVALID_AGGREGATE_COUNT, pos);
        }
        long n = numbers.longValue();
        if (n == -1 && type != '|') {
            return scalar(next); // a null aggregate, as RESP2's *-1
        }
        if (n < 0) {
            return fail(RespReplyError.INVALID_AGGREGATE_COUNT, pos);
        }
        int perEntry = type == '%' || type == '|' ? 2 : 1; // a map's or attribute's count is of pairs
        if (n > (limits.maxFrameLength() - next) / (SMALLEST_REPLY * perEntry)) {
            return fail(RespReplyError.FRAME_TOO_LONG, pos);
        }
        if (n > 0 && depth == limits.maxDepth()) {
            return fail(RespReplyError.TOO_DEEP, pos);
        }
        pos = next;
        if (type == '|') {
            remaining[depth]++; // the attribute stands in front of an element; that element is still owed
        }
        if (n == 0) {
            return ELEMENT;
        }
        remaining[++depth] = n * perEntry;
        return OPENED;
    }

    /**
     * Searches the line at {@code start} for its CR, resuming where the last search stopped, and
     * within what the type and the frame limit allow.
     *
     * @return the CR's offset when its LF follows; {@link #NOT_FOUND} to wait for more bytes (also
     *         while the byte after a CR has not arrived); {@link #REFUSED} with the error set
     */
    private long findCr(MemorySegment in, long from, long start, long to, int type, long maxContent) {
        // Relative offsets of the last place a CR may be: after maxContent bytes, and so that the
        // CR LF still fits the frame.
        long contentLast = pos + 1 + maxContent;
        long frameLast = limits.maxFrameLength() - 2;
        long last = from + Math.min(contentLast, frameLast);
        long end = Math.min(to, last + 1);
        long first = Math.max(start + 1, from + scanned);
        long i = first;
        while (i < end) {
            byte b = in.get(BYTE, i);
            if (b == '\r') {
                break;
            }
            if (b == '\n') {
                examined += i + 1 - first;
                fail(RespReplyError.LF_WITHOUT_CR, i - from);
                return REFUSED;
            }
            i++;
        }
        if (i < end) {
            examined += i + 1 - first;
            if (i + 1 >= to) {
                scanned = i - from; // look at this CR again once its LF may have arrived
                return NOT_FOUND;
            }
            examined++;
            if (in.get(BYTE, i + 1) != '\n') {
                fail(RespReplyError.CR_WITHOUT_LF, i + 1 - from);
                return REFUSED;
            }
            return i;
        }
        examined += i - first;
        scanned = end - from;
        if (end <= last) {
            return NOT_FOUND;
        }
        fail(contentLast <= frameLast ? tooLong(type) : RespReplyError.FRAME_TOO_LONG, pos);
        return REFUSED;
    }

    /** Most content bytes a line of {@code type} may hold; -1 for a byte that starts no reply. */
    private long maxContent(int type) {
        return switch (type) {
            case '+', '-', ',', '(' -> limits.maxBulkLength();
            case ':', '$', '!', '=', '*', '%', '~', '>', '|' -> NUMBER_CONTENT;
            case '#' -> 1;
            case '_' -> 0;
            default -> -1;
        };
    }

    /** The error for a line of {@code type} with more content than {@link #maxContent} allows. */
    private static RespReplyError tooLong(int type) {
        return switch (type) {
            case '+', '-', ',', '(' -> RespReplyError.LINE_TOO_LONG;
            case ':' -> RespReplyError.INVALID_INTEGER;
            case '$', '!', '=' -> RespReplyError.INVALID_BULK_LENGTH;
            case '#' -> RespReplyError.INVALID_BOOLEAN;
            case '_' -> RespReplyError.INVALID_NULL;
            default -> RespReplyError.INVALID_AGGREGATE_COUNT;
        };
    }

    private static boolean isBoolean(byte b) {
        return b == 't' || b == 'f';
    }

    /** A decimal with optional sign, fraction and exponent, or {@code inf}/{@code nan}, case ignored. */
    static boolean isDouble(MemorySegment in, long p, long end) {
        if (p < end && (in.get(BYTE, p) == '-' || in.get(BYTE, p) == '+')) {
            p++;
        }
        if (end - p == 3 && (isWord(in, p, 'i', 'n', 'f') || isWord(in, p, 'n', 'a', 'n'))) {
            return true;
        }
        long digitsFrom = p;
        p = skipDigits(in, p, end);
        long digits = p - digitsFrom;
        if (p < end && in.get(BYTE, p) == '.') {
            long fractionFrom = ++p;
            p = skipDigits(in, p, end);
            digits += p - fractionFrom;
        }
        if (digits == 0) {
            return false;
        }
        if (p < end && (in.get(BYTE, p) | 0x20) == 'e') {
            p++;
            if (p < end && (in.get(BYTE, p) == '-' || in.get(BYTE, p) == '+')) {
                p++;
            }
            long exponentFrom = p;
            p = skipDigits(in, p, end);
            if (p == exponentFrom) {
                return false;
            }
        }
        return p == end;
    }

    /** An optional minus, then one or more decimal digits. */
    static boolean isBigNumber(MemorySegment in, long p, long end) {
        if (p < end && in.get(BYTE, p) == '-') {
            p++;
        }
        return p < end && skipDigits(in, p, end) == end;
    }

    private static long skipDigits(MemorySegment in, long p, long end) {
        while (p < end && in.get(BYTE, p) >= '0' && in.get(BYTE, p) <= '9') {
            p++;
        }
        return p;
    }

    private static boolean isWord(MemorySegment in, long p, char a, char b, char c) {
        return (in.get(BYTE, p) | 0x20) == a && (in.get(BYTE, p + 1) | 0x20) == b && (in.get(BYTE, p + 2) | 0x20) == c;
    }

    private void begin() {
        inFrame = true;
        depth = 0;
        remaining[0] = 1;
        pos = 0;
        bodyEnd = -1;
        colonAt = -1;
        scanned = 0;
        replyType = 0;
    }

    private int fail(RespReplyError e, long offset) {
        error = e;
        errorOffset = offset;
        return ERROR;
    }

    /** The frame's length after {@link #REQUEST}; 0 after {@link #NEED_MORE} (nothing is skipped). */
    @Override
    public long consumed() {
        return consumed;
    }

    /**
     * The end of the bulk body being waited for, counted from the frame's first byte, so the input
     * buffer grows once to hold it; 0 while no bulk is pending. Counts of open aggregates are not
     * turned into a bound: their elements' sizes are unknown, and a large declared count would
     * reserve memory that a stream of small elements never needs.
     */
    @Override
    public long pendingBytes() {
        return inFrame && bodyEnd >= 0 ? bodyEnd : 0;
    }

    /** Forgets the frame in progress and any error; {@code authRequired} means nothing to replies. */
    @Override
    public void reset(boolean authRequired) {
        inFrame = false;
        bodyEnd = -1;
        colonAt = -1;
        scanned = 0;
        consumed = 0;
        error = null;
        errorOffset = 0;
    }

    /**
     * Writes nothing and asks for the connection to be closed: the peer is a server that broke the
     * protocol, so there is no one to answer, and the frames after the error cannot be trusted.
     */
    @Override
    public boolean writeError(OutputBuffer out) {
        return true;
    }

    /** Why the last {@link #ERROR} was returned; {@code null} after any other result. */
    public RespReplyError error() {
        return error;
    }

    /**
     * Where the last error was found, counted from the frame's first byte: the start of the
     * offending line, or the offending byte (an LF without CR, the byte after a CR, the CR
     * expected after a bulk body, a verbatim string's missing colon).
     */
    public long errorOffset() {
        return errorOffset;
    }

    /** The limits this decoder enforces. */
    public RespReplyLimits limits() {
        return limits;
    }

    /** Bytes looked at so far (line searches and bulk ends; bodies are skipped): for tests. */
    long bytesExamined() {
        return examined;
    }
}
