package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import dev.kevy.sys.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand clients connected at once to a two-shard server: every one is served, and a
 * separate client is answered promptly meanwhile. The server runs in a child JVM so that this
 * JVM's descriptor limit only has to cover the client ends.
 */
class TenThousandConnectionsTest {

    private static final int CLIENTS = 10_000;
    private static final byte[] PING = Wire.bytes("*1\r\n$4\r\nPING\r\n");
    private static final byte[] PONG = Wire.bytes("+PONG\r\n");
    /** Far above one loop iteration over 10k ready sockets on a shared two-core machine, far below a stall. */
    private static final long PROMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    @Test
    void tenThousandConcurrentClientsAreServedAndOthersStayPrompt() throws IOException {
        long soft = Limits.raiseOpenFiles(CLIENTS + 1_000);
        assumeTrue(soft >= CLIENTS + 500, "this JVM may open only " + soft + " files (hard limit "
                + Limits.openFilesHard() + "); 10k client sockets need about 10,500");
        assumeTrue(Limits.openFilesHard() >= CLIENTS + 200, "the child server could not hold 10k clients");
        try (ServerProcess server = ServerProcess.start("--shards", "2", "--maxclients", "19000");
             Selector selector = Selector.open();
             Wire probe = new Wire(server.port())) {
            SocketChannel[] clients = new SocketChannel[CLIENTS];
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ, new Reply(i));
                    clients[i] = ch;
                }
                Kevy.awaitValue("connected_clients", () -> connectedClients(probe), CLIENTS + 1);
                for (int round = 0; round < 2; round++) {
                    pingAll(clients);
                    long slowestProbe = 0;
                    int answered = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (answered < CLIENTS) {
                        assertTrue(System.nanoTime() < deadline, answered + " of " + CLIENTS + " PONGs in 30 s");
                        long t0 = System.nanoTime();
                        assertEquals("+PONG\r\n", probe.callText("PING"));
                        slowestProbe = Math.max(slowestProbe, System.nanoTime() - t0);
                        answered += readReplies(selector, round);
                    }
                    System.out.printf("10k clients, round %d: slowest probe PING %.2f ms%n", round, slowestProbe / 1e6);
                    assertTrue(slowestProbe < PROMPT_NANOS, "a separate client waited "
                            + slowestProbe / 1_000_000 + " ms for PONG while 10k clients were served");
                }
                assertEquals("+OK\r\n", probe.callText("SET", "still", "serving"));
                assertEquals("$7\r\nserving\r\n", probe.callText("GET", "still"));
            } finally {
                for (SocketChannel ch : clients) {
                    if (ch != null) {
                        ch.close();
                    }
                }
            }
            Kevy.awaitValue("connected_clients after closing", () -> connectedClients(probe), 1);
        }
    }

    private static long connectedClients(Wire probe) {
        String info = Wire.text(probe.call("INFO", "clients"));
        int at = info.indexOf("connected_clients:");
        return Long.parseLong(info.substring(at + 18, info.indexOf('\r', at)));
    }

    private static void pingAll(SocketChannel[] clients) throws IOException {
        for (SocketChannel ch : clients) {
            ByteBuffer b = ByteBuffer.wrap(PING);
            while (b.hasRemaining()) { // 14 bytes into an empty socket buffer: one write
                ch.write(b);
            }
        }
    }

    /** Reads what is ready; returns how many clients completed their PONG of {@code round}. */
    private static int readReplies(Selector selector, int round) throws IOException {
        int done = 0;
        selector.select(10);
        for (SelectionKey key : selector.selectedKeys()) {
            Reply r = (Reply) key.attachment();
            SocketChannel ch = (SocketChannel) key.channel();
            int n = ch.read(r.buffer);
            if (n < 0) {
                throw new AssertionError("client " + r.index + " was disconnected");
            }
            if (!r.buffer.hasRemaining()) {
                assertEquals(Wire.text(PONG), Wire.text(r.buffer.array()), "client " + r.index + " round " + round);
                r.buffer.clear();
                done++;
            }
        }
        selector.selectedKeys().clear();
        return done;
    }

    /** One client's reply bytes so far. */
    private static final class Reply {
        final int index;
        final ByteBuffer buffer = ByteBuffer.allocate(PONG.length);

        Reply(int index) {
            this.index = index;
        }
    }
}
