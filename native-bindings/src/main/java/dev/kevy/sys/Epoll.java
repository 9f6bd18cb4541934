package dev.kevy.sys;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import dev.kevy.sys.linux.epoll_h;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Linux epoll: create a set, register descriptors with a 64-bit user value, wait for events.
 * Results follow the module's convention ({@code >= 0} result, {@code -errno}); nothing allocates.
 *
 * <p>The event array layout depends on the architecture: glibc packs {@code struct epoll_event} on
 * x86_64 (12 bytes, the 64-bit data at offset 4) but not on aarch64 (16 bytes, data at offset 8).
 * This class takes the layout from the generated package of the running architecture
 * ({@code dev.kevy.sys.linux.x86_64} or {@code dev.kevy.sys.linux.aarch64}); read events only
 * through {@link #events} and {@link #data}.
 *
 * <p>On macOS the class loads (its constants are readable) but every call throws
 * {@link UnsupportedOperationException}; use {@link Kqueue} there.
 */
public final class Epoll {

    /** epoll_ctl: register. */
    public static final int EPOLL_CTL_ADD = epoll_h.EPOLL_CTL_ADD();
    /** epoll_ctl: change the interest set or data. */
    public static final int EPOLL_CTL_MOD = epoll_h.EPOLL_CTL_MOD();
    /** epoll_ctl: unregister. */
    public static final int EPOLL_CTL_DEL = epoll_h.EPOLL_CTL_DEL();
    /** Readable. */
    public static final int EPOLLIN = epoll_h.EPOLLIN();
    /** Urgent data. */
    public static final int EPOLLPRI = epoll_h.EPOLLPRI();
    /** Writable. */
    public static final int EPOLLOUT = epoll_h.EPOLLOUT();
    /** Error (always reported). */
    public static final int EPOLLERR = epoll_h.EPOLLERR();
    /** Hang-up (always reported). */
    public static final int EPOLLHUP = epoll_h.EPOLLHUP();
    /** Peer shut down its writing half. */
    public static final int EPOLLRDHUP = epoll_h.EPOLLRDHUP();
    /** Wake one of several epoll sets waiting on the same descriptor (EPOLL_CTL_ADD only). */
    public static final int EPOLLEXCLUSIVE = epoll_h.EPOLLEXCLUSIVE();
    /** Disarm after one event. */
    public static final int EPOLLONESHOT = epoll_h.EPOLLONESHOT();
    /** Edge-triggered (the sign bit of the 32-bit event mask). */
    public static final int EPOLLET = epoll_h.EPOLLET();
    /** epoll_create1 flag: close on exec. */
    public static final int EPOLL_CLOEXEC = epoll_h.EPOLL_CLOEXEC();

    private static final boolean LINUX = Platform.isLinux();

    private static final GroupLayout EVENT = Platform.isX86_64()
            ? dev.kevy.sys.linux.x86_64.epoll_event.layout()
            : dev.kevy.sys.linux.aarch64.epoll_event.layout();

    /** {@code sizeof(struct epoll_event)} on this architecture: 12 on x86_64, 16 on aarch64. */
    public static final long EVENT_SIZE = EVENT.byteSize();

    private static final ValueLayout.OfInt EVENTS = (ValueLayout.OfInt) EVENT.select(groupElement("events"));
    private static final long EVENTS_OFFSET = EVENT.byteOffset(groupElement("events"));
    /** The u64 member of the data union; byte-aligned on x86_64, where it sits at offset 4. */
    private static final ValueLayout.OfLong DATA = (ValueLayout.OfLong) EVENT.select(groupElement("data"), groupElement("u64"));
    private static final long DATA_OFFSET = EVENT.byteOffset(groupElement("data"), groupElement("u64"));

    private static final MethodHandle CREATE = LINUX
            ? Downcalls.blocking(epoll_h.epoll_create1$address(), epoll_h.epoll_create1$descriptor()) : null;
    private static final MethodHandle CTL = LINUX
            ? Downcalls.critical(epoll_h.epoll_ctl$address(), epoll_h.epoll_ctl$descriptor()) : null;
    /** {@link #CTL} without errno capture, tried first (see {@link Downcalls#criticalNoErrno}). */
    private static final MethodHandle CTL_NO_ERRNO = LINUX
            ? Downcalls.criticalNoErrno(epoll_h.epoll_ctl$address(), epoll_h.epoll_ctl$descriptor()) : null;
    /** Zero timeout: returns at once, so the critical form is safe. */
    private static final MethodHandle WAIT_NOW = LINUX
            ? Downcalls.critical(epoll_h.epoll_wait$address(), epoll_h.epoll_wait$descriptor()) : null;
    /** {@link #WAIT_NOW} without errno capture, tried first (see {@link Downcalls#criticalNoErrno}). */
    private static final MethodHandle WAIT_NOW_NO_ERRNO = LINUX
            ? Downcalls.criticalNoErrno(epoll_h.epoll_wait$address(), epoll_h.epoll_wait$descriptor()) : null;
    /**
     * Nonzero timeout: the thread sleeps in the kernel, so it must not hold up safepoints. No errno
     * capture, so a park allocates nothing (see {@link Downcalls#blockingNoErrno}).
     */
    private static final MethodHandle WAIT = LINUX
            ? Downcalls.blockingNoErrno(epoll_h.epoll_wait$address(), epoll_h.epoll_wait$descriptor()) : null;

    private Epoll() {}

    /** A new close-on-exec epoll set. Returns its fd or {@code -errno}. */
    public static int create() {
        if (!LINUX) {
            throw Downcalls.unsupported("epoll_create1");
        }
        MemorySegment state = CallState.current();
        try {
            int fd = (int) CREATE.invokeExact(state, EPOLL_CLOEXEC);
            return fd >= 0 ? fd : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * {@code epoll_ctl(epfd, op, fd, {events, data})} (critical). {@code data} comes back with
     * every event of {@code fd}, typically a connection id. For {@link #EPOLL_CTL_DEL} events and
     * data are ignored. Returns 0 or {@code -errno}.
     */
    public static int ctl(int epfd, int op, int fd, int events, long data) {
        if (!LINUX) {
            throw Downcalls.unsupported("epoll_ctl");
        }
        MemorySegment state = CallState.current();
        state.set(EVENTS, CallState.SCRATCH + EVENTS_OFFSET, events);
        state.set(DATA, CallState.SCRATCH + DATA_OFFSET, data);
        try {
            long event = CallState.scratchAddress(state, 0);
            int r = (int) CTL_NO_ERRNO.invokeExact(epfd, op, fd, event);
            return r >= 0 ? r : ctlForErrno(epfd, op, fd, event);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * A failed {@code epoll_ctl} again, capturing its errno (the same answer: the call changed
     * nothing); its own method, see {@link Downcalls#criticalNoErrno}.
     */
    private static int ctlForErrno(int epfd, int op, int fd, long event) {
        MemorySegment state = CallState.current();
        try {
            int r = (int) CTL.invokeExact(state, epfd, op, fd, event);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} ({@code 0} polls, {@code -1} waits forever) for events into
     * {@code events}, which must hold {@code maxEvents} entries ({@link #allocateEvents}). A zero
     * timeout uses a critical downcall, any other a normal one that captures no errno (so it
     * allocates nothing); when it fails, a zero-timeout poll follows, which returns the events that
     * are ready if a signal cut the wait short, or {@code -errno} if the failure persists.
     */
    public static int wait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
        if (!LINUX) {
            throw Downcalls.unsupported("epoll_wait");
        }
        long address = Downcalls.address(events, 0, maxEvents * EVENT_SIZE);
        try {
            if (timeoutMillis != 0) {
                int n = (int) WAIT.invokeExact(epfd, address, maxEvents, timeoutMillis);
                if (n >= 0) {
                    return n;
                }
                // Failed, errno not captured: poll once without blocking, which reports the same
                // error if it persists (EBADF, EINVAL) or the ready events if a signal cut the wait.
            }
            int n = (int) WAIT_NOW_NO_ERRNO.invokeExact(epfd, address, maxEvents, 0); // no capture unless it fails
            return n >= 0 ? n : pollForErrno(epfd, address, maxEvents);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** A failed zero-timeout {@code epoll_wait} again, capturing its errno (see {@link Downcalls#criticalNoErrno}). */
    private static int pollForErrno(int epfd, long address, int maxEvents) {
        MemorySegment state = CallState.current();
        try {
            int n = (int) WAIT_NOW.invokeExact(state, epfd, address, maxEvents, 0);
            return n >= 0 ? n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** An event array of {@code maxEvents} entries, suitably aligned for this architecture. */
    public static MemorySegment allocateEvents(SegmentAllocator allocator, int maxEvents) {
        return allocator.allocate(EVENT_SIZE * maxEvents, EVENT.byteAlignment());
    }

    /** The ready mask ({@link #EPOLLIN}, {@link #EPOLLOUT}, ...) of entry {@code index}. */
    public static int events(MemorySegment events, int index) {
        return events.get(EVENTS, index * EVENT_SIZE + EVENTS_OFFSET);
    }

    /** The 64-bit user value of entry {@code index}, as registered with {@link #ctl}. */
    public static long data(MemorySegment events, int index) {
        return events.get(DATA, index * EVENT_SIZE + DATA_OFFSET);
    }
}
