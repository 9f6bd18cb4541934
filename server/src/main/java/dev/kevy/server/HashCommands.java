package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Decimal;
import dev.kevy.server.store.Hashes;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The hash commands: HSET, HSETNX, HMSET, HGET, HMGET, HDEL, HLEN, HEXISTS, HSTRLEN, HKEYS, HVALS,
 * HGETALL, HINCRBY, HINCRBYFLOAT, HRANDFIELD and HSCAN, with Redis's replies and errors. All but
 * HINCRBYFLOAT allocate nothing.
 */
final class HashCommands {
    private static final byte[] NOT_INTEGER_HASH = Replies.bytes("-ERR hash value is not an integer\r\n");
    private static final byte[] NOT_FLOAT_HASH = Replies.bytes("-ERR hash value is not a float\r\n");
    private static final byte[] NAN_OR_INFINITY = Replies.bytes("-ERR increment would produce NaN or Infinity\r\n");
    private static final byte[] NAN_OR_INFINITY_GIVEN = Replies.bytes("-ERR value is NaN or Infinity\r\n");
    static final byte[] OUT_OF_RANGE = Replies.bytes("-ERR value is out of range\r\n");
    private static final byte[] HSET_ARITY = Replies.bytes("-ERR wrong number of arguments for 'hset' command\r\n");
    private static final byte[] HMSET_ARITY = Replies.bytes("-ERR wrong number of arguments for 'hmset' command\r\n");
    private static final byte[] WITHVALUES = Replies.bytes("WITHVALUES");

    private final ElementWriter writer = new ElementWriter();
    /** HINCRBY's result as text, to store. */
    private final MemorySegment digits = MemorySegment.ofArray(new byte[Decimal.MAX_LENGTH]);
    private final RandomElements randomElements;
    private final CollectionScan scan;

    HashCommands(RandomElements randomElements, CollectionScan scan) {
        this.randomElements = randomElements;
        this.scan = scan;
    }

    /** HSET key field value [field value ...] (and HMSET, which answers OK). */
    void hset(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean okReply) {
        if ((c.argc() & 1) != 0) {
            out.writeBytes(okReply ? HMSET_ARITY : HSET_ARITY);
            return;
        }
        long added = 0;
        for (int i = 2; i < c.argc(); i += 2) {
            int r = set(keyspace, c, i, false, now);
            if (r < 0) {
                writeError(r, out);
                return;
            }
            added += r;
        }
        KeyEvents.changed(keyspace, KeyEventNames.HSET, c, 1);
        if (okReply) {
            RespWriter.ok(out);
        } else {
            RespWriter.integer(out, added);
        }
    }

    void hsetnx(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        int r = set(keyspace, c, 2, true, now);
        if (r < 0) {
            writeError(r, out);
        } else {
            if (r == 1) {
                KeyEvents.changed(keyspace, KeyEventNames.HSET, c, 1);
            }
            RespWriter.integer(out, r);
        }
    }

    private static int set(Keyspace keyspace, Request c, int fieldArg, boolean onlyIfAbsent, long now) {
        MemorySegment b = c.buffer();
        return keyspace.hashes.set(b, c.offset(1), (int) c.length(1), b, c.offset(fieldArg), (int) c.length(fieldArg),
                b, c.offset(fieldArg + 1), (int) c.length(fieldArg + 1), onlyIfAbsent, now);
    }

    void hget(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        Hashes hashes = keyspace.hashes;
        long at = hashes.get(c.buffer(), c.offset(1), (int) c.length(1), c.buffer(), c.offset(2), (int) c.length(2), now);
        if (at == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else if (at < 0) {
            KeyEvents.missedIfAbsent(keyspace, c, 1, now);
            RespWriter.nullBulk(out);
        } else {
            RespWriter.bulk(out, hashes.segment(at), hashes.offset(at), hashes.length(at));
        }
    }

    void hmget(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        Hashes hashes = keyspace.hashes;
        long entry = hashes.find(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (entry < 0) {
            KeyEvents.missed(keyspace, c, 1);
        }
        RespWriter.arrayHeader(out, c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            long at = entry < 0 ? Keyspace.ABSENT : hashes.field(entry, c.buffer(), c.offset(i), (int) c.length(i));
            if (at < 0) {
                RespWriter.nullBulk(out);
            } else {
                RespWriter.bulk(out, hashes.segment(at), hashes.offset(at), hashes.length(at));
            }
        }
    }

    void hdel(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        SetCommands.eachMember(keyspace, c, out, now, KeyEventNames.HDEL, (k, b, ko, kl, fo, fl, t) -> k.hashes.delete(b, ko, kl, b, fo, fl, t));
    }

    void hlen(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        int n = keyspace.hashes.count(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (n == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            if (n == 0) {
                KeyEvents.missedIfAbsent(keyspace, c, 1, now);
            }
            RespWriter.integer(out, n);
        }
    }

    /** HEXISTS ({@code lengthOf} false) and HSTRLEN ({@code lengthOf} true). */
    void hexists(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean lengthOf) {
        Hashes hashes = keyspace.hashes;
        long at = hashes.get(c.buffer(), c.offset(1), (int) c.length(1), c.buffer(), c.offset(2), (int) c.length(2), now);
        if (at == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            if (at < 0) {
                KeyEvents.missedIfAbsent(keyspace, c, 1, now);
            }
            RespWriter.integer(out, at < 0 ? 0 : lengthOf ? hashes.length(at) : 1);
        }
    }

    /** HKEYS, HVALS and HGETALL: {@code what} is {@link ElementWriter#FIELDS}, VALUES or PAIRS. */
    void walk(Keyspace keyspace, Request c, OutputBuffer out, long now, int what) {
        Hashes hashes = keyspace.hashes;
        long entry = KeyEvents.read(keyspace, hashes.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        long count = entry < 0 ? 0 : hashes.count(entry);
        if (what == ElementWriter.PAIRS) {
            RespWriter.mapHeader(out, count); // HGETALL: a map in RESP3
        } else {
            RespWriter.arrayHeader(out, count);
        }
        if (entry >= 0) {
            hashes.forEach(entry, writer.start(out, what, null, 0));
        }
    }

    /** HINCRBY key field increment. */
    void hincrby(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        if (!c.parseLong(3)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long delta = c.longValue();
        Hashes hashes = keyspace.hashes;
        long at = hashes.get(c.buffer(), c.offset(1), (int) c.length(1), c.buffer(), c.offset(2), (int) c.length(2), now);
        if (at == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        long old = 0;
        if (at >= 0) {
            if (!Decimal.isInteger(hashes.segment(at), hashes.offset(at), hashes.length(at))) {
                out.writeBytes(NOT_INTEGER_HASH);
                return;
            }
            old = Decimal.value(hashes.segment(at), hashes.offset(at), hashes.length(at));
        }
        long result = old + delta;
        if (((old ^ result) & (delta ^ result)) < 0) {
            out.writeBytes(Replies.OVERFLOW);
            return;
        }
        int length = Decimal.length(result);
        Decimal.write(digits, 0, length, result);
        int r = hashes.set(c.buffer(), c.offset(1), (int) c.length(1), c.buffer(), c.offset(2), (int) c.length(2),
                digits, 0, length, false, now);
        if (r < 0) {
            writeError(r, out);
        } else {
            KeyEvents.changed(keyspace, KeyEventNames.HINCRBY, c, 1);
            RespWriter.integer(out, result);
        }
    }

    /** HINCRBYFLOAT key field increment, in Redis's long double arithmetic ({@link LongDouble}); allocates. */
    void hincrbyfloat(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        LongDouble.Value by = LongDouble.parse(bytes(c.buffer(), c.offset(3), (int) c.length(3)));
        if (by == null) {
            out.writeBytes(Replies.NOT_FLOAT);
            return;
        }
        if (by.isInfinite()) {
            out.writeBytes(NAN_OR_INFINITY_GIVEN);
            return;
        }
        Hashes hashes = keyspace.hashes;
        long at = hashes.get(c.buffer(), c.offset(1), (int) c.length(1), c.buffer(), c.offset(2), (int) c.length(2), now);
        if (at == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        LongDouble.Value current = new LongDouble.Value(java.math.BigDecimal.ZERO, 0);
        if (at >= 0) {
            current = hashes.length(at) >= LongDouble.MAX_CHARS ? null
                    : LongDouble.parse(bytes(hashes.segment(at), hashes.offset(at), hashes.length(at)));
            if (current == null) {
                out.writeBytes(NOT_FLOAT_HASH);
                return;
            }
        }
        byte[] text = LongDouble.sumText(current, by);
        if (text == null) {
            out.writeBytes(NAN_OR_INFINITY);
            return;
        }
        int r = hashes.set(c.buffer(), c.offset(1), (int) c.length(1), c.buffer(), c.offset(2), (int) c.length(2),
                MemorySegment.ofArray(text), 0, text.length, false, now);
        if (r < 0) {
            writeError(r, out);
        } else {
            KeyEvents.changed(keyspace, KeyEventNames.HINCRBYFLOAT, c, 1);
            RespWriter.bulk(out, text);
        }
    }

    /** HRANDFIELD key [count [WITHVALUES]]. */
    void hrandfield(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long count = 0;
        boolean withValues = false;
        if (c.argc() >= 3) {
            if (!c.parseLong(2)) {
                out.writeBytes(Replies.NOT_INTEGER);
                return;
            }
            count = c.longValue();
            if (c.argc() > 4 || (c.argc() == 4 && !c.equalsIgnoreCase(3, WITHVALUES))) {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
            withValues = c.argc() == 4;
            if (count == Long.MIN_VALUE) {
                out.writeBytes(SetCommands.COUNT_OUT_OF_RANGE);
                return;
            }
            if (withValues && (count > Long.MAX_VALUE / 2 || count < -Long.MAX_VALUE / 2)) {
                out.writeBytes(OUT_OF_RANGE); // Redis: the reply's length, twice the count, must not overflow
                return;
            }
        }
        Hashes hashes = keyspace.hashes;
        randomElements.reply(hashes, KeyEvents.read(keyspace, hashes.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1), c.argc() > 2, count,
                withValues ? ElementWriter.PAIRS | ElementWriter.NESTED : ElementWriter.FIELDS, out);
    }

    /** HSCAN key cursor [MATCH pattern] [COUNT count]. */
    void hscan(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        scan.run(keyspace.hashes, KeyEvents.read(keyspace, keyspace.hashes.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1), c, out,
                ElementWriter.PAIRS);
    }

    static void writeError(long code, OutputBuffer out) {
        out.writeBytes(code == Keyspace.WRONG_TYPE ? Replies.WRONG_TYPE : Replies.TOO_LARGE);
    }

    private static byte[] bytes(MemorySegment s, long offset, int length) {
        byte[] b = new byte[length];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, offset, b, 0, length);
        return b;
    }
}
