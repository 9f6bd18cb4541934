package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications across shards: a subscriber on one shard hears the writes to keys that
 * other shards own, every event once and each key's events in the order of its writes, including
 * those of a RENAME across shards (an atomic turn, whose events the owners send when they run
 * again) and the expiry of keys on every shard.
 */
class KeyEventsShardsTest {

    private static final int SHARDS = 3;
    private static final int ROUNDS = 2_000;

    @Test
    void aSubscriberOnOneShardHearsEveryShardsKeysInEachKeysOrder() {
        try (TestServer server = TestServer.start(SHARDS)) {
            TestServer.ShardClient[] clients = ShardZeroAllocationTest.clientOnEveryShard(server);
            try {
                RawClient[] subs = {clients[0].client(), clients[2].client()};
                RawClient writer = clients[1].client();
                for (RawClient sub : subs) {
                    sub.call(Resp.bytes("*3\r\n$10\r\npsubscribe\r\n$12\r\n__keyspace@*\r\n:1\r\n"), "PSUBSCRIBE",
                            "__keyspace@*");
                }
                writer.call(Resp.ok(), "CONFIG", "SET", "notify-keyspace-events", "KA");
                String[] keys = new String[SHARDS];
                for (int s = 0; s < SHARDS; s++) {
                    keys[s] = ShardKeys.on(s, SHARDS, "ev:", 1)[0];
                }
                Map<String, List<String>> expected = new HashMap<>();
                ByteArrayOutputStream requests = new ByteArrayOutputStream();
                ByteArrayOutputStream replies = new ByteArrayOutputStream();
                for (int i = 0; i < ROUNDS; i++) {
                    for (String key : keys) {
                        Resp.appendCommand(requests, "SET", key, "v");
                        Resp.appendCommand(requests, "APPEND", key, "x");
                        Resp.appendCommand(requests, "DEL", key);
                        replies.writeBytes(Resp.ok());
                        replies.writeBytes(Resp.integer(2));
                        replies.writeBytes(Resp.integer(1));
                        expected.computeIfAbsent(key, k -> new ArrayList<>()).addAll(List.of("set", "append", "del"));
                    }
                }
                writer.send(requests.toByteArray());
                writer.expect(replies.toByteArray());
                // A cross-shard RENAME runs in an atomic turn: its owners send the events afterwards.
                String from = ShardKeys.on(1, SHARDS, "rf:", 1)[0];
                String to = ShardKeys.on(2, SHARDS, "rt:", 1)[0];
                writer.call(Resp.ok(), "SET", from, "v");
                writer.call(Resp.ok(), "RENAME", from, to);
                writer.call(Resp.ok(), "SET", to, "w");
                expected.put(from, new ArrayList<>(List.of("set", "rename_from")));
                expected.put(to, new ArrayList<>(List.of("rename_to", "set")));
                // The coordinator (shard 0) owning a key of the turn delivers and sends its events itself.
                String ownFrom = ShardKeys.on(0, SHARDS, "of:", 1)[0];
                String ownTo = ShardKeys.on(2, SHARDS, "ot:", 1)[0];
                writer.call(Resp.ok(), "SET", ownFrom, "v");
                writer.call(Resp.ok(), "RENAME", ownFrom, ownTo);
                writer.call(Resp.ok(), "RENAME", ownTo, ownFrom);
                expected.put(ownFrom, new ArrayList<>(List.of("set", "rename_from", "rename_to")));
                expected.put(ownTo, new ArrayList<>(List.of("rename_to", "rename_from")));
                // Keys that expire on every shard: each gone (PTTL -2, polled), then heard as expired.
                String[] expiring = new String[SHARDS];
                for (int s = 0; s < SHARDS; s++) {
                    expiring[s] = ShardKeys.on(s, SHARDS, "ex:", 1)[0];
                    writer.call(Resp.ok(), "SET", expiring[s], "v", "PX", "1");
                    expected.put(expiring[s], new ArrayList<>(List.of("set", "expire", "expired")));
                }
                for (String key : expiring) {
                    long deadline = System.nanoTime() + TestServer.WAIT_MILLIS * 1_000_000L;
                    while (true) {
                        writer.send("PTTL", key);
                        if (Resp.text(writer.readReply()).equals(":-2\r\n")) {
                            break;
                        }
                        assertTrue(System.nanoTime() < deadline, key + " never expired");
                        LockSupport.parkNanos(TestServer.POLL_NANOS); // a polling interval
                    }
                }
                int total = expected.values().stream().mapToInt(List::size).sum();
                writer.call(Resp.ok(), "CONFIG", "SET", "notify-keyspace-events", "");
                for (RawClient sub : subs) {
                    Map<String, List<String>> heard = new HashMap<>();
                    for (int i = 0; i < total; i++) {
                        String[] lines = Resp.text(sub.readReply()).split("\r\n");
                        String channel = lines[lines.length - 3];
                        assertTrue(channel.startsWith("__keyspace@0__:"), channel);
                        heard.computeIfAbsent(channel.substring("__keyspace@0__:".length()), k -> new ArrayList<>())
                                .add(lines[lines.length - 1]);
                    }
                    assertEquals(expected, heard);
                    sub.send("PING");
                    assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", Resp.text(sub.readReply()), "nothing more was sent");
                }
            } finally {
                for (TestServer.ShardClient c : clients) {
                    c.close();
                }
            }
        }
    }
}
