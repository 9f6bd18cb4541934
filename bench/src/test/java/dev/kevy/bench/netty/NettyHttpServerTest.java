package dev.kevy.bench.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.DateFormatter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NettyHttpServerTest {

    private static final String PLAINTEXT = "HTTP/1.1 200 OK\r\nserver: netty\r\ndate: %s\r\n"
            + "content-type: text/plain\r\ncontent-length: 13\r\n\r\nHello, World!";
    private static final String JSON = "HTTP/1.1 200 OK\r\nserver: netty\r\ndate: %s\r\n"
            + "content-type: application/json\r\ncontent-length: 27\r\n\r\n{\"message\":\"Hello, World!\"}";
    private static final String NOT_FOUND = "HTTP/1.1 404 Not Found\r\nserver: netty\r\ndate: %s\r\ncontent-length: 0\r\n\r\n";

    /** One response as sent: the head and body exactly, and the Date value to fill into the expectation. */
    private record Response(String text, String date) { }

    /** Reads one response framed by its Content-Length; null at end of stream before any byte. */
    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            if ((b = in.read()) < 0) {
                return head.size() == 0 ? null : new Response(head.toString(StandardCharsets.US_ASCII), null);
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        String date = null;
        for (String line : headText.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase();
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("date")) {
                date = value;
            }
        }
        byte[] body = in.readNBytes(length);
        return new Response(headText + new String(body, StandardCharsets.UTF_8), date);
    }

    /** Writes {@code request} in one write and reads {@code count} responses. */
    private static List<Response> exchange(int port, String request, int count) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            List<Response> responses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                responses.add(read(in));
            }
            return responses;
        }
    }

    private static void assertResponse(String template, Response actual) {
        assertNotNull(actual, "no response");
        assertNotNull(actual.date(), "no Date header in " + actual.text());
        assertNotNull(DateFormatter.parseHttpDate(actual.date()), "Date is not an HTTP date: " + actual.date());
        assertEquals(template.formatted(actual.date()), actual.text());
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    @ParameterizedTest(name = "aggregator {0}")
    @ValueSource(booleans = {true, false})
    void servesPlaintextAndJsonWithTheirExactHeadersAndBody(boolean aggregate) throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start("127.0.0.1", 0, 1, aggregate)) {
            assertResponse(PLAINTEXT, exchange(server.port(), get("/plaintext"), 1).getFirst());
            assertResponse(JSON, exchange(server.port(), get("/json"), 1).getFirst());
        }
    }

    @ParameterizedTest(name = "aggregator {0}")
    @ValueSource(booleans = {true, false})
    void answersThreePipelinedRequestsInOrderIncluding404(boolean aggregate) throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start("127.0.0.1", 0, 1, aggregate)) {
            List<Response> r = exchange(server.port(), get("/json") + get("/nope") + get("/plaintext"), 3);
            assertResponse(JSON, r.get(0));
            assertResponse(NOT_FOUND, r.get(1));
            assertResponse(PLAINTEXT, r.get(2));
        }
    }

    @ParameterizedTest(name = "aggregator {0}")
    @ValueSource(booleans = {true, false})
    void keepsTheConnectionAcrossRequestsAndClosesItOnConnectionClose(boolean aggregate) throws Exception {
        try (NettyHttpServer server = NettyHttpServer.start("127.0.0.1", 0, 1, aggregate);
                Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            s.getOutputStream().write(get("/plaintext").getBytes(StandardCharsets.US_ASCII));
            assertResponse(PLAINTEXT, read(in));
            s.getOutputStream().write("POST /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
                    .getBytes(StandardCharsets.US_ASCII));
            Response last = read(in);
            assertResponse(NOT_FOUND.replace("content-length: 0\r\n", "content-length: 0\r\nconnection: close\r\n"), last);
            assertTrue(in.read() < 0, "the server closes after Connection: close");
        }
    }
}
