package dev.kevy.io.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.AllocationMeter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Once the JIT has compiled them, decoding pipelined requests (headers, bodies, a request split
 * across two reads) and writing their responses allocate nothing, as the shard loop requires.
 * A companion check shows the meter sees a deliberate allocation on the same path.
 */
class HttpZeroAllocationTest {
    private static final byte[] SERVER = HttpResponse.headerLine("Server", "kevy");
    private static final byte[] TEXT = HttpResponse.headerLine("Content-Type", "text/plain");
    private static final byte[] HELLO = "Hello, World!".getBytes(ISO_8859_1);
    private static final byte[] PLAINTEXT = "/plaintext".getBytes(ISO_8859_1);
    private static final String PIPELINE = ("GET /plaintext HTTP/1.1\r\nHost: localhost\r\nAccept: text/plain\r\n"
            + "Connection: keep-alive\r\n\r\n").repeat(3)
            + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"
            + "GET /json?x=1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";

    private final Arena arena = Arena.ofConfined();
    private final BufferPool pool = new BufferPool(16 * 1024, 64 * 1024, 64 * 1024);
    private final OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
    private final Decoder decoder = new HttpCodec().newDecoder();
    private final Request request = new Request();
    private final HttpDate date = new HttpDate();
    private MemorySegment in;
    /** Where the two reads end: inside the POST's body, then at the end. */
    private final long[] reads = {PIPELINE.indexOf("hello world") + 4, PIPELINE.length()};
    private long sink;

    @AfterEach
    void releaseEverything() {
        out.release();
        pool.close();
        arena.close();
    }

    /** Decodes and answers every request of the pipeline, the fifth one arriving in two reads. */
    private int serveOnce(int i, boolean allocateOnPurpose) {
        long from = 0;
        int served = 0;
        for (long to : reads) {
            while (true) {
                int r = decoder.decode(in, from, to, request);
                if (r != Decoder.REQUEST) {
                    from += decoder.consumed();
                    break;
                }
                respond(allocateOnPurpose);
                from += decoder.consumed();
                served++;
            }
        }
        date.refresh(1_700_000_000_000L + i * 250L); // a new second every fourth round
        out.clear();
        return served;
    }

    private void respond(boolean allocateOnPurpose) {
        boolean keepAlive = HttpRequest.keepAlive(request);
        HttpResponse.status(out, HttpStatus.OK);
        date.writeHeaderLine(out);
        HttpResponse.header(out, SERVER);
        HttpResponse.header(out, TEXT);
        HttpResponse.connection(out, keepAlive, HttpRequest.isHttp10(request));
        if (HttpRequest.pathEquals(request, PLAINTEXT)) {
            HttpResponse.body(out, HELLO);
        } else {
            HttpResponse.body(out, request.buffer(), request.offset(HttpRequest.BODY), request.length(HttpRequest.BODY));
        }
        sink += HttpRequest.header(request, "content-type");
        if (allocateOnPurpose) {
            sink += new long[16].length;
        }
    }

    @Test
    void decodingAndRespondingAllocateNothingAfterWarmUp() {
        byte[] bytes = PIPELINE.getBytes(ISO_8859_1);
        in = arena.allocate(bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, in, 0, bytes.length);
        assertEquals(5, serveOnce(0, false));
        long allocated = AllocationMeter.bytesPerRound(200, 2_000, i -> serveOnce(i, false));
        assertEquals(0, allocated, "bytes allocated by 2,000 pipelines of 5 requests after warm-up");
    }

    @Test
    void theMeterSeesADeliberateAllocationOnTheSamePath() {
        byte[] bytes = PIPELINE.getBytes(ISO_8859_1);
        in = arena.allocate(bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, in, 0, bytes.length);
        long allocated = AllocationMeter.bytesPerRound(3, 1_000, i -> serveOnce(i, true));
        assertTrue(allocated >= 1_000L * 5 * 16 * Long.BYTES, "the meter saw " + allocated + " bytes");
    }
}
