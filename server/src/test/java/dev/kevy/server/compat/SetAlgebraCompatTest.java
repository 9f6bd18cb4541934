package dev.kevy.server.compat;

import org.junit.jupiter.api.Test;

/**
 * SMOVE, SINTER, SINTERCARD, SUNION, SDIFF and their STORE forms against Redis 7, once with all
 * keys on one of kevy's shards and once spread over all three (the destination on yet another
 * shard than the first source). The members of a computed set come in an order Redis does not
 * promise, so those replies are compared sorted; counts, errors and the destination left behind
 * are byte for byte, and a stored set of at most 512 integers, an intset in Redis, exactly.
 */
class SetAlgebraCompatTest extends DifferentialBase {

    @Test
    void setAlgebraWithEveryKeyOnOneShard() {
        algebra(onShard(1, "x"), onShard(1, "y"), onShard(1, "z"), onShard(1, "dst"), onShard(1, "w"),
                onShard(1, "none"), onShard(1, "none2-"));
    }

    @Test
    void setAlgebraWithKeysOnEveryShard() {
        algebra(onShard(0, "x"), onShard(1, "y"), onShard(2, "z"), onShard(1, "dst"), onShard(2, "w"),
                onShard(0, "none"), onShard(2, "none2-"));
    }

    @Test
    void setAlgebraWithHashTaggedKeys() {
        algebra("{t}x", "{t}y", "{t}z", "{t}dst", "{t}w", "{t}none", "{t}none2");
    }

    @Test
    void smoveWithinOneShard() {
        smove(onShard(2, "src"), onShard(2, "dst"), onShard(2, "new"), onShard(2, "str"));
    }

    @Test
    void smoveAcrossShards() {
        smove(onShard(0, "src"), onShard(1, "dst"), onShard(2, "new"), onShard(2, "str"));
    }

    /**
     * The algebra on sets {@code x}, {@code y}, {@code z}, storing to {@code dst}; {@code w} holds
     * other types in turn; {@code none} and {@code none2} never exist.
     */
    private void algebra(String x, String y, String z, String dst, String w, String none, String none2) {
        try (Differ d = differ()) {
            d.same("SADD", x, "1", "2", "3", "4", "a", "b", "");
            d.same("SADD", y, "3", "4", "5", "b", "c", "");
            d.same("SADD", z, "4", "b", "d", "100");
            d.sorted("SINTER", x, y, z);
            d.sorted("SINTER", x, y);
            d.sorted("SINTER", y, x);
            d.sorted("SINTER", x);
            d.sorted("SINTER", x, x);
            d.same("SINTER", x, none);
            d.same("SINTER", none, x);
            d.same("SINTER", none);
            d.sorted("SUNION", x, y, z, none);
            d.sorted("SUNION", x);
            d.sorted("SUNION", x, x);
            d.same("SUNION", none, none2);
            d.sorted("SDIFF", x, y);
            d.sorted("SDIFF", x, y, z);
            d.sorted("SDIFF", y, x);
            d.sorted("SDIFF", z, x, y);
            d.sorted("SDIFF", x, none);
            d.same("SDIFF", x, x);
            d.same("SDIFF", x, y, x);
            d.same("SDIFF", none, x);
            d.same("SINTERCARD", "3", x, y, z);
            d.same("SINTERCARD", "2", x, y);
            d.same("SINTERCARD", "2", x, y, "LIMIT", "1");
            d.same("SINTERCARD", "2", x, y, "limit", "0");
            d.same("SINTERCARD", "2", x, y, "LIMIT", "100");
            d.same("SINTERCARD", "1", x);
            d.same("SINTERCARD", "2", x, none);
            d.same("SINTERCARD", "1", none);
            d.same("SINTERCARD", "1", x, "LIMIT", "3", "LIMIT", "2");
            d.same("SINTERCARD", "0", x);
            d.same("SINTERCARD", "-1", x);
            d.same("SINTERCARD", "abc", x);
            d.same("SINTERCARD", "3", x, y);
            d.same("SINTERCARD", "2", x, y, "LIMIT", "-1");
            d.same("SINTERCARD", "2", x, y, "LIMIT", "abc");
            d.same("SINTERCARD", "2", x, y, "LIMIT");
            d.same("SINTERCARD", "2", x, y, "FOO");
            d.same("SINTERCARD", "1", x, y);

            d.same("SINTERSTORE", dst, x, y);
            d.same("TYPE", dst);
            d.sorted("SMEMBERS", dst);
            d.same("SUNIONSTORE", dst, x, y, z);
            d.same("SCARD", dst);
            d.sorted("SMEMBERS", dst);
            d.same("SDIFFSTORE", dst, x, y);
            d.sorted("SMEMBERS", dst);
            d.same("SDIFFSTORE", dst, x, none);
            d.same("SCARD", dst);

            // The destination is replaced whatever it held, and loses its time to live.
            d.same("SET", dst, "a string", "EX", "1000");
            d.same("SUNIONSTORE", dst, x, y);
            d.same("TYPE", dst);
            d.same("TTL", dst);
            d.same("HSET", w, "f", "v");
            d.same("SINTERSTORE", w, x, z);
            d.same("TYPE", w);
            d.sorted("SMEMBERS", w);
            d.same("DEL", w);
            d.same("HSET", w, "f", "v");
            d.same("SDIFFSTORE", w, z, x);
            d.sorted("SMEMBERS", w);
            // An empty result deletes the destination, whatever it held.
            d.same("SINTERSTORE", dst, x, none);
            d.same("EXISTS", dst);
            d.same("SET", dst, "v");
            d.same("SDIFFSTORE", dst, x, x);
            d.same("EXISTS", dst);
            d.same("HSET", dst, "f", "v");
            d.same("SUNIONSTORE", dst, none, none2);
            d.same("EXISTS", dst);
            d.same("SINTERSTORE", dst, none);
            d.same("EXISTS", dst);
            // A wrong-typed source fails the command and leaves the destination alone.
            d.same("SET", w, "v");
            d.same("SADD", dst, "keep");
            d.same("SUNIONSTORE", dst, x, w);
            d.same("SINTERSTORE", dst, none, w);
            d.same("SDIFFSTORE", dst, x, w);
            d.same("SMEMBERS", dst);
            // Integer results are intsets: their members come sorted.
            d.same("DEL", w);
            d.same("SADD", w, "7", "50", "8", "-3", "x");
            d.same("SINTERSTORE", dst, w, x, y, z, none);
            d.same("SADD", x, "7", "50", "-3");
            d.same("SINTERSTORE", dst, x, w);
            d.same("SMEMBERS", dst);
            d.same("OBJECT", "ENCODING", dst);
            d.same("SUNIONSTORE", dst, dst, z);
            d.sorted("SMEMBERS", dst);
            d.same("SDIFFSTORE", dst, w, x, y);
            d.sorted("SMEMBERS", dst);
            // The destination may be one of the sources: it is read before it is replaced.
            d.same("SUNIONSTORE", x, x, y);
            d.sorted("SMEMBERS", x);
            d.same("SINTERSTORE", y, y, z);
            d.sorted("SMEMBERS", y);
            d.same("SDIFFSTORE", z, z, y);
            d.sorted("SMEMBERS", z);
            d.same("SDIFFSTORE", z, z, z);
            d.same("EXISTS", z);
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    /** SMOVE between {@code src} and {@code dst}, into a new key {@code fresh}, and onto a string {@code str}. */
    private void smove(String src, String dst, String fresh, String str) {
        try (Differ d = differ()) {
            d.same("SADD", src, "a", "b", "1", "2");
            d.same("SADD", dst, "c", "b");
            d.same("SMOVE", src, dst, "a");
            d.sorted("SMEMBERS", src);
            d.sorted("SMEMBERS", dst);
            d.same("SMOVE", src, dst, "a");
            d.same("SMOVE", src, dst, "c");
            d.same("SMOVE", src, dst, "b");
            d.sorted("SMEMBERS", src);
            d.sorted("SMEMBERS", dst);
            d.same("SMOVE", src, src, "1");
            d.same("SMOVE", src, src, "zz");
            d.same("SMOVE", "missing", dst, "c");
            d.same("SMOVE", "missing", "missing", "c");
            d.same("SMOVE", src, fresh, "1");
            d.same("SMEMBERS", fresh);
            d.same("OBJECT", "ENCODING", fresh);
            d.same("SMOVE", src, fresh, "2");
            d.same("EXISTS", src);
            d.same("SMEMBERS", fresh);
            d.same("SET", str, "v");
            d.same("SMOVE", fresh, str, "1");
            d.same("SMOVE", fresh, str, "absent");
            d.same("SMOVE", "missing", str, "1");
            d.same("SMOVE", str, fresh, "1");
            d.same("SMEMBERS", fresh);
            d.same("GET", str);
            // Moving into a set keeps the destination's time to live; moving out empties and deletes the source.
            d.same("EXPIRE", dst, "1000");
            d.same("SADD", src, "9", "x");
            d.same("EXPIRE", src, "2000");
            d.same("SMOVE", src, dst, "9");
            d.near(1, "TTL", dst);
            d.near(1, "TTL", src);
            d.same("SMOVE", src, dst, "x");
            d.same("EXISTS", src);
            d.same("TTL", src);
            d.sorted("SMEMBERS", dst);
            // An integer moved into an intset keeps it sorted.
            d.same("SADD", src, "20", "5");
            d.same("SMOVE", src, fresh, "5");
            d.same("SMEMBERS", fresh);
            d.same("SMOVE", fresh, src, "1");
            d.same("SMEMBERS", src);
            d.same("SMEMBERS", fresh);
            d.same("EXISTS", fresh);
            d.same("PEXPIREAT", dst, "1");
            d.same("SMOVE", src, dst, "20");
            d.same("SMEMBERS", dst);
            d.same("TTL", dst);
            d.same("DBSIZE");
            d.assertSame();
        }
    }
}
