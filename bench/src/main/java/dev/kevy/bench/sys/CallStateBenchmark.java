package dev.kevy.bench.sys;

import dev.kevy.sys.Errno;
import dev.kevy.sys.NativeThread;
import dev.kevy.sys.Posix;
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
 * What finding the errno segment costs per syscall, by the kind of thread that makes the call: a
 * {@link NativeThread} (a shard) reads its own field after a class check, a plain or virtual thread
 * probes a thread-local. The call is the cheapest failing one, {@code read(-1)}, which the kernel
 * rejects with EBADF before touching anything, so the errno is captured and read on every call.
 * Each benchmark checks in its setup that it runs on the kind of thread it is named for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallStateBenchmark {

    private static final String NATIVE_EXECUTOR =
            "-Djmh.executor.class=dev.kevy.bench.sys.NativeThreadExecutor";

    private Arena arena;
    private MemorySegment buffer;

    @Setup
    public void open() {
        arena = Arena.ofConfined();
        buffer = arena.allocate(8);
        String expected = System.getProperty("jmh.executor", "PLATFORM");
        Thread t = Thread.currentThread();
        boolean right = switch (expected) {
            case "CUSTOM" -> t instanceof NativeThread;
            case "VIRTUAL" -> t.isVirtual();
            default -> !t.isVirtual() && !(t instanceof NativeThread);
        };
        if (!right) {
            throw new IllegalStateException("jmh.executor=" + expected + " but the worker is " + t);
        }
    }

    @TearDown
    public void close() {
        arena.close();
    }

    private long failedRead() {
        long r = Posix.read(-1, buffer, 0, 8);
        if (r != -Errno.EBADF) {
            throw new IllegalStateException("read(-1) returned " + r);
        }
        return r;
    }

    /** The shards' thread: the segment is a final field of the current thread. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Djmh.executor=CUSTOM", NATIVE_EXECUTOR})
    public long failedReadOnNativeThread() {
        return failedRead();
    }

    /** Any other platform thread: the segment comes from the thread-local. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Djmh.executor=PLATFORM"})
    public long failedReadOnPlainThread() {
        return failedRead();
    }

    /** A virtual thread: the thread-local too, on a thread that cannot be a NativeThread. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Djmh.executor=VIRTUAL"})
    public long failedReadOnVirtualThread() {
        return failedRead();
    }
}
