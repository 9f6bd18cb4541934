package dev.kevy.server;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The events of keyspace notifications: each a small number (it travels between shards in one
 * byte), its name as Redis 7.0 spells it, and its class (one of {@link KeyEvents}'s bits, which
 * are Redis's {@code NOTIFY_*}).
 */
final class KeyEventNames {

    static final int SET = 0;
    static final int EXPIRE = 1;
    static final int DEL = 2;
    static final int PERSIST = 3;
    static final int SETRANGE = 4;
    static final int APPEND = 5;
    static final int INCRBY = 6;
    static final int INCRBYFLOAT = 7;
    static final int SETBIT = 8;
    static final int RENAME_FROM = 9;
    static final int RENAME_TO = 10;
    static final int MOVE_FROM = 11;
    static final int MOVE_TO = 12;
    static final int COPY_TO = 13;
    static final int RESTORE = 14;
    static final int HSET = 15;
    static final int HDEL = 16;
    static final int HINCRBY = 17;
    static final int HINCRBYFLOAT = 18;
    static final int SADD = 19;
    static final int SREM = 20;
    static final int SPOP = 21;
    static final int SINTERSTORE = 22;
    static final int SUNIONSTORE = 23;
    static final int SDIFFSTORE = 24;
    static final int LPUSH = 25;
    static final int RPUSH = 26;
    static final int LPOP = 27;
    static final int RPOP = 28;
    static final int LINSERT = 29;
    static final int LSET = 30;
    static final int LREM = 31;
    static final int LTRIM = 32;
    static final int ZADD = 33;
    static final int ZINCR = 34;
    static final int ZREM = 35;
    static final int ZPOPMIN = 36;
    static final int ZPOPMAX = 37;
    static final int ZREMRANGEBYSCORE = 38;
    static final int ZREMRANGEBYRANK = 39;
    static final int ZREMRANGEBYLEX = 40;
    static final int ZUNIONSTORE = 41;
    static final int ZINTERSTORE = 42;
    static final int ZDIFFSTORE = 43;
    static final int ZRANGESTORE = 44;
    static final int EXPIRED = 45;
    static final int EVICTED = 46;
    static final int NEW = 47;
    static final int KEYMISS = 48;

    private static final String[] TEXT = {
        "set",
        "expire",
        "del",
        "persist",
        "setrange",
        "append",
        "incrby",
        "incrbyfloat",
        "setbit",
        "rename_from",
        "rename_to",
        "move_from",
        "move_to",
        "copy_to",
        "restore",
        "hset",
        "hdel",
        "hincrby",
        "hincrbyfloat",
        "sadd",
        "srem",
        "spop",
        "sinterstore",
        "sunionstore",
        "sdiffstore",
        "lpush",
        "rpush",
        "lpop",
        "rpop",
        "linsert",
        "lset",
        "lrem",
        "ltrim",
        "zadd",
        "zincr",
        "zrem",
        "zpopmin",
        "zpopmax",
        "zremrangebyscore",
        "zremrangebyrank",
        "zremrangebylex",
        "zunionstore",
        "zinterstore",
        "zdiffstore",
        "zrangestore",
        "expired",
        "evicted",
        "new",
        "keymiss"
    };
    private static final int[] TYPES = {
        KeyEvents.STRING,
        KeyEvents.GENERIC,
        KeyEvents.GENERIC,
        KeyEvents.GENERIC,
        KeyEvents.STRING,
        KeyEvents.STRING,
        KeyEvents.STRING,
        KeyEvents.STRING,
        KeyEvents.STRING,
        KeyEvents.GENERIC,
        KeyEvents.GENERIC,
        KeyEvents.GENERIC,
        KeyEvents.GENERIC,
        KeyEvents.GENERIC,
        KeyEvents.GENERIC,
        KeyEvents.HASH,
        KeyEvents.HASH,
        KeyEvents.HASH,
        KeyEvents.HASH,
        KeyEvents.SET,
        KeyEvents.SET,
        KeyEvents.SET,
        KeyEvents.SET,
        KeyEvents.SET,
        KeyEvents.SET,
        KeyEvents.LIST,
        KeyEvents.LIST,
        KeyEvents.LIST,
        KeyEvents.LIST,
        KeyEvents.LIST,
        KeyEvents.LIST,
        KeyEvents.LIST,
        KeyEvents.LIST,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.ZSET,
        KeyEvents.EXPIRED,
        KeyEvents.EVICTED,
        KeyEvents.NEW,
        KeyEvents.KEY_MISS
    };
    private static final byte[][] NAMES = new byte[TEXT.length][];
    private static final MemorySegment[] SEGMENTS = new MemorySegment[TEXT.length];

    static {
        for (int i = 0; i < TEXT.length; i++) {
            NAMES[i] = TEXT[i].getBytes(StandardCharsets.US_ASCII);
            SEGMENTS[i] = MemorySegment.ofArray(NAMES[i]);
        }
    }

    private KeyEventNames() {
    }

    /** The class bit of event {@code event}. */
    static int type(int event) {
        return TYPES[event];
    }

    /** The event's name (read-only). */
    static byte[] name(int event) {
        return NAMES[event];
    }

    /** The event's name as a segment (read-only). */
    static MemorySegment segment(int event) {
        return SEGMENTS[event];
    }
}
