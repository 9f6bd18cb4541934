package dev.kevy.io.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.rt.buffer.BufferPool;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which input gets which refusal (the decision table of the package documentation), the same
 * however the input was split into reads.
 */
class HttpGrammarTest {
    private static final String H = "Host: h\r\n";

    private final HttpCodec codec = new HttpCodec();
    private final BufferPool pool = new BufferPool(1024, 64 * 1024, 64 * 1024);

    @AfterEach
    void releaseEverything() {
        assertEquals(0, pool.blocksOut());
        pool.close();
    }

    private void refused(HttpError expected, String... requests) {
        for (String request : requests) {
            byte[] bytes = request.getBytes(ISO_8859_1);
            Decoded whole = HttpFeeder.whole(codec, bytes);
            assertEquals(new Decoded(List.of(), expected, false), whole, show(request));
            for (int at = 1; at < bytes.length; at += 1 + at / 64) {
                assertEquals(whole, HttpFeeder.splitAt(codec, pool, bytes, at), show(request) + " split at " + at);
            }
        }
    }

    private static String show(String request) {
        String s = request.length() > 80 ? request.substring(0, 80) + "..." : request;
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    @Test
    void malformedRequestLinesAre400() {
        refused(HttpError.MALFORMED_REQUEST_LINE,
                "GET  / HTTP/1.1\r\n" + H + "\r\n",
                " GET / HTTP/1.1\r\n" + H + "\r\n",
                "GET / HTTP/1.1 \r\n" + H + "\r\n",
                "GET\t/ HTTP/1.1\r\n" + H + "\r\n",
                "GET /\r\n" + H + "\r\n",
                "GET / \r\n\r\n",
                "G(T / HTTP/1.1\r\n" + H + "\r\n",
                "GET / http/1.1\r\n" + H + "\r\n",
                "GET / HTTP/1.x\r\n" + H + "\r\n",
                "GET / HTTP/11\r\n" + H + "\r\n",
                "GET / HTTP/1.10\r\n" + H + "\r\n",
                "GET /a\u0001b HTTP/1.1\r\n" + H + "\r\n",
                "GET /caf\u00e9 HTTP/1.1\r\n" + H + "\r\n",
                "GET /a\rb HTTP/1.1\r\n" + H + "\r\n",
                "\u0016\u0003\u0001\u0002\u0000\r\n\r\n");
    }

    @Test
    void aLineEndWithoutItsCrIs400() {
        refused(HttpError.BARE_LF,
                "GET / HTTP/1.1\n\n",
                "\nGET / HTTP/1.1\r\n" + H + "\r\n",
                "GET / HTTP/1.1\r\nHost: h\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "\n");
    }

    @Test
    void malformedHeaderLinesAre400() {
        refused(HttpError.MALFORMED_HEADER,
                "GET / HTTP/1.1\r\nHost : h\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "NoColon\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + ": empty name\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "Bad\"Name: v\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "X: a\u0000b\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "X: a\rb\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "X: a\u007fb\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "\rX: y\r\n\r\n");
    }

    @Test
    void foldedHeaderLinesAre400() {
        refused(HttpError.OBSOLETE_LINE_FOLDING,
                "GET / HTTP/1.1\r\n" + H + "X: a\r\n b\r\n\r\n",
                "GET / HTTP/1.1\r\n Host: h\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "\tX: y\r\n\r\n");
    }

    @Test
    void hostIsRequiredOnceIn11AndAtMostOnceIn10() {
        refused(HttpError.MISSING_HOST, "GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nHostname: h\r\n\r\n");
        refused(HttpError.REPEATED_HOST, "GET / HTTP/1.1\r\n" + H + H + "\r\n", "GET / HTTP/1.0\r\nHOST: a\r\nhost: b\r\n\r\n");
    }

    @Test
    void contentLengthMustBeDigitsAndAgree() {
        for (String bad : List.of("", "-1", "+5", "1 2", "5,5", "0x10", "5a", "\u00b2")) {
            refused(HttpError.INVALID_CONTENT_LENGTH, "POST / HTTP/1.1\r\n" + H + "Content-Length: " + bad + "\r\n\r\n");
        }
        refused(HttpError.CONFLICTING_CONTENT_LENGTH,
                "POST / HTTP/1.1\r\n" + H + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab");
    }

    @Test
    void transferEncodingIsNotImplementedAndWithContentLengthIs400() {
        refused(HttpError.TRANSFER_ENCODING_NOT_IMPLEMENTED,
                "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n",
                "GET / HTTP/1.1\r\n" + H + "transfer-encoding: gzip\r\n\r\n",
                "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n");
        refused(HttpError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
                "POST / HTTP/1.1\r\n" + H + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
                "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc");
    }

    @Test
    void postAndPutNeedALengthAndBodiesHaveALimit() {
        refused(HttpError.LENGTH_REQUIRED, "POST / HTTP/1.1\r\n" + H + "\r\n", "PUT / HTTP/1.0\r\n\r\n");
        refused(HttpError.CONTENT_TOO_LARGE,
                "POST / HTTP/1.1\r\n" + H + "Content-Length: 1048577\r\n\r\n",
                "POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999999999\r\n\r\n");
    }

    @Test
    void oversizedHeadsAre431Or414() {
        refused(HttpError.URI_TOO_LONG, "GET /" + "u".repeat(8190), "GET /" + "u".repeat(9000) + " HTTP/1.1\r\n");
        refused(HttpError.HEAD_TOO_LARGE,
                "GET / HTTP/1.1\r\n" + H + "X: " + "v".repeat(8200),
                "GET / HTTP/1.1\r\n" + H + ("X-Long-Header-Name: " + "v".repeat(70) + "\r\n").repeat(99) + "\r\n");
        refused(HttpError.TOO_MANY_HEADERS, "GET / HTTP/1.1\r\n" + H + "A: b\r\n".repeat(100) + "\r\n");
    }

    @Test
    void otherVersionsAre505() {
        refused(HttpError.VERSION_NOT_SUPPORTED,
                "GET / HTTP/2.0\r\n" + H + "\r\n",
                "GET / HTTP/0.9\r\n\r\n",
                "GET / HTTP/1.2\r\n" + H + "\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    }

    @Test
    void checksRunInByteOrder() {
        // The request line is judged when it arrives, before the oversized rest.
        refused(HttpError.VERSION_NOT_SUPPORTED, "GET / HTTP/2.0\r\n" + "X: " + "v".repeat(9000));
        // A bare LF early wins over a malformed header later, and a folded line over a missing Host.
        refused(HttpError.BARE_LF, "GET / HTTP/1.1\r\nX: y\nHost h\r\n\r\n");
        refused(HttpError.OBSOLETE_LINE_FOLDING, "GET / HTTP/1.1\r\n folded\r\n\r\n");
        // Among whole-head checks: the smuggling pair before Host, Host before length rules.
        refused(HttpError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
                "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n");
        refused(HttpError.MISSING_HOST, "POST / HTTP/1.1\r\n\r\n");
    }
}
