package dev.kevy.bench.resp;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespReplyCodec;
import dev.kevy.io.resp.RespReplyDecoder;
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
 * What a proxy pays to frame one reply from its upstream Redis before copying it to the client:
 * {@link RespReplyDecoder} over a GET's reply (a 32-byte bulk) and over an LRANGE's reply of 100
 * bulks, each already in off-heap memory. With {@code -prof gc} it shows 0 bytes allocated per
 * operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RespReplyDecodeBench {
    private static final String GET_REPLY = "$32\r\n" + "v".repeat(32) + "\r\n";
    private static final String ARRAY_REPLY = arrayOf100();

    private final RespReplyDecoder decoder = new RespReplyCodec().newDecoder();
    private final Request request = new Request();
    private Arena arena;
    private MemorySegment get;
    private MemorySegment array;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        get = offHeap(GET_REPLY);
        array = offHeap(ARRAY_REPLY);
        decoder.reset(false);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    /** {@code $32} and its value: the reply to a GET. */
    @Benchmark
    public long getReply() {
        return frame(get);
    }

    /** {@code *100} of 10-byte bulks: the reply to an LRANGE of 100 elements (1,606 bytes). */
    @Benchmark
    public long array100() {
        return frame(array);
    }

    private long frame(MemorySegment in) {
        if (decoder.decode(in, 0, in.byteSize(), request) != Decoder.REQUEST) {
            throw new IllegalStateException("not one whole reply: " + decoder.error());
        }
        return request.length(0) + request.tag();
    }

    private static String arrayOf100() {
        StringBuilder s = new StringBuilder("*100\r\n");
        for (int i = 0; i < 100; i++) {
            s.append("$10\r\nelement-").append(i / 10).append(i % 10).append("\r\n");
        }
        return s.toString();
    }

    private MemorySegment offHeap(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment segment = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return segment;
    }
}
