// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/linux.h with jextract/linux/process_h.args (jextract 22 output layout).

package dev.kevy.sys.linux;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class process_h extends process_h$shared {

    process_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int PR_SET_TIMERSLACK = (int)29L;
    /**
     * {@snippet lang=c :
     * #define PR_SET_TIMERSLACK 29
     * }
     */
    public static int PR_SET_TIMERSLACK() {
        return PR_SET_TIMERSLACK;
    }

    private static final int PR_GET_TIMERSLACK = (int)30L;
    /**
     * {@snippet lang=c :
     * #define PR_GET_TIMERSLACK 30
     * }
     */
    public static int PR_GET_TIMERSLACK() {
        return PR_GET_TIMERSLACK;
    }

    private static final int RLIMIT_NOFILE = (int)7L;
    /**
     * {@snippet lang=c :
     * enum __rlimit_resource.RLIMIT_NOFILE = 7
     * }
     */
    public static int RLIMIT_NOFILE() {
        return RLIMIT_NOFILE;
    }

    private static final long RLIM_INFINITY = -1L;
    /**
     * {@snippet lang=c :
     * #define RLIM_INFINITY -1
     * }
     */
    public static long RLIM_INFINITY() {
        return RLIM_INFINITY;
    }

    private static class sched_setaffinity {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            process_h.C_INT,
            process_h.C_INT,
            process_h.C_LONG,
            process_h.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("sched_setaffinity");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int sched_setaffinity(__pid_t __pid, size_t __cpusetsize, const cpu_set_t *__cpuset)
     * }
     */
    public static FunctionDescriptor sched_setaffinity$descriptor() {
        return sched_setaffinity.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int sched_setaffinity(__pid_t __pid, size_t __cpusetsize, const cpu_set_t *__cpuset)
     * }
     */
    public static MethodHandle sched_setaffinity$handle() {
        return sched_setaffinity.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int sched_setaffinity(__pid_t __pid, size_t __cpusetsize, const cpu_set_t *__cpuset)
     * }
     */
    public static MemorySegment sched_setaffinity$address() {
        return sched_setaffinity.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int sched_setaffinity(__pid_t __pid, size_t __cpusetsize, const cpu_set_t *__cpuset)
     * }
     */
    public static int sched_setaffinity(int __pid, long __cpusetsize, MemorySegment __cpuset) {
        var mh$ = sched_setaffinity.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("sched_setaffinity", __pid, __cpusetsize, __cpuset);
            }
            return (int) mh$.invokeExact(__pid, __cpusetsize, __cpuset);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    /**
     * Variadic invoker class for:
     * {@snippet lang=c :
     * extern int prctl(int __option, ...)
     * }
     */
    public static class prctl {
        private static final FunctionDescriptor BASE_DESC = FunctionDescriptor.of(
            process_h.C_INT,
            process_h.C_INT
        );
        private static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("prctl");

        private final MethodHandle handle;
        private final FunctionDescriptor descriptor;
        private final MethodHandle spreader;

        private prctl(MethodHandle handle, FunctionDescriptor descriptor, MethodHandle spreader) {
            this.handle = handle;
            this.descriptor = descriptor;
            this.spreader = spreader;
        }

        /**
         * Variadic invoker factory for:
         * {@snippet lang=c :
         * extern int prctl(int __option, ...)
         * }
         */
        public static prctl makeInvoker(MemoryLayout... layouts) {
            FunctionDescriptor desc$ = BASE_DESC.appendArgumentLayouts(layouts);
            Linker.Option fva$ = Linker.Option.firstVariadicArg(BASE_DESC.argumentLayouts().size());
            var mh$ = Linker.nativeLinker().downcallHandle(ADDR, desc$, fva$);
            var spreader$ = mh$.asSpreader(Object[].class, layouts.length);
            return new prctl(mh$, desc$, spreader$);
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

        public int apply(int __option, Object... x1) {
            try {
                if (TRACE_DOWNCALLS) {
                    traceDowncall("prctl", __option, x1);
                }
                return (int) spreader.invokeExact(__option, x1);
            } catch (IllegalArgumentException | ClassCastException ex$) {
                throw ex$; // wrong number or type of variadic arguments
            } catch (Error | RuntimeException ex) {
                throw ex;
            } catch (Throwable ex$) {
                throw new AssertionError("should not reach here", ex$);
            }
        }
    }

    private static class getrlimit {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            process_h.C_INT,
            process_h.C_INT,
            process_h.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("getrlimit");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int getrlimit(__rlimit_resource_t __resource, struct rlimit *__rlimits)
     * }
     */
    public static FunctionDescriptor getrlimit$descriptor() {
        return getrlimit.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int getrlimit(__rlimit_resource_t __resource, struct rlimit *__rlimits)
     * }
     */
    public static MethodHandle getrlimit$handle() {
        return getrlimit.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int getrlimit(__rlimit_resource_t __resource, struct rlimit *__rlimits)
     * }
     */
    public static MemorySegment getrlimit$address() {
        return getrlimit.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int getrlimit(__rlimit_resource_t __resource, struct rlimit *__rlimits)
     * }
     */
    public static int getrlimit(int __resource, MemorySegment __rlimits) {
        var mh$ = getrlimit.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("getrlimit", __resource, __rlimits);
            }
            return (int) mh$.invokeExact(__resource, __rlimits);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class setrlimit {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            process_h.C_INT,
            process_h.C_INT,
            process_h.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("setrlimit");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int setrlimit(__rlimit_resource_t __resource, const struct rlimit *__rlimits)
     * }
     */
    public static FunctionDescriptor setrlimit$descriptor() {
        return setrlimit.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int setrlimit(__rlimit_resource_t __resource, const struct rlimit *__rlimits)
     * }
     */
    public static MethodHandle setrlimit$handle() {
        return setrlimit.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int setrlimit(__rlimit_resource_t __resource, const struct rlimit *__rlimits)
     * }
     */
    public static MemorySegment setrlimit$address() {
        return setrlimit.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int setrlimit(__rlimit_resource_t __resource, const struct rlimit *__rlimits)
     * }
     */
    public static int setrlimit(int __resource, MemorySegment __rlimits) {
        var mh$ = setrlimit.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("setrlimit", __resource, __rlimits);
            }
            return (int) mh$.invokeExact(__resource, __rlimits);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
