package dev.kevy.sys;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * The one native segment per thread that every errno-returning call uses: the {@code errno}
 * capture area the linker writes after each downcall, followed by a small scratch area for the
 * in/out arguments that syscalls take by pointer (an eventfd counter, a socket option, a
 * sockaddr, an epoll_event, a timespec, an rlimit, a CPU mask).
 *
 * <p>Where the segment lives depends on the thread. A shard runs on a {@link NativeThread}, which
 * holds its segment in a final field from construction: {@link #current()} reads it after a class
 * check of {@link Thread#currentThread()} (an intrinsic), with no map probe and no allocation on
 * any call, the first included. That is the design's "one errno segment per shard, allocated once".
 * Every other thread (tests, setup code, helper threads, virtual threads, which cannot be
 * subclassed) falls back to a {@link ThreadLocal}: its segment is allocated on its first call and
 * found afterwards by a hash probe into the thread's map, a few nanoseconds against a syscall of
 * 100 ns to a microsecond ({@code CallStateBenchmark} in the bench module measures both paths).
 *
 * <p>Why not a context object passed to every call: the wrappers stay plain static methods
 * ({@code Posix.read(fd, buf, off, len)}) that any thread may call. Both kinds of segment live in
 * an automatic arena, so each is freed when its thread is gone.
 *
 * <p>A wrapper reads the captured errno only when the call failed, and uses the scratch area only
 * between its own downcall's arguments and result, so one wrapper cannot disturb another.
 */
final class CallState {

    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();

    /** Where the linker stores {@code errno} inside the segment. */
    private static final long ERRNO_OFFSET = CAPTURE.byteOffset(groupElement("errno"));

    /** Start of the scratch area: 16-byte aligned, past the capture area. */
    static final long SCRATCH = (CAPTURE.byteSize() + 15) & ~15L;

    /** Scratch bytes: the largest struct passed is a cpu_set_t (128 bytes with glibc). */
    static final long SCRATCH_SIZE = 128;

    /** The segments of threads that are not {@link NativeThread}s, made on each one's first call. */
    private static final ThreadLocal<MemorySegment> PER_THREAD = ThreadLocal.withInitial(CallState::allocate);

    private CallState() {}

    /**
     * This thread's segment: pass it as the capture argument, use {@link #SCRATCH} inside it. A
     * {@link NativeThread} carries its own; any other thread's comes from {@link #PER_THREAD}.
     */
    static MemorySegment current() {
        return Thread.currentThread() instanceof NativeThread t ? t.callState : PER_THREAD.get();
    }

    /** The errno the last capturing downcall on this thread stored (meaningful after a failure only). */
    static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }

    /** Native address of the scratch area plus {@code offset}, for passing as a pointer argument. */
    static long scratchAddress(MemorySegment state, long offset) {
        return state.address() + SCRATCH + offset;
    }

    /** A new segment, capture area then scratch, 16-byte aligned, freed when unreachable. */
    static MemorySegment allocate() {
        return Arena.ofAuto().allocate(SCRATCH + SCRATCH_SIZE, 16);
    }
}
