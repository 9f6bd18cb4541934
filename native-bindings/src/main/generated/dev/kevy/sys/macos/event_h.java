// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/macos.h with jextract/macos/event_h.args (jextract 22 output layout).

package dev.kevy.sys.macos;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class event_h extends event_h$shared {

    event_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int EVFILT_READ = (int)-1L;
    /**
     * {@snippet lang=c :
     * #define EVFILT_READ (-1)
     * }
     */
    public static int EVFILT_READ() {
        return EVFILT_READ;
    }

    private static final int EVFILT_WRITE = (int)-2L;
    /**
     * {@snippet lang=c :
     * #define EVFILT_WRITE (-2)
     * }
     */
    public static int EVFILT_WRITE() {
        return EVFILT_WRITE;
    }

    private static final int EVFILT_USER = (int)-10L;
    /**
     * {@snippet lang=c :
     * #define EVFILT_USER (-10)
     * }
     */
    public static int EVFILT_USER() {
        return EVFILT_USER;
    }

    private static final int EV_ADD = (int)1L;
    /**
     * {@snippet lang=c :
     * #define EV_ADD 1
     * }
     */
    public static int EV_ADD() {
        return EV_ADD;
    }

    private static final int EV_DELETE = (int)2L;
    /**
     * {@snippet lang=c :
     * #define EV_DELETE 2
     * }
     */
    public static int EV_DELETE() {
        return EV_DELETE;
    }

    private static final int EV_ENABLE = (int)4L;
    /**
     * {@snippet lang=c :
     * #define EV_ENABLE 4
     * }
     */
    public static int EV_ENABLE() {
        return EV_ENABLE;
    }

    private static final int EV_DISABLE = (int)8L;
    /**
     * {@snippet lang=c :
     * #define EV_DISABLE 8
     * }
     */
    public static int EV_DISABLE() {
        return EV_DISABLE;
    }

    private static final int EV_ONESHOT = (int)16L;
    /**
     * {@snippet lang=c :
     * #define EV_ONESHOT 0x10
     * }
     */
    public static int EV_ONESHOT() {
        return EV_ONESHOT;
    }

    private static final int EV_CLEAR = (int)32L;
    /**
     * {@snippet lang=c :
     * #define EV_CLEAR 0x20
     * }
     */
    public static int EV_CLEAR() {
        return EV_CLEAR;
    }

    private static final int EV_RECEIPT = (int)64L;
    /**
     * {@snippet lang=c :
     * #define EV_RECEIPT 0x40
     * }
     */
    public static int EV_RECEIPT() {
        return EV_RECEIPT;
    }

    private static final int EV_EOF = (int)32768L;
    /**
     * {@snippet lang=c :
     * #define EV_EOF 0x8000
     * }
     */
    public static int EV_EOF() {
        return EV_EOF;
    }

    private static final int EV_ERROR = (int)16384L;
    /**
     * {@snippet lang=c :
     * #define EV_ERROR 0x4000
     * }
     */
    public static int EV_ERROR() {
        return EV_ERROR;
    }

    private static final int NOTE_TRIGGER = (int)16777216L;
    /**
     * {@snippet lang=c :
     * #define NOTE_TRIGGER 0x1000000
     * }
     */
    public static int NOTE_TRIGGER() {
        return NOTE_TRIGGER;
    }

    private static final int NOTE_FFNOP = (int)0L;
    /**
     * {@snippet lang=c :
     * #define NOTE_FFNOP 0
     * }
     */
    public static int NOTE_FFNOP() {
        return NOTE_FFNOP;
    }

    private static class kqueue {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            event_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("kqueue");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int kqueue(void)
     * }
     */
    public static FunctionDescriptor kqueue$descriptor() {
        return kqueue.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int kqueue(void)
     * }
     */
    public static MethodHandle kqueue$handle() {
        return kqueue.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int kqueue(void)
     * }
     */
    public static MemorySegment kqueue$address() {
        return kqueue.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int kqueue(void)
     * }
     */
    public static int kqueue() {
        var mh$ = kqueue.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("kqueue");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class kevent {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            event_h.C_INT,
            event_h.C_INT,
            event_h.C_POINTER,
            event_h.C_INT,
            event_h.C_POINTER,
            event_h.C_INT,
            event_h.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("kevent");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int kevent(int kq, const struct kevent *changelist, int nchanges, struct kevent *eventlist, int nevents, const struct timespec *timeout)
     * }
     */
    public static FunctionDescriptor kevent$descriptor() {
        return kevent.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int kevent(int kq, const struct kevent *changelist, int nchanges, struct kevent *eventlist, int nevents, const struct timespec *timeout)
     * }
     */
    public static MethodHandle kevent$handle() {
        return kevent.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int kevent(int kq, const struct kevent *changelist, int nchanges, struct kevent *eventlist, int nevents, const struct timespec *timeout)
     * }
     */
    public static MemorySegment kevent$address() {
        return kevent.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int kevent(int kq, const struct kevent *changelist, int nchanges, struct kevent *eventlist, int nevents, const struct timespec *timeout)
     * }
     */
    public static int kevent(int kq, MemorySegment changelist, int nchanges, MemorySegment eventlist, int nevents, MemorySegment timeout) {
        var mh$ = kevent.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("kevent", kq, changelist, nchanges, eventlist, nevents, timeout);
            }
            return (int) mh$.invokeExact(kq, changelist, nchanges, eventlist, nevents, timeout);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
