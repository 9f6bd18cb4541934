package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A client that shuts down its sending side (a FIN) after its last request is still owed the
 * replies: they go out, then the connection closes. Redis, which sees the end of the stream only on
 * a read after it has written what it owed, behaves so; kevy, which can read the requests and the
 * end in one go, used to close at once and drop them, so popped elements were lost. A blocked
 * client that leaves is still dropped at once: its pop has not happened and must not.
 */
class HalfCloseTest {
    private static final int ELEMENTS = 300;

    @Test
    void aClientThatStopsSendingGetsEveryReplyItIsOwedThenTheConnectionCloses() throws IOException {
        try (TestServer server = TestServer.start(2)) {
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < ELEMENTS; i++) {
                pipeline.write(Wire.encode("RPUSH", "q", "e" + i));
                expected.append(':').append(i + 1).append("\r\n");
            }
            for (int i = 0; i < ELEMENTS; i++) {
                pipeline.write(Wire.encode("LPOP", "q"));
                expected.append('$').append(("e" + i).length()).append("\r\ne").append(i).append("\r\n");
            }
            try (RawClient c = new RawClient(server.port())) {
                c.send(pipeline.toByteArray()); // the requests, then the end of the stream right behind them
                c.socket().shutdownOutput();
                assertEquals(expected.toString(), new String(c.readToEnd(), StandardCharsets.US_ASCII),
                        "every reply, in order, then the close");
            }
            try (RawClient c = new RawClient(server.port())) {
                c.call(Wire.bytes(":0\r\n"), "LLEN", "q");
            }
        }
    }

    /**
     * The same across shards: forwarded commands, a fan-out, an atomic turn and a transaction that
     * spans both shards are still running elsewhere when the end of the stream is read, and their
     * replies are sent; a BLPOP behind them blocks, dies with the stream, and the request behind it
     * never runs.
     */
    @Test
    void repliesStillComingFromOtherShardsAreSentBeforeTheClose() throws IOException {
        String a = ShardKeys.on(0, 2, "a", 1)[0];
        String b = ShardKeys.on(1, 2, "b", 1)[0];
        String c = ShardKeys.on(1, 2, "c", 1)[0];
        String list = ShardKeys.on(0, 2, "list", 1)[0];
        try (TestServer server = TestServer.start(2)) {
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            pipeline.write(Wire.encode("SET", a, "1"));
            pipeline.write(Wire.encode("MSET", a, "2", b, "3")); // a part on each shard
            pipeline.write(Wire.encode("RENAME", a, c)); // an atomic turn of both
            pipeline.write(Wire.encode("MGET", b, c));
            pipeline.write(Wire.encode("MULTI"));
            pipeline.write(Wire.encode("INCR", b));
            pipeline.write(Wire.encode("INCR", c));
            pipeline.write(Wire.encode("EXEC"));
            pipeline.write(Wire.encode("BLPOP", list, "0"));
            pipeline.write(Wire.encode("SET", "never", "run"));
            String expected = "+OK\r\n+OK\r\n+OK\r\n*2\r\n$1\r\n3\r\n$1\r\n2\r\n+OK\r\n+QUEUED\r\n+QUEUED\r\n"
                    + "*2\r\n:4\r\n:3\r\n";
            try (RawClient client = new RawClient(server.port())) {
                client.send(pipeline.toByteArray());
                client.socket().shutdownOutput();
                assertEquals(expected, new String(client.readToEnd(), StandardCharsets.US_ASCII),
                        "every reply ahead of the BLPOP, in order, then the close");
            }
            try (RawClient other = new RawClient(server.port())) {
                other.call(Wire.bytes(":1\r\n"), "RPUSH", list, "x");
                other.call(Wire.bytes(":1\r\n"), "LLEN", list); // the departed BLPOP took nothing
                other.call(Wire.bytes(":0\r\n"), "EXISTS", "never");
            }
        }
    }

    /**
     * A client that ends its stream behind more replies than the connection may hold unsent (4 MiB):
     * the connection stops reading until the client drains them, then runs the rest of what it had
     * read, and closes once everything is out.
     */
    @Test
    void aClientPausedByItsUnreadRepliesStillGetsThemAllAfterItsEnd() throws IOException {
        int size = 1 << 20;
        int gets = 12;
        try (TestServer server = TestServer.start(1)) {
            try (RawClient c = new RawClient(server.port())) {
                c.call(Wire.bytes("+OK\r\n"), "SET", "big", "x".repeat(size));
            }
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < gets; i++) {
                pipeline.write(Wire.encode("GET", "big"));
            }
            pipeline.write(Wire.encode("PING"));
            try (RawClient c = new RawClient(server.port())) {
                c.send(pipeline.toByteArray());
                c.socket().shutdownOutput();
                byte[] all = c.readToEnd();
                String reply = "$" + size + "\r\n" + "x".repeat(size) + "\r\n";
                assertEquals((long) gets * reply.length() + "+PONG\r\n".length(), all.length, "every reply's bytes");
                assertEquals("+PONG\r\n", new String(all, all.length - 7, 7, StandardCharsets.US_ASCII), "the last one last");
            }
        }
    }

    @Test
    void aBlockedClientThatStopsSendingIsDroppedAndPopsNothing() throws IOException {
        try (TestServer server = TestServer.start(2)) {
            try (RawClient c = new RawClient(server.port())) {
                c.send("BLPOP", "empty", "0");
                c.socket().shutdownOutput();
                assertEquals(0, c.readToEnd().length, "closed, with nothing sent");
            }
            try (RawClient c = new RawClient(server.port())) {
                c.call(Wire.bytes(":1\r\n"), "RPUSH", "empty", "x");
                c.call(Wire.bytes(":1\r\n"), "LLEN", "empty"); // no departed client took it
            }
        }
    }
}
