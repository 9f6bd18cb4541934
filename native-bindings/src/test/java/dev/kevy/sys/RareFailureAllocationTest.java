package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wrapper whose calls rarely fail must not allocate on the failures either, whatever profile the
 * JIT compiled it with. The wrappers try a call without errno capture and repeat only a failed one
 * capturing; the capture slices its segment (a 40-byte object) and the JIT removes that object
 * only when it inlines the whole capturing chain. Written inline in a failure branch that was rare
 * when the wrapper was compiled, the chain was cut at {@code asSlice} ("failed to inline: already
 * compiled into a medium method", the rule for cold call sites) and the compiled wrapper
 * allocated 40 bytes on every failure for as long as it lived: a CI run of
 * {@code ZeroAllocationTest} measured 800,000 bytes a round after 30 seconds, and a standalone
 * program reproduced it every time. The wrappers therefore repeat a failed call in a method of
 * their own ({@link Posix#readForErrno}), which the JIT compiles by its own profile, where the
 * capturing call is the only one and hot.
 *
 * <p>Each test gives a wrapper that profile (a warm-up in which one read of an eventfd in
 * {@value #FAIL_EVERY} finds it empty, after {@code asSlice} has been compiled on its own, as in
 * any program that slices segments), then makes every call fail and counts the bytes of the last
 * of {@value #FAILING_ROUNDS} rounds. Run against the wrappers of the old shape, both tests
 * failed in four runs of four (800,000 bytes a round). No copy of the old shape is kept here as a
 * variant they must catch: a copy written in this class was cut in one run of four only, since
 * whether a cold chain is cut depends on what else the JIT compiled first.
 */
class RareFailureAllocationTest {

    private static final int CALLS = 20_000;
    private static final int WARM_UP_CALLS = 2_000_000;
    private static final int FAILING_ROUNDS = 60;
    /** One warm-up call in this many finds the counter empty. */
    private static final int FAIL_EVERY = 1_000;
    private static final int SLICES = 200_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private int efd = -1;

    @BeforeAll
    static void sliceLikeAnyProgram() {
        assertEquals(SLICES * 8L, sliceOften(), "every slice was 8 bytes");
    }

    @BeforeEach
    void open() {
        assumeTrue(Platform.isLinux(), "uses eventfd");
        efd = SysException.check("eventfd", EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC));
    }

    @AfterEach
    void close() {
        if (efd >= 0) {
            Posix.close(efd);
        }
    }

    @Test
    void eventfdReadAllocatesNothingOnFailuresAfterAProfileOfRareOnes() {
        assertEquals(0, lastFailingRoundBytes(EventFd::read, 1), "bytes of " + CALLS + " failed reads");
    }

    @Test
    void posixReadAllocatesNothingOnFailuresAfterAProfileOfRareOnes() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counter = arena.allocate(Long.BYTES);
            assertEquals(0, lastFailingRoundBytes(fd -> Posix.read(fd, counter, 0, Long.BYTES), Long.BYTES),
                    "bytes of " + CALLS + " failed reads");
        }
    }

    /**
     * Slices a segment {@value #SLICES} times, so that {@code asSlice(offset, layout)} (the overload
     * the capture uses) is compiled in a method of its own, as in any program that slices segments:
     * that is the condition under which a cold call site does not inline it.
     */
    private static long sliceOften() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(64);
            long sum = 0;
            for (int i = 0; i < SLICES; i++) {
                sum += segment.asSlice(i & 31, ValueLayout.JAVA_LONG_UNALIGNED).byteSize();
            }
            return sum;
        }
    }

    /**
     * Warms {@code read} up with every hundredth call failing (the others return
     * {@code eachSuccess}), then makes every call fail for {@value #FAILING_ROUNDS} rounds of
     * {@value #CALLS}; returns the bytes the last round allocated on this thread.
     */
    private long lastFailingRoundBytes(IntToLongFunction read, long eachSuccess) {
        long sum = 0;
        for (int i = 1; i <= WARM_UP_CALLS; i++) {
            if (i % FAIL_EVERY != 0) {
                SysException.check("eventfd write", EventFd.write(efd, 1));
            }
            sum += read.applyAsLong(efd);
        }
        long failed = WARM_UP_CALLS / FAIL_EVERY;
        assertEquals((WARM_UP_CALLS - failed) * eachSuccess - failed * Errno.EAGAIN, sum,
                "each warm-up read returned " + eachSuccess + ", or -EAGAIN on an empty counter");
        long bytes = -1;
        for (int round = 0; round < FAILING_ROUNDS; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long failures = 0;
            for (int i = 0; i < CALLS; i++) {
                failures += read.applyAsLong(efd);
            }
            bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertEquals(-Errno.EAGAIN * (long) CALLS, failures, "every read found the counter empty");
        }
        return bytes;
    }
}
