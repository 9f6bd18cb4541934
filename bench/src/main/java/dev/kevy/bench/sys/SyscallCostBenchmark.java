package dev.kevy.bench.sys;

import dev.kevy.sys.EventFd;
import dev.kevy.sys.Fs;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * The cost of one cheap syscall through FFM with errno capture. The pair to compare is the same
 * read of an empty nonblocking eventfd (the kernel answers EAGAIN at once) as a critical downcall
 * ({@link Posix#read}, no thread-state transition) and as a normal one ({@link Fs#read}); getpid
 * shows the floor of a critical call. Linux only (eventfd).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SyscallCostBenchmark {

    private Arena arena;
    private MemorySegment buffer;
    private int eventFd;

    @Setup
    public void open() {
        arena = Arena.ofConfined();
        buffer = arena.allocate(8);
        eventFd = SysException.check("eventfd", EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC));
    }

    @TearDown
    public void close() {
        Posix.close(eventFd);
        arena.close();
    }

    /** Critical downcall: returns -EAGAIN. */
    @Benchmark
    public long emptyEventfdReadCritical() {
        return Posix.read(eventFd, buffer, 0, 8);
    }

    /** Normal downcall (thread-state transition to native and back): returns -EAGAIN. */
    @Benchmark
    public long emptyEventfdReadDefault() {
        return Fs.read(eventFd, buffer, 0, 8);
    }

    /** Critical downcall of the cheapest syscall there is. */
    @Benchmark
    public int getpidCritical() {
        return Posix.getpid();
    }
}
