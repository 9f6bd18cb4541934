package dev.kevy.io.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The accessors over a decoded request: header lookup, persistence, path, body. */
class HttpRequestTest {

    private static Request decode(String text) {
        byte[] bytes = text.getBytes(ISO_8859_1);
        Request request = new Request();
        int r = new HttpCodec().newDecoder().decode(MemorySegment.ofArray(bytes), 0, bytes.length, request);
        assertEquals(Decoder.REQUEST, r, text);
        return request;
    }

    @Test
    void headersAreFoundIgnoringCaseFirstOneWins() {
        Request r = decode("GET / HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nX-A: 1\r\nx-a: 2\r\n\r\n");
        assertEquals(4, HttpRequest.headerCount(r));
        assertEquals(HttpRequest.valueField(1), HttpRequest.header(r, "content-type"));
        assertEquals(HttpRequest.valueField(1), HttpRequest.header(r, "CONTENT-TYPE".getBytes(ISO_8859_1)));
        assertEquals("1", r.toString(HttpRequest.header(r, "X-A")));
        assertEquals(-1, HttpRequest.header(r, "content-length"));
        assertEquals("Content-Type", r.toString(HttpRequest.nameField(1)));
    }

    @Test
    void http11KeepsAliveUnlessConnectionListsClose() {
        assertTrue(HttpRequest.keepAlive(decode("GET / HTTP/1.1\r\nHost: h\r\n\r\n")));
        assertTrue(HttpRequest.keepAlive(decode("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n")));
        assertFalse(HttpRequest.keepAlive(decode("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")));
        assertFalse(HttpRequest.keepAlive(decode("GET / HTTP/1.1\r\nHost: h\r\nconnection: Upgrade, CLOSE\r\n\r\n")));
        assertFalse(HttpRequest.keepAlive(decode("GET / HTTP/1.1\r\nHost: h\r\nConnection: te\r\nConnection: close\r\n\r\n")));
        assertTrue(HttpRequest.keepAlive(decode("GET / HTTP/1.1\r\nHost: h\r\nConnection: closed\r\n\r\n")));
        assertFalse(HttpRequest.isHttp10(decode("GET / HTTP/1.1\r\nHost: h\r\n\r\n")));
    }

    @Test
    void http10KeepsAliveOnlyWhenAsked() {
        assertFalse(HttpRequest.keepAlive(decode("GET / HTTP/1.0\r\n\r\n")));
        assertTrue(HttpRequest.keepAlive(decode("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")));
        assertTrue(HttpRequest.keepAlive(decode("GET / HTTP/1.0\r\nConnection: foo ,\t keep-alive \r\n\r\n")));
        assertFalse(HttpRequest.keepAlive(decode("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n")));
        assertTrue(HttpRequest.isHttp10(decode("GET / HTTP/1.0\r\n\r\n")));
    }

    @Test
    void listsAreSplitOnCommasAndTrimmed() {
        Request r = decode("GET / HTTP/1.1\r\nHost: h\r\nX: ,a, b ,,\tc\t,\r\n\r\n");
        int x = HttpRequest.header(r, "x");
        assertTrue(HttpRequest.listContains(r, x, "a"));
        assertTrue(HttpRequest.listContains(r, x, "B"));
        assertTrue(HttpRequest.listContains(r, x, "c"));
        assertTrue(HttpRequest.listContains(r, x, ""), "empty elements are elements");
        assertFalse(HttpRequest.listContains(r, x, "a, b"));
    }

    @Test
    void thePathIgnoresTheQuery() {
        byte[] json = "/json".getBytes(ISO_8859_1);
        assertTrue(HttpRequest.pathEquals(decode("GET /json HTTP/1.1\r\nHost: h\r\n\r\n"), json));
        assertTrue(HttpRequest.pathEquals(decode("GET /json?pretty=1 HTTP/1.1\r\nHost: h\r\n\r\n"), json));
        assertTrue(HttpRequest.pathEquals(decode("GET /json? HTTP/1.1\r\nHost: h\r\n\r\n"), json));
        assertFalse(HttpRequest.pathEquals(decode("GET /jsonp HTTP/1.1\r\nHost: h\r\n\r\n"), json));
        assertFalse(HttpRequest.pathEquals(decode("GET /jso HTTP/1.1\r\nHost: h\r\n\r\n"), json));
        assertFalse(HttpRequest.pathEquals(decode("GET /JSON HTTP/1.1\r\nHost: h\r\n\r\n"), json));
        assertEquals(5, HttpRequest.pathLength(decode("GET /json?a HTTP/1.1\r\nHost: h\r\n\r\n")));
        assertEquals(3, HttpRequest.pathLength(decode("GET /ab HTTP/1.1\r\nHost: h\r\n\r\n")));
    }

    @Test
    void methodsAreCaseSensitiveAndTheBodyIsItsLength() {
        Request r = decode("POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
        assertTrue(HttpRequest.methodIs(r, "POST".getBytes(ISO_8859_1)));
        assertFalse(HttpRequest.methodIs(r, "post".getBytes(ISO_8859_1)));
        assertEquals(3, HttpRequest.bodyLength(r));
        assertEquals(HttpRequest.FIRST_HEADER + 4, r.argc());
    }
}
