package dev.kevy.io.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Responses are assembled exactly, and a refused write is reported. */
class HttpResponseTest {
    private static final byte[] SERVER = HttpResponse.headerLine("Server", "kevy");
    private static final byte[] TEXT = HttpResponse.headerLine("Content-Type", "text/plain");

    private final BufferPool pool = new BufferPool(64, 1024, 1024);
    private final OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);

    @AfterEach
    void releaseEverything() {
        out.release();
        pool.close();
    }

    @Test
    void aResponseIsItsPartsInOrder() {
        HttpDate date = new HttpDate();
        date.refresh(784_111_777_000L);
        HttpResponse.status(out, HttpStatus.OK);
        date.writeHeaderLine(out);
        HttpResponse.header(out, SERVER);
        HttpResponse.header(out, TEXT);
        HttpResponse.connection(out, true, true);
        HttpResponse.body(out, "Hello, World!".getBytes(ISO_8859_1));
        assertEquals("HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: kevy\r\n"
                + "Content-Type: text/plain\r\nConnection: keep-alive\r\nContent-Length: 13\r\n\r\nHello, World!",
                HttpErrorResponseTest.text(out));
    }

    @Test
    void connectionHeadersAreWrittenOnlyWhenTheyChangeTheDefault() {
        HttpResponse.connection(out, true, false);
        assertEquals("", HttpErrorResponseTest.text(out));
        HttpResponse.connection(out, false, false);
        HttpResponse.connection(out, false, true);
        assertEquals("Connection: close\r\nConnection: close\r\n", HttpErrorResponseTest.text(out));
    }

    @Test
    void segmentBodiesHeadersFromBytesAndEmptyBodies() {
        MemorySegment s = MemorySegment.ofArray("xxhello-world".getBytes(ISO_8859_1));
        HttpResponse.status(out, HttpStatus.NOT_FOUND);
        HttpResponse.header(out, "X-Id".getBytes(ISO_8859_1), s, 2, 5);
        HttpResponse.noBody(out);
        HttpResponse.status(out, 299);
        HttpResponse.body(out, s, 7, 6);
        HttpResponse.status(out, HttpStatus.NO_CONTENT);
        HttpResponse.endHead(out, 0);
        assertEquals("HTTP/1.1 404 Not Found\r\nX-Id: hello\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 299 \r\nContent-Length: 6\r\n\r\n-world"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", HttpErrorResponseTest.text(out));
    }

    @Test
    void statusLinesAreSharedEncodingsOfEveryCode() {
        assertArrayEquals("HTTP/1.1 431 Request Header Fields Too Large\r\n".getBytes(ISO_8859_1),
                HttpStatus.statusLine(431));
        assertEquals("Content Too Large", HttpStatus.reason(413));
        assertEquals("", HttpStatus.reason(599));
        assertThrows(IllegalArgumentException.class, () -> HttpStatus.statusLine(600));
        assertThrows(IllegalArgumentException.class, () -> HttpStatus.statusLine(99));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.headerLine("X", "a\r\nInjected: 1"));
    }

    @Test
    void aRefusedWriteIsReported() {
        OutputBuffer small = new OutputBuffer(pool, 20);
        assertFalse(HttpResponse.body(small, new byte[30]));
        small.release();
    }
}
