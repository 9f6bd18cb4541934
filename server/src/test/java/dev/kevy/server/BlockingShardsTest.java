package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Blocking commands whose keys live on other shards than the blocked client, pinned down with a
 * client on a known shard: the registrations on every owner, their cancellation when one owner
 * serves or the wait ends, a client that leaves while its keys' owners hold its registration, and
 * the serving of a move whose destination another client waits on.
 */
class BlockingShardsTest {

    private static final int SHARDS = 3;

    /** Polls INFO clients until {@code field} reads {@code value} (a deadline, no sleep). */
    private static void await(RawClient c, String field, long value) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String info;
        while (!(info = Resp.text(c.send("INFO", "clients").readReply())).contains(field + ":" + value + "\r\n")) {
            assertTrue(System.nanoTime() < deadline, "never " + field + ":" + value + " in " + info);
            Thread.onSpinWait();
        }
    }

    @Test
    void aWaitOnKeysOfThreeShardsIsServedOnceAndCancelledEverywhereElse() {
        try (TestServer server = TestServer.start(SHARDS)) {
            TestServer.ShardClient[] clients = ShardZeroAllocationTest.clientOnEveryShard(server);
            try {
                RawClient blocked = clients[0].client();
                RawClient other = clients[1].client();
                String k0 = ShardKeys.on(0, SHARDS, "k", 1)[0];
                String k1 = ShardKeys.on(1, SHARDS, "k", 1)[0];
                String k2 = ShardKeys.on(2, SHARDS, "k", 1)[0];
                blocked.send("BLPOP", k1, k2, k0, "0");
                await(other, "total_blocking_keys", 3);
                await(other, "blocked_clients", 1);
                other.call(Resp.integer(2), "RPUSH", k2, "a", "b");
                blocked.expect(Resp.bytes("*2\r\n$" + k2.length() + "\r\n" + k2 + "\r\n$1\r\na\r\n"));
                await(other, "total_blocking_keys", 0); // the other two owners were cancelled
                await(other, "blocked_clients", 0);
                other.call(Resp.integer(1), "LLEN", k2);
                blocked.send("BRPOP", k0, k1, "0.1");
                blocked.expect(Resp.bytes("*-1\r\n"));
                await(other, "total_blocking_keys", 0);
                blocked.call(Resp.pong(), "PING");
            } finally {
                for (TestServer.ShardClient c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aClientThatLeavesWhileAnotherShardHoldsItsWaitGetsNoElement() {
        try (TestServer server = TestServer.start(SHARDS)) {
            TestServer.ShardClient[] clients = ShardZeroAllocationTest.clientOnEveryShard(server);
            try {
                RawClient blocked = clients[0].client();
                RawClient other = clients[2].client();
                String key = ShardKeys.on(1, SHARDS, "gone", 1)[0];
                blocked.send("BLPOP", key, "0");
                await(other, "total_blocking_keys", 1);
                blocked.close();
                await(other, "total_blocking_keys", 0); // the owner took the registration back
                await(other, "blocked_clients", 0);
                other.call(Resp.integer(1), "RPUSH", key, "kept");
                other.call(Resp.integer(1), "LLEN", key);
            } finally {
                for (TestServer.ShardClient c : clients) {
                    c.close();
                }
            }
        }
    }

    /** RESTORE writes a whole list at once: like a push, it wakes the client waiting on its key. */
    @Test
    void aRestoreIntoAWatchedKeyWakesItsClient() {
        try (TestServer server = TestServer.start(SHARDS)) {
            TestServer.ShardClient[] clients = ShardZeroAllocationTest.clientOnEveryShard(server);
            try {
                RawClient blocked = clients[0].client();
                RawClient other = clients[1].client();
                String from = ShardKeys.on(2, SHARDS, "from", 1)[0];
                String key = ShardKeys.on(1, SHARDS, "restored", 1)[0];
                other.call(Resp.integer(2), "RPUSH", from, "x", "y");
                byte[] dump = other.send("DUMP", from).readReply(); // $n\r\n<payload>\r\n
                blocked.send("BLPOP", key, "0");
                await(other, "blocked_clients", 1);
                java.io.ByteArrayOutputStream restore = new java.io.ByteArrayOutputStream();
                restore.writeBytes(Resp.bytes("*4\r\n$7\r\nRESTORE\r\n$" + key.length() + "\r\n" + key + "\r\n$1\r\n0\r\n"));
                restore.write(dump, 0, dump.length); // the bulk string as DUMP gave it
                other.send(restore.toByteArray());
                other.expect(Resp.ok());
                blocked.expect(Resp.bytes("*2\r\n$" + key.length() + "\r\n" + key + "\r\n$1\r\nx\r\n"));
                other.call(Resp.integer(1), "LLEN", key);
            } finally {
                for (TestServer.ShardClient c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aSameShardBrpoplpushWakesABlpopOnItsDestinationAcrossShards() {
        try (TestServer server = TestServer.start(SHARDS)) {
            TestServer.ShardClient[] clients = ShardZeroAllocationTest.clientOnEveryShard(server);
            try {
                String src = "{c}src";
                String dst = "{c}dst";
                int owner = HashTags.shardOf(Resp.bytes(src), SHARDS);
                RawClient popper = clients[(owner + 1) % SHARDS].client(); // both wait on another shard
                RawClient mover = clients[(owner + 2) % SHARDS].client();
                RawClient pusher = clients[owner].client();
                popper.send("BLPOP", dst, "0");
                await(pusher, "blocked_clients", 1);
                mover.send("BRPOPLPUSH", src, dst, "0");
                await(pusher, "blocked_clients", 2);
                pusher.call(Resp.integer(1), "LPUSH", src, "job");
                mover.expect(Resp.bulk("job"));
                popper.expect(Resp.bytes("*2\r\n$6\r\n{c}dst\r\n$3\r\njob\r\n"));
                pusher.call(Resp.integer(0), "EXISTS", src, dst);
            } finally {
                for (TestServer.ShardClient c : clients) {
                    c.close();
                }
            }
        }
    }
}
