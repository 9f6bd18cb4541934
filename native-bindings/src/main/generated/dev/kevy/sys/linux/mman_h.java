// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/linux.h with jextract/linux/mman_h.args (jextract 22 output layout).

package dev.kevy.sys.linux;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class mman_h extends mman_h$shared {

    mman_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int PROT_READ = (int)1L;
    /**
     * {@snippet lang=c :
     * #define PROT_READ 1
     * }
     */
    public static int PROT_READ() {
        return PROT_READ;
    }

    private static final int PROT_WRITE = (int)2L;
    /**
     * {@snippet lang=c :
     * #define PROT_WRITE 2
     * }
     */
    public static int PROT_WRITE() {
        return PROT_WRITE;
    }

    private static final int MAP_PRIVATE = (int)2L;
    /**
     * {@snippet lang=c :
     * #define MAP_PRIVATE 2
     * }
     */
    public static int MAP_PRIVATE() {
        return MAP_PRIVATE;
    }

    private static final int MAP_ANONYMOUS = (int)32L;
    /**
     * {@snippet lang=c :
     * #define MAP_ANONYMOUS 32
     * }
     */
    public static int MAP_ANONYMOUS() {
        return MAP_ANONYMOUS;
    }

    private static final int MAP_SHARED = (int)1L;
    /**
     * {@snippet lang=c :
     * #define MAP_SHARED 1
     * }
     */
    public static int MAP_SHARED() {
        return MAP_SHARED;
    }

    private static final int MAP_POPULATE = (int)32768L;
    /**
     * {@snippet lang=c :
     * #define MAP_POPULATE 32768
     * }
     */
    public static int MAP_POPULATE() {
        return MAP_POPULATE;
    }

    private static final int MAP_NORESERVE = (int)16384L;
    /**
     * {@snippet lang=c :
     * #define MAP_NORESERVE 16384
     * }
     */
    public static int MAP_NORESERVE() {
        return MAP_NORESERVE;
    }

    private static final int MADV_DONTNEED = (int)4L;
    /**
     * {@snippet lang=c :
     * #define MADV_DONTNEED 4
     * }
     */
    public static int MADV_DONTNEED() {
        return MADV_DONTNEED;
    }

    private static final int _SC_PAGESIZE = (int)30L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>._SC_PAGESIZE = 30
     * }
     */
    public static int _SC_PAGESIZE() {
        return _SC_PAGESIZE;
    }

    private static class mmap {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            mman_h.C_POINTER,
            mman_h.C_POINTER,
            mman_h.C_LONG,
            mman_h.C_INT,
            mman_h.C_INT,
            mman_h.C_INT,
            mman_h.C_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("mmap");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern void *mmap(void *__addr, size_t __len, int __prot, int __flags, int __fd, __off_t __offset)
     * }
     */
    public static FunctionDescriptor mmap$descriptor() {
        return mmap.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern void *mmap(void *__addr, size_t __len, int __prot, int __flags, int __fd, __off_t __offset)
     * }
     */
    public static MethodHandle mmap$handle() {
        return mmap.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern void *mmap(void *__addr, size_t __len, int __prot, int __flags, int __fd, __off_t __offset)
     * }
     */
    public static MemorySegment mmap$address() {
        return mmap.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern void *mmap(void *__addr, size_t __len, int __prot, int __flags, int __fd, __off_t __offset)
     * }
     */
    public static MemorySegment mmap(MemorySegment __addr, long __len, int __prot, int __flags, int __fd, long __offset) {
        var mh$ = mmap.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mmap", __addr, __len, __prot, __flags, __fd, __offset);
            }
            return (MemorySegment) mh$.invokeExact(__addr, __len, __prot, __flags, __fd, __offset);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class munmap {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            mman_h.C_INT,
            mman_h.C_POINTER,
            mman_h.C_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("munmap");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int munmap(void *__addr, size_t __len)
     * }
     */
    public static FunctionDescriptor munmap$descriptor() {
        return munmap.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int munmap(void *__addr, size_t __len)
     * }
     */
    public static MethodHandle munmap$handle() {
        return munmap.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int munmap(void *__addr, size_t __len)
     * }
     */
    public static MemorySegment munmap$address() {
        return munmap.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int munmap(void *__addr, size_t __len)
     * }
     */
    public static int munmap(MemorySegment __addr, long __len) {
        var mh$ = munmap.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("munmap", __addr, __len);
            }
            return (int) mh$.invokeExact(__addr, __len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class madvise {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            mman_h.C_INT,
            mman_h.C_POINTER,
            mman_h.C_LONG,
            mman_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("madvise");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int madvise(void *__addr, size_t __len, int __advice)
     * }
     */
    public static FunctionDescriptor madvise$descriptor() {
        return madvise.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int madvise(void *__addr, size_t __len, int __advice)
     * }
     */
    public static MethodHandle madvise$handle() {
        return madvise.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int madvise(void *__addr, size_t __len, int __advice)
     * }
     */
    public static MemorySegment madvise$address() {
        return madvise.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int madvise(void *__addr, size_t __len, int __advice)
     * }
     */
    public static int madvise(MemorySegment __addr, long __len, int __advice) {
        var mh$ = madvise.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("madvise", __addr, __len, __advice);
            }
            return (int) mh$.invokeExact(__addr, __len, __advice);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mincore {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            mman_h.C_INT,
            mman_h.C_POINTER,
            mman_h.C_LONG,
            mman_h.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("mincore");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern int mincore(void *__start, size_t __len, unsigned char *__vec)
     * }
     */
    public static FunctionDescriptor mincore$descriptor() {
        return mincore.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern int mincore(void *__start, size_t __len, unsigned char *__vec)
     * }
     */
    public static MethodHandle mincore$handle() {
        return mincore.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern int mincore(void *__start, size_t __len, unsigned char *__vec)
     * }
     */
    public static MemorySegment mincore$address() {
        return mincore.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern int mincore(void *__start, size_t __len, unsigned char *__vec)
     * }
     */
    public static int mincore(MemorySegment __start, long __len, MemorySegment __vec) {
        var mh$ = mincore.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mincore", __start, __len, __vec);
            }
            return (int) mh$.invokeExact(__start, __len, __vec);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class sysconf {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            mman_h.C_LONG,
            mman_h.C_INT
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("sysconf");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * extern long sysconf(int __name)
     * }
     */
    public static FunctionDescriptor sysconf$descriptor() {
        return sysconf.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * extern long sysconf(int __name)
     * }
     */
    public static MethodHandle sysconf$handle() {
        return sysconf.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * extern long sysconf(int __name)
     * }
     */
    public static MemorySegment sysconf$address() {
        return sysconf.ADDR;
    }

    /**
     * {@snippet lang=c :
     * extern long sysconf(int __name)
     * }
     */
    public static long sysconf(int __name) {
        var mh$ = sysconf.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("sysconf", __name);
            }
            return (long) mh$.invokeExact(__name);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
