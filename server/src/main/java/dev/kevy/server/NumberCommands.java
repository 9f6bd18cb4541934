package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** INCR, DECR, INCRBY, DECRBY (allocation-free) and INCRBYFLOAT. */
final class NumberCommands {

    private static final byte[] NAN_OR_INFINITY = Replies.bytes("-ERR increment would produce NaN or Infinity\r\n");


    NumberCommands() {
    }

    /** INCR, DECR, INCRBY, DECRBY: {@code sign} is +1 or -1; {@code byArg} the argument with the amount, or 0. */
    void incr(Keyspace keyspace, Request c, OutputBuffer out, long now, int sign, int byArg) {
        long delta = 1;
        if (byArg > 0) {
            if (!c.parseLong(byArg)) {
                out.writeBytes(Replies.NOT_INTEGER);
                return;
            }
            delta = c.longValue();
            if (sign < 0 && delta == Long.MIN_VALUE) {
                out.writeBytes(Replies.DECREMENT_OVERFLOW);
                return;
            }
        }
        long e = keyspace.incrBy(c.buffer(), c.offset(1), (int) c.length(1), sign * delta, now);
        if (e > 0) {
            KeyEvents.changed(keyspace, KeyEventNames.INCRBY, c, 1);
            // The key holds the result as canonical decimal text: the integer reply's very digits.
            out.writeByte(':');
            out.writeBytes(keyspace.segment(e), keyspace.valueOffset(e), keyspace.valueLength(e));
            out.writeCrlf();
            return;
        }
        switch ((int) e) {
            case Keyspace.WRONG_TYPE -> out.writeBytes(Replies.WRONG_TYPE);
            case Keyspace.NOT_INTEGER -> out.writeBytes(Replies.NOT_INTEGER);
            case Keyspace.OVERFLOW -> out.writeBytes(Replies.OVERFLOW);
            default -> out.writeBytes(Replies.TOO_LARGE);
        }
    }

    /**
     * INCRBYFLOAT key increment, in Redis's x86-64 {@code long double} arithmetic and format
     * ({@link LongDouble}); the key keeps its TTL. Allocates: not a hot-path command.
     */
    void incrbyfloat(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (e != Keyspace.ABSENT && keyspace.type(e) != Keyspace.TYPE_STRING) {
            out.writeBytes(Replies.WRONG_TYPE); // Redis checks the type before either number
            return;
        }
        LongDouble.Value current = new LongDouble.Value(java.math.BigDecimal.ZERO, 0);
        if (e != Keyspace.ABSENT) {
            current = LongDouble.parse(storedBytes(keyspace, e));
        }
        LongDouble.Value by = LongDouble.parse(c.buffer().asSlice(c.offset(2), c.length(2)).toArray(ValueLayout.JAVA_BYTE));
        if (current == null || by == null) {
            out.writeBytes(Replies.NOT_FLOAT);
            return;
        }
        byte[] text = LongDouble.sumText(current, by);
        if (text == null) {
            out.writeBytes(NAN_OR_INFINITY);
            return;
        }
        MemorySegment value = MemorySegment.ofArray(text);
        if (keyspace.set(c.buffer(), c.offset(1), (int) c.length(1), value, 0, text.length, 0, Keyspace.KEEP_TTL, now)
                == Keyspace.TOO_LARGE) {
            out.writeBytes(Replies.TOO_LARGE);
            return;
        }
        KeyEvents.changed(keyspace, KeyEventNames.INCRBYFLOAT, c, 1);
        RespWriter.bulk(out, text);
    }

    /** The stored value's bytes, or an over-long placeholder {@link LongDouble#parse} refuses, without copying a huge value. */
    private byte[] storedBytes(Keyspace keyspace, long e) {
        int len = keyspace.valueLength(e);
        if (len >= LongDouble.MAX_CHARS) {
            return new byte[0];
        }
        byte[] b = new byte[len];
        MemorySegment.copy(keyspace.segment(e), ValueLayout.JAVA_BYTE, keyspace.valueOffset(e), b, 0, len);
        return b;
    }
}
