package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications compared with Redis 7.0 message by message: a subscriber on both servers
 * listens with {@code PSUBSCRIBE __key*@*__:*} while the same writes run on both, and the
 * {@code pmessage} frames each server sent must be the same bytes in the same order (channel with
 * its database number, then the event or the key). Every key of a script carries the hash tag
 * {@code {t}}, so one kevy shard owns them all and its notifications leave in the order of the
 * writes (across shards only each key's own order is kept: {@code KeyEventsShardsTest}). A
 * script ends with {@code SET {t}end} under {@code KEA}: its {@code __keyevent@0__:set} message
 * is the last frame, which tells how many frames to compare without waiting for silence.
 */
class KeyspaceNotificationsCompatTest extends DifferentialBase {

    private static final String PATTERN = "__key*@*__:*";

    /** Runs {@code commands} under {@code classes} and compares every notification the subscriber got. */
    private void compare(String classes, String[]... commands) {
        try (Differ d = differ(); Differ sub = new Differ(redis.port(), kevy.port())) {
            sub.same("PSUBSCRIBE", PATTERN);
            d.same("CONFIG", "SET", "notify-keyspace-events", classes);
            for (String[] command : commands) {
                if (command[0].equals("SPOP")) {
                    d.sameKind(command); // which members go is random; which events follow is not
                } else {
                    d.same(command);
                }
            }
            d.same("SELECT", "0");
            d.same("CONFIG", "SET", "notify-keyspace-events", "KEA");
            d.same("SET", "{t}end", "x");
            d.same("CONFIG", "SET", "notify-keyspace-events", "");
            List<String> fromRedis = untilEnd(sub.redis());
            List<String> fromKevy = untilEnd(sub.kevy());
            assertEquals(readable(fromRedis), readable(fromKevy), "notifications under '" + classes + "'");
            assertEquals(fromRedis, fromKevy, "the same frames, byte for byte");
            d.assertSame();
            sub.assertSame();
        }
    }

    /** One line per frame: channel and message, for a readable difference. */
    private static String readable(List<String> frames) {
        StringBuilder b = new StringBuilder();
        for (String frame : frames) {
            String[] lines = frame.split("\r\n");
            b.append(lines[lines.length - 3]).append(' ').append(lines[lines.length - 1]).append('\n');
        }
        return b.toString();
    }

    /** The frames up to the end marker's keyevent message. */
    private static List<String> untilEnd(Wire w) {
        List<String> frames = new ArrayList<>();
        String end = "$18\r\n__keyevent@0__:set\r\n$6\r\n{t}end\r\n";
        while (true) {
            String frame = Wire.text(w.reply());
            frames.add(frame);
            if (frame.endsWith(end)) {
                return frames;
            }
            assertTrue(frames.size() < 10_000, "no end marker");
        }
    }

    private static final String[][] STRINGS = {
        c("SET", "{t}s", "v"), c("SET", "{t}s", "w", "EX", "100"), c("SET", "{t}s", "x", "NX"), c("SET", "{t}s", "y", "XX", "KEEPTTL"),
        c("SET", "{t}s", "z", "GET"), c("SET", "{t}none", "z", "XX"), c("SETNX", "{t}s", "a"), c("SETNX", "{t}n", "a"),
        c("SETEX", "{t}x", "100", "v"), c("PSETEX", "{t}x", "100000", "v"), c("GETSET", "{t}s", "g"), c("APPEND", "{t}a", "xy"),
        c("APPEND", "{t}a", "z"), c("SETRANGE", "{t}r", "3", "abc"), c("SETRANGE", "{t}r", "0", ""), c("INCR", "{t}i"),
        c("INCRBY", "{t}i", "5"), c("DECR", "{t}i"), c("DECRBY", "{t}i", "2"), c("INCRBYFLOAT", "{t}f", "1.5"),
        c("INCR", "{t}s"), c("MSET", "{t}m1", "1", "{t}m2", "2"), c("MSETNX", "{t}m3", "3", "{t}m4", "4"),
        c("MSETNX", "{t}m3", "3", "{t}m5", "5"), c("GETDEL", "{t}m1"), c("GETDEL", "{t}m1"), c("GETEX", "{t}m2", "EX", "100"),
        c("GETEX", "{t}m2", "PERSIST"), c("GETEX", "{t}m2", "PERSIST"), c("GETEX", "{t}m2", "PXAT", "1"),
        c("GET", "{t}nothing"), c("MGET", "{t}s", "{t}nothing", "{t}nothing2"), c("SETBIT", "{t}b", "7", "1"),
        c("SETBIT", "{t}b", "7", "1"), c("SETBIT", "{t}b", "7", "0"), c("SETBIT", "{t}b", "100", "0"),
        c("BITFIELD", "{t}bf", "SET", "u8", "0", "200", "GET", "u8", "0"), c("BITFIELD", "{t}bf", "GET", "u8", "0"),
        c("BITFIELD", "{t}bf", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "100"),
        c("BITOP", "OR", "{t}bo", "{t}b", "{t}a"), c("BITOP", "AND", "{t}bo", "{t}nothing"), c("BITOP", "AND", "{t}bo", "{t}nothing"),
    };

    private static final String[][] KEYS = {
        c("SET", "{t}k1", "v"), c("SET", "{t}k2", "v"), c("DEL", "{t}k1", "{t}k2", "{t}k3"), c("UNLINK", "{t}k1"),
        c("SET", "{t}k1", "v"), c("RENAME", "{t}k1", "{t}k2"), c("SET", "{t}k3", "v"), c("RENAME", "{t}k3", "{t}k2"),
        c("RENAMENX", "{t}k2", "{t}k4"), c("RENAME", "{t}k4", "{t}k4"), c("EXPIRE", "{t}k4", "100"), c("PEXPIRE", "{t}k4", "100000"),
        c("EXPIREAT", "{t}k4", "4102444800"), c("PEXPIREAT", "{t}k4", "4102444800123"), c("EXPIRE", "{t}k4", "100", "NX"),
        c("PERSIST", "{t}k4"), c("PERSIST", "{t}k4"), c("EXPIRE", "{t}nothing", "100"), c("COPY", "{t}k4", "{t}k5"),
        c("COPY", "{t}k4", "{t}k5"), c("COPY", "{t}k4", "{t}k5", "REPLACE"), c("COPY", "{t}k4", "{t}k5", "DB", "2"),
        c("MOVE", "{t}k5", "1"), c("MOVE", "{t}k4", "1"), c("EXISTS", "{t}k4", "{t}k5", "{t}k6"), c("TYPE", "{t}k6"),
        c("TTL", "{t}k6"), c("PTTL", "{t}k5"), c("TOUCH", "{t}k5", "{t}k6"), c("SET", "{t}k6", "v"), c("EXPIRE", "{t}k6", "-1"),
        c("SELECT", "1"), c("SET", "{t}d1", "v"), c("RENAME", "{t}d1", "{t}d2"), c("DEL", "{t}d2", "{t}k4"), c("GET", "{t}d2"),
        c("SELECT", "0"), c("SET", "{t}k7", "v"), c("FLUSHDB"), c("SWAPDB", "0", "1"), c("FLUSHALL"),
    };

    private static final String[][] COLLECTIONS = {
        c("HSET", "{t}h", "a", "1", "b", "2"), c("HSET", "{t}h", "a", "1"), c("HMSET", "{t}h", "c", "3"), c("HSETNX", "{t}h", "a", "9"),
        c("HSETNX", "{t}h", "d", "4"), c("HINCRBY", "{t}h", "n", "3"), c("HINCRBYFLOAT", "{t}h", "f", "0.5"),
        c("HDEL", "{t}h", "zz"), c("HDEL", "{t}h", "a", "b"), c("HDEL", "{t}h", "c", "d", "n", "f"), c("HMGET", "{t}h", "a"),
        c("SADD", "{t}s1", "a", "b", "c"), c("SADD", "{t}s1", "a"), c("SREM", "{t}s1", "zz"), c("SREM", "{t}s1", "a"),
        c("SADD", "{t}s2", "b", "x"), c("SMOVE", "{t}s1", "{t}s3", "b"), c("SMOVE", "{t}s1", "{t}s3", "c"),
        c("SMOVE", "{t}s1", "{t}s3", "c"), c("SADD", "{t}s1", "1", "2", "3", "4"), c("SPOP", "{t}s1"), c("SPOP", "{t}s1", "0"),
        c("SPOP", "{t}s1", "1"), c("SPOP", "{t}s1", "10"), c("SPOP", "{t}s1"), c("SINTERSTORE", "{t}d", "{t}s2", "{t}s3"),
        c("SUNIONSTORE", "{t}d", "{t}s2", "{t}s3"), c("SINTERSTORE", "{t}d", "{t}s2", "{t}nothing"),
        c("SINTERSTORE", "{t}d", "{t}s2", "{t}nothing"), c("SDIFFSTORE", "{t}d", "{t}s2", "{t}s3"), c("SINTER", "{t}s2", "{t}none"),
        c("LPUSH", "{t}l", "a", "b"), c("RPUSH", "{t}l", "c"), c("LPUSHX", "{t}nol", "a"), c("RPUSHX", "{t}l", "d"),
        c("LINSERT", "{t}l", "BEFORE", "a", "x"), c("LINSERT", "{t}l", "BEFORE", "zz", "x"), c("LSET", "{t}l", "0", "y"),
        c("LREM", "{t}l", "0", "zz"), c("LREM", "{t}l", "0", "y"), c("LTRIM", "{t}l", "0", "-1"), c("LTRIM", "{t}nol", "0", "1"),
        c("LPOP", "{t}l"), c("RPOP", "{t}l", "0"), c("RPOP", "{t}l", "1"), c("LMOVE", "{t}l", "{t}l2", "LEFT", "RIGHT"),
        c("RPOPLPUSH", "{t}l", "{t}l2"), c("LMOVE", "{t}l2", "{t}l2", "LEFT", "RIGHT"), c("LMPOP", "2", "{t}nol", "{t}l2", "LEFT", "COUNT", "1"),
        c("LTRIM", "{t}l2", "5", "6"), c("RPUSH", "{t}l3", "a"), c("LMOVE", "{t}l3", "{t}l3", "LEFT", "LEFT"),
        c("ZADD", "{t}z", "1", "a", "2", "b"), c("ZADD", "{t}z", "1", "a"), c("ZADD", "{t}z", "XX", "5", "nobody"),
        c("ZADD", "{t}z", "CH", "3", "a"), c("ZINCRBY", "{t}z", "1", "a"), c("ZADD", "{t}z", "INCR", "0", "a"),
        c("ZREM", "{t}z", "zz"), c("ZREM", "{t}z", "a"), c("ZADD", "{t}z", "1", "c", "2", "d", "3", "e", "4", "f", "5", "g"),
        c("ZPOPMIN", "{t}z"), c("ZPOPMAX", "{t}z", "2"), c("ZREMRANGEBYSCORE", "{t}z", "100", "200"),
        c("ZREMRANGEBYSCORE", "{t}z", "0", "2"), c("ZREMRANGEBYRANK", "{t}z", "0", "0"), c("ZADD", "{t}z", "0", "p", "0", "q"),
        c("ZREMRANGEBYLEX", "{t}z", "[p", "[q"), c("ZADD", "{t}z2", "1", "a", "2", "b"), c("ZADD", "{t}z3", "1", "b"),
        c("ZUNIONSTORE", "{t}zd", "2", "{t}z2", "{t}z3"), c("ZINTERSTORE", "{t}zd", "2", "{t}z2", "{t}z3"),
        c("ZDIFFSTORE", "{t}zd", "2", "{t}z2", "{t}z2"), c("ZDIFFSTORE", "{t}zd", "2", "{t}z2", "{t}z2"),
        c("ZUNIONSTORE", "{t}zd", "2", "{t}z2", "{t}nothing"), c("ZRANGESTORE", "{t}zr", "{t}z2", "0", "-1"),
        c("ZRANGESTORE", "{t}zr", "{t}z2", "0", "-1"), c("ZRANGESTORE", "{t}zr", "{t}nothing", "0", "-1"),
        c("ZRANGESTORE", "{t}zr", "{t}nothing", "0", "-1"), c("ZPOPMIN", "{t}z3", "5"), c("ZMPOP", "2", "{t}none", "{t}z2", "MIN"),
        c("ZMPOP", "1", "{t}z2", "MAX", "COUNT", "5"), c("ZRANGE", "{t}none", "0", "-1"), c("ZUNION", "2", "{t}none", "{t}zd"),
    };

    private static final String[][] READS = {
        c("SET", "{t}s", "abc"), c("HSET", "{t}h", "f", "v"), c("SADD", "{t}set", "m"), c("RPUSH", "{t}l", "e"),
        c("ZADD", "{t}z", "1", "m"), c("STRLEN", "{t}no"), c("STRLEN", "{t}s"), c("GETRANGE", "{t}no", "0", "1"),
        c("GETBIT", "{t}no", "1"), c("BITCOUNT", "{t}no"), c("BITPOS", "{t}no", "1"), c("LCS", "{t}no", "{t}s"),
        c("HGET", "{t}no", "f"), c("HGET", "{t}h", "nofield"), c("HLEN", "{t}no"), c("HEXISTS", "{t}no", "f"),
        c("HEXISTS", "{t}h", "nofield"), c("HSTRLEN", "{t}no", "f"), c("HGETALL", "{t}no"), c("HKEYS", "{t}no"),
        c("HVALS", "{t}no"), c("HRANDFIELD", "{t}no"), c("HSCAN", "{t}no", "0"), c("SMEMBERS", "{t}no"),
        c("SISMEMBER", "{t}no", "m"), c("SMISMEMBER", "{t}no", "m"), c("SCARD", "{t}no"), c("SRANDMEMBER", "{t}no"),
        c("SSCAN", "{t}no", "0"), c("SINTERCARD", "2", "{t}no", "{t}set"), c("LLEN", "{t}no"), c("LRANGE", "{t}no", "0", "-1"),
        c("LINDEX", "{t}no", "0"), c("LPOS", "{t}no", "e"), c("ZSCORE", "{t}no", "m"), c("ZMSCORE", "{t}no", "m"),
        c("ZCARD", "{t}no"), c("ZRANK", "{t}no", "m"), c("ZREVRANK", "{t}no", "m"), c("ZCOUNT", "{t}no", "0", "1"),
        c("ZLEXCOUNT", "{t}no", "-", "+"), c("ZRANGEBYSCORE", "{t}no", "0", "1"), c("ZINTERCARD", "2", "{t}no", "{t}z"),
        c("DUMP", "{t}no"), c("ZSCAN", "{t}no", "0"), c("ZRANDMEMBER", "{t}no"), c("ZSCAN", "{t}z", "0"), c("LPOP", "{t}no"), c("SPOP", "{t}no"), c("ZPOPMIN", "{t}no"), c("HINCRBY", "{t}no", "f", "1"),
        c("EXPIRE", "{t}no", "10"), c("PERSIST", "{t}no"), c("RENAMENX", "{t}s", "{t}s2"), c("TTL", "{t}s2"),
    };

    @Test
    void restoreAddsTheKeyOnlyWhenThePayloadIsWholeAndLive() {
        String payload;
        try (Differ d = differ()) {
            d.same("RPUSH", "{t}src", "a", "b");
            payload = Differ.bulkText(d.redis().call("DUMP", "{t}src"));
        }
        for (String classes : new String[] {"KEA", "KEn", "KEAn"}) {
            compare(classes, c("RESTORE", "{t}r", "0", payload), c("RESTORE", "{t}r", "0", payload),
                    c("RESTORE", "{t}r", "0", payload, "REPLACE"), c("RESTORE", "{t}r", "1", payload, "REPLACE", "ABSTTL"),
                    c("RESTORE", "{t}x", "1", payload, "ABSTTL"), c("RESTORE", "{t}y", "100000", payload),
                    c("RESTORE", "{t}z", "0", payload.substring(0, payload.length() - 1) + "x"), c("EXISTS", "{t}z"));
        }
    }

    @Test
    void keyMissesOfEveryRead() {
        compare("KEm", READS);
        compare("KEA", READS);
    }

    @Test
    void everyClassWithBothChannels() {
        compare("KEA", STRINGS);
        compare("KEA", KEYS);
        compare("KEA", COLLECTIONS);
    }

    @Test
    void keyspaceOnlyAndKeyeventOnly() {
        compare("K$g", STRINGS);
        compare("Elshz", COLLECTIONS);
        compare("Eg", KEYS);
    }

    @Test
    void singleClassesSendOnlyTheirEvents() {
        compare("Kl", COLLECTIONS);
        compare("Es", COLLECTIONS);
        compare("Kh", COLLECTIONS);
        compare("Ez", COLLECTIONS);
        compare("Kg", COLLECTIONS);
        compare("KE$", STRINGS);
    }

    @Test
    void newKeysAndKeyMissesAreOutsideA() {
        compare("KEn", STRINGS);
        compare("KEm", STRINGS);
        compare("KEmn", KEYS);
        compare("KEAmn", COLLECTIONS);
        compare("gK", STRINGS); // no class without K or E, no class with only K: nothing but the marker
        compare("K", STRINGS);
    }

    @Test
    void expiryIsNotifiedWhenTheKeyGoes() {
        try (Differ d = differ(); Differ sub = new Differ(redis.port(), kevy.port())) {
            sub.same("PSUBSCRIBE", PATTERN);
            d.same("CONFIG", "SET", "notify-keyspace-events", "KEA");
            d.same("SELECT", "5");
            d.same("SET", "{t}gone", "v");
            d.same("PEXPIRE", "{t}gone", "1");
            String expired = "$22\r\n__keyevent@5__:expired\r\n$7\r\n{t}gone\r\n";
            assertEquals(untilEvent(sub.redis(), expired), untilEvent(sub.kevy(), expired));
            d.same("SELECT", "0");
            d.same("CONFIG", "SET", "notify-keyspace-events", "");
            d.assertSame();
        }
    }

    private static String untilEvent(Wire w, String last) {
        StringBuilder frames = new StringBuilder();
        while (true) {
            String frame = Wire.text(w.reply());
            frames.append(frame).append('\n');
            if (frame.endsWith(last)) {
                return frames.toString();
            }
        }
    }

    @Test
    void configSetAndGetAsRedisNormalisesThem() {
        try (Differ d = differ()) {
            for (String classes : new String[] {"KEA", "AKE", "Ag$lshzxeKEtmdn", "g$lshzxetd", "KEmn", "m", "", "xE", "EK",
                                                "n", "gggK", "AAm"}) {
                d.same("CONFIG", "SET", "notify-keyspace-events", classes);
                d.same("CONFIG", "GET", "notify-keyspace-events");
            }
            d.same("CONFIG", "SET", "notify-keyspace-events", "KEQ");
            d.same("CONFIG", "SET", "notify-keyspace-events", "K E");
            d.same("CONFIG", "GET", "notify-keyspace-events");
            d.same("CONFIG", "SET", "notify-keyspace-events", "");
            d.same("CONFIG", "GET", "notify-keyspace-events");
            d.assertSame();
        }
    }
}
