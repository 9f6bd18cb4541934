package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a thread's errno segment comes from: a {@link NativeThread} owns one from construction, any
 * other thread (plain or virtual) gets one from the thread-local. Either way a failing call reports
 * its own errno, and on the shard's kind of thread the calls allocate nothing.
 */
class CallStateTest {

    private static final int CALLS = 20_000;
    private static final int ROUNDS = 100;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Arena arena;
    private MemorySegment buffer;
    private int emptyEventFd = -1;

    @BeforeEach
    void open() {
        assumeTrue(Platform.isLinux(), "an empty eventfd is the cheap EAGAIN");
        arena = Arena.ofShared();
        buffer = arena.allocate(8);
        emptyEventFd = SysException.check("eventfd", EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC));
    }

    @AfterEach
    void close() {
        if (emptyEventFd >= 0) {
            Posix.close(emptyEventFd);
        }
        if (arena != null) {
            arena.close();
        }
    }

    /** Two failures with different errnos in a row: the second must not report the first's. */
    private void failTwoWays() {
        assertEquals(-Errno.EBADF, Posix.read(-1, buffer, 0, 8));
        assertEquals(-Errno.EAGAIN, Posix.read(emptyEventFd, buffer, 0, 8));
        assertEquals(-Errno.EBADF, Posix.write(-1, buffer, 0, 8));
    }

    @Test
    void failingCallsReportTheirErrnoOnAPlainThread() throws Exception {
        runOn(new Thread(this::failTwoWays));
    }

    @Test
    void failingCallsReportTheirErrnoOnANativeThread() throws Exception {
        runOn(new NativeThread(this::failTwoWays, "errno-native"));
    }

    @Test
    void failingCallsReportTheirErrnoOnAVirtualThread() throws Exception {
        runOn(Thread.ofVirtual().unstarted(this::failTwoWays));
    }

    @Test
    void aNativeThreadUsesTheSegmentItOwnsAndOtherThreadsTheirOwn() throws Exception {
        NativeThread[] self = new NativeThread[1];
        self[0] = new NativeThread(() -> {
            assertSame(self[0].callState, CallState.current());
            Posix.read(-1, buffer, 0, 8);
            assertSame(self[0].callState, CallState.current(), "the same segment on every call");
        }, "errno-native");
        runOn(self[0]);

        MemorySegment plain = CallState.current();
        assertSame(plain, CallState.current(), "a plain thread keeps the segment of its first call");
        assertNotSame(self[0].callState, plain);
        AtomicReference<MemorySegment> other = new AtomicReference<>();
        runOn(new Thread(() -> other.set(CallState.current())));
        assertNotSame(plain, other.get(), "each plain thread has its own");
    }

    @Test
    void threadsFailingDifferentlyAtTheSameTimeEachSeeTheirOwnErrno() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        int[] wrong = new int[2];
        Thread nativeThread = new NativeThread(() -> {
            await(start);
            for (int i = 0; i < 200_000; i++) {
                if (Posix.read(-1, buffer, 0, 8) != -Errno.EBADF) {
                    wrong[0]++;
                }
            }
        }, "errno-ebadf");
        Thread plainThread = new Thread(() -> {
            await(start);
            for (int i = 0; i < 200_000; i++) {
                if (Posix.read(emptyEventFd, buffer, 0, 8) != -Errno.EAGAIN) {
                    wrong[1]++;
                }
            }
        }, "errno-eagain");
        runOn(nativeThread, plainThread);
        assertEquals(0, wrong[0], "EBADF calls on the native thread that saw another errno");
        assertEquals(0, wrong[1], "EAGAIN calls on the plain thread that saw another errno");
    }

    @Test
    void failingCallsOnANativeThreadAllocateNothing() throws Exception {
        long[] bytes = new long[1];
        runOn(new NativeThread(() -> bytes[0] = allocatedPerRound(
                () -> Posix.read(-1, buffer, 0, 8) + Posix.read(emptyEventFd, buffer, 0, 8),
                -(long) (Errno.EBADF + Errno.EAGAIN), ROUNDS), "errno-zero-alloc"));
        assertEquals(0, bytes[0], "bytes allocated by " + CALLS + " call pairs after warm-up");
    }

    /** The companion of the test above: the same meter, on the same kind of thread, sees allocation. */
    @Test
    void theMeterSeesAllocationOnANativeThread() throws Exception {
        long[] bytes = new long[1];
        Object[] sink = new Object[1];
        runOn(new NativeThread(() -> bytes[0] = allocatedPerRound(() -> {
            long[] boxed = {Posix.read(-1, buffer, 0, 8)};
            sink[0] = boxed; // escapes: the JIT cannot remove the array
            return boxed[0];
        }, -Errno.EBADF, 3), "errno-meter"));
        assertTrue(bytes[0] >= 16L * CALLS, "one small array per call, measured " + bytes[0]);
    }

    @Test
    void aNativeThreadsFirstCallAllocatesNoSegment() throws Exception {
        failTwoWays(); // links and initialises the call path on this thread first
        long[] bytes = new long[2];
        runOn(new NativeThread(() -> bytes[0] = allocatedByFirstCall(), "errno-first"));
        runOn(new Thread(() -> bytes[1] = allocatedByFirstCall()));
        assertEquals(0, bytes[0], "its segment was allocated by the constructor, before the thread ran");
        assertTrue(bytes[1] > 0, "a plain thread allocates its segment on its first call: " + bytes[1]);
    }

    private long allocatedByFirstCall() {
        THREADS.getCurrentThreadAllocatedBytes(); // the meter's own first call is not the syscall's
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long r = Posix.read(-1, buffer, 0, 8);
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(-Errno.EBADF, r);
        return bytes;
    }

    /**
     * Repeats rounds of {@value #CALLS} calls until one allocates nothing on this thread, or
     * {@code rounds} rounds have run; returns the last round's bytes.
     */
    private static long allocatedPerRound(java.util.function.LongSupplier call, long expectedEach, int rounds) {
        long bytes = -1;
        for (int round = 0; round < rounds && bytes != 0; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += call.getAsLong();
            }
            bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertEquals(expectedEach * CALLS, sum, "every call returned " + expectedEach);
        }
        return bytes;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Starts the (unstarted) threads and waits for all; a failure on any fails the test. */
    private static void runOn(Thread... threads) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (Thread thread : threads) {
            thread.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, new AssertionError("on " + t, e)));
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw (AssertionError) failure.get();
        }
    }
}
