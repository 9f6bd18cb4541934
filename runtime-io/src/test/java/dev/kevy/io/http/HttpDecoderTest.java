package dev.kevy.io.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid requests decode to exactly the fields {@link HttpRequest} documents. */
class HttpDecoderTest {
    private final HttpCodec codec = new HttpCodec();

    private Decoded decode(String stream) {
        return HttpFeeder.whole(codec, stream.getBytes(ISO_8859_1));
    }

    private static Decoded requests(List<List<String>> requests) {
        return new Decoded(requests, null, false);
    }

    @Test
    void aGetDecodesToMethodTargetVersionEmptyBodyAndHeaderPairs() {
        assertEquals(requests(List.of(List.of("GET", "/plaintext", "HTTP/1.1", "",
                        "Host", "localhost:8080", "Accept", "text/plain,*/*;q=0.8"))),
                decode("GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\nAccept: text/plain,*/*;q=0.8\r\n\r\n"));
    }

    @Test
    void aPostCarriesItsContentLengthBytesAsTheBody() {
        assertEquals(requests(List.of(List.of("POST", "/echo", "HTTP/1.1", "hello\r\n\r\nworld",
                        "Host", "h", "Content-Length", "14"))),
                decode("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 14\r\n\r\nhello\r\n\r\nworld"));
    }

    @Test
    void headerValuesLoseSurroundingSpacesAndTabsButKeepInnerOnesAndCase() {
        assertEquals(requests(List.of(List.of("GET", "/", "HTTP/1.1", "",
                        "HOST", "h", "X-Empty", "", "x-Mixed", "a \t b", "X-High", "caf\u00e9"))),
                decode("GET / HTTP/1.1\r\nHOST:h\r\nX-Empty: \t \r\nx-Mixed: \t a \t b \t\r\n"
                        + "X-High: caf\u00e9\r\n\r\n"));
    }

    @Test
    void http10NeedsNoHostAndAnyTokenIsAMethod() {
        assertEquals(requests(List.of(List.of("PURGE", "*", "HTTP/1.0", ""),
                        List.of("M-SEARCH", "/a?b=c&d", "HTTP/1.0", ""))),
                decode("PURGE * HTTP/1.0\r\n\r\nM-SEARCH /a?b=c&d HTTP/1.0\r\n\r\n"));
    }

    @Test
    void pipelinedRequestsInOneBufferDecodeInOrderWithTheirBodies() {
        String stream = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                + "PUT /3 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"
                + "GET /4 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
        assertEquals(requests(List.of(
                List.of("GET", "/1", "HTTP/1.1", "", "Host", "h"),
                List.of("POST", "/2", "HTTP/1.1", "abc", "Host", "h", "Content-Length", "3"),
                List.of("PUT", "/3", "HTTP/1.1", "", "Host", "h", "Content-Length", "0"),
                List.of("GET", "/4", "HTTP/1.1", "", "Host", "h", "Connection", "close"))), decode(stream));
    }

    @Test
    void emptyLinesBeforeARequestAreSkippedAndConsumed() {
        Decoder decoder = codec.newDecoder();
        byte[] bytes = "\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n\r\n".getBytes(ISO_8859_1);
        MemorySegment in = MemorySegment.ofArray(bytes);
        Request request = new Request();
        assertEquals(Decoder.REQUEST, decoder.decode(in, 0, bytes.length, request));
        assertEquals(4 + 27, decoder.consumed());
        assertEquals("GET", request.toString(HttpRequest.METHOD));
        assertEquals(Decoder.NEED_MORE, decoder.decode(in, 31, bytes.length, request));
        assertEquals(2, decoder.consumed(), "the trailing CR LF is skipped too");
    }

    @Test
    void repeatedEqualContentLengthsAreOneLength() {
        assertEquals(requests(List.of(List.of("POST", "/", "HTTP/1.1", "xy",
                        "Host", "h", "Content-Length", "2", "content-length", "002"))),
                decode("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\ncontent-length: 002\r\n\r\nxy"));
    }

    @Test
    void pendingBytesIsTheWholeRequestOnceTheHeadIsKnown() {
        Decoder decoder = codec.newDecoder();
        String head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n";
        byte[] bytes = (head + "x".repeat(10)).getBytes(ISO_8859_1);
        MemorySegment in = MemorySegment.ofArray(bytes);
        Request request = new Request();
        assertEquals(Decoder.NEED_MORE, decoder.decode(in, 0, 20, request));
        assertEquals(0, decoder.pendingBytes(), "unknown until the head has arrived");
        assertEquals(Decoder.NEED_MORE, decoder.decode(in, 0, bytes.length, request));
        assertEquals(0, decoder.consumed());
        assertEquals(head.length() + 100_000, decoder.pendingBytes());
        decoder.reset(false);
        assertEquals(0, decoder.pendingBytes(), "a new connection starts afresh");
    }

    @Test
    void aHeadTricklingInIsSearchedOnceNotFromItsStartOnEveryRead() {
        HttpDecoder decoder = (HttpDecoder) codec.newDecoder();
        byte[] bytes = ("GET / HTTP/1.1\r\nHost: h\r\nCookie: " + "c".repeat(8000) + "\r\n\r\n").getBytes(ISO_8859_1);
        MemorySegment in = MemorySegment.ofArray(bytes);
        Request request = new Request();
        for (int to = 1; to < bytes.length; to++) {
            assertEquals(Decoder.NEED_MORE, decoder.decode(in, 0, to, request));
            assertEquals(to, decoder.headBytesSearched(), "the next read's search starts after the bytes searched");
        }
        assertEquals(Decoder.REQUEST, decoder.decode(in, 0, bytes.length, request));
        assertEquals(0, decoder.headBytesSearched(), "the next request starts afresh");
    }

    @Test
    void limitsAreInclusive() {
        HttpCodec small = new HttpCodec(new HttpLimits(64, 2, 5));
        String twoHeaders = "GET / HTTP/1.1\r\nHost: h\r\nA: " + "a".repeat(32) + "\r\n\r\n";
        assertEquals(64, twoHeaders.length());
        assertEquals(1, HttpFeeder.whole(small, twoHeaders.getBytes(ISO_8859_1)).requests().size());
        String longer = twoHeaders.replace("A: ", "A:  ");
        assertEquals(HttpError.HEAD_TOO_LARGE, HttpFeeder.whole(small, longer.getBytes(ISO_8859_1)).error());
        String three = "GET / HTTP/1.1\r\nHost: h\r\nA: a\r\nB: b\r\n\r\n";
        assertEquals(HttpError.TOO_MANY_HEADERS, HttpFeeder.whole(small, three.getBytes(ISO_8859_1)).error());
        String five = "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n12345";
        assertEquals(List.of("PUT", "/", "HTTP/1.1", "12345", "Host", "h", "Content-Length", "5"),
                HttpFeeder.whole(small, five.getBytes(ISO_8859_1)).requests().getFirst());
        Decoded six = HttpFeeder.whole(small, five.replace("5\r\n", "6\r\n").getBytes(ISO_8859_1));
        assertEquals(HttpError.CONTENT_TOO_LARGE, six.error());
    }

    @Test
    void aRequestCutAnywhereIsIncompleteNotAnError() {
        String request = "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody";
        for (int cut = 1; cut < request.length(); cut++) {
            Decoded d = decode(request.substring(0, cut));
            assertNull(d.error(), "cut at " + cut);
            assertEquals(new Decoded(List.of(), null, true), d, "cut at " + cut);
        }
    }
}
