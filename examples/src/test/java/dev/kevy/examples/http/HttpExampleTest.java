package dev.kevy.examples.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.http.HttpCodec;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example over real sockets, started in-process on a free port with two shards. */
class HttpExampleTest {
    static final String PLAINTEXT = "HTTP/1.1 200 OK\r\nServer: kevy\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 13\r\n\r\nHello, World!";
    static final String JSON = "HTTP/1.1 200 OK\r\nServer: kevy\r\nDate: <date>\r\nContent-Type: application/json\r\n"
            + "Content-Length: 27\r\n\r\n{\"message\":\"Hello, World!\"}";
    private static final String GET_PLAINTEXT = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final String GET_JSON = "GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private static KevyRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = KevyRuntime.start(RuntimeConfig.builder().shards(2).build(),
                Listener.tcp("127.0.0.1", 0, new HttpCodec(), new HttpService()));
    }

    @AfterAll
    static void stop() {
        runtime.stop();
        assertEquals(null, runtime.failure());
    }

    private static HttpTestClient client() {
        return new HttpTestClient(runtime.port());
    }

    private static String echoRequest(String body) {
        return "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String echoResponse(String body) {
        return "HTTP/1.1 200 OK\r\nServer: kevy\r\nDate: <date>\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void plaintextAndJsonAnswerExactly() {
        try (HttpTestClient c = client()) {
            assertEquals(PLAINTEXT, HttpTestClient.masked(c.send(GET_PLAINTEXT).response()));
            assertEquals(JSON, HttpTestClient.masked(c.send(GET_JSON).response()));
            assertEquals(JSON, HttpTestClient.masked(c.send("GET /json?x=1 HTTP/1.1\r\nHost: h\r\n\r\n").response()));
        }
    }

    @Test
    void headGetsTheHeadersOfGetWithoutTheBody() {
        try (HttpTestClient c = client()) {
            String head = HttpTestClient.masked(c.send("HEAD /json HTTP/1.1\r\nHost: h\r\n\r\n").headResponse());
            assertEquals(JSON.substring(0, JSON.indexOf("{")), head);
            assertEquals(PLAINTEXT, HttpTestClient.masked(c.send(GET_PLAINTEXT).response()), "nothing extra was sent");
        }
    }

    @Test
    void otherPathsAre404AndOtherMethods405WithAllow() {
        try (HttpTestClient c = client()) {
            assertEquals("HTTP/1.1 404 Not Found\r\nServer: kevy\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 14\r\n\r\n404 Not Found\n",
                    HttpTestClient.masked(c.send("GET /plaintext/ HTTP/1.1\r\nHost: h\r\n\r\n").response()));
            assertEquals("HTTP/1.1 405 Method Not Allowed\r\nServer: kevy\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                    + "Allow: GET, HEAD\r\nContent-Length: 23\r\n\r\n405 Method Not Allowed\n",
                    HttpTestClient.masked(c.send("DELETE /json HTTP/1.1\r\nHost: h\r\n\r\n").response()));
            assertEquals("HTTP/1.1 405 Method Not Allowed\r\nServer: kevy\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                    + "Allow: POST\r\nContent-Length: 23\r\n\r\n405 Method Not Allowed\n",
                    HttpTestClient.masked(c.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").response()));
            assertEquals(PLAINTEXT, HttpTestClient.masked(c.send(GET_PLAINTEXT).response()), "still open");
        }
    }

    @Test
    void manyRequestsShareOneKeptAliveConnection() {
        try (HttpTestClient c = client()) {
            for (int i = 0; i < 2_000; i++) {
                String expected = i % 2 == 0 ? PLAINTEXT : JSON;
                assertEquals(expected, HttpTestClient.masked(c.send(i % 2 == 0 ? GET_PLAINTEXT : GET_JSON).response()),
                        "request " + i);
            }
        }
    }

    @Test
    void sixteenPipelinedRequestsInOneWriteGetSixteenResponsesInOrder() {
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            pipeline.append(switch (i % 4) {
                case 0 -> GET_PLAINTEXT;
                case 1 -> GET_JSON;
                default -> echoRequest("request " + i);
            });
        }
        try (HttpTestClient c = client()) {
            c.send(pipeline.toString());
            for (int i = 0; i < 16; i++) {
                String expected = switch (i % 4) {
                    case 0 -> PLAINTEXT;
                    case 1 -> JSON;
                    default -> echoResponse("request " + i);
                };
                assertEquals(expected, HttpTestClient.masked(c.response()), "response " + i);
            }
        }
    }

    @Test
    void aMegabyteEchoBodySentInOddChunksComesBackWhole() throws Exception {
        byte[] body = new byte[1 << 20];
        new Random(42).nextBytes(body);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(ISO_8859_1));
        request.writeBytes(body);
        byte[] bytes = request.toByteArray();
        int[] chunks = {1, 7, 33, 4093, 65_537, 3, 131_071};
        try (HttpTestClient c = client()) {
            for (int at = 0, k = 0; at < bytes.length; k++) {
                int n = Math.min(chunks[k % chunks.length], bytes.length - at);
                byte[] chunk = new byte[n];
                System.arraycopy(bytes, at, chunk, 0, n);
                c.send(chunk);
                at += n;
                if (k % 5 == 4) {
                    Thread.sleep(1); // let some chunks arrive as reads of their own
                }
            }
            String response = c.response();
            String head = "HTTP/1.1 200 OK\r\nServer: kevy\r\nDate: <date>\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 1048576\r\n\r\n";
            int bodyStart = response.indexOf("\r\n\r\n") + 4;
            assertEquals(head, HttpTestClient.masked(response.substring(0, bodyStart)));
            assertArrayEquals(body, response.substring(bodyStart).getBytes(ISO_8859_1));
            assertEquals(PLAINTEXT, HttpTestClient.masked(c.send(GET_PLAINTEXT).response()), "still serving");
        }
    }

    @Test
    void aMalformedRequestGets400AfterTheEarlierResponsesThenTheConnectionCloses() {
        try (HttpTestClient c = client()) {
            c.send(GET_PLAINTEXT + "GET  /json HTTP/1.1\r\nHost: h\r\n\r\n" + GET_JSON);
            assertEquals(PLAINTEXT, HttpTestClient.masked(c.response()));
            assertEquals("HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n"
                    + "Connection: close\r\n\r\n400 Bad Request: malformed request line\n", HttpTestClient.masked(c.response()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void anOversizedHeaderGets431AndTheConnectionCloses() {
        try (HttpTestClient c = client()) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\nCookie: " + "c".repeat(10_000) + "\r\n\r\n");
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 70\r\nConnection: close\r\n\r\n"
                    + "431 Request Header Fields Too Large: request head over the size limit\n",
                    HttpTestClient.masked(c.response()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void http2Gets505AndClose() {
        try (HttpTestClient c = client()) {
            c.send("GET /plaintext HTTP/2.0\r\nHost: h\r\n\r\n");
            assertEquals("HTTP/1.1 505 HTTP Version Not Supported\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 59\r\nConnection: close\r\n\r\n"
                    + "505 HTTP Version Not Supported: only HTTP/1.0 and HTTP/1.1\n", HttpTestClient.masked(c.response()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aChunkedBodyGets501AndClose() {
        try (HttpTestClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
            assertEquals("HTTP/1.1 501 Not Implemented\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 53\r\n"
                    + "Connection: close\r\n\r\n501 Not Implemented: Transfer-Encoding not supported\n",
                    HttpTestClient.masked(c.response()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void connectionCloseIsHonouredAfterTheResponse() {
        try (HttpTestClient c = client()) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertEquals(PLAINTEXT.replace("Content-Length", "Connection: close\r\nContent-Length"),
                    HttpTestClient.masked(c.response()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() {
        try (HttpTestClient c = client()) {
            c.send("GET /json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals(JSON.replace("Content-Length", "Connection: keep-alive\r\nContent-Length"),
                    HttpTestClient.masked(c.response()));
            c.send("GET /json HTTP/1.0\r\n\r\n");
            assertEquals(JSON.replace("Content-Length", "Connection: close\r\nContent-Length"),
                    HttpTestClient.masked(c.response()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aPostWithoutLengthGets411() {
        try (HttpTestClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("HTTP/1.1 411 Length Required\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 45\r\nConnection: close\r\n\r\n411 Length Required: Content-Length required\n",
                    HttpTestClient.masked(c.response()));
            assertTrue(c.closedByServer());
        }
    }
}
