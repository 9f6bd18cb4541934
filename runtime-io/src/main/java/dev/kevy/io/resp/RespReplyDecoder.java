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
    /** From findCr: no CR yet (or its LF has not arrived); from shortNumber: not the common line. */
    private static final long NOT_FOUND = -1;
    /** From findCr: the line broke a rule; the error is set. */
    private static final long REFUSED = -2;

    private final RespReplyLimits limits;
    private final NumberParser numbers = new NumberParser();
    /**
     * Elements each open level still owes. Level 0 is the frame, which owes one reply; level
     * {@code d > 0} is the d-th aggregate open. An attribute adds one to the level it appears in:
     * it is counted as an element when it ends, and the element it stands in front of is still owed.
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
    /** The value of the last line {@link #shortNumber} read. */
    private long shortValue;

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
        if (depth == 0 && type != '|') {
            replyType = type; // set again, to the same, if the line is not complete yet
        }
        return switch (type) {
            case ':', '$', '*', '%', '~', '>', '|', '!', '=' -> numberLine(in, from, start, to, type);
            case '+', '-', ',', '(', '#', '_' -> textLine(in, from, start, to, type);
            default -> fail(RespReplyError.UNKNOWN_TYPE, pos);
        };
    }

    /**
     * An integer reply, a length or a count. The common line (a fresh one of up to 18 digits, its
     * CR LF present) is read in one pass; anything else (a sign, a line cut by the read, a broken
     * one) is searched and then parsed as Redis's {@code string2ll} does.
     */
    private int numberLine(MemorySegment in, long from, long start, long to, int type) {
        long cr = scanned == 0 ? shortNumber(in, start + 1, to) : NOT_FOUND;
        long value;
        if (cr > 0 && cr + 2 - from <= limits.maxFrameLength()) {
            value = shortValue;
            examined += cr + 2 - (start + 1);
        } else {
            cr = findCr(in, from, start, to, type, NUMBER_CONTENT);
            if (cr < 0) {
                return cr == NOT_FOUND ? NEED_MORE : ERROR;
            }
            scanned = 0;
            if (!numbers.parseLong(in, start + 1, cr - start - 1)) {
                return fail(contentError(type), pos);
            }
            value = numbers.longValue();
        }
        long next = cr + 2 - from;
        return switch (type) {
            case ':' -> scalar(next);
            case '$', '!', '=' -> bulkHeader(value, type, next);
            default -> aggregateHeader(value, type, next); // * % ~ > |
        };
    }

    /**
     * Reads {@code [p, to)} as 1 to 18 decimal digits (no sign, no leading zero) followed by CR LF.
     *
     * @return the CR's offset, with the value in {@link #shortValue}; or {@link #NOT_FOUND} when
     *         the line is anything else or not all there
     */
    private long shortNumber(MemorySegment in, long p, long to) {
        long limit = Math.min(to - 1, p + 18); // the CR, then its LF, must be present
        long v = 0;
        long i = p;
        for (; i < limit; i++) {
            int c = in.get(BYTE, i) - '0';
            if (c < 0 || c > 9) {
                break;
            }
            v = v * 10 + c;
        }
        if (i == p || i >= to - 1 || in.get(BYTE, i) != '\r' || in.get(BYTE, i + 1) != '\n'
                || (in.get(BYTE, p) == '0' && i > p + 1)) {
            return NOT_FOUND;
        }
        shortValue = v;
        return i;
    }

    /** A simple string, an error, a double, a big number, a boolean or a null. */
    private int textLine(MemorySegment in, long from, long start, long to, int type) {
        long maxContent = type == '#' ? 1 : type == '_' ? 0 : limits.maxBulkLength();
        long cr = findCr(in, from, start, to, type, maxContent);
        if (cr < 0) {
            return cr == NOT_FOUND ? NEED_MORE : ERROR;
        }
        scanned = 0;
        long content = start + 1;
        boolean valid = switch (type) {
            case ',' -> RespScalars.isDouble(in, content, cr);
            case '(' -> RespScalars.isBigNumber(in, content, cr);
            case '#' -> cr == content + 1 && RespScalars.isBoolean(in.get(BYTE, content));
            default -> true; // + and - hold any bytes but CR and LF; '_': findCr let no content through
        };
        return valid ? scalar(cr + 2 - from) : fail(contentError(type), pos);
    }

    private int scalar(long next) {
        pos = next;
        return ELEMENT;
    }

    private int bulkHeader(long n, int type, long next) {
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

    private int aggregateHeader(long n, int type, long next) {
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
        fail(contentLast <= frameLast ? lineTooLong(type) : RespReplyError.FRAME_TOO_LONG, pos);
        return REFUSED;
    }

    /** The error for a line of {@code type} whose content breaks the type's grammar. */
    private static RespReplyError contentError(int type) {
        return switch (type) {
            case ':' -> RespReplyError.INVALID_INTEGER;
            case '$', '!', '=' -> RespReplyError.INVALID_BULK_LENGTH;
            case ',' -> RespReplyError.INVALID_DOUBLE;
            case '(' -> RespReplyError.INVALID_BIG_NUMBER;
            case '#' -> RespReplyError.INVALID_BOOLEAN;
            case '_' -> RespReplyError.INVALID_NULL;
            default -> RespReplyError.INVALID_AGGREGATE_COUNT; // * % ~ > |
        };
    }

    /**
     * The error for a line of {@code type} with no CR within the content it may hold: a number,
     * boolean or null that long is malformed; a text line is merely over the limit.
     */
    private static RespReplyError lineTooLong(int type) {
        boolean text = type == '+' || type == '-' || type == ',' || type == '(';
        return text ? RespReplyError.LINE_TOO_LONG : contentError(type);
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
