package dev.kevy.bench.ring;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor for any two-thread round trip: one cache line goes to the other core and one comes
 * back. The pinger stores a new value in {@code ping} and spins until {@code pong} echoes it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@State(Scope.Group)
public class AtomicPingPongBenchmark {
    // Two AtomicLongs allocated one after the other may share a cache line; the array allocated
    // between them (136 bytes) keeps them apart, so each direction moves exactly one line.
    final AtomicLong ping = new AtomicLong();
    final long[] spacer = new long[16];
    final AtomicLong pong = new AtomicLong();
    long sequence;

    @Benchmark
    @Group("atomicLong")
    @GroupThreads(1)
    public long pinger(Control control) {
        long value = ++sequence;
        ping.set(value);
        while (pong.get() != value && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        return value;
    }

    @Benchmark
    @Group("atomicLong")
    @GroupThreads(1)
    public long ponger() {
        long value = ping.get();
        if (value != pong.getPlain()) {
            pong.set(value);
        }
        return value;
    }
}
