package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kevy.io.ShardStats;
import dev.kevy.io.resp.RespLimits;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * {@code KevyRuntime.stop()} is graceful (DESIGN.md, KevyRuntime): it stops reading, sends every
 * reply to what was read, closes each connection once its replies are out, and returns with the
 * port free for the next server.
 */
class ShutdownTest {

    private static final int CLIENTS = 4;
    private static final int PIPELINE = 1_000;
    private static final String VALUE = "r".repeat(4_000);

    @Test
    void stopAnswersEveryCommandItReadThenClosesAndFreesThePort() throws Exception {
        // The pause threshold is raised so the server reads each whole pipeline even though the
        // clients read nothing until the stop: every command is in flight when stop() begins.
        TestServer server = TestServer.start(2, b -> b.outputPauseBytes(256L << 20));
        int port = server.port();
        String[] keys = {ShardKeys.on(0, 2, "sd:", 1)[0], ShardKeys.on(1, 2, "sd:", 1)[0]};
        RawClient[] clients = new RawClient[CLIENTS];
        Thread stopper = null;
        Throwable[] stopFailure = new Throwable[1];
        try {
            try (RawClient setup = new RawClient(port)) {
                setup.call(Resp.ok(), "MSET", keys[0], VALUE, keys[1], VALUE);
            }
            server.awaitOpenConnections(0);
            long commandsBefore = 1; // the MSET
            server.awaitStat(ShardStats.COMMANDS, commandsBefore);
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            for (int i = 0; i < PIPELINE; i++) {
                Resp.appendCommand(pipeline, "GET", keys[i % 2]); // half run here, half on the other shard
                replies.writeBytes(Resp.bulk(VALUE));
            }
            for (int c = 0; c < CLIENTS; c++) {
                clients[c] = new RawClient(port);
                clients[c].send(pipeline.toByteArray());
            }
            // Every command has been read and run (4 MB of replies per client wait unsent).
            server.awaitStat(ShardStats.COMMANDS, commandsBefore + (long) CLIENTS * PIPELINE);

            stopper = new Thread(() -> {
                try {
                    server.close();
                } catch (Throwable t) {
                    stopFailure[0] = t;
                }
            }, "stopper");
            stopper.start();
            for (RawClient c : clients) {
                c.expect(replies.toByteArray());
                assertArrayEquals(new byte[0], c.readToEnd(), "the connection ends right after the last reply");
            }
            stopper.join(TestServer.WAIT_MILLIS);
            assertFalse(stopper.isAlive(), "stop() returned");
            assertNull(stopFailure[0], "stop() and the shards ended cleanly");
        } finally {
            for (RawClient c : clients) {
                if (c != null) {
                    c.close();
                }
            }
            if (stopper == null) {
                server.close();
            }
        }
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is free once stop() has returned");
        }
    }

    @Test
    void stopOfAnIdleServerReturnsAndItsPortCanBeServedAgain() {
        TestServer first = TestServer.start(3);
        int port = first.port();
        try (RawClient c = new RawClient(port)) {
            c.call(Resp.pong(), "PING");
            first.close();
            assertArrayEquals(new byte[0], c.readToEnd(), "an idle client is closed cleanly");
        }
        try (TestServer second = TestServer.start(3, port, RespLimits.DEFAULTS, b -> b); RawClient c = new RawClient(port)) {
            c.call(Resp.pong(), "PING");
        }
    }
}
