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
 * <p>Why a {@link ThreadLocal} and not a context object passed to every call: the wrappers stay
 * plain static methods ({@code Posix.read(fd, buf, off, len)}) that any thread may call, and a
 * shard thread still gets exactly one segment, allocated on its first call and reused forever.
 * After that first call {@link ThreadLocal#get()} is a hash probe into the current thread's map:
 * a few nanoseconds and no allocation, against a syscall that costs 100 ns to a microsecond.
 * The segment lives in an automatic arena, so it is freed when its thread is gone.
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

    private static final ThreadLocal<MemorySegment> PER_THREAD = ThreadLocal.withInitial(CallState::allocate);

    private CallState() {}

    /** This thread's segment: pass it as the capture argument, use {@link #SCRATCH} inside it. */
    static MemorySegment current() {
        return PER_THREAD.get();
    }

    /** The errno the last capturing downcall on this thread stored (meaningful after a failure only). */
    static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }

    /** Native address of the scratch area plus {@code offset}, for passing as a pointer argument. */
    static long scratchAddress(MemorySegment state, long offset) {
        return state.address() + SCRATCH + offset;
    }

    private static MemorySegment allocate() {
        return Arena.ofAuto().allocate(SCRATCH + SCRATCH_SIZE, 16);
    }
}
