// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/linux.h with jextract/linux/epoll_h.args (jextract 22 output layout).

package dev.kevy.sys.linux;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class epoll_h extends epoll_h$shared {

    epoll_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int EPOLL_CTL_ADD = (int)1L;
    /**
     * {@snippet lang=c :
     * #define EPOLL_CTL_ADD 1
     * }
     */
    public static int EPOLL_CTL_ADD() {
        return EPOLL_CTL_ADD;
    }

    private static final int EPOLL_CTL_MOD = (int)3L;
    /**
     * {@snippet lang=c :
     * #define EPOLL_CTL_MOD 3
     * }
     */
    public static int EPOLL_CTL_MOD() {
        return EPOLL_CTL_MOD;
    }

    private static final int EPOLL_CTL_DEL = (int)2L;
    /**
     * {@snippet lang=c :
     * #define EPOLL_CTL_DEL 2
     * }
     */
    public static int EPOLL_CTL_DEL() {
        return EPOLL_CTL_DEL;
    }

    private static final int EPOLLIN = (int)1L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLIN = 1
     * }
     */
    public static int EPOLLIN() {
        return EPOLLIN;
    }

    private static final int EPOLLPRI = (int)2L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLPRI = 2
     * }
     */
    public static int EPOLLPRI() {
        return EPOLLPRI;
    }

    private static final int EPOLLOUT = (int)4L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLOUT = 4
     * }
     */
    public static int EPOLLOUT() {
        return EPOLLOUT;
    }

    private static final int EPOLLERR = (int)8L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLERR = 8
     * }
     */
    public static int EPOLLERR() {
        return EPOLLERR;
    }

    private static final int EPOLLHUP = (int)16L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLHUP = 16
     * }
     */
    public static int EPOLLHUP() {
        return EPOLLHUP;
    }

    private static final int EPOLLRDHUP = (int)8192L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLRDHUP = 8192
     * }
     */
    public static int EPOLLRDHUP() {
        return EPOLLRDHUP;
    }

    private static final int EPOLLEXCLUSIVE = (int)268435456L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLEXCLUSIVE = 268435456
     * }
     */
    public static int EPOLLEXCLUSIVE() {
        return EPOLLEXCLUSIVE;
    }

    private static final int EPOLLONESHOT = (int)1073741824L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLONESHOT = 1073741824
     * }
     */
    public static int EPOLLONESHOT() {
        return EPOLLONESHOT;
    }

    private static final int EPOLLET = (int)-2147483648L;
    /**
     * {@snippet lang=c :
     * enum EPOLL_EVENTS.EPOLLET = 2147483648
     * }
     */
    public static int EPOLLET() {
        return EPOLLET;
    }

    private static final int EPOLL_CLOEXEC = (int)524288L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.EPOLL_CLOEXEC = 524288
     * }
     */
    public static int EPOLL_CLOEXEC() {
        return EPOLL_CLOEXEC;
    }

    private static final int EFD_SEMAPHORE = (int)1L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.EFD_SEMAPHORE = 1
     * }
     */
    public static int EFD_SEMAPHORE() {
        return EFD_SEMAPHORE;
    }

    private static final int EFD_CLOEXEC = (int)524288L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.EFD_CLOEXEC = 524288
     * }
     */
    public static int EFD_CLOEXEC() {
        return EFD_CLOEXEC;
    }

    private static final int EFD_NONBLOCK = (int)2048L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.EFD_NONBLOCK = 2048
     * }
     */
    public static int EFD_NONBLOCK() {
        return EFD_NONBLOCK;
    }

    private static class epoll_create1 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            epoll_h.C_INT,
            epoll_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("epoll_create1");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int epoll_create1(int __flags)
     * }
     */
    public static FunctionDescriptor epoll_create1$descriptor() {
        return epoll_create1.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int epoll_create1(int __flags)
     * }
     */
    public static MethodHandle epoll_create1$handle() {
        return epoll_create1.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int epoll_create1(int __flags)
     * }
     */
    public static MemorySegment epoll_create1$address() {
        return epoll_create1.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int epoll_create1(int __flags)
     * }
     */
    public static int epoll_create1(int __flags) {
        var mh$ = epoll_create1.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("epoll_create1", __flags);
            }
            return (int) mh$.invokeExact(__flags);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class epoll_ctl {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            epoll_h.C_INT,
            epoll_h.C_INT,
            epoll_h.C_INT,
            epoll_h.C_INT,
            epoll_h.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("epoll_ctl");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int epoll_ctl(int __epfd, int __op, int __fd, struct epoll_event *__event)
     * }
     */
    public static FunctionDescriptor epoll_ctl$descriptor() {
        return epoll_ctl.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int epoll_ctl(int __epfd, int __op, int __fd, struct epoll_event *__event)
     * }
     */
    public static MethodHandle epoll_ctl$handle() {
        return epoll_ctl.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int epoll_ctl(int __epfd, int __op, int __fd, struct epoll_event *__event)
     * }
     */
    public static MemorySegment epoll_ctl$address() {
        return epoll_ctl.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int epoll_ctl(int __epfd, int __op, int __fd, struct epoll_event *__event)
     * }
     */
    public static int epoll_ctl(int __epfd, int __op, int __fd, MemorySegment __event) {
        var mh$ = epoll_ctl.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("epoll_ctl", __epfd, __op, __fd, __event);
            }
            return (int) mh$.invokeExact(__epfd, __op, __fd, __event);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class epoll_wait {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            epoll_h.C_INT,
            epoll_h.C_INT,
            epoll_h.C_POINTER,
            epoll_h.C_INT,
            epoll_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("epoll_wait");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int epoll_wait(int __epfd, struct epoll_event *__events, int __maxevents, int __timeout)
     * }
     */
    public static FunctionDescriptor epoll_wait$descriptor() {
        return epoll_wait.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int epoll_wait(int __epfd, struct epoll_event *__events, int __maxevents, int __timeout)
     * }
     */
    public static MethodHandle epoll_wait$handle() {
        return epoll_wait.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int epoll_wait(int __epfd, struct epoll_event *__events, int __maxevents, int __timeout)
     * }
     */
    public static MemorySegment epoll_wait$address() {
        return epoll_wait.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int epoll_wait(int __epfd, struct epoll_event *__events, int __maxevents, int __timeout)
     * }
     */
    public static int epoll_wait(int __epfd, MemorySegment __events, int __maxevents, int __timeout) {
        var mh$ = epoll_wait.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("epoll_wait", __epfd, __events, __maxevents, __timeout);
            }
            return (int) mh$.invokeExact(__epfd, __events, __maxevents, __timeout);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class eventfd {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            epoll_h.C_INT,
            epoll_h.C_INT,
            epoll_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("eventfd");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int eventfd(unsigned int __count, int __flags)
     * }
     */
    public static FunctionDescriptor eventfd$descriptor() {
        return eventfd.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int eventfd(unsigned int __count, int __flags)
     * }
     */
    public static MethodHandle eventfd$handle() {
        return eventfd.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int eventfd(unsigned int __count, int __flags)
     * }
     */
    public static MemorySegment eventfd$address() {
        return eventfd.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int eventfd(unsigned int __count, int __flags)
     * }
     */
    public static int eventfd(int __count, int __flags) {
        var mh$ = eventfd.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("eventfd", __count, __flags);
            }
            return (int) mh$.invokeExact(__count, __flags);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
