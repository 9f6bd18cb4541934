// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/macos.h with jextract/macos/uio_h.args (jextract 22 output layout).

package dev.kevy.sys.macos;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class uio_h extends uio_h$shared {

    uio_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static class readv {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            uio_h.C_LONG,
            uio_h.C_INT,
            uio_h.C_POINTER,
            uio_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("readv");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern ssize_t readv(int, const struct iovec *, int)
     * }
     */
    public static FunctionDescriptor readv$descriptor() {
        return readv.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern ssize_t readv(int, const struct iovec *, int)
     * }
     */
    public static MethodHandle readv$handle() {
        return readv.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern ssize_t readv(int, const struct iovec *, int)
     * }
     */
    public static MemorySegment readv$address() {
        return readv.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern ssize_t readv(int, const struct iovec *, int)
     * }
     */
    public static long readv(int x0, MemorySegment x1, int x2) {
        var mh$ = readv.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("readv", x0, x1, x2);
            }
            return (long) mh$.invokeExact(x0, x1, x2);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class writev {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            uio_h.C_LONG,
            uio_h.C_INT,
            uio_h.C_POINTER,
            uio_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("writev");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern ssize_t writev(int, const struct iovec *, int)
     * }
     */
    public static FunctionDescriptor writev$descriptor() {
        return writev.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern ssize_t writev(int, const struct iovec *, int)
     * }
     */
    public static MethodHandle writev$handle() {
        return writev.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern ssize_t writev(int, const struct iovec *, int)
     * }
     */
    public static MemorySegment writev$address() {
        return writev.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern ssize_t writev(int, const struct iovec *, int)
     * }
     */
    public static long writev(int x0, MemorySegment x1, int x2) {
        var mh$ = writev.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("writev", x0, x1, x2);
            }
            return (long) mh$.invokeExact(x0, x1, x2);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
