// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/macos.h with jextract/macos/socket_h.args (jextract 22 output layout).

package dev.kevy.sys.macos;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class socket_h_1 extends socket_h$shared {

    socket_h_1() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int AF_INET = (int)2L;
    /**
     * {@snippet lang=c :
     * #define AF_INET 2
     * }
     */
    public static int AF_INET() {
        return AF_INET;
    }

    private static final int AF_INET6 = (int)30L;
    /**
     * {@snippet lang=c :
     * #define AF_INET6 0x1e
     * }
     */
    public static int AF_INET6() {
        return AF_INET6;
    }

    private static final int SOCK_STREAM = (int)1L;
    /**
     * {@snippet lang=c :
     * #define SOCK_STREAM 1
     * }
     */
    public static int SOCK_STREAM() {
        return SOCK_STREAM;
    }

    private static final int SOL_SOCKET = (int)65535L;
    /**
     * {@snippet lang=c :
     * #define SOL_SOCKET 0xffff
     * }
     */
    public static int SOL_SOCKET() {
        return SOL_SOCKET;
    }

    private static final int SO_REUSEADDR = (int)4L;
    /**
     * {@snippet lang=c :
     * #define SO_REUSEADDR 4
     * }
     */
    public static int SO_REUSEADDR() {
        return SO_REUSEADDR;
    }

    private static final int SO_REUSEPORT = (int)512L;
    /**
     * {@snippet lang=c :
     * #define SO_REUSEPORT 0x200
     * }
     */
    public static int SO_REUSEPORT() {
        return SO_REUSEPORT;
    }

    private static final int SO_ERROR = (int)4103L;
    /**
     * {@snippet lang=c :
     * #define SO_ERROR 0x1007
     * }
     */
    public static int SO_ERROR() {
        return SO_ERROR;
    }

    private static final int SO_SNDBUF = (int)4097L;
    /**
     * {@snippet lang=c :
     * #define SO_SNDBUF 0x1001
     * }
     */
    public static int SO_SNDBUF() {
        return SO_SNDBUF;
    }

    private static final int SO_RCVBUF = (int)4098L;
    /**
     * {@snippet lang=c :
     * #define SO_RCVBUF 0x1002
     * }
     */
    public static int SO_RCVBUF() {
        return SO_RCVBUF;
    }

    private static final int SO_KEEPALIVE = (int)8L;
    /**
     * {@snippet lang=c :
     * #define SO_KEEPALIVE 8
     * }
     */
    public static int SO_KEEPALIVE() {
        return SO_KEEPALIVE;
    }

    private static final int SO_NOSIGPIPE = (int)4130L;
    /**
     * {@snippet lang=c :
     * #define SO_NOSIGPIPE 0x1022
     * }
     */
    public static int SO_NOSIGPIPE() {
        return SO_NOSIGPIPE;
    }

    private static final int SOMAXCONN = (int)128L;
    /**
     * {@snippet lang=c :
     * #define SOMAXCONN 0x80
     * }
     */
    public static int SOMAXCONN() {
        return SOMAXCONN;
    }

    private static final int IPPROTO_TCP = (int)6L;
    /**
     * {@snippet lang=c :
     * #define IPPROTO_TCP 6
     * }
     */
    public static int IPPROTO_TCP() {
        return IPPROTO_TCP;
    }

    private static final int IPPROTO_IPV6 = (int)41L;
    /**
     * {@snippet lang=c :
     * #define IPPROTO_IPV6 0x29
     * }
     */
    public static int IPPROTO_IPV6() {
        return IPPROTO_IPV6;
    }

    private static final int IPV6_V6ONLY = (int)27L;
    /**
     * {@snippet lang=c :
     * #define IPV6_V6ONLY 0x1b
     * }
     */
    public static int IPV6_V6ONLY() {
        return IPV6_V6ONLY;
    }

    private static final int TCP_NODELAY = (int)1L;
    /**
     * {@snippet lang=c :
     * #define TCP_NODELAY 1
     * }
     */
    public static int TCP_NODELAY() {
        return TCP_NODELAY;
    }

    private static final int SHUT_RD = (int)0L;
    /**
     * {@snippet lang=c :
     * #define SHUT_RD 0
     * }
     */
    public static int SHUT_RD() {
        return SHUT_RD;
    }

    private static final int SHUT_WR = (int)1L;
    /**
     * {@snippet lang=c :
     * #define SHUT_WR 1
     * }
     */
    public static int SHUT_WR() {
        return SHUT_WR;
    }

    private static final int SHUT_RDWR = (int)2L;
    /**
     * {@snippet lang=c :
     * #define SHUT_RDWR 2
     * }
     */
    public static int SHUT_RDWR() {
        return SHUT_RDWR;
    }

    private static class socket {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            socket_h.C_INT,
            socket_h.C_INT,
            socket_h.C_INT,
            socket_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("socket");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int socket(int, int, int)
     * }
     */
    public static FunctionDescriptor socket$descriptor() {
        return socket.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int socket(int, int, int)
     * }
     */
    public static MethodHandle socket$handle() {
        return socket.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int socket(int, int, int)
     * }
     */
    public static MemorySegment socket$address() {
        return socket.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int socket(int, int, int)
     * }
     */
    public static int socket(int x0, int x1, int x2) {
        var mh$ = socket.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("socket", x0, x1, x2);
            }
            return (int) mh$.invokeExact(x0, x1, x2);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class setsockopt {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            socket_h.C_INT,
            socket_h.C_INT,
            socket_h.C_INT,
            socket_h.C_INT,
            socket_h.C_POINTER,
            socket_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("setsockopt");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int setsockopt(int, int, int, const void *, socklen_t)
     * }
     */
    public static FunctionDescriptor setsockopt$descriptor() {
        return setsockopt.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int setsockopt(int, int, int, const void *, socklen_t)
     * }
     */
    public static MethodHandle setsockopt$handle() {
        return setsockopt.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int setsockopt(int, int, int, const void *, socklen_t)
     * }
     */
    public static MemorySegment setsockopt$address() {
        return setsockopt.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int setsockopt(int, int, int, const void *, socklen_t)
     * }
     */
    public static int setsockopt(int x0, int x1, int x2, MemorySegment x3, int x4) {
        var mh$ = setsockopt.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("setsockopt", x0, x1, x2, x3, x4);
            }
            return (int) mh$.invokeExact(x0, x1, x2, x3, x4);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class getsockopt {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            socket_h.C_INT,
            socket_h.C_INT,
            socket_h.C_INT,
            socket_h.C_INT,
            socket_h.C_POINTER,
            socket_h.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("getsockopt");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int getsockopt(int, int, int, void *__restrict, socklen_t *__restrict)
     * }
     */
    public static FunctionDescriptor getsockopt$descriptor() {
        return getsockopt.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int getsockopt(int, int, int, void *__restrict, socklen_t *__restrict)
     * }
     */
    public static MethodHandle getsockopt$handle() {
        return getsockopt.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int getsockopt(int, int, int, void *__restrict, socklen_t *__restrict)
     * }
     */
    public static MemorySegment getsockopt$address() {
        return getsockopt.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int getsockopt(int, int, int, void *__restrict, socklen_t *__restrict)
     * }
     */
    public static int getsockopt(int x0, int x1, int x2, MemorySegment x3, MemorySegment x4) {
        var mh$ = getsockopt.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("getsockopt", x0, x1, x2, x3, x4);
            }
            return (int) mh$.invokeExact(x0, x1, x2, x3, x4);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

}
