package dev.kevy.bench.resp;

import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The number lines of RESP replies, sixteen to a batch as a pipeline's replies go: an integer
 * reply of seven digits (LPUSH's length, INCR's value), and a bulk header (a GET's {@code $16}).
 * {@code integerSeparately} writes the prefix, the digits and CR LF as three appends, as the writer
 * did before {@link OutputBuffer#writeNumberLine}; the others use it. ns per reply.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ReplyWriteBench -prof gc}: 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplyWriteBench {
    private static final int BATCH = 16;
    private BufferPool pool;
    private OutputBuffer out;
    private long counter = 1_234_567;

    @Setup
    public void setUp() {
        pool = new BufferPool();
        out = new OutputBuffer(pool, Long.MAX_VALUE);
    }

    @TearDown
    public void tearDown() {
        out.release();
        pool.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long integerSeparately() {
        for (int i = 0; i < BATCH; i++) {
            out.writeByte(':');
            out.writeLong(counter++);
            out.writeCrlf();
        }
        return drain();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long integer() {
        for (int i = 0; i < BATCH; i++) {
            RespWriter.integer(out, counter++);
        }
        return drain();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long bulkHeader() {
        for (int i = 0; i < BATCH; i++) {
            RespWriter.bulkHeader(out, 16);
        }
        return drain();
    }

    private long drain() {
        long size = out.size();
        out.consume(size);
        return size;
    }
}
