package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The blocking commands against Redis 7.0, byte for byte: served at once when a key is ready,
 * nil after short timeouts, argument errors in Redis's order, WRONGTYPE, and woken by pushes from
 * another connection (every push command, a cross-shard LMOVE in an atomic turn, a sorted-set
 * STORE), first come first served among waiters, CLIENT UNBLOCK, and the regressions other
 * sharded servers had: a blocking move waking a client blocked on its destination, replies
 * pipelined behind a blocked command, a client that left before the push, a wake into a key of
 * another type. Keys sit on kevy's three shards as the test names say; blocked clients land on
 * whichever shard the kernel gives them, so waits cross shards too.
 */
class BlockingCompatTest extends DifferentialBase {

    /** Sends a command to both servers without reading its reply (it blocks). */
    private static void block(Differ d, String... command) {
        d.redis().send(command);
        d.kevy().send(command);
    }

    /** Polls INFO clients on both servers until {@code n} clients are blocked (a deadline, no sleep). */
    private static void awaitBlocked(Differ d, int n) {
        d.onEach((name, w) -> {
            long deadline = System.nanoTime() + Wire.READ_TIMEOUT_MILLIS * 1_000_000L;
            while (!Wire.text(w.call("INFO", "clients")).contains("blocked_clients:" + n + "\r\n")) {
                assertTrue(System.nanoTime() < deadline, name + " never had " + n + " blocked clients");
                Thread.onSpinWait();
            }
        });
    }

    @Test
    void readyKeysAreServedAtOnceAsTheNonBlockingForms() {
        String a = onShard(0, "a");
        String b = onShard(1, "b");
        try (Differ d = differ()) {
            d.same("RPUSH", a, "1", "2", "3");
            d.same("BLPOP", a, "0");
            d.same("BRPOP", "missing", a, "0");
            d.same("BLPOP", a, "0");
            d.same("RPUSH", "{t}l", "x", "y", "z", "w");
            d.same("BLPOP", "{t}missing", "{t}l", "1");
            d.same("BRPOPLPUSH", "{t}l", "{t}d", "0");
            d.same("BLMOVE", "{t}l", "{t}d", "LEFT", "LEFT", "0");
            d.same("LRANGE", "{t}d", "0", "-1");
            d.same("BLMOVE", "{t}d", "{t}d", "RIGHT", "LEFT", "0");
            d.same("LRANGE", "{t}d", "0", "-1");
            d.same("BLMPOP", "0", "2", "{t}missing", "{t}d", "RIGHT", "COUNT", "5");
            d.same("RPUSH", b, "p", "q", "r");
            d.same("BLMPOP", "0.5", "2", a, b, "LEFT", "COUNT", "2");
            d.same("BLMPOP", "0.5", "1", b, "left");
            d.same("ZADD", b, "1", "one", "2", "two", "3", "three", "-inf", "low", "1.5", "mid");
            d.same("BZPOPMIN", "nozset", b, "0");
            d.same("BZPOPMAX", b, "0");
            d.same("BZMPOP", "0", "1", b, "MIN", "COUNT", "2");
            d.same("BZMPOP", "0", "2", "nozset", b, "max", "count", "10");
            d.same("EXISTS", a, b, "{t}l", "{t}d");
            d.assertSame();
        }
    }

    @Test
    void timeoutsReplyNilInEachCommandsShape() {
        try (Differ d = differ()) {
            d.same("BLPOP", "none", "0.1");
            d.same("BRPOP", "none", "none2", "0.05");
            d.same("BRPOPLPUSH", "{t}none", "{t}d", "0.05");
            d.same("BLMOVE", "{t}none", "{t}d", "LEFT", "RIGHT", ".05");
            d.same("BLMPOP", "0.05", "1", "none", "LEFT");
            d.same("BZPOPMIN", "none", "0.05");
            d.same("BZPOPMAX", "none", "1e-1");
            d.same("BZMPOP", "0.05", "2", "none", "none2", "MAX", "COUNT", "3");
            d.assertSame();
        }
    }

    @Test
    void argumentErrorsComeInRedisOrder() {
        try (Differ d = differ()) {
            for (String t : new String[] {"-1", "-0.5", "abc", " 1", "1 ", "nan", "inf", "-inf", "1e30", "9223372036854775807",
                "0x"}) { // not "": Redis's strtold reads it as 0, a wait for ever
                d.same("BLPOP", "k", t);
                d.same("BZPOPMIN", "k", t);
                d.same("BRPOPLPUSH", "{t}k", "{t}d", t);
                d.same("BLMPOP", t, "1", "k", "LEFT");
            }
            d.same("BLPOP", "k");
            d.same("BRPOPLPUSH", "k", "0");
            d.same("BLMOVE", "{t}a", "{t}b", "UP", "LEFT", "-1");
            d.same("BLMOVE", "{t}a", "{t}b", "LEFT", "DOWN", "x");
            d.same("BLMOVE", "{t}a", "{t}b", "LEFT", "RIGHT");
            d.same("BLMPOP", "0", "0", "k", "LEFT");
            d.same("BLMPOP", "x", "1", "k", "LEFT");
            d.same("BLMPOP", "-1", "x", "k", "LEFT");
            d.same("BLMPOP", "0", "2", "k", "LEFT");
            d.same("BLMPOP", "0", "1", "k", "UP");
            d.same("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "0");
            d.same("BLMPOP", "-1", "1", "k", "LEFT", "COUNT", "x");
            d.same("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "1", "COUNT", "2");
            d.same("BLMPOP", "0", "1", "k", "LEFT", "EXTRA");
            d.same("BZMPOP", "0", "1", "k", "LEFT");
            d.same("BZMPOP", "-1", "1", "k", "MIN", "COUNT", "-2");
            d.same("BZMPOP", "0", "-1", "k", "MIN");
            d.same("SET", "s", "v");
            d.same("BLPOP", "s", "0");
            d.same("SET", "{t}s", "v");
            d.same("BLPOP", "{t}missing", "{t}s", "0");
            d.same("BRPOPLPUSH", "{t}s", "{t}d", "0");
            d.same("RPUSH", "{t}l", "x");
            d.same("BLMOVE", "{t}l", "{t}s", "LEFT", "LEFT", "0");
            d.same("LRANGE", "{t}l", "0", "-1");
            d.same("BZPOPMIN", "s", "0");
            d.same("BZMPOP", "0", "1", "{t}s", "MIN");
            d.same("BLMPOP", "0", "1", "{t}s", "LEFT");
            d.assertSame();
        }
    }

    /** Writes into another database wake a client waiting there, as in Redis: MOVE, SWAPDB, COPY ... DB. */
    @Test
    void moveSwapdbAndCopyIntoTheWaitedDatabaseWakeTheClient() {
        for (String key : new String[] {onShard(0, "m"), onShard(2, "m")}) {
            try (Differ d = differ(); Differ blocked = connection()) {
                blocked.same("SELECT", "1");
                block(blocked, "BLPOP", key, "0");
                awaitBlocked(d, 1);
                d.same("RPUSH", key, "moved");
                d.same("MOVE", key, "1");
                blocked.sameRaw("woken by MOVE", new byte[0], 1);
                block(blocked, "BLPOP", key, "0");
                awaitBlocked(d, 1);
                d.same("RPUSH", key, "swapped");
                d.same("SWAPDB", "0", "1");
                blocked.sameRaw("woken by SWAPDB", new byte[0], 1);
                block(blocked, "BLPOP", key, "0");
                awaitBlocked(d, 1);
                d.same("RPUSH", key, "copied");
                d.same("COPY", key, key, "DB", "1");
                blocked.sameRaw("woken by COPY ... DB", new byte[0], 1);
                d.same("LRANGE", key, "0", "-1");
                blocked.same("EXISTS", key);
                d.same("FLUSHALL");
                d.assertSame();
                blocked.assertSame();
            }
        }
    }

    @Test
    void aPushFromAnotherConnectionWakesTheBlockedClient() {
        String[] keys = {onShard(0, "w"), onShard(1, "w"), onShard(2, "w")};
        for (String key : keys) {
            try (Differ d = differ(); Differ blocked = connection()) {
                block(blocked, "BLPOP", "elsewhere", key, "0");
                awaitBlocked(d, 1);
                d.same("LPUSH", key, "first", "second");
                blocked.sameRaw("woken", new byte[0], 1);
                d.same("LRANGE", key, "0", "-1");
                block(blocked, "BRPOP", key, "5");
                awaitBlocked(d, 0);
                blocked.sameRaw("served at once", new byte[0], 1);
                d.same("EXISTS", key);
                blocked.assertSame();
                d.assertSame();
            }
        }
    }

    @Test
    void everyPushCommandWakesWaiters() {
        String src = onShard(0, "src");
        String dst = onShard(1, "dst");
        String z1 = onShard(2, "z");
        String[][] wakes = {
            c("RPUSH", dst, "v"), c("LMOVE", src, dst, "LEFT", "RIGHT"), c("RPOPLPUSH", src, dst), c("COPY", src, dst),
            c("RENAME", src, dst)};
        for (String[] wake : wakes) { // across shards, all but RPUSH run in an atomic turn
            try (Differ d = differ(); Differ blocked = connection()) {
                d.same("RPUSH", src, "moved", "second");
                block(blocked, "BLPOP", dst, "3");
                awaitBlocked(d, 1);
                d.same(wake);
                blocked.sameRaw("woken by " + wake[0], new byte[0], 1);
                d.same("LRANGE", dst, "0", "-1");
                blocked.assertSame();
                d.assertSame();
            }
        }
        try (Differ d = differ(); Differ blocked = connection()) {
            d.same("ZADD", "{z}a", "1", "x", "2", "y");
            block(blocked, "BZPOPMIN", z1, "{z}dst", "3");
            awaitBlocked(d, 1);
            d.same("ZINCRBY", z1, "2.5", "m");
            blocked.sameRaw("woken by ZINCRBY", new byte[0], 1);
            block(blocked, "BZMPOP", "3", "1", "{z}dst", "MAX", "COUNT", "5");
            awaitBlocked(d, 1);
            d.same("ZUNIONSTORE", "{z}dst", "1", "{z}a", "WEIGHTS", "3");
            blocked.sameRaw("woken by ZUNIONSTORE", new byte[0], 1);
            block(blocked, "BZPOPMAX", z1, "3");
            awaitBlocked(d, 1);
            d.same("ZUNIONSTORE", z1, "1", "{z}a");
            blocked.sameRaw("woken by a cross-shard ZUNIONSTORE", new byte[0], 1);
            blocked.assertSame();
            d.assertSame();
        }
    }

    @Test
    void waitersOfOneKeyAreServedFirstComeFirstServed() {
        String key = onShard(1, "fifo");
        try (Differ d = differ(); Differ w1 = connection(); Differ w2 = connection(); Differ w3 = connection()) {
            block(w1, "BLPOP", key, "0");
            awaitBlocked(d, 1);
            block(w2, "BLMPOP", "0", "1", key, "LEFT", "COUNT", "2");
            awaitBlocked(d, 2);
            block(w3, "BRPOP", "other", key, "0");
            awaitBlocked(d, 3);
            d.same("RPUSH", key, "a", "b", "c", "d", "e");
            w1.sameRaw("first", new byte[0], 1);
            w2.sameRaw("second", new byte[0], 1);
            w3.sameRaw("third", new byte[0], 1);
            d.same("LRANGE", key, "0", "-1");
            w1.assertSame();
            w2.assertSame();
            w3.assertSame();
            d.assertSame();
        }
    }

    @Test
    void clientUnblockEndsTheWaitWithNilOrAnError() {
        try (Differ d = differ(); Differ blocked = connection()) {
            d.same("CLIENT", "UNBLOCK", "x");
            d.same("CLIENT", "UNBLOCK", "1", "MAYBE");
            d.same("CLIENT", "UNBLOCK", "1", "TIMEOUT", "x");
            d.same("CLIENT", "UNBLOCK", "999999");
            for (String mode : new String[] {"TIMEOUT", "ERROR", null}) {
                block(blocked, "BLMOVE", "{u}a", "{u}b", "LEFT", "RIGHT", "0");
                awaitBlocked(d, 1);
                unblock(d.redis(), blocked.redis(), mode);
                unblock(d.kevy(), blocked.kevy(), mode);
                blocked.sameRaw("unblocked " + mode, new byte[0], 1);
                awaitBlocked(d, 0);
            }
            blocked.assertSame();
            d.assertSame();
        }
    }

    /** CLIENT UNBLOCK of the blocked connection, whose id each server reports through CLIENT LIST (flags b). */
    private static void unblock(Wire from, Wire blocked, String mode) {
        String list = Wire.text(from.call("CLIENT", "LIST"));
        String id = null;
        for (String line : list.split("\n")) {
            if (line.contains(" flags=b ")) {
                id = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
            }
        }
        assertTrue(id != null, "no client with flags=b in " + list);
        String reply = mode == null ? from.callText("CLIENT", "UNBLOCK", id) : from.callText("CLIENT", "UNBLOCK", id, mode);
        assertEquals(":1\r\n", reply);
        assertEquals(":0\r\n", from.callText("CLIENT", "UNBLOCK", id));
    }

    @Test
    void laterPipelinedRepliesWaitBehindABlockedOne() {
        try (Differ d = differ(); Differ blocked = connection()) {
            block(blocked, "PING"); // a reply before the blocked one, so order is visible on both sides
            blocked.sameRaw("before", new byte[0], 1);
            blocked.redis().send(pipeline(c("BLPOP", "pk", "0"), c("PING"), c("ECHO", "after")));
            blocked.kevy().send(pipeline(c("BLPOP", "pk", "0"), c("PING"), c("ECHO", "after")));
            awaitBlocked(d, 1);
            d.same("RPUSH", "pk", "v");
            blocked.sameRaw("blocked reply, then PONG, then echo", new byte[0], 3);
            blocked.assertSame();
            d.assertSame();
        }
    }

    @Test
    void blockingMoveWakesAClientBlockedOnItsDestination() {
        try (Differ d = differ(); Differ mover = connection(); Differ popper = connection()) {
            block(popper, "BLPOP", "{c}dst", "0");
            awaitBlocked(d, 1);
            block(mover, "BRPOPLPUSH", "{c}src", "{c}dst", "0");
            awaitBlocked(d, 2);
            d.same("RPUSH", "{c}src", "job");
            mover.sameRaw("moved", new byte[0], 1);
            popper.sameRaw("woken by the move", new byte[0], 1);
            d.same("LLEN", "{c}dst");
            mover.assertSame();
            popper.assertSame();
            d.assertSame();
        }
    }

    @Test
    void aWakeIntoAKeyOfAnotherTypeWaitsOnOrRepliesWrongtype() {
        try (Differ d = differ(); Differ blocked = connection()) {
            block(blocked, "BLPOP", "{w}k", "0.3");
            awaitBlocked(d, 1);
            d.same("SET", "{w}k", "a string");
            blocked.sameRaw("still waiting, then nil", new byte[0], 1);
            block(blocked, "BLMOVE", "{w}src", "{w}k", "LEFT", "RIGHT", "0");
            awaitBlocked(d, 1);
            d.same("RPUSH", "{w}src", "e");
            blocked.sameRaw("destination of another type", new byte[0], 1);
            d.same("LRANGE", "{w}src", "0", "-1");
            block(blocked, "BZPOPMIN", "{w}z", "0");
            awaitBlocked(d, 1);
            d.same("RPUSH", "{w}z", "a list");
            d.same("DEL", "{w}z");
            d.same("ZADD", "{w}z", "1", "m");
            blocked.sameRaw("served once a sorted set came", new byte[0], 1);
            blocked.assertSame();
            d.assertSame();
        }
    }

    @Test
    void aClientThatLeftBeforeThePushLeavesTheElementInTheList() {
        String key = onShard(2, "gone");
        try (Differ d = differ()) {
            Differ blocked = connection();
            block(blocked, "BLPOP", key, "0");
            awaitBlocked(d, 1);
            blocked.close();
            awaitBlocked(d, 0);
            d.same("RPUSH", key, "kept");
            d.same("LLEN", key);
            d.same("LRANGE", key, "0", "-1");
            d.assertSame();
        }
    }
}
