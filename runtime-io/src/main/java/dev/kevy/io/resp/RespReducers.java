package dev.kevy.io.resp;

import dev.kevy.io.Reducer;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The common ways to combine fanned-out replies. Each treats a part that is an error reply the way
 * Redis would report the whole command failing: the first error, in part order, is the reply.
 */
public final class RespReducers {

    /** Each part is one element: {@code *n} then the parts in order (MGET). */
    public static final Reducer ARRAY = RespReducers::array;

    /** Each part is an integer; the reply is their sum (DEL, EXISTS, UNLINK, TOUCH, DBSIZE). */
    public static final Reducer SUM = RespReducers::sum;

    /** Each part is {@code +OK}; the reply is {@code +OK} (MSET, FLUSHALL). */
    public static final Reducer ALL_OK = RespReducers::allOk;

    /** Each part is an array; the reply is one array of all their elements, in part order (KEYS). */
    public static final Reducer CONCAT_ARRAYS = RespReducers::concatArrays;

    private RespReducers() {
    }

    private static void array(Reducer.Parts parts, OutputBuffer reply) {
        if (copyFirstError(parts, reply)) {
            return;
        }
        RespWriter.arrayHeader(reply, parts.count());
        for (int i = 0; i < parts.count(); i++) {
            reply.writeBytes(parts.segment(), parts.offset(i), parts.length(i));
        }
    }

    private static void sum(Reducer.Parts parts, OutputBuffer reply) {
        if (copyFirstError(parts, reply)) {
            return;
        }
        long total = 0;
        for (int i = 0; i < parts.count(); i++) {
            total += headerNumber(parts.segment(), parts.offset(i), parts.length(i));
        }
        RespWriter.integer(reply, total);
    }

    private static void allOk(Reducer.Parts parts, OutputBuffer reply) {
        if (!copyFirstError(parts, reply)) {
            RespWriter.ok(reply);
        }
    }

    private static void concatArrays(Reducer.Parts parts, OutputBuffer reply) {
        if (copyFirstError(parts, reply)) {
            return;
        }
        long total = 0;
        for (int i = 0; i < parts.count(); i++) {
            total += Math.max(0, headerNumber(parts.segment(), parts.offset(i), parts.length(i)));
        }
        RespWriter.arrayHeader(reply, total);
        for (int i = 0; i < parts.count(); i++) {
            long start = parts.offset(i);
            long body = bodyStart(parts.segment(), start, parts.length(i));
            reply.writeBytes(parts.segment(), body, parts.length(i) - (body - start));
        }
    }

    /** Copies the first error part, if any, as the reply. */
    private static boolean copyFirstError(Reducer.Parts parts, OutputBuffer reply) {
        for (int i = 0; i < parts.count(); i++) {
            if (parts.length(i) > 0 && parts.segment().get(ValueLayout.JAVA_BYTE, parts.offset(i)) == '-') {
                reply.writeBytes(parts.segment(), parts.offset(i), parts.length(i));
                return true;
            }
        }
        return false;
    }

    /** The signed decimal after the type byte of a {@code :n} or {@code *n} header line. */
    static long headerNumber(MemorySegment segment, long offset, long length) {
        long end = offset + length;
        long i = offset + 1;
        boolean negative = i < end && segment.get(ValueLayout.JAVA_BYTE, i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        for (; i < end; i++) {
            byte b = segment.get(ValueLayout.JAVA_BYTE, i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }

    /** Offset just past the header line's CRLF. */
    private static long bodyStart(MemorySegment segment, long offset, long length) {
        long end = offset + length;
        for (long i = offset; i + 1 < end; i++) {
            if (segment.get(ValueLayout.JAVA_BYTE, i) == '\r') {
                return i + 2;
            }
        }
        return end;
    }
}
