package dev.kevy.server;

import dev.kevy.io.resp.RespCommand;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** INCR, DECR, INCRBY, DECRBY (allocation-free) and INCRBYFLOAT. */
final class NumberCommands {

    private static final byte[] NAN_OR_INFINITY = Replies.bytes("-ERR increment would produce NaN or Infinity\r\n");

    private final Keyspace keyspace;

    NumberCommands(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** INCR, DECR, INCRBY, DECRBY: {@code sign} is +1 or -1; {@code byArg} the argument with the amount, or 0. */
    void incr(RespCommand c, OutputBuffer out, long now, int sign, int byArg) {
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
        int r = keyspace.incrBy(c.buffer(), c.offset(1), (int) c.length(1), sign * delta, now);
        switch (r) {
            case Keyspace.OK -> RespWriter.integer(out, keyspace.incrResult());
            case Keyspace.WRONG_TYPE -> out.writeBytes(Replies.WRONG_TYPE);
            case Keyspace.NOT_INTEGER -> out.writeBytes(Replies.NOT_INTEGER);
            case Keyspace.OVERFLOW -> out.writeBytes(Replies.OVERFLOW);
            default -> out.writeBytes(Replies.TOO_LARGE);
        }
    }

    /**
     * INCRBYFLOAT key increment. The sum is a double (Redis uses a long double), printed in its
     * shortest exact decimal form without an exponent, which is what Redis prints for every sum
     * a double can hold. Allocates: not a hot-path command.
     */
    void incrbyfloat(RespCommand c, OutputBuffer out, long now) {
        if (!c.parseDouble(2)) {
            out.writeBytes(Replies.NOT_FLOAT);
            return;
        }
        double by = c.doubleValue();
        long e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
        double current = 0;
        if (e != Keyspace.ABSENT) {
            if (keyspace.type(e) != Keyspace.TYPE_STRING) {
                out.writeBytes(Replies.WRONG_TYPE);
                return;
            }
            Double parsed = parseStored(e);
            if (parsed == null) {
                out.writeBytes(Replies.NOT_FLOAT);
                return;
            }
            current = parsed;
        }
        double sum = current + by;
        if (Double.isNaN(sum) || Double.isInfinite(sum)) {
            out.writeBytes(NAN_OR_INFINITY);
            return;
        }
        byte[] text = format(sum);
        MemorySegment value = MemorySegment.ofArray(text);
        keyspace.set(c.buffer(), c.offset(1), (int) c.length(1), value, 0, text.length, 0, Keyspace.KEEP_TTL, now);
        RespWriter.bulk(out, text);
    }

    private Double parseStored(long e) {
        int len = keyspace.valueLength(e);
        if (len == 0 || len > 5000) {
            return null;
        }
        byte[] b = new byte[len];
        MemorySegment.copy(keyspace.segment(e), ValueLayout.JAVA_BYTE, keyspace.valueOffset(e), b, 0, len);
        String s = new String(b, StandardCharsets.US_ASCII);
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isNaN(d) ? null : d;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    static byte[] format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d).getBytes(StandardCharsets.US_ASCII);
        }
        String plain = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        return plain.getBytes(StandardCharsets.US_ASCII);
    }
}
