package dev.kevy.bench.http;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.io.http.HttpCodec;
import dev.kevy.io.http.HttpRequest;
import dev.kevy.io.http.HttpResponse;
import dev.kevy.io.http.HttpStatus;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java side of one HTTP request in the {@code http} example: decode TechEmpower's plaintext
 * request (its real headers) in place, decide keep-alive and the route, and write the response
 * into pooled off-heap output. With {@code -prof gc} it shows 0 bytes allocated per operation;
 * the time is what a request costs beside its two system calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpDecodeBench {
    private static final String REQUEST = "GET /plaintext HTTP/1.1\r\n"
            + "Host: 127.0.0.1:8080\r\n"
            + "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7\r\n"
            + "Connection: keep-alive\r\n"
            + "\r\n";
    private static final byte[] PLAINTEXT = "/plaintext".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER = HttpResponse.headerLine("Server", "kevy");
    private static final byte[] TEXT_PLAIN = HttpResponse.headerLine("Content-Type", "text/plain");
    private static final byte[] DATE = HttpResponse.headerLine("Date", "Sun, 06 Dec 2026 12:00:00 GMT");
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private final Decoder decoder = new HttpCodec().newDecoder();
    private final Request request = new Request();
    private Arena arena;
    private BufferPool pool;
    private OutputBuffer out;
    private MemorySegment one;
    private MemorySegment sixteen;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        pool = new BufferPool();
        out = new OutputBuffer(pool, Long.MAX_VALUE);
        one = offHeap(REQUEST);
        sixteen = offHeap(REQUEST.repeat(16));
        decoder.reset(false);
    }

    @TearDown
    public void tearDown() {
        out.release();
        pool.close();
        arena.close();
    }

    /** One request decoded and answered. */
    @Benchmark
    public long decodeAndRespond() {
        return serveAll(one);
    }

    /** Sixteen pipelined requests decoded and answered (per batch). */
    @Benchmark
    public long decodeAndRespondPipeline16() {
        return serveAll(sixteen);
    }

    private long serveAll(MemorySegment in) {
        long at = 0;
        long end = in.byteSize();
        while (decoder.decode(in, at, end, request) == Decoder.REQUEST) {
            at += decoder.consumed();
            boolean keepAlive = HttpRequest.keepAlive(request);
            if (HttpRequest.pathEquals(request, PLAINTEXT)) {
                HttpResponse.status(out, HttpStatus.OK);
                HttpResponse.header(out, SERVER);
                HttpResponse.header(out, DATE);
                HttpResponse.header(out, TEXT_PLAIN);
                HttpResponse.connection(out, keepAlive, HttpRequest.isHttp10(request));
                HttpResponse.body(out, HELLO);
            }
        }
        long written = out.size();
        out.clear();
        return written;
    }

    private MemorySegment offHeap(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment segment = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return segment;
    }
}
