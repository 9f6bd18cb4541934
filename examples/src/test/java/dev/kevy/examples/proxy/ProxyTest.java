package dev.kevy.examples.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.RuntimeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The proxy example in front of a real redis-server: Jedis and redis-cli see Redis's answers, byte
 * for byte, through it; a dead upstream gives clear errors and the proxy reconnects.
 */
class ProxyTest {

    private static KevyRuntime proxy(int upstreamPort, int shards) {
        return KevyRuntime.start(RuntimeConfig.builder().shards(shards).build(),
                ProxyExample.listener("127.0.0.1", 0, InetAddress.getLoopbackAddress(), upstreamPort));
    }

    /** Sends raw bytes and reads exactly as many bytes as {@code expected} has. */
    private static String raw(int port, String request, int replyBytes) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readNBytes(replyBytes), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The same requests to two fresh Redis servers, one directly and one through the proxy: the
     * bytes back are the same, request by request.
     */
    @Test
    void repliesAreRedisBytesUnchangedErrorsAndNestingIncluded() throws Exception {
        assumeTrue(Upstream.installed(), "redis-server is not installed");
        try (Upstream reference = Upstream.start(); Upstream redis = Upstream.start();
             KevyRuntime rt = proxy(redis.port, 2)) {
            String[] requests = {
                "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n",
                "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
                "*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n",                       // an error reply
                "*3\r\n$4\r\nMGET\r\n$1\r\nk\r\n$7\r\nmissing\r\n",       // an array with a nil
                "*4\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\na\r\n$1\r\nb\r\n",
                "*4\r\n$6\r\nLRANGE\r\n$1\r\nl\r\n$1\r\n0\r\n$2\r\n-1\r\n",
                "*3\r\n$7\r\nCOMMAND\r\n$4\r\nINFO\r\n$3\r\nGET\r\n",     // nested arrays
                "PING\r\n",                                               // inline, re-encoded
            };
            for (String request : requests) {
                String direct = throughRedis(reference.port, request);
                assertEquals(direct, raw(rt.port(), request, direct.length()), "for " + request.replace("\r\n", " "));
            }
        }
    }

    /** Reads Redis's own reply (it arrives in one piece on loopback for these small requests). */
    private static String throughRedis(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    s.setSoTimeout(200); // the rest, if any, follows at once
                }
            } catch (java.net.SocketTimeoutException done) {
                // nothing more: the reply is complete
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void jedisPipelinesThroughTheProxy() throws Exception {
        assumeTrue(Upstream.installed(), "redis-server is not installed");
        try (Upstream redis = Upstream.start(); KevyRuntime rt = proxy(redis.port, 2);
             Jedis jedis = new Jedis("127.0.0.1", rt.port())) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 1_000; i++) {
                p.set("key:" + i, "value:" + i);
            }
            Response<List<String>> values = p.mget("key:0", "key:999", "nope");
            Response<Long> counter = p.incrBy("counter", 5);
            p.sync();
            assertEquals(java.util.Arrays.asList("value:0", "value:999", null), values.get());
            assertEquals(5L, counter.get());
            String big = "x".repeat(1 << 20);
            assertEquals("OK", jedis.set("big", big));
            assertEquals(big, jedis.get("big"), "a 1 MiB value crosses both ways");
            JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.incr("key:1"));
            assertEquals("ERR value is not an integer or out of range", e.getMessage());
            JedisDataException refused = assertThrows(JedisDataException.class, () -> jedis.select(1));
            assertEquals("ERR SELECT is not supported by this proxy: clients share one upstream connection",
                    refused.getMessage());
        }
    }

    @Test
    void redisCliWorksThroughTheProxy() throws Exception {
        assumeTrue(Upstream.installed() && new java.io.File("/usr/bin/redis-cli").canExecute(), "redis-cli is missing");
        try (Upstream redis = Upstream.start(); KevyRuntime rt = proxy(redis.port, 1)) {
            assertEquals("OK\n", cli(rt.port(), "SET", "greeting", "hi there"));
            assertEquals("hi there\n", cli(rt.port(), "GET", "greeting"));
            assertEquals("hi there\n", cli(redis.port, "GET", "greeting"), "it reached the real server");
        }
    }

    private static String cli(int port, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/redis-cli", "-p", String.valueOf(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void aDeadUpstreamGivesErrorsAndTheProxyReconnects() throws Exception {
        assumeTrue(Upstream.installed(), "redis-server is not installed");
        Upstream redis = Upstream.start();
        int port = redis.port;
        try (KevyRuntime rt = proxy(port, 1)) {
            assertEquals("+PONG\r\n", raw(rt.port(), "PING\r\n", 7));
            redis.close();
            String unavailable = "-ERR upstream unavailable\r\n";
            String closed = "-ERR upstream closed the connection\r\n";
            String reply = raw(rt.port(), "PING\r\n", unavailable.length());
            // The request either found the upstream gone, or was in flight when it went.
            assertEquals(true, reply.equals(unavailable) || (closed.startsWith(reply) && reply.length() == unavailable.length()),
                    reply);
            try (Upstream again = Upstream.startOn(port)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String pong;
                do { // the proxy retries every 100 ms
                    pong = raw(rt.port(), "PING\r\n", 7);
                } while (!pong.equals("+PONG\r\n") && System.nanoTime() < deadline);
                assertEquals("+PONG\r\n", pong, "the proxy reconnected");
            }
        }
    }
}
