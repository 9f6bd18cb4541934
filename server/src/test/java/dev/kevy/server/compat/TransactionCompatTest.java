package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH against Redis 7.0, byte for byte, on a three-shard kevy:
 * queuing, the errors refused while queuing (EXECABORT) and those that stay in EXEC's array,
 * nesting, EXEC and DISCARD without MULTI, SELECT inside a transaction, transactions whose keys
 * live on one shard, on another shard than the connection's, and on several (the atomic turn),
 * fan-out and atomic commands inside EXEC, and WATCH invalidated by another connection's write on
 * the same and another shard, by expiry, FLUSHALL, SWAPDB and the client's own write. Pipelines
 * send everything in one write and must get exactly Redis's replies.
 */
class TransactionCompatTest extends DifferentialBase {

    @Test
    void queuedCommandsRunAtExecInOneArray() {
        try (Differ d = differ()) {
            d.same("MULTI");
            d.same("SET", "a", "1");
            d.same("INCR", "a");
            d.same("GET", "a");
            d.same("PING");
            d.same("ECHO", "hi");
            d.same("EXEC");
            d.same("GET", "a");
            d.same("MULTI");
            d.same("EXEC"); // an empty transaction: *0
            d.same("MULTI");
            d.same("SET", "a", "2");
            d.same("DISCARD");
            d.same("GET", "a");
            d.assertSame();
        }
    }

    @Test
    void refusalsWhileQueuingAbortExec() {
        try (Differ d = differ()) {
            d.same("MULTI");
            d.same("MULTI"); // nested: an error that does not abort
            d.same("WATCH", "x"); // inside MULTI: an error that does not abort
            d.same("SET", "a", "1");
            d.same("EXEC");
            d.same("MULTI");
            d.same("SET", "a", "2");
            d.same("NOSUCH", "x");
            d.same("GET");
            d.same("CLIENT", "NOSUCH");
            d.same("OBJECT");
            d.same("EXEC");
            d.same("GET", "a"); // nothing ran
            d.same("MULTI");
            d.same("DISCARD", "x"); // arity: aborts
            d.same("EXEC");
            d.same("MULTI");
            d.same("SET", "a", "3");
            d.same("EXEC", "x"); // EXEC refused: the transaction is discarded at once, with the reason
            d.same("EXEC");
            d.same("GET", "a");
            d.same("EXEC", "x"); // outside MULTI too
            d.same("MULTI", "x");
            d.assertSame();
        }
    }

    @Test
    void errorsWhileRunningStayInTheArray() {
        try (Differ d = differ()) {
            d.same("SET", "s", "text");
            d.same("MULTI");
            d.same("INCR", "s");
            d.same("LPUSH", "s", "x");
            d.same("SET", "n", "1");
            d.same("SCAN", "abc");
            d.same("SWAPDB", "0", "99");
            d.same("SELECT", "99");
            d.same("SELECT", "x");
            d.same("INCRBY", "n", "x");
            d.same("SET", "n", "2", "EX", "-1");
            d.same("GET", "n");
            d.same("CLIENT", "KILL", "ID", "999999");
            d.same("EXEC");
            d.assertSame();
        }
    }

    @Test
    void withoutMultiExecAndDiscardAreErrorsAndResetEndsMulti() {
        try (Differ d = differ()) {
            d.same("EXEC");
            d.same("DISCARD");
            d.same("UNWATCH");
            d.same("MULTI");
            d.same("SET", "a", "1");
            d.same("RESET");
            d.same("EXEC");
            d.same("GET", "a");
            d.same("MULTI");
            d.same("SET", "a", "1");
            d.same("DISCARD");
            d.same("DISCARD");
            d.assertSame();
        }
    }

    @Test
    void selectInsideMultiActsOnLaterCommandsAndStays() {
        String far = onShard(2, "far");
        try (Differ d = differ()) {
            for (String key : new String[] {"near", far}) {
                d.same("MULTI");
                d.same("SET", key, "db0");
                d.same("SELECT", "1");
                d.same("SET", key, "db1");
                d.same("SELECT", "99");
                d.same("GET", key);
                d.same("EXEC");
                d.same("GET", key); // still in database 1
                d.same("SELECT", "0");
                d.same("GET", key);
            }
            d.assertSame();
        }
    }

    @Test
    void transactionsOnOneOtherAndSeveralShardsReplyAsRedis() {
        String k0 = onShard(0, "k");
        String k1 = onShard(1, "k");
        String k2 = onShard(2, "k");
        try (Differ d = differ()) {
            for (String key : new String[] {k0, k1, k2}) { // one shard: the connection's or another
                d.same("MULTI");
                d.same("SET", key, "1");
                d.same("INCRBY", key, "5");
                d.same("APPEND", key, "x");
                d.same("GET", key);
                d.same("EXEC");
            }
            d.same("MULTI"); // several shards: the atomic turn, with fan-outs and atomic commands inside
            d.same("MSET", k0, "a", k1, "b", k2, "c");
            d.same("MGET", k0, k1, k2, "missing");
            d.same("RENAME", k0, k1 + "x");
            d.same("RPUSH", k2 + "l", "1", "2");
            d.same("LMOVE", k2 + "l", k0 + "l", "LEFT", "RIGHT");
            d.same("EXISTS", k0, k1, k2, k1 + "x");
            d.same("DEL", k1, k2);
            d.same("DBSIZE");
            d.same("MSETNX", k0, "n", k1, "n");
            d.same("SET", k2, "solo");
            d.same("EXEC");
            d.same("MGET", k0, k1, k2, k1 + "x");
            d.same("LRANGE", k0 + "l", "0", "-1");
            d.assertSame();
        }
    }

    @Test
    void pipelinedTransactionsAmongOtherCommandsReplyAsRedis() {
        String k0 = onShard(0, "p");
        String k1 = onShard(1, "p");
        String k2 = onShard(2, "p");
        try (Differ d = differ()) {
            d.sameRaw("one shard", pipeline(c("SET", "before", "1"), c("MULTI"), c("SET", k0, "v"), c("GET", k0),
                    c("GET", "before"), c("EXEC"), c("GET", k0), c("INCR", "before")), 8);
            d.sameRaw("several shards", pipeline(c("GET", k1), c("MULTI"), c("SET", k1, "1"), c("SET", k2, "2"),
                    c("MGET", k0, k1, k2), c("EXEC"), c("MGET", k0, k1, k2), c("RENAME", k1, k2), c("MULTI"),
                    c("GET", k2), c("EXEC"), c("GET", k1)), 12);
            d.sameRaw("errors and watch", pipeline(c("WATCH", k0, k2), c("SET", k2, "changed"), c("MULTI"),
                    c("GET", k0), c("NOSUCH"), c("EXEC"), c("MULTI"), c("SET", k0, "x"), c("EXEC"), c("WATCH", k1),
                    c("MULTI"), c("GET", k1), c("EXEC"), c("DISCARD"), c("GET", k0)), 15);
            d.assertSame();
        }
    }

    /** Queues far larger than a ring record or the kept block: across shards, on one shard, twice each. */
    @Test
    void largeTransactionsReplyAsRedis() {
        String value = "v".repeat(300);
        try (Differ d = differ()) {
            for (String prefix : new String[] {"big", "{one}", "big", "{one}"}) {
                String[][] commands = new String[2_002][];
                commands[0] = c("MULTI");
                for (int i = 1; i <= 2_000; i++) {
                    commands[i] = c("SET", prefix + i, value + prefix.length() + i);
                }
                commands[2_001] = c("EXEC");
                d.sameRaw(prefix + " set", pipeline(commands), 2_002);
                d.sameRaw(prefix + " read", pipeline(c("MULTI"), c("MGET", prefix + 1, prefix + 1_000, prefix + 2_000),
                        c("DBSIZE"), c("EXEC")), 4);
            }
            d.assertSame();
        }
    }

    @Test
    void watchedKeyWrittenByAnotherClientFailsExecOnAnyShard() {
        try (Differ d = differ(); Differ other = connection()) {
            for (int shard = 0; shard < SHARDS; shard++) {
                String key = onShard(shard, "w");
                d.same("SET", key, "1");
                d.same("WATCH", key);
                other.same("SET", key, "2");
                d.same("MULTI");
                d.same("GET", key);
                d.same("EXEC"); // *-1
                d.same("WATCH", key, onShard((shard + 1) % SHARDS, "w"));
                other.same("GET", key); // a read changes nothing
                d.same("MULTI");
                d.same("INCR", key);
                d.same("EXEC");
                d.same("WATCH", key);
                d.same("UNWATCH");
                other.same("SET", key, "3");
                d.same("MULTI");
                d.same("GET", key);
                d.same("EXEC"); // unwatched: runs
                d.same("WATCH", key);
                other.same("DEL", key);
                d.same("MULTI");
                d.same("DISCARD"); // drops the watch too
                d.same("MULTI");
                d.same("GET", key);
                d.same("EXEC");
                d.same("WATCH", "missing" + shard);
                d.same("SET", "missing" + shard, "own"); // the client's own write counts too
                d.same("MULTI");
                d.same("EXEC");
            }
            d.assertSame();
            other.assertSame();
        }
    }

    /**
     * Only a change invalidates a watch, as in Redis: writes that changed nothing (DEL of a
     * missing key, SET NX of an existing one, SREM of a missing member, EXPIRE of a missing key,
     * a failed RENAMENX, LPUSHX to no list) leave it clean on every shard; then a real change
     * through each family's command fails EXEC.
     */
    @Test
    void writesThatChangeNothingLeaveTheWatchClean() {
        String[][] noOps = {{"DEL", "%s:none"}, {"SET", "%s", "other", "NX"}, {"SREM", "%s:set", "nope"},
            {"EXPIRE", "%s:none", "100"}, {"LPUSHX", "%s:none", "x"}, {"HDEL", "%s:hash", "nope"},
            {"ZREM", "%s:zset", "nope"}, {"PERSIST", "%s"}};
        String[][] changes = {{"SET", "%s", "changed"}, {"SADD", "%s:set", "new"}, {"HSET", "%s:hash", "f", "2"},
            {"ZADD", "%s:zset", "9", "m"}, {"EXPIRE", "%s", "100"}, {"APPEND", "%s", "x"}};
        try (Differ d = differ(); Differ other = connection()) {
            for (int shard = 0; shard < SHARDS; shard++) {
                String key = "{" + onShard(shard, "n") + "}";
                d.same("SET", key, "v");
                d.same("SADD", key + ":set", "a");
                d.same("HSET", key + ":hash", "f", "1");
                d.same("ZADD", key + ":zset", "1", "m");
                String[] watched = {"WATCH", key, key + ":none", key + ":set", key + ":hash", key + ":zset"};
                for (String[] noOp : noOps) {
                    d.same(watched);
                    other.same(format(noOp, key));
                    d.same("MULTI");
                    d.same("PING");
                    d.same("EXEC"); // runs: nothing changed
                }
                for (String[] change : changes) {
                    d.same(watched);
                    other.same(format(change, key));
                    d.same("MULTI");
                    d.same("PING");
                    d.same("EXEC"); // fails: a watched key changed
                }
            }
            d.assertSame();
            other.assertSame();
        }
    }

    private static String[] format(String[] command, String key) {
        String[] out = command.clone();
        for (int i = 1; i < out.length; i++) {
            out[i] = out[i].replace("%s", key);
        }
        return out;
    }

    /**
     * Blocking commands inside MULTI act as their non-blocking forms (served at once or nil, never
     * waiting), and a push inside a transaction wakes a client blocked elsewhere only after EXEC:
     * the waiter gets the element the transaction left, not one from its middle.
     */
    @Test
    void blockingCommandsInsideExecNeverWaitAndPushesWakeAfterIt() {
        try (Differ d = differ(); Differ other = connection()) {
            for (int shard = 0; shard < SHARDS; shard++) {
                String l = "{" + onShard(shard, "bx") + "}l";
                String z = "{" + onShard(shard, "bx") + "}z";
                d.same("MULTI");
                d.same("BLPOP", l, "0");
                d.same("BRPOPLPUSH", l, l + "2", "0");
                d.same("BZPOPMIN", z, "0");
                d.same("RPUSH", l, "a", "b");
                d.same("BLPOP", l, "0");
                d.same("BLMOVE", l, l + "2", "LEFT", "LEFT", "0");
                d.same("EXEC");
                d.same("LRANGE", l + "2", "0", "-1");
                other.redis().send("BLPOP", l, "0");
                other.kevy().send("BLPOP", l, "0");
                awaitBlocked(d);
                d.same("MULTI");
                d.same("RPUSH", l, "first", "second");
                d.same("LPOP", l);
                d.same("EXEC");
                other.sameRaw("woken after EXEC", new byte[0], 1); // gets "second": "first" was popped inside
                d.same("LLEN", l);
            }
            d.assertSame();
            other.assertSame();
        }
    }

    /** Waits until both servers count one blocked client (INFO clients), by polling with a deadline. */
    private static void awaitBlocked(Differ d) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(Wire.text(d.redis().call("INFO", "clients")).contains("blocked_clients:1")
                && Wire.text(d.kevy().call("INFO", "clients")).contains("blocked_clients:1"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a client did not block on both servers");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void watchOnSeveralShardsFailsWhenAnyOfThemChanges() {
        String a = onShard(1, "m");
        String b = onShard(2, "m");
        try (Differ d = differ(); Differ other = connection()) {
            d.same("MSET", a, "1", b, "1");
            d.same("WATCH", a, b);
            other.same("INCR", b);
            d.same("MULTI");
            d.same("INCR", a);
            d.same("EXEC");
            d.same("WATCH", a);
            d.same("WATCH", b); // WATCH adds up
            other.same("INCR", a);
            d.same("MULTI");
            d.same("INCR", b);
            d.same("EXEC");
            d.same("MGET", a, b);
            d.assertSame();
            other.assertSame();
        }
    }

    @Test
    void flushSwapdbAndExpiryInvalidateWatchesAsInRedis() {
        String key = onShard(2, "f");
        try (Differ d = differ(); Differ other = connection()) {
            d.same("SET", key, "1");
            d.same("WATCH", key);
            other.same("FLUSHALL");
            d.same("MULTI");
            d.same("EXEC"); // the key existed: *-1
            d.same("WATCH", key);
            other.same("FLUSHALL");
            d.same("MULTI");
            d.same("EXEC"); // flushing a watched key that does not exist touches nothing (Redis 7.0)
            d.same("SET", key, "1");
            d.same("WATCH", key);
            other.same("SWAPDB", "0", "1");
            d.same("MULTI");
            d.same("EXEC");
            other.same("SWAPDB", "0", "1");
            d.same("SET", key, "1");
            d.same("WATCH", key);
            other.same("PEXPIRE", key, "1");
            other.onEach((name, w) -> awaitGone(name, w, key)); // expired, and seen gone by another client
            d.same("MULTI");
            d.same("EXEC"); // PEXPIRE is a write: *-1
            d.same("SET", key, "1", "PX", "1000000");
            d.same("WATCH", key);
            other.same("PEXPIRE", key, "1"); // a write: touches on its own
            d.same("MULTI");
            d.same("EXEC");
            d.assertSame();
            other.assertSame();
        }
    }

    /**
     * A watched key that expires, seen gone by another client, fails EXEC although nobody wrote it
     * after WATCH (the wait polls EXISTS until the key is gone; no sleep).
     */
    @Test
    void expiryOfAWatchedKeyFailsExec() {
        String key = onShard(1, "e");
        try (Differ d = differ(); Differ other = connection()) {
            d.same("SET", key, "1", "PX", "300"); // long enough for WATCH to see it before it expires
            d.same("WATCH", key);
            other.onEach((name, w) -> awaitGone(name, w, key));
            d.same("MULTI");
            d.same("GET", key);
            d.same("EXEC");
            d.assertSame();
        }
    }

    private static void awaitGone(String name, Wire w, String key) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Wire.text(w.call("EXISTS", key)).equals(":0\r\n")) {
            assertTrue(System.nanoTime() < deadline, name + ": " + key + " never expired");
            Thread.onSpinWait();
        }
    }

    /** Connection commands run with the connection when the transaction touches no other shard's key. */
    @Test
    void subscribeInsideMultiRunsAtExecAsInRedis() {
        try (Differ d = connection()) {
            d.sameRaw("subscribe in exec", pipeline(c("MULTI"), c("ECHO", "s"), c("SUBSCRIBE", "ch"), c("PING"),
                    c("EXEC"), c("PING"), c("MULTI"), c("RESET"), c("GET", "s")), 9);
            d.assertSame();
        }
    }

    @Test
    void clientListShowsMultiFlagAndQueuedCount() {
        try (Wire k = new Wire(kevy.port()); Wire r = new Wire(redis.port())) {
            for (Wire w : new Wire[] {k, r}) {
                assertTrue(Wire.text(w.call("CLIENT", "INFO")).contains(" flags=N "), Wire.text(w.call("CLIENT", "INFO")));
                assertTrue(Wire.text(w.call("CLIENT", "INFO")).contains(" multi=-1 "));
                w.call("MULTI");
                w.call("ECHO", "a");
                w.call("CLIENT", "INFO");
                String exec = Wire.text(w.call("EXEC"));
                assertTrue(exec.contains(" flags=x ") && exec.contains(" multi=2 "), exec);
                w.call("MULTI");
                w.call("SUBSCRIBE", "c");
                w.call("CLIENT", "INFO");
                String subscribed = Wire.text(w.call("EXEC"));
                assertTrue(subscribed.contains(" flags=Px ") && subscribed.contains(" multi=2 "), subscribed);
            }
            assertEquals("+RESET\r\n", Wire.text(k.call("RESET")));
        }
    }
}
