package dev.kevy.io.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal, byte for byte: status line, a current {@code Date}, the fixed headers with
 * {@code Connection: close}, and a body naming the problem; {@code writeError} always closes.
 */
class HttpErrorResponseTest {
    private static final String DATE_PATTERN = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    private final BufferPool pool = new BufferPool(256, 64 * 1024, 64 * 1024);
    private final OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);

    @AfterEach
    void releaseEverything() {
        out.release();
        pool.close();
    }

    /** One request per error; the response bytes, Date value masked as {@code <date>}. */
    private static final Map<HttpError, String[]> CASES = new LinkedHashMap<>();

    private static void expect(HttpError error, String request, String response) {
        CASES.put(error, new String[] {request, response});
    }

    static {
        String h = "Host: h\r\n";
        expect(HttpError.MALFORMED_REQUEST_LINE, "GET  / HTTP/1.1\r\n" + h + "\r\n",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: malformed request line\n");
        expect(HttpError.BARE_LF, "GET / HTTP/1.1\r\nHost: h\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 33\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: bare LF in head\n");
        expect(HttpError.MALFORMED_HEADER, "GET / HTTP/1.1\r\nHost : h\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: malformed header field\n");
        expect(HttpError.OBSOLETE_LINE_FOLDING, "GET / HTTP/1.1\r\n" + h + "X: a\r\n b\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 39\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: obsolete line folding\n");
        expect(HttpError.MISSING_HOST, "GET / HTTP/1.1\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 37\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: missing Host header\n");
        expect(HttpError.REPEATED_HOST, "GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 43\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: more than one Host header\n");
        expect(HttpError.INVALID_CONTENT_LENGTH, "POST / HTTP/1.1\r\n" + h + "Content-Length: -1\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: invalid Content-Length\n");
        expect(HttpError.CONFLICTING_CONTENT_LENGTH,
                "POST / HTTP/1.1\r\n" + h + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxy",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 52\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: conflicting Content-Length headers\n");
        expect(HttpError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
                "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc",
                "HTTP/1.1 400 Bad Request\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 55\r\n"
                        + "Connection: close\r\n\r\n400 Bad Request: Content-Length with Transfer-Encoding\n");
        expect(HttpError.LENGTH_REQUIRED, "POST /echo HTTP/1.1\r\n" + h + "\r\n",
                "HTTP/1.1 411 Length Required\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 45\r\n"
                        + "Connection: close\r\n\r\n411 Length Required: Content-Length required\n");
        expect(HttpError.CONTENT_TOO_LARGE, "PUT / HTTP/1.1\r\n" + h + "Content-Length: 1048577\r\n\r\n",
                "HTTP/1.1 413 Content Too Large\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 48\r\n"
                        + "Connection: close\r\n\r\n413 Content Too Large: body over the size limit\n");
        expect(HttpError.URI_TOO_LONG, "GET /" + "a".repeat(8200) + " HTTP/1.1\r\n" + h + "\r\n",
                "HTTP/1.1 414 URI Too Long\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 56\r\n"
                        + "Connection: close\r\n\r\n414 URI Too Long: request line over the head size limit\n");
        expect(HttpError.HEAD_TOO_LARGE, "GET / HTTP/1.1\r\n" + h + "Cookie: " + "c".repeat(8200) + "\r\n\r\n",
                "HTTP/1.1 431 Request Header Fields Too Large\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 70\r\nConnection: close\r\n\r\n"
                        + "431 Request Header Fields Too Large: request head over the size limit\n");
        expect(HttpError.TOO_MANY_HEADERS, "GET / HTTP/1.1\r\n" + h + "X: y\r\n".repeat(100) + "\r\n",
                "HTTP/1.1 431 Request Header Fields Too Large\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 60\r\nConnection: close\r\n\r\n"
                        + "431 Request Header Fields Too Large: too many header fields\n");
        expect(HttpError.TRANSFER_ENCODING_NOT_IMPLEMENTED,
                "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                "HTTP/1.1 501 Not Implemented\r\nDate: <date>\r\nContent-Type: text/plain\r\nContent-Length: 53\r\n"
                        + "Connection: close\r\n\r\n501 Not Implemented: Transfer-Encoding not supported\n");
        expect(HttpError.VERSION_NOT_SUPPORTED, "GET / HTTP/2.0\r\n" + h + "\r\n",
                "HTTP/1.1 505 HTTP Version Not Supported\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 59\r\nConnection: close\r\n\r\n"
                        + "505 HTTP Version Not Supported: only HTTP/1.0 and HTTP/1.1\n");
    }

    @Test
    void everyErrorHasACase() {
        assertEquals(EnumSet.allOf(HttpError.class), Set.copyOf(CASES.keySet()));
    }

    @Test
    void everyErrorIsAnsweredExactlyAndCloses() {
        for (Map.Entry<HttpError, String[]> c : CASES.entrySet()) {
            Decoder decoder = new HttpCodec().newDecoder();
            byte[] request = c.getValue()[0].getBytes(ISO_8859_1);
            int r = decoder.decode(MemorySegment.ofArray(request), 0, request.length, new Request());
            assertEquals(Decoder.ERROR, r, c.getKey().toString());
            assertEquals(c.getKey(), ((HttpDecoder) decoder).error());
            out.clear();
            assertTrue(decoder.writeError(out), "an error always closes the connection");
            String response = text(out);
            assertTrue(response.matches("(?s).*\r\nDate: " + DATE_PATTERN + "\r\n.*"), response);
            assertEquals(c.getValue()[1], response.replaceFirst("Date: " + DATE_PATTERN, "Date: <date>"));
        }
    }

    @Test
    void theDateOfAnErrorIsNow() {
        HttpDate now = new HttpDate();
        now.refresh(System.currentTimeMillis());
        Decoder decoder = new HttpCodec().newDecoder();
        byte[] request = "GET / HTTP/3.0\r\n\r\n".getBytes(ISO_8859_1);
        decoder.decode(MemorySegment.ofArray(request), 0, request.length, new Request());
        decoder.writeError(out);
        HttpDate after = new HttpDate();
        after.refresh(System.currentTimeMillis());
        String response = text(out);
        assertTrue(response.contains("Date: " + now.value()) || response.contains("Date: " + after.value()), response);
    }

    @Test
    void anInternalErrorIsAWellFormed500ThatKeepsTheConnection() {
        new HttpCodec().writeInternalError(out, "internal error: java.lang.IllegalStateException: \u00e9\r\nx");
        String body = "500 Internal Server Error: internal error: java.lang.IllegalStateException: ???x\n";
        assertEquals("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body, text(out));
        assertEquals(81, body.length());
    }

    /** The unsent bytes of {@code out}, one char per byte. */
    static String text(OutputBuffer out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < out.segmentCount(); i++) {
            bytes.writeBytes(out.segment(i).asSlice(out.segmentOffset(i), out.segmentLength(i))
                    .toArray(ValueLayout.JAVA_BYTE));
        }
        return bytes.toString(ISO_8859_1);
    }
}
