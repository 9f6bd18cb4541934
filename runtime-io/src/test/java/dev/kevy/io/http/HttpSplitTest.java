package dev.kevy.io.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kevy.rt.buffer.BufferPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stream of requests decodes to the same requests however the reads cut it. */
class HttpSplitTest {
    /** Five requests: headers, a body with CR LF inside, skipped empty lines, a 1.0 request, a large body. */
    private static final String STREAM = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n"
            + "POST /echo?x=1 HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\n"
            + "a\r\n\r\nb\r\ncde"
            + "\r\n\r\n"
            + "HEAD /json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
            + "PUT /big HTTP/1.1\r\nHost: h\r\nContent-Length: 700\r\n\r\n" + "0123456789".repeat(70)
            + "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";

    private final HttpCodec codec = new HttpCodec();
    private final BufferPool pool = new BufferPool(4096, 64 * 1024, 64 * 1024);

    @AfterEach
    void releaseEverything() {
        assertEquals(0, pool.blocksOut());
        pool.close();
    }

    @Test
    void theReferenceDecodesFiveRequestsCleanly() {
        Decoded whole = HttpFeeder.whole(codec, STREAM.getBytes(ISO_8859_1));
        assertEquals(5, whole.requests().size(), whole.toString());
        assertNull(whole.error());
        assertFalse(whole.incomplete());
        assertEquals("a\r\n\r\nb\r\ncde", whole.requests().get(1).get(HttpRequest.BODY));
        assertEquals(700, whole.requests().get(3).get(HttpRequest.BODY).length());
    }

    @Test
    void everySplitPointGivesTheSameRequests() {
        byte[] bytes = STREAM.getBytes(ISO_8859_1);
        Decoded whole = HttpFeeder.whole(codec, bytes);
        for (int at = 1; at < bytes.length; at++) {
            assertEquals(whole, HttpFeeder.splitAt(codec, pool, bytes, at), "split at " + at);
        }
    }

    @Test
    void everyPairOfSplitPointsInTheFirstTwoRequestsGivesTheSameRequests() {
        byte[] bytes = STREAM.getBytes(ISO_8859_1);
        Decoded whole = HttpFeeder.whole(codec, bytes);
        int firstTwo = STREAM.indexOf("cde") + 3;
        for (int a = 1; a < firstTwo; a++) {
            for (int b = a + 1; b < firstTwo; b++) {
                int[] reads = {a, b - a, Integer.MAX_VALUE};
                int[] next = {0};
                assertEquals(whole, HttpFeeder.inReads(codec, pool, bytes, () -> reads[Math.min(next[0]++, 2)]),
                        "split at " + a + " and " + b);
            }
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameRequests() {
        byte[] bytes = STREAM.getBytes(ISO_8859_1);
        assertEquals(HttpFeeder.whole(codec, bytes), HttpFeeder.inReads(codec, pool, bytes, HttpFeeder.ReadSizes.fixed(1)));
    }

    @Test
    void aBodyLargerThanTheBufferArrivesInPiecesWhole() {
        String body = "b".repeat(300_000);
        byte[] bytes = ("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 300000\r\n\r\n" + body).getBytes(ISO_8859_1);
        Decoded d = HttpFeeder.inReads(codec, pool, bytes, HttpFeeder.ReadSizes.fixed(4093));
        assertEquals(1, d.requests().size());
        assertEquals(body, d.requests().getFirst().get(HttpRequest.BODY));
    }
}
