// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/macos.h with jextract/macos/errno_h.args (jextract 22 output layout).

package dev.kevy.sys.macos;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class errno_h extends errno_h$shared {

    errno_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int EPERM = (int)1L;
    /**
     * {@snippet lang=c :
     * #define EPERM 1
     * }
     */
    public static int EPERM() {
        return EPERM;
    }

    private static final int ENOENT = (int)2L;
    /**
     * {@snippet lang=c :
     * #define ENOENT 2
     * }
     */
    public static int ENOENT() {
        return ENOENT;
    }

    private static final int EINTR = (int)4L;
    /**
     * {@snippet lang=c :
     * #define EINTR 4
     * }
     */
    public static int EINTR() {
        return EINTR;
    }

    private static final int EIO = (int)5L;
    /**
     * {@snippet lang=c :
     * #define EIO 5
     * }
     */
    public static int EIO() {
        return EIO;
    }

    private static final int EBADF = (int)9L;
    /**
     * {@snippet lang=c :
     * #define EBADF 9
     * }
     */
    public static int EBADF() {
        return EBADF;
    }

    private static final int EAGAIN = (int)35L;
    /**
     * {@snippet lang=c :
     * #define EAGAIN 0x23
     * }
     */
    public static int EAGAIN() {
        return EAGAIN;
    }

    private static final int EWOULDBLOCK = (int)35L;
    /**
     * {@snippet lang=c :
     * #define EWOULDBLOCK 0x23
     * }
     */
    public static int EWOULDBLOCK() {
        return EWOULDBLOCK;
    }

    private static final int ENOMEM = (int)12L;
    /**
     * {@snippet lang=c :
     * #define ENOMEM 0xc
     * }
     */
    public static int ENOMEM() {
        return ENOMEM;
    }

    private static final int EACCES = (int)13L;
    /**
     * {@snippet lang=c :
     * #define EACCES 0xd
     * }
     */
    public static int EACCES() {
        return EACCES;
    }

    private static final int EFAULT = (int)14L;
    /**
     * {@snippet lang=c :
     * #define EFAULT 0xe
     * }
     */
    public static int EFAULT() {
        return EFAULT;
    }

    private static final int EEXIST = (int)17L;
    /**
     * {@snippet lang=c :
     * #define EEXIST 0x11
     * }
     */
    public static int EEXIST() {
        return EEXIST;
    }

    private static final int ENOTDIR = (int)20L;
    /**
     * {@snippet lang=c :
     * #define ENOTDIR 0x14
     * }
     */
    public static int ENOTDIR() {
        return ENOTDIR;
    }

    private static final int EISDIR = (int)21L;
    /**
     * {@snippet lang=c :
     * #define EISDIR 0x15
     * }
     */
    public static int EISDIR() {
        return EISDIR;
    }

    private static final int EINVAL = (int)22L;
    /**
     * {@snippet lang=c :
     * #define EINVAL 0x16
     * }
     */
    public static int EINVAL() {
        return EINVAL;
    }

    private static final int ENFILE = (int)23L;
    /**
     * {@snippet lang=c :
     * #define ENFILE 0x17
     * }
     */
    public static int ENFILE() {
        return ENFILE;
    }

    private static final int EMFILE = (int)24L;
    /**
     * {@snippet lang=c :
     * #define EMFILE 0x18
     * }
     */
    public static int EMFILE() {
        return EMFILE;
    }

    private static final int ENOSPC = (int)28L;
    /**
     * {@snippet lang=c :
     * #define ENOSPC 0x1c
     * }
     */
    public static int ENOSPC() {
        return ENOSPC;
    }

    private static final int EPIPE = (int)32L;
    /**
     * {@snippet lang=c :
     * #define EPIPE 0x20
     * }
     */
    public static int EPIPE() {
        return EPIPE;
    }

    private static final int ENOSYS = (int)78L;
    /**
     * {@snippet lang=c :
     * #define ENOSYS 0x4e
     * }
     */
    public static int ENOSYS() {
        return ENOSYS;
    }

    private static final int ENOTSOCK = (int)38L;
    /**
     * {@snippet lang=c :
     * #define ENOTSOCK 0x26
     * }
     */
    public static int ENOTSOCK() {
        return ENOTSOCK;
    }

    private static final int EOPNOTSUPP = (int)102L;
    /**
     * {@snippet lang=c :
     * #define EOPNOTSUPP 0x66
     * }
     */
    public static int EOPNOTSUPP() {
        return EOPNOTSUPP;
    }

    private static final int ENOTSUP = (int)45L;
    /**
     * {@snippet lang=c :
     * #define ENOTSUP 0x2d
     * }
     */
    public static int ENOTSUP() {
        return ENOTSUP;
    }

    private static final int EPROTONOSUPPORT = (int)43L;
    /**
     * {@snippet lang=c :
     * #define EPROTONOSUPPORT 0x2b
     * }
     */
    public static int EPROTONOSUPPORT() {
        return EPROTONOSUPPORT;
    }

    private static final int EAFNOSUPPORT = (int)47L;
    /**
     * {@snippet lang=c :
     * #define EAFNOSUPPORT 0x2f
     * }
     */
    public static int EAFNOSUPPORT() {
        return EAFNOSUPPORT;
    }

    private static final int EADDRINUSE = (int)48L;
    /**
     * {@snippet lang=c :
     * #define EADDRINUSE 0x30
     * }
     */
    public static int EADDRINUSE() {
        return EADDRINUSE;
    }

    private static final int EADDRNOTAVAIL = (int)49L;
    /**
     * {@snippet lang=c :
     * #define EADDRNOTAVAIL 0x31
     * }
     */
    public static int EADDRNOTAVAIL() {
        return EADDRNOTAVAIL;
    }

    private static final int ENETDOWN = (int)50L;
    /**
     * {@snippet lang=c :
     * #define ENETDOWN 0x32
     * }
     */
    public static int ENETDOWN() {
        return ENETDOWN;
    }

    private static final int ENETUNREACH = (int)51L;
    /**
     * {@snippet lang=c :
     * #define ENETUNREACH 0x33
     * }
     */
    public static int ENETUNREACH() {
        return ENETUNREACH;
    }

    private static final int ECONNABORTED = (int)53L;
    /**
     * {@snippet lang=c :
     * #define ECONNABORTED 0x35
     * }
     */
    public static int ECONNABORTED() {
        return ECONNABORTED;
    }

    private static final int ECONNRESET = (int)54L;
    /**
     * {@snippet lang=c :
     * #define ECONNRESET 0x36
     * }
     */
    public static int ECONNRESET() {
        return ECONNRESET;
    }

    private static final int ECANCELED = (int)89L;
    /**
     * {@snippet lang=c :
     * #define ECANCELED 89
     * }
     */
    public static int ECANCELED() {
        return ECANCELED;
    }

    private static final int ETIME = (int)101L;
    /**
     * {@snippet lang=c :
     * #define ETIME 101
     * }
     */
    public static int ETIME() {
        return ETIME;
    }

    private static final int EBUSY = (int)16L;
    /**
     * {@snippet lang=c :
     * #define EBUSY 16
     * }
     */
    public static int EBUSY() {
        return EBUSY;
    }

    private static final int ENOBUFS = (int)55L;
    /**
     * {@snippet lang=c :
     * #define ENOBUFS 0x37
     * }
     */
    public static int ENOBUFS() {
        return ENOBUFS;
    }

    private static final int EISCONN = (int)56L;
    /**
     * {@snippet lang=c :
     * #define EISCONN 0x38
     * }
     */
    public static int EISCONN() {
        return EISCONN;
    }

    private static final int ENOTCONN = (int)57L;
    /**
     * {@snippet lang=c :
     * #define ENOTCONN 0x39
     * }
     */
    public static int ENOTCONN() {
        return ENOTCONN;
    }

    private static final int ETIMEDOUT = (int)60L;
    /**
     * {@snippet lang=c :
     * #define ETIMEDOUT 0x3c
     * }
     */
    public static int ETIMEDOUT() {
        return ETIMEDOUT;
    }

    private static final int ECONNREFUSED = (int)61L;
    /**
     * {@snippet lang=c :
     * #define ECONNREFUSED 0x3d
     * }
     */
    public static int ECONNREFUSED() {
        return ECONNREFUSED;
    }

    private static final int EHOSTUNREACH = (int)65L;
    /**
     * {@snippet lang=c :
     * #define EHOSTUNREACH 0x41
     * }
     */
    public static int EHOSTUNREACH() {
        return EHOSTUNREACH;
    }

    private static final int EALREADY = (int)37L;
    /**
     * {@snippet lang=c :
     * #define EALREADY 0x25
     * }
     */
    public static int EALREADY() {
        return EALREADY;
    }

    private static final int EINPROGRESS = (int)36L;
    /**
     * {@snippet lang=c :
     * #define EINPROGRESS 0x24
     * }
     */
    public static int EINPROGRESS() {
        return EINPROGRESS;
    }

    private static class strerror {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            errno_h.C_POINTER,
            errno_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("strerror");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern char *strerror(int __errnum)
     * }
     */
    public static FunctionDescriptor strerror$descriptor() {
        return strerror.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern char *strerror(int __errnum)
     * }
     */
    public static MethodHandle strerror$handle() {
        return strerror.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern char *strerror(int __errnum)
     * }
     */
    public static MemorySegment strerror$address() {
        return strerror.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern char *strerror(int __errnum)
     * }
     */
    public static MemorySegment strerror(int __errnum) {
        var mh$ = strerror.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("strerror", __errnum);
            }
            return (MemorySegment) mh$.invokeExact(__errnum);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
