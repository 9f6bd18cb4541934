package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.resp.RespLimits;
import dev.kevy.io.ShardStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md 7: a client that sends garbage, hangs up in the middle of a pipeline, or never reads
 * its replies affects only itself. Each test keeps a well-behaved client connected throughout and
 * checks that it is answered correctly afterwards, and that the shards' published connection count
 * goes back down when the bad client is gone.
 */
class BadInputTest {

    private static final String BIG_VALUE = "v".repeat(10_000);

    private TestServer server;
    private RawClient good;

    @BeforeEach
    void start() {
        server = TestServer.start(2);
        good = new RawClient(server.port());
        good.call(Resp.ok(), "SET", "big", BIG_VALUE);
        server.awaitOpenConnections(1);
    }

    @AfterEach
    void stop() {
        good.close();
        server.close();
    }

    /** The well-behaved client still gets exact answers, across shards too. */
    private void goodClientStillServed(String tag) {
        good.call(Resp.pong(), "PING");
        String[] keys = {ShardKeys.on(0, 2, tag + ":", 1)[0], ShardKeys.on(1, 2, tag + ":", 1)[0]};
        good.call(Resp.ok(), "MSET", keys[0], "a", keys[1], "b");
        good.call(Resp.array(Resp.bulk("a"), Resp.bulk("b")), "MGET", keys[0], keys[1]);
        good.call(Resp.bulk(BIG_VALUE), "GET", "big");
    }

    @Test
    void malformedBulkLengthGetsRedisErrorThenTheConnectionCloses() {
        try (RawClient bad = new RawClient(server.port())) {
            server.awaitOpenConnections(2);
            bad.send(Resp.bytes("*1\r\n$x\r\n"));
            bad.expect(Resp.error("ERR Protocol error: invalid bulk length"));
            assertArrayEquals(new byte[0], bad.readToEnd(), "nothing after the error, then end of stream");
        }
        server.awaitOpenConnections(1);
        goodClientStillServed("m");
    }

    @Test
    void bulkLengthAboveProtoMaxBulkLenIsRefusedBeforeAnyBodyArrives() {
        try (RawClient bad = new RawClient(server.port())) {
            bad.send(Resp.bytes("*1\r\n$536870913\r\n")); // 512 MB + 1, and no body at all
            bad.expect(Resp.error("ERR Protocol error: invalid bulk length"));
            assertArrayEquals(new byte[0], bad.readToEnd());
        }
        server.awaitOpenConnections(1);
        goodClientStillServed("l");
    }

    @Test
    void configuredProtoMaxBulkLenIsTheExactBoundary() {
        try (TestServer small = TestServer.start(2, 0, RespLimits.DEFAULTS.withMaxBulkLength(1_000), b -> b);
             RawClient c = new RawClient(small.port())) {
            String atLimit = "x".repeat(1_000);
            c.call(Resp.ok(), "SET", "k", atLimit);
            c.call(Resp.bulk(atLimit), "GET", "k");
            c.send("SET", "k", atLimit + "y");
            c.expect(Resp.error("ERR Protocol error: invalid bulk length"));
            assertArrayEquals(new byte[0], c.readToEnd());
        }
    }

    @Test
    void errorComesAfterTheRepliesOfEarlierCommandsInThePipeline() {
        try (RawClient bad = new RawClient(server.port())) {
            String remote = ShardKeys.on(1, 2, "e:", 1)[0];
            bad.send(Resp.concat(Resp.command("SET", remote, "1"), Resp.command("GET", remote), Resp.command("PING"),
                    Resp.bytes("*2\r\n$3\r\nGET\r\n:5\r\n"), Resp.command("PING")));
            bad.expect(Resp.concat(Resp.ok(), Resp.bulk("1"), Resp.pong(),
                    Resp.error("ERR Protocol error: expected '$', got ':'")));
            assertArrayEquals(new byte[0], bad.readToEnd(), "the command after the bad one is not run");
        }
        server.awaitOpenConnections(1);
        goodClientStillServed("o");
    }

    @Test
    void clientThatHangsUpMidCommandLeavesItsCompleteCommandsDone() throws IOException {
        String key = ShardKeys.on(1, 2, "h:", 1)[0];
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(Resp.concat(Resp.command("SET", key, "done"),
                    Resp.bytes("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key.substring(0, 2))));
        } // closed with half a command sent
        server.awaitOpenConnections(1);
        // The SET came on another connection, so nothing orders it before this client's GET: poll.
        long deadline = System.nanoTime() + TestServer.WAIT_MILLIS * 1_000_000L;
        byte[] reply;
        while (!Arrays.equals(reply = good.send("GET", key).readReply(), Resp.bulk("done"))) {
            assertArrayEquals(Resp.nil(), reply, "GET of a key that is being set");
            assertTrue(System.nanoTime() < deadline, "the complete SET before the hang-up never ran");
            LockSupport.parkNanos(TestServer.POLL_NANOS);
        }
        goodClientStillServed("h");
    }

    @Test
    void clientThatLeavesWithoutReadingTenThousandBigRepliesIsDropped() throws IOException {
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            Resp.appendCommand(pipeline, "GET", "big"); // 100 MB of replies
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            server.awaitOpenConnections(2);
            s.getOutputStream().write(pipeline.toByteArray());
            // Wait until the server is busy answering (it has run some of the GETs), then leave.
            server.awaitStatAtLeast(ShardStats.COMMANDS, 100);
        }
        server.awaitOpenConnections(1);
        goodClientStillServed("d");
    }

    /**
     * A client that sends GETs of a 10 KB value and never reads: the server stops reading it once
     * its unsent replies pass the pause threshold (4 MB), so the client's writes stall in the
     * kernel's buffers while the server's memory for it stays bounded, and other clients are
     * answered meanwhile.
     */
    @Test
    void clientThatNeverReadsIsPausedWhileOthersAreServed() throws Exception {
        long commandsBefore = server.statSum(ShardStats.COMMANDS);
        byte[] chunk;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000; i++) {
            Resp.appendCommand(b, "GET", "big");
        }
        chunk = b.toByteArray();
        int maxChunks = 400; // 400,000 GETs, 4 GB of replies if they were all answered
        AtomicLong chunksWritten = new AtomicLong();
        Socket reader = new Socket();
        reader.setReceiveBufferSize(64 * 1024);
        reader.connect(new InetSocketAddress("127.0.0.1", server.port()));
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = reader.getOutputStream();
                for (int i = 0; i < maxChunks; i++) {
                    out.write(chunk);
                    chunksWritten.incrementAndGet();
                }
            } catch (IOException e) {
                // closed by the test at the end
            }
        }, "never-reading-client");
        writer.setDaemon(true);
        writer.start();
        try {
            // The writer stalls: no progress for a whole second (a measurement window).
            long last = -1;
            long stableSince = System.nanoTime();
            long deadline = System.nanoTime() + TestServer.WAIT_MILLIS * 1_000_000L;
            while (true) {
                long now = System.nanoTime();
                long w = chunksWritten.get();
                assertTrue(w < maxChunks, "the server read every request of a client that never reads");
                if (w != last) {
                    last = w;
                    stableSince = now;
                } else if (now - stableSince > 1_000_000_000L) {
                    break;
                }
                assertTrue(now < deadline, "the writer never stalled");
                // Meanwhile others are answered promptly (RawClient fails a reply slower than its timeout).
                good.call(Resp.pong(), "PING");
                LockSupport.parkNanos(50_000_000L);
            }
            goodClientStillServed("p");
            long sent = last * 1_000;
            long executed = server.awaitStatAtLeast(ShardStats.COMMANDS, commandsBefore) - commandsBefore;
            // Unsent replies are capped near the 4 MB pause threshold plus what the sockets hold.
            assertTrue(executed * BIG_VALUE.length() < 64L << 20,
                    executed + " GETs of 10 KB were run for a client that reads nothing");
            assertTrue(sent - executed > 10_000,
                    "the unread requests wait in the kernel, not in the server: sent " + sent + ", run " + executed);
        } finally {
            reader.close();
            writer.join(TestServer.WAIT_MILLIS);
        }
        server.awaitOpenConnections(1);
        goodClientStillServed("q");
    }
}
