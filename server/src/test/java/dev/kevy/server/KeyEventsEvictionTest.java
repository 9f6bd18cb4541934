package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Eviction is notified as Redis does it ({@code evicted}, class {@code e}): a one-shard server at
 * a small maxmemory with allkeys-random evicts while keys are written, and every key a
 * subscriber hears evicted was written and is gone, and each eviction is heard once.
 */
class KeyEventsEvictionTest {

    @Test
    void everyEvictedKeyIsHeardOnceAndIsGone() {
        try (TestServer server = TestServer.start(1);
             RawClient sub = new RawClient(server.port());
             RawClient writer = new RawClient(server.port())) {
            sub.call(Resp.bytes("*3\r\n$9\r\nsubscribe\r\n$22\r\n__keyevent@0__:evicted\r\n:1\r\n"),
                    "SUBSCRIBE", "__keyevent@0__:evicted");
            writer.call(Resp.ok(), "CONFIG", "SET", "notify-keyspace-events", "Ee");
            writer.call(Resp.ok(), "CONFIG", "SET", "maxmemory-policy", "allkeys-random");
            writer.call(Resp.ok(), "CONFIG", "SET", "maxmemory", "2mb");
            writer.send("OBJECT", "IDLETIME", "ev:0"); // applies the limit now, not at the next tick
            writer.readReply();
            String value = "v".repeat(1000);
            int keys = 10_000;
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            for (int i = 0; i < keys; i++) {
                Resp.appendCommand(requests, "SET", "ev:" + i, value);
                replies.writeBytes(Resp.ok());
            }
            writer.send(requests.toByteArray());
            writer.expect(replies.toByteArray());
            writer.call(Resp.ok(), "CONFIG", "SET", "maxmemory", "0");
            writer.send("OBJECT", "IDLETIME", "ev:0"); // OBJECT applies the CONFIG SET at once: no eviction after it
            writer.readReply();
            writer.send("DBSIZE");
            String size = Resp.text(writer.readReply());
            long present = Long.parseLong(size.substring(1, size.length() - 2));
            assertTrue(present < keys, "the limit evicted keys: " + present + " of " + keys + " remain");
            long evicted = keys - present;
            Set<String> heard = new HashSet<>();
            for (long i = 0; i < evicted; i++) {
                String[] lines = Resp.text(sub.readReply()).split("\r\n");
                assertEquals("__keyevent@0__:evicted", lines[lines.length - 3]);
                String key = lines[lines.length - 1];
                assertTrue(key.startsWith("ev:"), key);
                assertTrue(heard.add(key), key + " heard twice");
            }
            for (String key : heard) {
                writer.send("EXISTS", key);
                assertEquals(":0\r\n", Resp.text(writer.readReply()), key + " was evicted");
            }
            writer.call(Resp.ok(), "CONFIG", "SET", "notify-keyspace-events", "");
            sub.send("PING");
            assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", Resp.text(sub.readReply()), "no more evictions than keys gone");
        }
    }
}
