package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/** GET, SET and the other string commands of one shard, with Redis 7's replies and errors. */
final class StringCommands {

    private static final byte[] NX = Replies.bytes("NX");
    private static final byte[] XX = Replies.bytes("XX");
    private static final byte[] EX = Replies.bytes("EX");
    private static final byte[] PX = Replies.bytes("PX");
    private static final byte[] EXAT = Replies.bytes("EXAT");
    private static final byte[] PXAT = Replies.bytes("PXAT");
    private static final byte[] KEEPTTL = Replies.bytes("KEEPTTL");
    private static final byte[] GET = Replies.bytes("GET");
    private static final byte[] PERSIST = Replies.bytes("PERSIST");
    private static final byte[] INVALID_EXPIRE_SET = Replies.bytes("-ERR invalid expire time in 'set' command\r\n");
    private static final byte[] INVALID_EXPIRE_SETEX = Replies.bytes("-ERR invalid expire time in 'setex' command\r\n");
    private static final byte[] INVALID_EXPIRE_PSETEX = Replies.bytes("-ERR invalid expire time in 'psetex' command\r\n");
    private static final byte[] INVALID_EXPIRE_GETEX = Replies.bytes("-ERR invalid expire time in 'getex' command\r\n");

    private final KeyStats stats;

    StringCommands(KeyStats stats) {
        this.stats = stats;
    }

    void get(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (e == Keyspace.ABSENT) {
            stats.misses++;
            KeyEvents.missed(keyspace, c, 1);
        } else {
            stats.hits++;
        }
        writeValue(keyspace, e, out);
    }

    /** MGET's part on one shard: as GET, but nil for a value of another type (MGET never answers WRONGTYPE). */
    void getPart(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (e == Keyspace.ABSENT) {
            stats.misses++;
            KeyEvents.missed(keyspace, c, 1);
        } else {
            stats.hits++;
        }
        writeValue(keyspace, e != Keyspace.ABSENT && keyspace.type(e) != Keyspace.TYPE_STRING ? Keyspace.ABSENT : e, out);
    }

    /** The value of entry {@code e} as a bulk reply, nil when absent, WRONGTYPE when not a string. */
    void writeValue(Keyspace keyspace, long e, OutputBuffer out) {
        if (e == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
        } else if (keyspace.type(e) != Keyspace.TYPE_STRING) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            RespWriter.bulk(out, keyspace.segment(e), keyspace.valueOffset(e), keyspace.valueLength(e));
        }
    }

    /** SET key value [NX | XX] [GET] [EX s | PX ms | EXAT ts | PXAT ms-ts | KEEPTTL]. */
    void set(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long parsed = parseOptions(c, 3, true);
        if (parsed == SYNTAX_ERROR) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        int options = options(parsed);
        int flags = options & (Keyspace.IF_ABSENT | Keyspace.IF_PRESENT | Keyspace.KEEP_TTL);
        boolean get = (options & OPT_GET) != 0;
        long expireAt = 0;
        if ((options & EXPIRE_OPTIONS) != 0) {
            expireAt = expiry(c, options, expireArg(parsed), now, out, INVALID_EXPIRE_SET);
            if (expireAt == Long.MIN_VALUE) {
                return;
            }
        }
        MemorySegment s = c.buffer();
        if (get) {
            long old = keyspace.lookup(s, c.offset(1), (int) c.length(1), now);
            if (old == Keyspace.ABSENT) {
                KeyEvents.missed(keyspace, c, 1);
            } else if (keyspace.type(old) != Keyspace.TYPE_STRING) {
                out.writeBytes(Replies.WRONG_TYPE);
                return;
            }
            writeValue(keyspace, old, out); // written before the set overwrites the bytes it points at
        }
        int existed = keyspace.set(s, c.offset(1), (int) c.length(1), s, c.offset(2), (int) c.length(2),
                expireAt, flags, now);
        if (existed == Keyspace.TOO_LARGE) {
            if (!get) {
                out.writeBytes(Replies.TOO_LARGE);
            }
            return;
        }
        boolean skipped = ((flags & Keyspace.IF_ABSENT) != 0 && existed == 1)
                || ((flags & Keyspace.IF_PRESENT) != 0 && existed == 0);
        if (!skipped) {
            KeyEvents.changed(keyspace, KeyEventNames.SET, c, 1);
            if (expireAt != 0) {
                KeyEvents.changed(keyspace, KeyEventNames.EXPIRE, c, 1);
            }
        }
        if (get) {
            return;
        }
        if (skipped) {
            RespWriter.nullBulk(out);
        } else {
            RespWriter.ok(out);
        }
    }

    // Option bits of parseOptions beside the keyspace's IF_ABSENT, IF_PRESENT and KEEP_TTL.
    private static final int OPT_GET = 1 << 8;
    private static final int OPT_PERSIST = 1 << 9;
    private static final int OPT_EX = 1 << 10;
    private static final int OPT_PX = 1 << 11;
    private static final int OPT_EXAT = 1 << 12;
    private static final int OPT_PXAT = 1 << 13;
    private static final int EXPIRE_OPTIONS = OPT_EX | OPT_PX | OPT_EXAT | OPT_PXAT;

    /** {@link #parseOptions}'s result for a syntax error. */
    private static final long SYNTAX_ERROR = -1;

    /**
     * Redis's {@code parseExtendedStringArgumentsOrReply} from argument {@code from}: the option
     * bits ({@link #options}) and the index of the argument holding the expire value
     * ({@link #expireArg}, 0 when no expire option was given) in one long, or
     * {@link #SYNTAX_ERROR}. An option conflicts only with its opposites (NX with XX, one expire
     * unit with another, KEEPTTL or PERSIST with any expire); repeating one is allowed and the
     * last expire value wins. The expire value is not checked here.
     */
    private static long parseOptions(Request c, int from, boolean forSet) {
        int flags = 0;
        int expireArg = 0;
        for (int i = from; i < c.argc(); i++) {
            boolean hasNext = i + 1 < c.argc();
            byte[] unit = expireUnit(c, i);
            int bit = unit == EX ? OPT_EX : unit == PX ? OPT_PX : unit == EXAT ? OPT_EXAT : unit == PXAT ? OPT_PXAT : 0;
            if (forSet && c.equalsIgnoreCase(i, NX) && (flags & Keyspace.IF_PRESENT) == 0) {
                flags |= Keyspace.IF_ABSENT;
            } else if (forSet && c.equalsIgnoreCase(i, XX) && (flags & Keyspace.IF_ABSENT) == 0) {
                flags |= Keyspace.IF_PRESENT;
            } else if (forSet && c.equalsIgnoreCase(i, GET)) {
                flags |= OPT_GET;
            } else if (forSet && c.equalsIgnoreCase(i, KEEPTTL) && (flags & (OPT_PERSIST | EXPIRE_OPTIONS)) == 0) {
                flags |= Keyspace.KEEP_TTL;
            } else if (!forSet && c.equalsIgnoreCase(i, PERSIST)
                    && (flags & (Keyspace.KEEP_TTL | EXPIRE_OPTIONS)) == 0) {
                flags |= OPT_PERSIST;
            } else if (bit != 0 && hasNext
                    && (flags & (Keyspace.KEEP_TTL | OPT_PERSIST | (EXPIRE_OPTIONS & ~bit))) == 0) {
                flags |= bit;
                expireArg = ++i;
            } else {
                return SYNTAX_ERROR;
            }
        }
        return (long) expireArg << 32 | flags;
    }

    /** The option bits of a {@link #parseOptions} result. */
    private static int options(long parsed) {
        return (int) parsed;
    }

    /** The argument with the expire value in a {@link #parseOptions} result, or 0. */
    private static int expireArg(long parsed) {
        return (int) (parsed >>> 32);
    }

    /**
     * The absolute expiry argument {@code arg} names in the unit of the expire option among
     * {@code options}, or {@link Long#MIN_VALUE} after writing Redis's error (not an integer, or
     * an invalid expire time).
     */
    private static long expiry(Request c, int options, int arg, long now, OutputBuffer out, byte[] invalid) {
        if (!c.parseLong(arg)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return Long.MIN_VALUE;
        }
        long at = absoluteExpiry(unitOf(options), c.longValue(), now);
        if (at == Long.MIN_VALUE) {
            out.writeBytes(invalid);
        }
        return at;
    }

    /** The unit of the one expire option among {@code options} (they exclude each other). */
    private static byte[] unitOf(int options) {
        if ((options & OPT_EX) != 0) {
            return EX;
        } else if ((options & OPT_PX) != 0) {
            return PX;
        }
        return (options & OPT_EXAT) != 0 ? EXAT : PXAT;
    }

    private static byte[] expireUnit(Request c, int i) {
        if (c.equalsIgnoreCase(i, EX)) {
            return EX;
        } else if (c.equalsIgnoreCase(i, PX)) {
            return PX;
        } else if (c.equalsIgnoreCase(i, EXAT)) {
            return EXAT;
        } else if (c.equalsIgnoreCase(i, PXAT)) {
            return PXAT;
        }
        return null;
    }

    /**
     * Redis's rule for SET's expiry: the number must be positive, seconds must not overflow when
     * scaled, and a relative time must not overflow when added to now. Returns the absolute expiry
     * in milliseconds, or {@link Long#MIN_VALUE} for "invalid expire time".
     */
    static long absoluteExpiry(byte[] unit, long value, long now) {
        boolean seconds = unit == EX || unit == EXAT;
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000)) {
            return Long.MIN_VALUE;
        }
        long millis = seconds ? value * 1000 : value;
        if (unit == EX || unit == PX) {
            if (millis > Long.MAX_VALUE - now) {
                return Long.MIN_VALUE;
            }
            millis += now;
        }
        return millis;
    }

    /** SETNX key value: 1 if it was set, 0 if the key existed. */
    void setnx(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        MemorySegment s = c.buffer();
        int existed = keyspace.set(s, c.offset(1), (int) c.length(1), s, c.offset(2), (int) c.length(2), 0,
                Keyspace.IF_ABSENT, now);
        if (existed == Keyspace.TOO_LARGE) {
            out.writeBytes(Replies.TOO_LARGE);
        } else {
            if (existed == 0) {
                KeyEvents.changed(keyspace, KeyEventNames.SET, c, 1);
            }
            RespWriter.integer(out, existed == 1 ? 0 : 1);
        }
    }

    /** SETEX key seconds value and PSETEX key millis value. */
    void setex(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean millis) {
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long expireAt = absoluteExpiry(millis ? PX : EX, c.longValue(), now);
        if (expireAt == Long.MIN_VALUE) {
            out.writeBytes(millis ? INVALID_EXPIRE_PSETEX : INVALID_EXPIRE_SETEX);
            return;
        }
        MemorySegment s = c.buffer();
        if (keyspace.set(s, c.offset(1), (int) c.length(1), s, c.offset(3), (int) c.length(3), expireAt, 0, now)
                == Keyspace.TOO_LARGE) {
            out.writeBytes(Replies.TOO_LARGE);
        } else {
            KeyEvents.changed(keyspace, KeyEventNames.SET, c, 1);
            KeyEvents.changed(keyspace, KeyEventNames.EXPIRE, c, 1);
            RespWriter.ok(out);
        }
    }

    /** GETSET key value: the old value (or nil), and the key now holds the new one without a TTL. */
    void getset(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        MemorySegment s = c.buffer();
        long old = keyspace.lookup(s, c.offset(1), (int) c.length(1), now);
        if (old != Keyspace.ABSENT && keyspace.type(old) != Keyspace.TYPE_STRING) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        writeValue(keyspace, old, out);
        if (keyspace.set(s, c.offset(1), (int) c.length(1), s, c.offset(2), (int) c.length(2), 0, 0, now) >= 0) {
            KeyEvents.changed(keyspace, KeyEventNames.SET, c, 1);
        }
    }

    /** GETDEL key: the value, and the key is gone. */
    void getdel(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
        writeValue(keyspace, e, out);
        if (e == Keyspace.ABSENT) {
            KeyEvents.missed(keyspace, c, 1);
        } else if (keyspace.type(e) == Keyspace.TYPE_STRING) {
            keyspace.delete(c.buffer(), c.offset(1), (int) c.length(1), now);
            KeyEvents.changed(keyspace, KeyEventNames.DEL, c, 1);
        }
    }

    /**
     * GETEX key [EX s | PX ms | EXAT ts | PXAT ms-ts | PERSIST]: the value, with its TTL changed.
     * As in Redis, a syntax error is found first, but the expire value is checked only once the
     * key turned out to exist as a string.
     */
    void getex(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long parsed = parseOptions(c, 2, false);
        if (parsed == SYNTAX_ERROR) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        int options = options(parsed);
        long e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (e == Keyspace.ABSENT || keyspace.type(e) != Keyspace.TYPE_STRING) {
            if (e == Keyspace.ABSENT) {
                KeyEvents.missed(keyspace, c, 1);
            }
            writeValue(keyspace, e, out);
            return;
        }
        long expireAt = 0;
        if ((options & EXPIRE_OPTIONS) != 0) {
            expireAt = expiry(c, options, expireArg(parsed), now, out, INVALID_EXPIRE_GETEX);
            if (expireAt == Long.MIN_VALUE) {
                return;
            }
        }
        writeValue(keyspace, e, out);
        if ((options & EXPIRE_OPTIONS) != 0) {
            if (expireAt <= now) {
                keyspace.delete(c.buffer(), c.offset(1), (int) c.length(1), now);
                KeyEvents.changed(keyspace, KeyEventNames.DEL, c, 1);
            } else {
                keyspace.setExpireAt(e, expireAt);
                KeyEvents.changed(keyspace, KeyEventNames.EXPIRE, c, 1);
            }
        } else if ((options & OPT_PERSIST) != 0 && keyspace.expireAt(e) != 0) {
            keyspace.setExpireAt(e, 0);
            KeyEvents.changed(keyspace, KeyEventNames.PERSIST, c, 1);
        }
    }

    /** MSETNX on keys that all live here (or with every shard frozen): 1 if all were set, 0 if none. */
    void msetnx(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        MemorySegment s = c.buffer();
        for (int i = 1; i + 1 < c.argc(); i += 2) {
            if (keyspace.exists(s, c.offset(i), (int) c.length(i), now)) {
                RespWriter.integer(out, 0);
                return;
            }
        }
        for (int i = 1; i + 1 < c.argc(); i += 2) {
            keyspace.set(s, c.offset(i), (int) c.length(i), s, c.offset(i + 1), (int) c.length(i + 1), 0, 0, now);
            KeyEvents.changed(keyspace, KeyEventNames.SET, c, i);
        }
        RespWriter.integer(out, 1);
    }

    /** MGET on keys that all live here: one array, nil for absent or non-string keys. */
    void mget(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        RespWriter.arrayHeader(out, c.argc() - 1);
        for (int i = 1; i < c.argc(); i++) {
            long e = keyspace.lookup(c.buffer(), c.offset(i), (int) c.length(i), now);
            if (e == Keyspace.ABSENT || keyspace.type(e) != Keyspace.TYPE_STRING) {
                if (e == Keyspace.ABSENT) {
                    KeyEvents.missed(keyspace, c, i);
                }
                RespWriter.nullBulk(out);
            } else {
                RespWriter.bulk(out, keyspace.segment(e), keyspace.valueOffset(e), keyspace.valueLength(e));
            }
        }
    }

    /** MSET on pairs that all live here. */
    void mset(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        MemorySegment s = c.buffer();
        for (int i = 1; i + 1 < c.argc(); i += 2) {
            if (keyspace.set(s, c.offset(i), (int) c.length(i), s, c.offset(i + 1), (int) c.length(i + 1), 0, 0, now)
                    == Keyspace.TOO_LARGE) {
                out.writeBytes(Replies.TOO_LARGE);
                return;
            }
            KeyEvents.changed(keyspace, KeyEventNames.SET, c, i);
        }
        RespWriter.ok(out);
    }
}
