// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/macos.h with jextract/macos/fcntl_h.args (jextract 22 output layout).

package dev.kevy.sys.macos;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class fcntl_h extends fcntl_h$shared {

    fcntl_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int F_GETFD = (int)1L;
    /**
     * {@snippet lang=c :
     * #define F_GETFD 1
     * }
     */
    public static int F_GETFD() {
        return F_GETFD;
    }

    private static final int F_SETFD = (int)2L;
    /**
     * {@snippet lang=c :
     * #define F_SETFD 2
     * }
     */
    public static int F_SETFD() {
        return F_SETFD;
    }

    private static final int F_GETFL = (int)3L;
    /**
     * {@snippet lang=c :
     * #define F_GETFL 3
     * }
     */
    public static int F_GETFL() {
        return F_GETFL;
    }

    private static final int F_SETFL = (int)4L;
    /**
     * {@snippet lang=c :
     * #define F_SETFL 4
     * }
     */
    public static int F_SETFL() {
        return F_SETFL;
    }

    private static final int F_FULLFSYNC = (int)51L;
    /**
     * {@snippet lang=c :
     * #define F_FULLFSYNC 0x33
     * }
     */
    public static int F_FULLFSYNC() {
        return F_FULLFSYNC;
    }

    private static final int FD_CLOEXEC = (int)1L;
    /**
     * {@snippet lang=c :
     * #define FD_CLOEXEC 1
     * }
     */
    public static int FD_CLOEXEC() {
        return FD_CLOEXEC;
    }

    private static final int O_RDONLY = (int)0L;
    /**
     * {@snippet lang=c :
     * #define O_RDONLY 0
     * }
     */
    public static int O_RDONLY() {
        return O_RDONLY;
    }

    private static final int O_WRONLY = (int)1L;
    /**
     * {@snippet lang=c :
     * #define O_WRONLY 1
     * }
     */
    public static int O_WRONLY() {
        return O_WRONLY;
    }

    private static final int O_RDWR = (int)2L;
    /**
     * {@snippet lang=c :
     * #define O_RDWR 2
     * }
     */
    public static int O_RDWR() {
        return O_RDWR;
    }

    private static final int O_CREAT = (int)512L;
    /**
     * {@snippet lang=c :
     * #define O_CREAT 0x200
     * }
     */
    public static int O_CREAT() {
        return O_CREAT;
    }

    private static final int O_EXCL = (int)2048L;
    /**
     * {@snippet lang=c :
     * #define O_EXCL 0x800
     * }
     */
    public static int O_EXCL() {
        return O_EXCL;
    }

    private static final int O_TRUNC = (int)1024L;
    /**
     * {@snippet lang=c :
     * #define O_TRUNC 0x400
     * }
     */
    public static int O_TRUNC() {
        return O_TRUNC;
    }

    private static final int O_APPEND = (int)8L;
    /**
     * {@snippet lang=c :
     * #define O_APPEND 8
     * }
     */
    public static int O_APPEND() {
        return O_APPEND;
    }

    private static final int O_NONBLOCK = (int)4L;
    /**
     * {@snippet lang=c :
     * #define O_NONBLOCK 4
     * }
     */
    public static int O_NONBLOCK() {
        return O_NONBLOCK;
    }

    private static final int O_CLOEXEC = (int)16777216L;
    /**
     * {@snippet lang=c :
     * #define O_CLOEXEC 0x1000000
     * }
     */
    public static int O_CLOEXEC() {
        return O_CLOEXEC;
    }

    private static final int O_DIRECTORY = (int)1048576L;
    /**
     * {@snippet lang=c :
     * #define O_DIRECTORY 0x100000
     * }
     */
    public static int O_DIRECTORY() {
        return O_DIRECTORY;
    }

    /**
     * Variadic invoker class for:
     * {@snippet lang=c :
     * extern int fcntl(int, int, ...)
     * }
     */
    public static class fcntl {
        private static final FunctionDescriptor BASE_DESC = FunctionDescriptor.of(
            fcntl_h.C_INT,
            fcntl_h.C_INT,
            fcntl_h.C_INT
        );
        private static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("fcntl");

        private final MethodHandle handle;
        private final FunctionDescriptor descriptor;
        private final MethodHandle spreader;

        private fcntl(MethodHandle handle, FunctionDescriptor descriptor, MethodHandle spreader) {
            this.handle = handle;
            this.descriptor = descriptor;
            this.spreader = spreader;
        }

        /**
         * Variadic invoker factory for:
         * {@snippet lang=c :
         * extern int fcntl(int, int, ...)
         * }
         */
        public static fcntl makeInvoker(MemoryLayout... layouts) {
            FunctionDescriptor desc$ = BASE_DESC.appendArgumentLayouts(layouts);
            Linker.Option fva$ = Linker.Option.firstVariadicArg(BASE_DESC.argumentLayouts().size());
            var mh$ = Linker.nativeLinker().downcallHandle(ADDR, desc$, fva$);
            var spreader$ = mh$.asSpreader(Object[].class, layouts.length);
            return new fcntl(mh$, desc$, spreader$);
        }

        public static MemorySegment address() {
            return ADDR;
        }

        public MethodHandle handle() {
            return handle;
        }

        public FunctionDescriptor descriptor() {
            return descriptor;
        }

        public int apply(int x0, int x1, Object... x2) {
            try {
                if (TRACE_DOWNCALLS) {
                    traceDowncall("fcntl", x0, x1, x2);
                }
                return (int) spreader.invokeExact(x0, x1, x2);
            } catch (IllegalArgumentException | ClassCastException ex$) {
                throw ex$; // wrong number or type of variadic arguments
            } catch (Error | RuntimeException ex) {
                throw ex;
            } catch (Throwable ex$) {
                throw new AssertionError("should not reach here", ex$);
            }
        }
    }

    /**
     * Variadic invoker class for:
     * {@snippet lang=c :
     * extern int open(const char *, int, ...)
     * }
     */
    public static class open {
        private static final FunctionDescriptor BASE_DESC = FunctionDescriptor.of(
            fcntl_h.C_INT,
            fcntl_h.C_POINTER,
            fcntl_h.C_INT
        );
        private static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("open");

        private final MethodHandle handle;
        private final FunctionDescriptor descriptor;
        private final MethodHandle spreader;

        private open(MethodHandle handle, FunctionDescriptor descriptor, MethodHandle spreader) {
            this.handle = handle;
            this.descriptor = descriptor;
            this.spreader = spreader;
        }

        /**
         * Variadic invoker factory for:
         * {@snippet lang=c :
         * extern int open(const char *, int, ...)
         * }
         */
        public static open makeInvoker(MemoryLayout... layouts) {
            FunctionDescriptor desc$ = BASE_DESC.appendArgumentLayouts(layouts);
            Linker.Option fva$ = Linker.Option.firstVariadicArg(BASE_DESC.argumentLayouts().size());
            var mh$ = Linker.nativeLinker().downcallHandle(ADDR, desc$, fva$);
            var spreader$ = mh$.asSpreader(Object[].class, layouts.length);
            return new open(mh$, desc$, spreader$);
        }

        public static MemorySegment address() {
            return ADDR;
        }

        public MethodHandle handle() {
            return handle;
        }

        public FunctionDescriptor descriptor() {
            return descriptor;
        }

        public int apply(MemorySegment x0, int x1, Object... x2) {
            try {
                if (TRACE_DOWNCALLS) {
                    traceDowncall("open", x0, x1, x2);
                }
                return (int) spreader.invokeExact(x0, x1, x2);
            } catch (IllegalArgumentException | ClassCastException ex$) {
                throw ex$; // wrong number or type of variadic arguments
            } catch (Error | RuntimeException ex) {
                throw ex;
            } catch (Throwable ex$) {
                throw new AssertionError("should not reach here", ex$);
            }
        }
    }
}
