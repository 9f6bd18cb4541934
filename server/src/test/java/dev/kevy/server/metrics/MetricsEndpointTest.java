package dev.kevy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.http.HttpCodec;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespLimits;
import dev.kevy.server.KevyServer;
import dev.kevy.server.LiveSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint is a second listener of the server's runtime: the same shards answer
 * Redis on one port and HTTP on the other. Scraped over a raw socket, so every byte is checked.
 */
class MetricsEndpointTest {

    private static final int SHARDS = 2;
    private static final Pattern SAMPLE = Pattern.compile("^(kevy_[a-z_]+)\\{shard=\"(\\d+)\"} (\\d+)$",
            Pattern.MULTILINE);

    private static KevyRuntime start() {
        RuntimeConfig config = RuntimeConfig.builder().shards(SHARDS).build();
        LiveSettings settings = LiveSettings.of(config, "127.0.0.1", 0, RespLimits.DEFAULT_MAX_BULK_LENGTH, null, 0);
        KevyServer server = new KevyServer(settings);
        return KevyRuntime.start(config,
                Listener.tcp("127.0.0.1", 0, new RespCodec(), server),
                Listener.tcp("127.0.0.1", 0, new HttpCodec(), new Metrics(server.gauges())));
    }

    /** Sends {@code request} and reads until the server closes (every request here ends with close). */
    private static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            return all.toString(StandardCharsets.US_ASCII);
        }
    }

    private static String scrape(int port) throws IOException {
        return exchange(port, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    /** metric name -> per-shard values, from a page's samples. */
    private static Map<String, long[]> samples(String page) {
        Map<String, long[]> out = new TreeMap<>();
        Matcher m = SAMPLE.matcher(page);
        while (m.find()) {
            out.computeIfAbsent(m.group(1), k -> new long[SHARDS])[Integer.parseInt(m.group(2))] =
                    Long.parseLong(m.group(3));
        }
        return out;
    }

    private static void setKeys(int port, int count) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < count; i++) {
                String key = "key:" + i;
                pipeline.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                        .append("\r\n$1\r\nv\r\n");
            }
            s.getOutputStream().write(pipeline.toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertEquals("+OK\r\n".repeat(count), new String(in.readNBytes(5 * count), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theSameShardsServeRedisAndAPrometheusPageWithEveryShardsFigures() throws Exception {
        try (KevyRuntime rt = start()) {
            setKeys(rt.port(0), 100);
            long deadline = System.nanoTime() + 20_000_000_000L;
            Map<String, long[]> figures;
            String response;
            do { // key counts and counters are published on each shard's tick
                response = scrape(rt.port(1));
                figures = samples(response);
            } while ((figures.get("kevy_keys")[0] + figures.get("kevy_keys")[1] != 100
                    || figures.get("kevy_commands_total")[0] + figures.get("kevy_commands_total")[1] < 100)
                    && System.nanoTime() < deadline);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), response);
            assertTrue(response.contains("\r\nConnection: close\r\n"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            String length = response.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1");
            assertEquals(body.length(), Integer.parseInt(length), "Content-Length is the page's length");
            assertEquals(100, figures.get("kevy_keys")[0] + figures.get("kevy_keys")[1], body);
            assertTrue(figures.get("kevy_keys")[0] > 0 && figures.get("kevy_keys")[1] > 0, "both shards own keys");
            assertTrue(body.contains("# TYPE kevy_commands_total counter\n"), body);
            assertTrue(body.contains("# TYPE kevy_connections gauge\n"), body);
            for (String name : new String[] {"kevy_commands_total", "kevy_connections", "kevy_bytes_read_total",
                "kevy_bytes_written_total", "kevy_parks_total", "kevy_ring_outbound_bytes", "kevy_keys"}) {
                assertTrue(figures.containsKey(name), name + " has a sample per shard: " + body);
            }
            assertTrue(figures.get("kevy_bytes_read_total")[0] + figures.get("kevy_bytes_read_total")[1] > 0, body);
        }
    }

    @Test
    void otherPathsAndMethodsAreRefusedAndKeepAliveServesSeveralScrapes() throws Exception {
        try (KevyRuntime rt = start()) {
            String notFound = exchange(rt.port(1), "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals("HTTP/1.1 404 Not Found\r\nServer: kevy\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Connection: close\r\nContent-Length: 24\r\n\r\nnot found: try /metrics\n", notFound);
            String post = exchange(rt.port(1), "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertTrue(post.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), post);
            assertTrue(post.contains("\r\nAllow: GET, HEAD\r\n"), post);
            // Two scrapes pipelined on one connection, the second closing it: two 200s in order.
            String two = exchange(rt.port(1), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(2, two.split("HTTP/1.1 200 OK\r\n", -1).length - 1, two);
            assertTrue(two.endsWith("\r\n\r\n"), "HEAD has no body: " + two);
        }
    }
}
