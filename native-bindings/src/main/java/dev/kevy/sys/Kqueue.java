package dev.kevy.sys;

import dev.kevy.sys.macos.event_h;
import dev.kevy.sys.macos.kevent;
import dev.kevy.sys.macos.timespec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * macOS/BSD kqueue: one {@code kevent} call both submits changes and collects events.
 * {@code struct kevent} is 32 bytes there, declared under {@code #pragma pack(4)}: ident (uintptr),
 * filter (int16), flags (uint16), fflags (uint32), data (intptr), udata (pointer). Fill change
 * lists with {@link #set} and read results with the accessors; nothing allocates.
 *
 * <p>Compiles and loads everywhere; on Linux every call throws {@link UnsupportedOperationException}
 * (use {@link Epoll}). Not exercised by this host's tests: its ABI is proved only when the ABI test
 * runs on macOS.
 */
public final class Kqueue {

    /** Filter: readable. */
    public static final short EVFILT_READ = (short) event_h.EVFILT_READ();
    /** Filter: writable. */
    public static final short EVFILT_WRITE = (short) event_h.EVFILT_WRITE();
    /** Filter: user-triggered event (the waker). */
    public static final short EVFILT_USER = (short) event_h.EVFILT_USER();
    /** Add (and enable) the event. */
    public static final short EV_ADD = (short) event_h.EV_ADD();
    /** Remove the event. */
    public static final short EV_DELETE = (short) event_h.EV_DELETE();
    /** Enable reporting. */
    public static final short EV_ENABLE = (short) event_h.EV_ENABLE();
    /** Disable reporting without removing. */
    public static final short EV_DISABLE = (short) event_h.EV_DISABLE();
    /** Report once, then delete. */
    public static final short EV_ONESHOT = (short) event_h.EV_ONESHOT();
    /** Reset the state after it is reported (edge-like). */
    public static final short EV_CLEAR = (short) event_h.EV_CLEAR();
    /** Output: end of stream; fflags may hold the socket error. */
    public static final short EV_EOF = (short) event_h.EV_EOF();
    /** Output: this change failed; data holds its errno. */
    public static final short EV_ERROR = (short) event_h.EV_ERROR();
    /** EVFILT_USER fflags: trigger the event. */
    public static final int NOTE_TRIGGER = event_h.NOTE_TRIGGER();

    /** {@code sizeof(struct kevent)}: 32. */
    public static final long KEVENT_SIZE = kevent.sizeof();

    private static final boolean MACOS = Platform.isMacos();

    private static final ValueLayout.OfLong WORD = kevent.ident$layout();
    private static final ValueLayout.OfShort SHORT = kevent.filter$layout();
    private static final ValueLayout.OfInt INT = kevent.fflags$layout();

    private static final MethodHandle CREATE = MACOS
            ? Downcalls.blocking(event_h.kqueue$address(), event_h.kqueue$descriptor()) : null;
    /** Zero timeout: returns at once, so the critical form is safe. */
    private static final MethodHandle KEVENT_NOW = MACOS
            ? Downcalls.critical(event_h.kevent$address(), event_h.kevent$descriptor()) : null;
    private static final MethodHandle KEVENT = MACOS
            ? Downcalls.blocking(event_h.kevent$address(), event_h.kevent$descriptor()) : null;
    /** A wait with no changes: no errno capture, so a park allocates nothing (see Downcalls). */
    private static final MethodHandle KEVENT_WAIT = MACOS
            ? Downcalls.blockingNoErrno(event_h.kevent$address(), event_h.kevent$descriptor()) : null;

    private Kqueue() {}

    /** A new close-on-exec kqueue. Returns its fd or {@code -errno}. */
    public static int create() {
        if (!MACOS) {
            throw Downcalls.unsupported("kqueue");
        }
        MemorySegment state = CallState.current();
        int fd;
        try {
            fd = (int) CREATE.invokeExact(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        if (fd < 0) {
            return -CallState.errno(state);
        }
        int r = Posix.setCloseOnExec(fd);
        if (r < 0) {
            Posix.close(fd);
            return r;
        }
        return fd;
    }

    /**
     * Applies {@code nchanges} entries of {@code changes}, then collects up to {@code nevents}
     * into {@code events}, waiting up to {@code timeoutNanos} ({@code 0} polls with a critical
     * downcall, a negative value waits forever). Returns the number of events or {@code -errno}.
     */
    public static int kevent(int kq, MemorySegment changes, int nchanges, MemorySegment events, int nevents,
                             long timeoutNanos) {
        if (!MACOS) {
            throw Downcalls.unsupported("kevent");
        }
        long changeList = nchanges == 0 ? 0L : Downcalls.address(changes, 0, nchanges * KEVENT_SIZE);
        long eventList = nevents == 0 ? 0L : Downcalls.address(events, 0, nevents * KEVENT_SIZE);
        MemorySegment state = CallState.current();
        long timeout = 0L;
        if (timeoutNanos >= 0) {
            state.set(ValueLayout.JAVA_LONG, CallState.SCRATCH + timespec.tv_sec$offset(), timeoutNanos / 1_000_000_000L);
            state.set(ValueLayout.JAVA_LONG, CallState.SCRATCH + timespec.tv_nsec$offset(), timeoutNanos % 1_000_000_000L);
            timeout = CallState.scratchAddress(state, 0);
        }
        try {
            if (timeoutNanos != 0 && nchanges == 0) {
                int n = (int) KEVENT_WAIT.invokeExact(kq, changeList, nchanges, eventList, nevents, timeout);
                if (n >= 0) {
                    return n;
                }
                // Failed, errno not captured: the zero-timeout form below reports a lasting error,
                // or the ready events when a signal cut the wait short.
                timeoutNanos = 0;
                state.set(ValueLayout.JAVA_LONG, CallState.SCRATCH + timespec.tv_sec$offset(), 0L);
                state.set(ValueLayout.JAVA_LONG, CallState.SCRATCH + timespec.tv_nsec$offset(), 0L);
                timeout = CallState.scratchAddress(state, 0); // a NULL timeout would wait forever
            }
            int n = timeoutNanos == 0
                    ? (int) KEVENT_NOW.invokeExact(state, kq, changeList, nchanges, eventList, nevents, timeout)
                    : (int) KEVENT.invokeExact(state, kq, changeList, nchanges, eventList, nevents, timeout);
            return n >= 0 ? n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** A kevent array of {@code count} entries. */
    public static MemorySegment allocate(SegmentAllocator allocator, int count) {
        return kevent.allocateArray(count, allocator);
    }

    /** Fills entry {@code index} (the C macro EV_SET); {@code udata} is an opaque 64-bit value. */
    public static void set(MemorySegment list, int index, long ident, short filter, short flags, int fflags,
                           long data, long udata) {
        long at = index * KEVENT_SIZE;
        list.set(WORD, at + kevent.ident$offset(), ident);
        list.set(SHORT, at + kevent.filter$offset(), filter);
        list.set(SHORT, at + kevent.flags$offset(), flags);
        list.set(INT, at + kevent.fflags$offset(), fflags);
        list.set(WORD, at + kevent.data$offset(), data);
        list.set(WORD, at + kevent.udata$offset(), udata);
    }

    /** Entry {@code index}'s ident (the descriptor, for read/write filters). */
    public static long ident(MemorySegment list, int index) {
        return list.get(WORD, index * KEVENT_SIZE + kevent.ident$offset());
    }

    /** Entry {@code index}'s filter. */
    public static short filter(MemorySegment list, int index) {
        return list.get(SHORT, index * KEVENT_SIZE + kevent.filter$offset());
    }

    /** Entry {@code index}'s flags (unsigned 16 bits). */
    public static int flags(MemorySegment list, int index) {
        return Short.toUnsignedInt(list.get(SHORT, index * KEVENT_SIZE + kevent.flags$offset()));
    }

    /** Entry {@code index}'s filter flags. */
    public static int fflags(MemorySegment list, int index) {
        return list.get(INT, index * KEVENT_SIZE + kevent.fflags$offset());
    }

    /** Entry {@code index}'s data (bytes readable, space writable, or an errno with EV_ERROR). */
    public static long data(MemorySegment list, int index) {
        return list.get(WORD, index * KEVENT_SIZE + kevent.data$offset());
    }

    /** Entry {@code index}'s user value, as set with {@link #set}. */
    public static long udata(MemorySegment list, int index) {
        return list.get(WORD, index * KEVENT_SIZE + kevent.udata$offset());
    }
}
