package dev.kevy.sys;

import dev.kevy.sys.linux.epoll_h;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Linux eventfd: a 64-bit counter with a descriptor, the shard waker. {@link #write} adds to the
 * counter and makes the descriptor readable; {@link #read} returns the counter and resets it
 * (or decrements it by one with {@link #EFD_SEMAPHORE}). Both are critical downcalls meant for a
 * nonblocking eventfd and allocate nothing: the 8-byte value travels through the calling thread's
 * scratch area. On macOS every call throws {@link UnsupportedOperationException} (the waker there is
 * a pipe or EVFILT_USER).
 */
public final class EventFd {

    /** Reads decrement by one instead of resetting. */
    public static final int EFD_SEMAPHORE = epoll_h.EFD_SEMAPHORE();
    /** Close on exec. */
    public static final int EFD_CLOEXEC = epoll_h.EFD_CLOEXEC();
    /** Nonblocking reads and writes. */
    public static final int EFD_NONBLOCK = epoll_h.EFD_NONBLOCK();

    private static final boolean LINUX = Platform.isLinux();

    private static final MethodHandle CREATE = LINUX
            ? Downcalls.blocking(epoll_h.eventfd$address(), epoll_h.eventfd$descriptor()) : null;

    private EventFd() {}

    /**
     * A new eventfd with counter {@code initialValue}; {@code flags} is a mix of
     * {@link #EFD_NONBLOCK}, {@link #EFD_CLOEXEC}, {@link #EFD_SEMAPHORE}. Returns the fd or
     * {@code -errno}.
     */
    public static int create(int initialValue, int flags) {
        requireLinux();
        MemorySegment state = CallState.current();
        try {
            int fd = (int) CREATE.invokeExact(state, initialValue, flags);
            return fd >= 0 ? fd : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * Adds {@code value} (1 to 2^64-2) to the counter. Returns 0, or {@code -errno}:
     * {@code -EAGAIN} when the addition would overflow a nonblocking eventfd.
     */
    public static int write(int fd, long value) {
        requireLinux();
        MemorySegment state = CallState.current();
        state.set(ValueLayout.JAVA_LONG, CallState.SCRATCH, value);
        long address = CallState.scratchAddress(state, 0);
        long n;
        try {
            n = (long) Posix.WRITE_NO_ERRNO.invokeExact(fd, address, (long) Long.BYTES);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        if (n < 0) {
            n = Posix.writeForErrno(fd, address, Long.BYTES);
        }
        return n >= 0 ? 0 : (int) n;
    }

    /**
     * Reads (and resets) the counter. Returns it, or {@code -errno}: {@code -EAGAIN} when it is
     * zero on a nonblocking eventfd. Counters above {@link Long#MAX_VALUE} would read as negative;
     * wakers add 1 at a time and never get near.
     */
    public static long read(int fd) {
        requireLinux();
        MemorySegment state = CallState.current();
        long address = CallState.scratchAddress(state, 0);
        long n;
        try {
            n = (long) Posix.READ_NO_ERRNO.invokeExact(fd, address, (long) Long.BYTES);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        if (n < 0) {
            n = Posix.readForErrno(fd, address, Long.BYTES);
        }
        return n >= 0 ? state.get(ValueLayout.JAVA_LONG, CallState.SCRATCH) : n;
    }

    private static void requireLinux() {
        if (!LINUX) {
            throw Downcalls.unsupported("eventfd");
        }
    }
}
