package dev.kevy.bench.resp;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespParseState;
import dev.kevy.io.resp.RespParser;
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
 * The RESP parser on the shapes the shard loop sees most: one GET, one SET, and a 16-deep
 * pipeline of GETs and SETs, each already in an off-heap buffer as a read leaves it.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RespParseBench -prof gc}; the allocation
 * rate ({@code gc.alloc.rate.norm}) should be about 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RespParseBench {
    private final RespParser parser = new RespParser();
    private final RespParseState state = new RespParseState();
    private Arena arena;
    private MemorySegment get;
    private MemorySegment set;
    private MemorySegment pipeline;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        get = offHeap(multibulk("GET", "key:000000000042"));
        set = offHeap(multibulk("SET", "key:000000000042", "x".repeat(64)));
        StringBuilder sixteen = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            String key = "key:" + (1_000_000 + i);
            sixteen.append(i % 2 == 0 ? multibulk("GET", key) : multibulk("SET", key, "v".repeat(32)));
        }
        pipeline = offHeap(sixteen.toString());
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public long parseGet() {
        return parseAll(get);
    }

    @Benchmark
    public long parseSet() {
        return parseAll(set);
    }

    @Benchmark
    public long parsePipeline16() {
        return parseAll(pipeline);
    }

    /** Parses every command in {@code buf}, touching each command's name and last argument. */
    private long parseAll(MemorySegment buf) {
        long start = 0;
        long end = buf.byteSize();
        long sum = 0;
        while (parser.parse(buf, start, end, state) == RespParser.COMMAND) {
            start += parser.consumed();
            Request command = parser.command();
            sum += command.length(command.argc() - 1) + (command.equalsIgnoreCase(0, "GET") ? 1 : 2);
        }
        return sum;
    }

    private MemorySegment offHeap(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment segment = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return segment;
    }

    private static String multibulk(String... args) {
        StringBuilder s = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            s.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        return s.toString();
    }
}
