package dev.kevy.io.resp;

import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * RESP2 and RESP3 replies appended to an {@link OutputBuffer}, without allocating.
 *
 * <p>The buffer's {@linkplain OutputBuffer#dialect() dialect} chooses the encoding where the two
 * differ: with {@link #RESP3} a null is {@code _}, a map {@code %}, a set {@code ~}, a double
 * {@code ,}, a verbatim string {@code =} and a pushed frame {@code >}; otherwise each is written
 * as RESP2 writes it (a null bulk or array, an array of twice the pairs, an array, a bulk string,
 * a bulk string, an array). A handler sets the dialect for each client before it writes.
 *
 * <p>Every method returns {@code false} when the output refused bytes for its limit
 * ({@code client-output-buffer-limit}); the output then stays over its limit and the caller
 * disconnects the client, so a reply cut short is never sent. Frequent replies are pre-encoded
 * and copied in whole.
 */
public final class RespWriter {
    /** The {@linkplain OutputBuffer#dialect() dialect} of a RESP3 connection. */
    public static final int RESP3 = 3;
    private static final byte[] OK = ascii("+OK\r\n");
    private static final byte[] PONG = ascii("+PONG\r\n");
    private static final byte[] QUEUED = ascii("+QUEUED\r\n");
    private static final byte[] NULL_BULK = ascii("$-1\r\n");
    private static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    private static final byte[] NULL3 = ascii("_\r\n");
    private static final byte[] VERBATIM_TEXT = ascii("txt:");
    private static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    private static final byte[] EMPTY_BULK = ascii("$0\r\n\r\n");
    private static final byte[] ZERO = ascii(":0\r\n");
    private static final byte[] ONE = ascii(":1\r\n");
    private static final byte[] ERR_PREFIX = ascii("-ERR ");

    private RespWriter() {
    }

    /** {@code +OK}. */
    public static boolean ok(OutputBuffer out) {
        return out.writeBytes(OK);
    }

    /** {@code +PONG}. */
    public static boolean pong(OutputBuffer out) {
        return out.writeBytes(PONG);
    }

    /** {@code +QUEUED}. */
    public static boolean queued(OutputBuffer out) {
        return out.writeBytes(QUEUED);
    }

    /** Whether replies on {@code out} are written in RESP3. */
    public static boolean isResp3(OutputBuffer out) {
        return out.dialect() == RESP3;
    }

    /** The null bulk string {@code $-1}, RESP2's nil; RESP3's null {@code _}. */
    public static boolean nullBulk(OutputBuffer out) {
        return out.writeBytes(isResp3(out) ? NULL3 : NULL_BULK);
    }

    /** The null array {@code *-1}; RESP3's null {@code _}. */
    public static boolean nullArray(OutputBuffer out) {
        return out.writeBytes(isResp3(out) ? NULL3 : NULL_ARRAY);
    }

    /** A map header {@code %pairs}; in RESP2 an array of {@code 2 * pairs}. Keys and values follow in turn. */
    public static boolean mapHeader(OutputBuffer out, long pairs) {
        boolean resp3 = isResp3(out);
        return out.writeNumberLine(resp3 ? '%' : '*', resp3 ? pairs : 2 * pairs);
    }

    /** A set header {@code ~count}; in RESP2 an array. */
    public static boolean setHeader(OutputBuffer out, long count) {
        return out.writeNumberLine(isResp3(out) ? '~' : '*', count);
    }

    /** A pushed frame's header {@code >count} (pub/sub messages); in RESP2 an array. */
    public static boolean pushHeader(OutputBuffer out, long count) {
        return out.writeNumberLine(isResp3(out) ? '>' : '*', count);
    }

    /**
     * A double given as its text ({@code 3.5}, {@code inf}, {@code -inf}): RESP3's {@code ,3.5},
     * RESP2's bulk string. The caller formats it (Redis prints 17 significant digits).
     */
    public static boolean doubleText(OutputBuffer out, MemorySegment text, long offset, long length) {
        if (isResp3(out)) {
            return out.writeByte(',') && out.writeBytes(text, offset, length) && out.writeCrlf();
        }
        return bulk(out, text, offset, length);
    }

    /**
     * The header of a text meant for people (INFO, CLIENT LIST): RESP3's verbatim string
     * {@code =length} with its {@code txt:} format, RESP2's {@code $length}. The caller appends
     * exactly {@code length} bytes and then {@link #crlf}.
     */
    public static boolean verbatimHeader(OutputBuffer out, long length) {
        if (isResp3(out)) {
            return out.writeNumberLine('=', length + VERBATIM_TEXT.length) && out.writeBytes(VERBATIM_TEXT);
        }
        return bulkHeader(out, length);
    }

    /** A whole text for people: see {@link #verbatimHeader}. */
    public static boolean verbatim(OutputBuffer out, byte[] text) {
        return verbatimHeader(out, text.length) && out.writeBytes(text) && out.writeCrlf();
    }

    /** The empty array {@code *0}. */
    public static boolean emptyArray(OutputBuffer out) {
        return out.writeBytes(EMPTY_ARRAY);
    }

    /** The empty bulk string {@code $0}. */
    public static boolean emptyBulk(OutputBuffer out) {
        return out.writeBytes(EMPTY_BULK);
    }

    /** A simple string {@code +text}; {@code text} is ASCII without CR or LF. */
    public static boolean simpleString(OutputBuffer out, String text) {
        return out.writeByte('+') && out.writeAscii(text) && out.writeCrlf();
    }

    /** A simple string {@code +text} from ASCII bytes without CR or LF. */
    public static boolean simpleString(OutputBuffer out, byte[] text) {
        return out.writeByte('+') && out.writeBytes(text) && out.writeCrlf();
    }

    /**
     * An error as Redis's {@code addReplyError} writes it: {@code -ERR message}, or the message as
     * is when it starts with {@code -} and so names its own code ({@code -WRONGTYPE ...}). CR and
     * LF inside become spaces, as in Redis, so the reply stays one line.
     */
    public static boolean error(OutputBuffer out, String message) {
        boolean ok = message.startsWith("-") || out.writeBytes(ERR_PREFIX);
        for (int i = 0, n = message.length(); ok && i < n; i++) {
            char c = message.charAt(i);
            ok = out.writeByte(c == '\r' || c == '\n' ? ' ' : c < 0x80 ? c : '?');
        }
        return ok && out.writeCrlf();
    }

    /** A reply encoded in advance (a whole frame, CR LF included), copied as is. */
    public static boolean raw(OutputBuffer out, byte[] encoded) {
        return out.writeBytes(encoded);
    }

    /** An integer {@code :value}. */
    public static boolean integer(OutputBuffer out, long value) {
        if (value == 0) {
            return out.writeBytes(ZERO);
        }
        if (value == 1) {
            return out.writeBytes(ONE);
        }
        return out.writeNumberLine(':', value);
    }

    /** An array header {@code *count}; the elements follow as further replies. */
    public static boolean arrayHeader(OutputBuffer out, long count) {
        return out.writeNumberLine('*', count);
    }

    /**
     * A bulk string header {@code $length}; the caller appends exactly {@code length} bytes and then
     * {@link #crlf}. For values written in pieces.
     */
    public static boolean bulkHeader(OutputBuffer out, long length) {
        return out.writeNumberLine('$', length);
    }

    /** The CR LF that ends a bulk string begun with {@link #bulkHeader}. */
    public static boolean crlf(OutputBuffer out) {
        return out.writeCrlf();
    }

    /** A bulk string of {@code length} bytes of {@code src} from {@code offset}. */
    public static boolean bulk(OutputBuffer out, MemorySegment src, long offset, long length) {
        return bulkHeader(out, length) && out.writeBytes(src, offset, length) && out.writeCrlf();
    }

    /** A bulk string of {@code bytes}. */
    public static boolean bulk(OutputBuffer out, byte[] bytes) {
        return bulkHeader(out, bytes.length) && out.writeBytes(bytes) && out.writeCrlf();
    }

    /** A bulk string holding {@code value} in decimal, as Redis's {@code addReplyBulkLongLong}. */
    public static boolean bulkLong(OutputBuffer out, long value) {
        return bulkHeader(out, decimalLength(value)) && out.writeLong(value) && out.writeCrlf();
    }

    /**
     * The reply Redis sends for a protocol error: {@code -ERR Protocol error: ...}, with the
     * offending byte for {@link ProtocolError#EXPECTED_DOLLAR}.
     */
    public static boolean protocolError(OutputBuffer out, ProtocolError error, int got) {
        if (error != ProtocolError.EXPECTED_DOLLAR) {
            return out.writeBytes(error.replyHead());
        }
        return out.writeBytes(error.replyHead()) && out.writeByte(ProtocolError.shownByte(got))
                && out.writeByte('\'') && out.writeCrlf();
    }

    static int decimalLength(long value) {
        long v = value < 0 ? value : -value;
        int length = value < 0 ? 2 : 1;
        while (v <= -10) {
            v /= 10;
            length++;
        }
        return length;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
