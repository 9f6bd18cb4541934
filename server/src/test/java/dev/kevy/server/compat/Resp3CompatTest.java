package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * RESP3 against Redis 7.0, byte for byte: after {@code HELLO 3} both servers answer every reply
 * whose encoding RESP3 changes (nulls, maps, sets, doubles, member-score pairs, verbatim texts,
 * pushed pub/sub frames) the same way, on keys of every shard (the protocol travels with a command
 * to its key's owner, into each fan-out part and into an atomic turn), and {@code HELLO 2} and
 * RESET switch back.
 */
class Resp3CompatTest extends DifferentialBase {

    private static void hello3(Differ d) {
        d.shape("HELLO", "3"); // a map of 7 on both; id and version differ (documented)
    }

    @Test
    void nullsMapsAndSetsReplyAsRedis() {
        try (Differ d = differ()) {
            hello3(d);
            d.same("GET", "missing");
            d.same("SET", "s", "v");
            d.same("MGET", onShard(0, "m"), onShard(1, "m"), "s", onShard(2, "m")); // nulls from every shard's part
            d.same("GETEX", "missing");
            d.same("GETDEL", "missing");
            d.same("HSET", "h", "f1", "v1", "f2", "v2", "n", "1");
            d.same("HGETALL", "h");
            d.same("HGETALL", "missing");
            d.same("HKEYS", "missing");
            d.same("HMGET", "h", "f1", "nope");
            d.same("HGET", "h", "nope");
            d.same("HRANDFIELD", "missing");
            d.same("HRANDFIELD", "h", "3", "WITHVALUES");
            d.same("HRANDFIELD", "h", "10", "WITHVALUES");
            d.same("HRANDFIELD", "missing", "2", "WITHVALUES");
            d.same("HINCRBYFLOAT", "h", "n", "1.5"); // stays a bulk string in RESP3
            d.same("INCRBYFLOAT", "f", "2.5");
            d.same("SADD", "st", "a", "b", "c");
            d.same("SADD", "st2", "b", "c", "d");
            d.sorted("SMEMBERS", "st");
            d.same("SMEMBERS", "missing");
            d.sorted("SINTER", "st", "st2");
            d.sorted("SUNION", "st", "st2");
            d.sorted("SDIFF", "st", "missing");
            d.same("SINTER", "missing", "st");
            d.same("SPOP", "missing", "2");
            d.same("SPOP", "st2", "0");
            d.sorted("SPOP", "st2", "10");
            d.same("SRANDMEMBER", "missing", "2");
            d.same("SMISMEMBER", "st", "a", "z");
            d.same("RPUSH", "l", "a", "b");
            d.same("LPOP", "missing");
            d.same("LPOP", "missing", "2");
            d.same("LINDEX", "l", "9");
            d.same("LPOS", "l", "z");
            d.same("LMPOP", "1", "missing", "LEFT");
            d.same("OBJECT", "ENCODING", "missing");
            d.same("DUMP", "missing");
            d.same("CLIENT", "GETNAME");
            d.same("CONFIG", "GET", "maxmemory");
            d.sortedPairs("CONFIG", "GET", "maxmemory", "slowlog-max-len");
            d.same("CONFIG", "GET", "nonexistent");
            d.same("LCS", "s", "s", "IDX");
            d.same("LCS", "x", "y", "IDX", "WITHMATCHLEN");
            d.same("BITFIELD", "bf", "GET", "u8", "0", "OVERFLOW", "FAIL", "INCRBY", "u2", "102", "4");
            d.same("COMMAND", "DOCS", "nope");
            d.assertSame();
        }
    }

    @Test
    void scoresAreDoublesAndPairsAsRedis() {
        try (Differ d = differ()) {
            hello3(d);
            d.same("ZADD", "z", "1", "a", "2", "b", "3.5", "c", "0.1", "p", "1e300", "big", "-inf", "low");
            d.same("ZSCORE", "z", "a");
            d.same("ZSCORE", "z", "p");
            d.same("ZSCORE", "z", "big");
            d.same("ZSCORE", "z", "low");
            d.same("ZSCORE", "z", "nope");
            d.same("ZMSCORE", "z", "a", "nope", "c");
            d.same("ZINCRBY", "z", "1.5", "q");
            d.same("ZADD", "z", "INCR", "1", "a");
            d.same("ZADD", "z", "NX", "INCR", "1", "a");
            d.same("ZRANGE", "z", "0", "-1", "WITHSCORES");
            d.same("ZRANGE", "z", "0", "-1");
            d.same("ZRANGE", "z", "(1", "+inf", "BYSCORE", "WITHSCORES", "LIMIT", "1", "2");
            d.same("ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES");
            d.same("ZREVRANGE", "z", "0", "1", "WITHSCORES");
            d.same("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES");
            d.same("ZRANDMEMBER", "z", "100", "WITHSCORES");
            d.same("ZRANDMEMBER", "missing", "2", "WITHSCORES");
            d.same("ZUNION", "1", "z", "WITHSCORES");
            d.same("ZINTER", "1", "z", "WITHSCORES");
            d.same("ZDIFF", "1", "z", "WITHSCORES");
            d.same("ZUNION", "1", "missing", "WITHSCORES");
            d.same("ZSCAN", "z", "0"); // scores stay bulk strings in SCAN replies
            d.same("ZPOPMIN", "z");
            d.same("ZPOPMIN", "z", "1");
            d.same("ZPOPMAX", "z", "2");
            d.same("ZPOPMIN", "missing");
            d.same("ZMPOP", "1", "z", "MIN", "COUNT", "2");
            d.same("ZMPOP", "1", "missing", "MIN");
            String here = onShard(0, "zs");
            String there = onShard(1, "zs");
            d.same("ZADD", here, "1", "x", "2.25", "y");
            d.same("ZADD", there, "4", "x");
            d.same("ZUNION", "2", here, there, "WITHSCORES"); // an atomic turn across shards
            d.same("ZMPOP", "2", "missing", there, "MAX");
            for (int i = 0; i < 200; i++) { // the skip-list encoding
                d.same("ZADD", "zbig", Double.toString(i * 0.1), "m" + i);
            }
            d.same("ZRANGE", "zbig", "0", "9", "WITHSCORES");
            d.same("ZRANDMEMBER", "zbig", "300", "WITHSCORES");
            d.assertSame();
        }
    }

    @Test
    void textsForPeopleAreVerbatimAndHelloSwitchesBack() {
        try (Differ d = differ()) {
            hello3(d);
            d.sameKind("INFO", "keyspace");
            d.sameKind("INFO", "nosuchsection");
            d.sameKind("CLIENT", "INFO");
            d.sameKind("CLIENT", "LIST");
            d.same("CLIENT", "LIST", "ID", "999999");
            d.sameKind("MEMORY", "MALLOC-STATS");
            d.same("MEMORY", "USAGE", "missing");
            d.same("OBJECT", "IDLETIME", "missing");
            d.same("SRANDMEMBER", "missing");
            d.same("RANDOMKEY"); // an empty database: every shard's nil
            d.shape("HELLO");
            assertEquals(":3\r\n", Wire.text(Differ.elements(d.kevy().call("HELLO")).get(5)));
            d.shape("HELLO", "2");
            d.same("GET", "missing");
            d.same("HGETALL", "missing");
            hello3(d);
            d.same("GET", "missing");
            d.same("RESET");
            d.same("GET", "missing");
            d.same("SMEMBERS", "missing");
            d.assertSame();
        }
    }

    @Test
    void transactionsAnswerInResp3OnEveryPath() {
        try (Differ d = differ(); Differ other = differ()) {
            hello3(d);
            String here = onShard(0, "tx");
            String there = onShard(1, "tx");
            d.same("HSET", here, "f", "v");
            d.same("ZADD", there, "1.5", "m");
            d.same("MULTI");
            d.same("HGETALL", here);
            d.same("GET", "missing");
            d.same("EXEC"); // on one shard
            d.same("MULTI");
            d.same("HGETALL", here);
            d.same("ZSCORE", there, "m");
            d.same("ZRANGE", there, "0", "-1", "WITHSCORES");
            d.same("GET", "missing");
            d.same("EXEC"); // across shards: the atomic turn
            d.same("WATCH", there);
            other.same("ZADD", there, "2", "m");
            d.same("MULTI");
            d.same("GET", "missing");
            d.same("EXEC"); // the watch failed: a RESP3 null
            d.assertSame();
            other.assertSame();
        }
    }

    @Test
    void blockingCommandsAnswerInResp3ServedAtOnceWokenOrTimedOut() {
        try (Differ d = differ(); Differ other = differ()) {
            hello3(d);
            for (int shard = 0; shard < SHARDS; shard++) {
                String z = onShard(shard, "bz");
                String l = "{" + onShard(shard, "bl") + "}";
                d.same("ZADD", z, "2.5", "m", "1e300", "big");
                d.same("BZPOPMIN", z, "0"); // served at once: [key, member, double]
                d.same("BZMPOP", "0", "1", z, "MAX");
                d.same("BLPOP", l, "0.01"); // timed out: a RESP3 null
                d.same("BZPOPMAX", z, "0.01");
                d.same("BLMOVE", l, l + "x", "LEFT", "RIGHT", "0.01");
                d.redis().send("BZPOPMIN", z, "0"); // blocks, then woken by a push from another client
                d.kevy().send("BZPOPMIN", z, "0");
                awaitBlocked(d);
                other.same("ZADD", z, "0.1", "w");
                d.sameRaw("woken", new byte[0], 1);
            }
            d.assertSame();
            other.assertSame();
        }
    }

    /** Waits until both servers count a blocked client (INFO clients), by polling with a deadline. */
    private static void awaitBlocked(Differ d) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Wire r = new Wire(d.redis().socket().getPort()); Wire k = new Wire(d.kevy().socket().getPort())) {
            while (!(Wire.text(r.call("INFO", "clients")).contains("blocked_clients:1")
                    && Wire.text(k.call("INFO", "clients")).contains("blocked_clients:1"))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a client did not block on both servers");
                }
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void pubSubFramesArePushesAndEveryCommandIsAllowed() {
        try (Differ d = differ(); Differ publisher = differ()) {
            hello3(d);
            d.same("SUBSCRIBE", "ch"); // one channel per command: same() reads one reply
            d.same("SUBSCRIBE", "ch2");
            d.same("PSUBSCRIBE", "c*");
            d.same("PING");
            d.same("PING", "x");
            d.same("GET", "missing"); // RESP2 would refuse it in subscribed mode
            publisher.same("PUBLISH", "ch", "msg");
            d.sameRaw("message then pmessage", new byte[0], 2);
            d.same("UNSUBSCRIBE", "ch2");
            d.same("UNSUBSCRIBE", "ch");
            d.same("PUNSUBSCRIBE");
            d.same("UNSUBSCRIBE"); // none left: a null channel
            d.same("SSUBSCRIBE", "sh");
            publisher.same("SPUBLISH", "sh", "m");
            d.sameRaw("smessage", new byte[0], 1);
            d.same("SUNSUBSCRIBE");
            d.assertSame();
            publisher.assertSame();
        }
    }
}
