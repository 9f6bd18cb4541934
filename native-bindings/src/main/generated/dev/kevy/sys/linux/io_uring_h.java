// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/linux.h with jextract/linux/io_uring_h.args (jextract 22 output layout).

package dev.kevy.sys.linux;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class io_uring_h extends io_uring_h_1 {

    io_uring_h() {
        // Should not be called directly
    }

    private static final int IORING_RECV_MULTISHOT = (int)2L;
    /**
     * {@snippet lang=c :
     * #define IORING_RECV_MULTISHOT 2
     * }
     */
    public static int IORING_RECV_MULTISHOT() {
        return IORING_RECV_MULTISHOT;
    }

    private static final int IORING_ACCEPT_MULTISHOT = (int)1L;
    /**
     * {@snippet lang=c :
     * #define IORING_ACCEPT_MULTISHOT 1
     * }
     */
    public static int IORING_ACCEPT_MULTISHOT() {
        return IORING_ACCEPT_MULTISHOT;
    }

    private static final int IORING_REGISTER_RING_FDS = (int)20L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.IORING_REGISTER_RING_FDS = 20
     * }
     */
    public static int IORING_REGISTER_RING_FDS() {
        return IORING_REGISTER_RING_FDS;
    }

    private static final int IORING_UNREGISTER_RING_FDS = (int)21L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.IORING_UNREGISTER_RING_FDS = 21
     * }
     */
    public static int IORING_UNREGISTER_RING_FDS() {
        return IORING_UNREGISTER_RING_FDS;
    }

    private static final int IORING_REGISTER_PBUF_RING = (int)22L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.IORING_REGISTER_PBUF_RING = 22
     * }
     */
    public static int IORING_REGISTER_PBUF_RING() {
        return IORING_REGISTER_PBUF_RING;
    }

    private static final int IORING_UNREGISTER_PBUF_RING = (int)23L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.IORING_UNREGISTER_PBUF_RING = 23
     * }
     */
    public static int IORING_UNREGISTER_PBUF_RING() {
        return IORING_UNREGISTER_PBUF_RING;
    }

    private static final int IOU_PBUF_RING_INC = (int)2L;
    /**
     * {@snippet lang=c :
     * #define IOU_PBUF_RING_INC 2
     * }
     */
    public static int IOU_PBUF_RING_INC() {
        return IOU_PBUF_RING_INC;
    }

    private static final int IORING_OP_NOP = (int)0L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_NOP = 0
     * }
     */
    public static int IORING_OP_NOP() {
        return IORING_OP_NOP;
    }

    private static final int IORING_OP_READV = (int)1L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_READV = 1
     * }
     */
    public static int IORING_OP_READV() {
        return IORING_OP_READV;
    }

    private static final int IORING_OP_WRITEV = (int)2L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_WRITEV = 2
     * }
     */
    public static int IORING_OP_WRITEV() {
        return IORING_OP_WRITEV;
    }

    private static final int IORING_OP_POLL_ADD = (int)6L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_POLL_ADD = 6
     * }
     */
    public static int IORING_OP_POLL_ADD() {
        return IORING_OP_POLL_ADD;
    }

    private static final int IORING_OP_SENDMSG = (int)9L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_SENDMSG = 9
     * }
     */
    public static int IORING_OP_SENDMSG() {
        return IORING_OP_SENDMSG;
    }

    private static final int IORING_OP_TIMEOUT = (int)11L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_TIMEOUT = 11
     * }
     */
    public static int IORING_OP_TIMEOUT() {
        return IORING_OP_TIMEOUT;
    }

    private static final int IORING_OP_ACCEPT = (int)13L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_ACCEPT = 13
     * }
     */
    public static int IORING_OP_ACCEPT() {
        return IORING_OP_ACCEPT;
    }

    private static final int IORING_OP_ASYNC_CANCEL = (int)14L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_ASYNC_CANCEL = 14
     * }
     */
    public static int IORING_OP_ASYNC_CANCEL() {
        return IORING_OP_ASYNC_CANCEL;
    }

    private static final int IORING_OP_CONNECT = (int)16L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_CONNECT = 16
     * }
     */
    public static int IORING_OP_CONNECT() {
        return IORING_OP_CONNECT;
    }

    private static final int IORING_OP_CLOSE = (int)19L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_CLOSE = 19
     * }
     */
    public static int IORING_OP_CLOSE() {
        return IORING_OP_CLOSE;
    }

    private static final int IORING_OP_READ = (int)22L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_READ = 22
     * }
     */
    public static int IORING_OP_READ() {
        return IORING_OP_READ;
    }

    private static final int IORING_OP_WRITE = (int)23L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_WRITE = 23
     * }
     */
    public static int IORING_OP_WRITE() {
        return IORING_OP_WRITE;
    }

    private static final int IORING_OP_SEND = (int)26L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_SEND = 26
     * }
     */
    public static int IORING_OP_SEND() {
        return IORING_OP_SEND;
    }

    private static final int IORING_OP_RECV = (int)27L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_RECV = 27
     * }
     */
    public static int IORING_OP_RECV() {
        return IORING_OP_RECV;
    }

    private static final int IORING_OP_MSG_RING = (int)40L;
    /**
     * {@snippet lang=c :
     * enum io_uring_op.IORING_OP_MSG_RING = 40
     * }
     */
    public static int IORING_OP_MSG_RING() {
        return IORING_OP_MSG_RING;
    }

    /**
     * Variadic invoker class for:
     * {@snippet lang=c :
     * extern long syscall(long __sysno, ...)
     * }
     */
    public static class syscall {
        private static final FunctionDescriptor BASE_DESC = FunctionDescriptor.of(
            io_uring_h.C_LONG,
            io_uring_h.C_LONG
        );
        private static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("syscall");

        private final MethodHandle handle;
        private final FunctionDescriptor descriptor;
        private final MethodHandle spreader;

        private syscall(MethodHandle handle, FunctionDescriptor descriptor, MethodHandle spreader) {
            this.handle = handle;
            this.descriptor = descriptor;
            this.spreader = spreader;
        }

        /**
         * Variadic invoker factory for:
         * {@snippet lang=c :
         * extern long syscall(long __sysno, ...)
         * }
         */
        public static syscall makeInvoker(MemoryLayout... layouts) {
            FunctionDescriptor desc$ = BASE_DESC.appendArgumentLayouts(layouts);
            Linker.Option fva$ = Linker.Option.firstVariadicArg(BASE_DESC.argumentLayouts().size());
            var mh$ = Linker.nativeLinker().downcallHandle(ADDR, desc$, fva$);
            var spreader$ = mh$.asSpreader(Object[].class, layouts.length);
            return new syscall(mh$, desc$, spreader$);
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

        public long apply(long __sysno, Object... x1) {
            try {
                if (TRACE_DOWNCALLS) {
                    traceDowncall("syscall", __sysno, x1);
                }
                return (long) spreader.invokeExact(__sysno, x1);
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
