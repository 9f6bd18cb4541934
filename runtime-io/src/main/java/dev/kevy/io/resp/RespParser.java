package dev.kevy.io.resp;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.NumberParser;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Parses RESP2 commands in place, as Redis 7's {@code processMultibulkBuffer} and
 * {@code processInlineBuffer} do, without allocating.
 *
 * <p>A command starting with {@code *} is a multibulk ({@code *<n>\r\n} then n times
 * {@code $<len>\r\n<bytes>\r\n}); anything else is an inline line split like
 * {@code sdssplitargs}. Like Redis, the parser skips {@code *0}, negative counts such as
 * {@code *-1}, and empty inline lines; it takes the two bytes after a header's CR and after a bulk
 * body as the line end without looking at them; and it reports the same errors with the same
 * text ({@link ProtocolError}). Redis then replies {@code -ERR <text>} and closes the connection:
 * {@link #writeError} writes that reply.
 *
 * <p>A line limit is judged as Redis judges it after each of its 16 KiB reads
 * ({@code PROTO_IOBUF_LEN}): a header or inline line is refused when more than
 * {@code maxInlineLength} bytes of it are present without its terminator, and a line whose
 * terminator comes later than {@code maxInlineLength + 16 KiB} bytes into it is refused whatever
 * the reads (Redis has looked at the line at least once in between). So a 70 KB inline
 * {@code SET} sent in one write is accepted, as by Redis, and a header that never ends is refused
 * once 64 KiB of it arrived. Between those two bounds the outcome depends on how the bytes
 * arrived, exactly as it does in Redis.
 *
 * <p>One parser per shard; per connection, a {@link RespParseState} keeps the progress through a
 * half-received command. Usage, after each read into the connection's input buffer:
 * <pre>{@code
 * while (true) {
 *     int r = parser.parse(in.segment(), in.readIndex(), in.writeIndex(), state);
 *     if (r == RespParser.COMMAND) {
 *         execute(parser.command());      // its arguments point into the input buffer...
 *         in.consume(parser.consumed());  // ...so consume only now: it may recycle the block
 *     } else if (r == RespParser.NEED_MORE) {
 *         in.consume(parser.consumed());  // empty commands skipped before the partial one
 *         break;                          // next: in.prepareRead(state.pendingCommandBytes()), read
 *     } else {
 *         parser.writeError(out);         // then close once the reply is written
 *         break;
 *     }
 * }
 * }</pre>
 */
public final class RespParser {
    /** The buffer ends inside a command (or holds none); read more and parse again. */
    public static final int NEED_MORE = Decoder.NEED_MORE;
    /** A command was parsed: see {@link #command()} and {@link #consumed()}. */
    public static final int COMMAND = Decoder.REQUEST;
    /** A protocol error: see {@link #error()}; reply with {@link #writeError} and close. */
    public static final int ERROR = Decoder.ERROR;
    /** Internal: an empty command was consumed; go on with the next. */
    private static final int SKIP = 3;

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long NOT_FOUND = -1;
    private static final long TOO_LONG = -2;
    /**
     * Redis reads a query 16 KiB at a time ({@code PROTO_IOBUF_LEN}) and checks the line limit
     * after each read, so a line whose terminator is within the limit plus one read can still be
     * accepted when its bytes arrive together; past that, Redis has always refused it.
     */
    private static final int LINE_SEARCH_SLACK = 16 * 1024;

    private final RespLimits limits;
    /** The view of {@link #parse(MemorySegment, long, long, RespParseState)}. */
    private final Request own = new Request();
    /** The view the parse in progress fills. */
    private Request command = own;
    private final NumberParser numbers = new NumberParser();
    private long consumed;
    private ProtocolError error;
    private int errorByte;

    /** A parser with Redis 7's default limits. */
    public RespParser() {
        this(RespLimits.DEFAULTS);
    }

    /** A parser enforcing {@code limits}. */
    public RespParser(RespLimits limits) {
        this.limits = limits;
    }

    /** The limits this parser enforces. */
    public RespLimits limits() {
        return limits;
    }

    /** The command of the last {@link #COMMAND} result, reused by every parse. */
    public Request command() {
        return own;
    }

    /**
     * Bytes from {@code start} the caller may discard after the last parse: the command and any
     * empty commands skipped before it for {@link #COMMAND}; only the skipped empty commands for
     * {@link #NEED_MORE} (the unfinished command starts right after them).
     */
    public long consumed() {
        return consumed;
    }

    /** The error of the last {@link #ERROR} result. */
    public ProtocolError error() {
        return error;
    }

    /** For {@link ProtocolError#EXPECTED_DOLLAR}: the byte found instead of {@code $}. */
    public int errorByte() {
        return errorByte;
    }

    /** Writes the reply Redis sends for the last error; {@code false} if the output refused it. */
    public boolean writeError(OutputBuffer out) {
        return RespWriter.protocolError(out, error, errorByte);
    }

    /**
     * Parses the next command in {@code [start, end)} of {@code buf}.
     *
     * @param buf   the connection's input bytes; inline arguments are decoded over their source
     * @param start first unparsed byte: where the command in progress (per {@code state}) starts
     * @param end   one past the last received byte
     * @param state the connection's progress, updated here
     * @return {@link #COMMAND}, {@link #NEED_MORE} or {@link #ERROR}
     */
    public int parse(MemorySegment buf, long start, long end, RespParseState state) {
        return parse(buf, start, end, state, own);
    }

    /** Parses as {@link #parse(MemorySegment, long, long, RespParseState)} does, into {@code into}. */
    public int parse(MemorySegment buf, long start, long end, RespParseState state, Request into) {
        return parse(buf, start, end, state, into, false);
    }

    /**
     * Parses as {@link #parse(MemorySegment, long, long, RespParseState, Request)} does, but answers
     * {@link #NEED_MORE} where an inline command starts instead of splitting it: splitting rewrites
     * the line's bytes in place, and a look-ahead must leave them for the parse that runs the
     * command. Multibulk parsing only reads.
     */
    public int parseAhead(MemorySegment buf, long start, long end, RespParseState state, Request into) {
        return parse(buf, start, end, state, into, true);
    }

    private int parse(MemorySegment buf, long start, long end, RespParseState state, Request into, boolean multibulkOnly) {
        command = into;
        consumed = 0;
        error = null;
        command.clear();
        while (true) {
            long commandStart = start + consumed;
            if (state.kind == RespParseState.IDLE) {
                if (commandStart >= end) {
                    return NEED_MORE;
                }
                boolean multibulk = buf.get(BYTE, commandStart) == '*';
                if (!multibulk && multibulkOnly) {
                    return NEED_MORE;
                }
                state.start(multibulk ? RespParseState.MULTIBULK : RespParseState.INLINE);
            }
            int result = state.kind == RespParseState.MULTIBULK
                    ? multibulk(buf, commandStart, end, state)
                    : inline(buf, commandStart, end, state);
            if (result == NEED_MORE || result == ERROR) {
                return result;
            }
            consumed += state.pos;
            state.clearProgress();
            if (result == COMMAND) {
                return COMMAND;
            }
        }
    }

    private int multibulk(MemorySegment buf, long s, long end, RespParseState st) {
        int recordedFrom = st.argsDone; // arguments before this index were recorded by earlier calls
        if (st.argc == 0) {
            long count = end - s >= 4 ? shortCount(buf.get(INT_LE, s)) : -1;
            long cr = s + 2;
            if (count < 0) { // not the common one-digit count: the general path
                cr = findLineEnd(buf, s, s, end, st, '\r');
                if (cr < 0) {
                    return cr == TOO_LONG ? fail(ProtocolError.TOO_BIG_MBULK_COUNT_STRING, 0) : NEED_MORE;
                }
                if (!numbers.parseLong(buf, s + 1, cr - s - 1) || numbers.longValue() > limits.maxMultibulkLength()) {
                    return fail(ProtocolError.INVALID_MULTIBULK_LENGTH, 0);
                }
                count = numbers.longValue();
            } else if (count > limits.maxMultibulkLength()) {
                return fail(ProtocolError.INVALID_MULTIBULK_LENGTH, 0);
            }
            if (count > limits.maxUnauthenticatedMultibulkLength() && st.authRequired()) {
                return fail(ProtocolError.UNAUTHENTICATED_MULTIBULK_LENGTH, 0);
            }
            st.pos = cr + 2 - s;
            if (count <= 0) {
                return SKIP;
            }
            st.argc = count;
            st.lineScanned = st.pos;
        }
        while (st.argsDone < st.argc) {
            if (st.bulkLen < 0) {
                long lineStart = s + st.pos;
                long header = shortBulkHeader(buf, lineStart, end);
                long cr;
                long length;
                if (header >= 0) { // the common header, read in one pass
                    cr = lineStart + 1 + (header & 0xF);
                    length = header >>> 4;
                } else {
                    cr = findLineEnd(buf, s, lineStart, end, st, '\r');
                    if (cr < 0) {
                        return cr == TOO_LONG ? fail(ProtocolError.TOO_BIG_BULK_COUNT_STRING, 0) : NEED_MORE;
                    }
                    byte first = buf.get(BYTE, lineStart);
                    if (first != '$') {
                        return fail(ProtocolError.EXPECTED_DOLLAR, first & 0xFF);
                    }
                    if (!numbers.parseLong(buf, lineStart + 1, cr - lineStart - 1) || numbers.longValue() < 0) {
                        return fail(ProtocolError.INVALID_BULK_LENGTH, 0);
                    }
                    length = numbers.longValue();
                }
                if (length > limits.maxBulkLength()) {
                    return fail(ProtocolError.INVALID_BULK_LENGTH, 0);
                }
                if (length > limits.maxUnauthenticatedBulkLength() && st.authRequired()) {
                    return fail(ProtocolError.UNAUTHENTICATED_BULK_LENGTH, 0);
                }
                st.pos = cr + 2 - s;
                st.bulkLen = length;
            }
            long body = s + st.pos;
            if (end - body < st.bulkLen + 2) {
                return NEED_MORE;
            }
            command.field(st.argsDone, body, st.bulkLen);
            st.argsDone++;
            st.pos += st.bulkLen + 2;
            st.bulkLen = -1;
            st.lineScanned = st.pos;
        }
        if (recordedFrom > 0) {
            recordEarlierArguments(buf, s, recordedFrom);
        }
        command.complete(buf, (int) st.argc);
        return COMMAND;
    }

    /**
     * A multibulk count line in its common form, {@code *}, one digit from 1 to 9, CR, read from
     * its first four bytes (little-endian, so the {@code *} is the low byte): the count; -1 for
     * anything else, which the general path reads. Both paths give the same count, and the caller
     * checks it against the limits either way.
     */
    static long shortCount(int word) {
        int digit = (word >>> 8 & 0xFF) - '1';
        return (word & 0xFF) == '*' && digit >= 0 && digit <= 8 && (word >>> 16 & 0xFF) == '\r' ? digit + 1 : -1;
    }

    /**
     * A bulk header in its common form, {@code $}, one to nine digits without a leading zero (or
     * the single digit 0), then CR and the byte after it present: its length times 16 plus its
     * digit count; -1 for anything else, which the general path reads (and refuses as Redis
     * does). The same header read by both paths gives the same length. With eight bytes present,
     * headers of one to three digits are read from one little-endian word.
     */
    private static long shortBulkHeader(MemorySegment buf, long at, long end) {
        if (end - at >= 8) {
            long word = wordHeader(buf.get(LONG_LE, at));
            if (word != 0) {
                return word;
            }
        }
        if (end - at < 4 || buf.get(BYTE, at) != '$') {
            return -1;
        }
        long value = 0;
        int digits = 0;
        long p = at + 1;
        for (; digits < 9 && p < end; digits++, p++) {
            int c = buf.get(BYTE, p);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        if (digits == 0 || p + 1 >= end || buf.get(BYTE, p) != '\r'
                || digits > 1 && buf.get(BYTE, at + 1) == '0') {
            return -1;
        }
        return value << 4 | digits;
    }

    /**
     * A bulk header of one to three digits from the first eight bytes at its start (the byte after
     * its CR is among them): its length times 16 plus its digit count, or 0 when the word holds
     * another shape (more digits, a leading zero, not a header), left to the byte-wise read.
     */
    static long wordHeader(long word) {
        if ((word & 0xFF) != '$') {
            return 0;
        }
        int d1 = (int) (word >>> 8 & 0xFF) - '0';
        int c2 = (int) (word >>> 16 & 0xFF);
        if (d1 < 0 || d1 > 9) {
            return 0;
        }
        if (c2 == '\r') {
            return (long) d1 << 4 | 1;
        }
        int d2 = c2 - '0';
        int c3 = (int) (word >>> 24 & 0xFF);
        if (d1 == 0 || d2 < 0 || d2 > 9) {
            return 0;
        }
        if (c3 == '\r') {
            return (long) (d1 * 10 + d2) << 4 | 2;
        }
        int d3 = c3 - '0';
        if (d3 < 0 || d3 > 9 || (word >>> 32 & 0xFF) != '\r') {
            return 0;
        }
        return (long) (d1 * 100 + d2 * 10 + d3) << 4 | 3;
    }

    private int inline(MemorySegment buf, long s, long end, RespParseState st) {
        long lf = findLineEnd(buf, s, s, end, st, '\n');
        if (lf < 0) {
            return lf == TOO_LONG ? fail(ProtocolError.TOO_BIG_INLINE_REQUEST, 0) : NEED_MORE;
        }
        long lineEnd = lf > s && buf.get(BYTE, lf - 1) == '\r' ? lf - 1 : lf;
        st.pos = lf + 1 - s;
        int argc = InlineSplitter.split(buf, s, lineEnd, command);
        if (argc < 0) {
            return fail(ProtocolError.UNBALANCED_QUOTES, 0);
        }
        if (argc == 0) {
            return SKIP;
        }
        command.complete(buf, argc);
        return COMMAND;
    }

    /**
     * Finds the terminator of the line starting at {@code lineStart}, searching only bytes not
     * searched before and at most {@link #LINE_SEARCH_SLACK} bytes past {@code maxInlineLength}.
     *
     * @return its offset; NOT_FOUND to wait for more bytes (for a CR, also while the byte after
     *         it has not arrived); TOO_LONG when more than {@code maxInlineLength} bytes are
     *         present and the searched ones hold none
     */
    private long findLineEnd(MemorySegment buf, long s, long lineStart, long end, RespParseState st, int terminator) {
        long window = Math.min(end, lineStart + limits.maxInlineLength() + LINE_SEARCH_SLACK);
        for (long i = Math.max(lineStart, s + st.lineScanned); i < window; i++) {
            if (buf.get(BYTE, i) == terminator) {
                if (terminator == '\r' && i + 1 >= end) {
                    st.lineScanned = i - s;
                    return NOT_FOUND;
                }
                return i;
            }
        }
        st.lineScanned = Math.max(st.lineScanned, window - s);
        return end - lineStart > limits.maxInlineLength() ? TOO_LONG : NOT_FOUND;
    }

    /**
     * Records the first {@code count} arguments of a multibulk that was parsed across several
     * calls: other connections' commands have overwritten their slots since. Their headers were
     * validated then, so this only walks header lines and jumps over bodies.
     */
    private void recordEarlierArguments(MemorySegment buf, long s, int count) {
        long p = indexOfCr(buf, s) + 2;
        for (int i = 0; i < count; i++) {
            long cr = indexOfCr(buf, p);
            numbers.parseLong(buf, p + 1, cr - p - 1);
            long length = numbers.longValue();
            command.field(i, cr + 2, length);
            p = cr + 2 + length + 2;
        }
    }

    private static long indexOfCr(MemorySegment buf, long from) {
        long i = from;
        while (buf.get(BYTE, i) != '\r') {
            i++;
        }
        return i;
    }

    private int fail(ProtocolError e, int got) {
        error = e;
        errorByte = got;
        return ERROR;
    }
}
