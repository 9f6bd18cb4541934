package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;

/** EXPIRE and its relatives, TTL and its relatives, PERSIST, TYPE and TOUCH, as Redis 7 answers them. */
final class ExpireCommands {

    private static final byte[] NX = Replies.bytes("NX");
    private static final byte[] XX = Replies.bytes("XX");
    private static final byte[] GT = Replies.bytes("GT");
    private static final byte[] LT = Replies.bytes("LT");
    private static final byte[] NX_WITH_OTHERS =
            Replies.bytes("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
    private static final byte[] GT_AND_LT = Replies.bytes("-ERR GT and LT options at the same time are not compatible\r\n");
    private static final byte[] STRING = Replies.bytes("+string\r\n");
    private static final byte[] NONE = Replies.bytes("+none\r\n");
    private static final byte[] HASH = Replies.bytes("+hash\r\n");
    private static final byte[] SET = Replies.bytes("+set\r\n");
    private static final byte[] LIST = Replies.bytes("+list\r\n");
    private static final byte[] ZSET = Replies.bytes("+zset\r\n");

    /** How the command's number is read: seconds or milliseconds, relative or absolute. */
    static final int SECONDS = 1;
    static final int MILLIS = 2;
    static final int AT_SECONDS = 3;
    static final int AT_MILLIS = 4;

    private final byte[][] invalidExpire = new byte[5][];

    ExpireCommands() {
        invalidExpire[SECONDS] = invalid("expire");
        invalidExpire[MILLIS] = invalid("pexpire");
        invalidExpire[AT_SECONDS] = invalid("expireat");
        invalidExpire[AT_MILLIS] = invalid("pexpireat");
    }

    private static byte[] invalid(String name) {
        return Replies.bytes("-ERR invalid expire time in '" + name + "' command\r\n");
    }

    /** EXPIRE key seconds [NX | XX | GT | LT], and PEXPIRE, EXPIREAT, PEXPIREAT by {@code unit}. */
    void expire(Keyspace keyspace, Request c, OutputBuffer out, long now, int unit) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < c.argc(); i++) {
            if (c.equalsIgnoreCase(i, NX)) {
                nx = true;
            } else if (c.equalsIgnoreCase(i, XX)) {
                xx = true;
            } else if (c.equalsIgnoreCase(i, GT)) {
                gt = true;
            } else if (c.equalsIgnoreCase(i, LT)) {
                lt = true;
            } else {
                out.writeAscii("-ERR Unsupported option ");
                out.writeBytes(c.buffer(), c.offset(i), c.length(i));
                out.writeCrlf();
                return;
            }
        }
        if (nx && (xx || gt || lt)) {
            out.writeBytes(NX_WITH_OTHERS);
            return;
        }
        if (gt && lt) {
            out.writeBytes(GT_AND_LT);
            return;
        }
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long when = absolute(c.longValue(), unit, now);
        if (when == Long.MIN_VALUE) {
            out.writeBytes(invalidExpire[unit]);
            return;
        }
        long e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (e == Keyspace.ABSENT) {
            RespWriter.integer(out, 0);
            return;
        }
        long current = keyspace.expireAt(e); // 0: persistent, which GT/LT treat as an infinite TTL
        boolean skip = (nx && current != 0) || (xx && current == 0)
                || (gt && (current == 0 || when <= current)) || (lt && current != 0 && when >= current);
        if (skip) {
            RespWriter.integer(out, 0);
            return;
        }
        if (when <= now) {
            keyspace.delete(c.buffer(), c.offset(1), (int) c.length(1), now); // a past time deletes, as Redis
            KeyEvents.changed(keyspace, KeyEventNames.DEL, c, 1);
        } else {
            keyspace.setExpireAt(e, when);
            KeyEvents.changed(keyspace, KeyEventNames.EXPIRE, c, 1);
        }
        RespWriter.integer(out, 1);
    }

    /**
     * The absolute expiry in milliseconds, or {@link Long#MIN_VALUE} where Redis says "invalid
     * expire time": the scaled or summed value overflows.
     */
    static long absolute(long value, int unit, long now) {
        long millis = value;
        if (unit == SECONDS || unit == AT_SECONDS) {
            if (value > Long.MAX_VALUE / 1000 || value < Long.MIN_VALUE / 1000) {
                return Long.MIN_VALUE;
            }
            millis = value * 1000;
        }
        if (unit == SECONDS || unit == MILLIS) {
            if (millis > Long.MAX_VALUE - now) {
                return Long.MIN_VALUE;
            }
            millis += now;
        }
        return Math.max(millis, 1); // 0 means "no expiry" in the keyspace; any time <= now deletes
    }

    /** TTL and PTTL ({@code millis}); EXPIRETIME and PEXPIRETIME ({@code absolute}). */
    void ttl(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean millis, boolean absolute) {
        long e = keyspace.peek(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (e == Keyspace.ABSENT) {
            KeyEvents.missed(keyspace, c, 1);
            RespWriter.integer(out, -2);
            return;
        }
        long at = keyspace.expireAt(e);
        if (at == 0) {
            RespWriter.integer(out, -1);
        } else if (absolute) {
            RespWriter.integer(out, millis ? at : at / 1000);
        } else {
            long left = Math.max(0, at - now);
            RespWriter.integer(out, millis ? left : (left + 500) / 1000);
        }
    }

    void persist(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (e == Keyspace.ABSENT || keyspace.expireAt(e) == 0) {
            RespWriter.integer(out, 0);
        } else {
            keyspace.setExpireAt(e, 0);
            KeyEvents.changed(keyspace, KeyEventNames.PERSIST, c, 1);
            RespWriter.integer(out, 1);
        }
    }

    void type(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long e = keyspace.peek(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (e == Keyspace.ABSENT) {
            KeyEvents.missed(keyspace, c, 1);
        }
        out.writeBytes(e == Keyspace.ABSENT ? NONE : switch (keyspace.type(e)) {
            case Keyspace.TYPE_HASH -> HASH;
            case Keyspace.TYPE_SET -> SET;
            case Keyspace.TYPE_LIST -> LIST;
            case Keyspace.TYPE_ZSET -> ZSET;
            default -> STRING;
        });
    }

    /** TOUCH: how many of the keys exist, refreshing their access time. */
    void touch(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long found = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (keyspace.lookup(c.buffer(), c.offset(i), (int) c.length(i), now) != Keyspace.ABSENT) {
                found++;
            } else {
                KeyEvents.missed(keyspace, c, i);
            }
        }
        RespWriter.integer(out, found);
    }
}
