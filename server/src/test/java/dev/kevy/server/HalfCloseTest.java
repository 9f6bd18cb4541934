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
