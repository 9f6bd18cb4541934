package dev.kevy.examples.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.examples.ShardAllocations;
import dev.kevy.io.KevyRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Once warm, the proxy's shard threads allocate nothing per request: each pipelined SET and GET is
 * re-encoded into the upstream connection, deferred, and completed by the upstream's frame, on
 * both shards, and the round leaves every shard thread's allocation count where it was.
 */
class ProxyZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int PIPELINE = 32;
    private static final int BATCHES_PER_ROUND = 200;
    private static final int MAX_ROUNDS = 60;

    @Test
    void proxiedRequestsAllocateNothingOnShardThreads() throws Exception {
        assumeTrue(Upstream.installed(), "redis-server is not installed");
        Set<Thread> others = ShardAllocations.alive();
        try (Upstream redis = Upstream.start();
             KevyRuntime rt = KevyRuntime.start(ShardAllocations.neverParking(SHARDS),
                     ProxyExample.listener("127.0.0.1", 0, InetAddress.getLoopbackAddress(), redis.port))) {
            ShardAllocations shards = ShardAllocations.startedAfter(others, SHARDS);
            StringBuilder requests = new StringBuilder();
            StringBuilder replies = new StringBuilder();
            for (int i = 0; i < PIPELINE / 2; i++) {
                String key = "k" + i;
                requests.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                        .append("\r\n$5\r\nvalue\r\n*2\r\n$3\r\nGET\r\n$").append(key.length()).append("\r\n")
                        .append(key).append("\r\n");
                replies.append("+OK\r\n$5\r\nvalue\r\n");
            }
            byte[] batch = requests.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] expected = replies.toString().getBytes(StandardCharsets.US_ASCII);
            Socket[] clients = new Socket[4]; // enough that the kernel deals some to each shard
            for (int c = 0; c < clients.length; c++) {
                clients[c] = new Socket(InetAddress.getLoopbackAddress(), rt.port());
                clients[c].setSoTimeout(30_000);
                clients[c].setTcpNoDelay(true);
            }
            try {
                ShardAllocations.Measurement m = shards.untilARoundAllocatesNothing(MAX_ROUNDS, () -> {
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        Socket s = clients[b % clients.length];
                        OutputStream out = s.getOutputStream();
                        out.write(batch);
                        InputStream in = s.getInputStream();
                        byte[] got = in.readNBytes(expected.length);
                        if (!Arrays.equals(expected, got)) {
                            throw new AssertionError("replies: " + new String(got, StandardCharsets.US_ASCII));
                        }
                    }
                });
                System.out.println("proxy: last round's shard allocations " + Arrays.toString(m.lastRound())
                        + " after " + m.rounds() + " rounds");
                assertArrayEquals(new long[SHARDS], m.lastRound(), "bytes each shard thread allocated in the last round");
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
        }
    }
}
