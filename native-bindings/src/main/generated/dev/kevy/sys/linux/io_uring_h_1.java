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

public class io_uring_h_1 extends io_uring_h$shared {

    io_uring_h_1() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int __NR_io_uring_setup = (int)425L;
    /**
     * {@snippet lang=c :
     * #define __NR_io_uring_setup 425
     * }
     */
    public static int __NR_io_uring_setup() {
        return __NR_io_uring_setup;
    }

    private static final int __NR_io_uring_enter = (int)426L;
    /**
     * {@snippet lang=c :
     * #define __NR_io_uring_enter 426
     * }
     */
    public static int __NR_io_uring_enter() {
        return __NR_io_uring_enter;
    }

    private static final int __NR_io_uring_register = (int)427L;
    /**
     * {@snippet lang=c :
     * #define __NR_io_uring_register 427
     * }
     */
    public static int __NR_io_uring_register() {
        return __NR_io_uring_register;
    }

    private static final int IORING_SETUP_CQSIZE = (int)8L;
    /**
     * {@snippet lang=c :
     * #define IORING_SETUP_CQSIZE 8
     * }
     */
    public static int IORING_SETUP_CQSIZE() {
        return IORING_SETUP_CQSIZE;
    }

    private static final int IORING_SETUP_CLAMP = (int)16L;
    /**
     * {@snippet lang=c :
     * #define IORING_SETUP_CLAMP 16
     * }
     */
    public static int IORING_SETUP_CLAMP() {
        return IORING_SETUP_CLAMP;
    }

    private static final int IORING_SETUP_SUBMIT_ALL = (int)128L;
    /**
     * {@snippet lang=c :
     * #define IORING_SETUP_SUBMIT_ALL 128
     * }
     */
    public static int IORING_SETUP_SUBMIT_ALL() {
        return IORING_SETUP_SUBMIT_ALL;
    }

    private static final int IORING_SETUP_COOP_TASKRUN = (int)256L;
    /**
     * {@snippet lang=c :
     * #define IORING_SETUP_COOP_TASKRUN 256
     * }
     */
    public static int IORING_SETUP_COOP_TASKRUN() {
        return IORING_SETUP_COOP_TASKRUN;
    }

    private static final int IORING_SETUP_TASKRUN_FLAG = (int)512L;
    /**
     * {@snippet lang=c :
     * #define IORING_SETUP_TASKRUN_FLAG 512
     * }
     */
    public static int IORING_SETUP_TASKRUN_FLAG() {
        return IORING_SETUP_TASKRUN_FLAG;
    }

    private static final int IORING_SETUP_SINGLE_ISSUER = (int)4096L;
    /**
     * {@snippet lang=c :
     * #define IORING_SETUP_SINGLE_ISSUER 4096
     * }
     */
    public static int IORING_SETUP_SINGLE_ISSUER() {
        return IORING_SETUP_SINGLE_ISSUER;
    }

    private static final int IORING_SETUP_DEFER_TASKRUN = (int)8192L;
    /**
     * {@snippet lang=c :
     * #define IORING_SETUP_DEFER_TASKRUN 8192
     * }
     */
    public static int IORING_SETUP_DEFER_TASKRUN() {
        return IORING_SETUP_DEFER_TASKRUN;
    }

    private static final int IORING_ENTER_GETEVENTS = (int)1L;
    /**
     * {@snippet lang=c :
     * #define IORING_ENTER_GETEVENTS 1
     * }
     */
    public static int IORING_ENTER_GETEVENTS() {
        return IORING_ENTER_GETEVENTS;
    }

    private static final int IORING_ENTER_REGISTERED_RING = (int)16L;
    /**
     * {@snippet lang=c :
     * #define IORING_ENTER_REGISTERED_RING 16
     * }
     */
    public static int IORING_ENTER_REGISTERED_RING() {
        return IORING_ENTER_REGISTERED_RING;
    }

    private static final long IORING_OFF_SQ_RING = (long)0L;
    /**
     * {@snippet lang=c :
     * #define IORING_OFF_SQ_RING 0
     * }
     */
    public static long IORING_OFF_SQ_RING() {
        return IORING_OFF_SQ_RING;
    }

    private static final long IORING_OFF_CQ_RING = (long)134217728L;
    /**
     * {@snippet lang=c :
     * #define IORING_OFF_CQ_RING 134217728
     * }
     */
    public static long IORING_OFF_CQ_RING() {
        return IORING_OFF_CQ_RING;
    }

    private static final long IORING_OFF_SQES = (long)268435456L;
    /**
     * {@snippet lang=c :
     * #define IORING_OFF_SQES 268435456
     * }
     */
    public static long IORING_OFF_SQES() {
        return IORING_OFF_SQES;
    }

    private static final int IORING_SETUP_R_DISABLED = (int)64L;
    /**
     * {@snippet lang=c :
     * #define IORING_SETUP_R_DISABLED 64
     * }
     */
    public static int IORING_SETUP_R_DISABLED() {
        return IORING_SETUP_R_DISABLED;
    }

    private static final int IORING_ENTER_EXT_ARG = (int)8L;
    /**
     * {@snippet lang=c :
     * #define IORING_ENTER_EXT_ARG 8
     * }
     */
    public static int IORING_ENTER_EXT_ARG() {
        return IORING_ENTER_EXT_ARG;
    }

    private static final int IORING_POLL_ADD_MULTI = (int)1L;
    /**
     * {@snippet lang=c :
     * #define IORING_POLL_ADD_MULTI 1
     * }
     */
    public static int IORING_POLL_ADD_MULTI() {
        return IORING_POLL_ADD_MULTI;
    }

    private static final int IORING_REGISTER_ENABLE_RINGS = (int)12L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.IORING_REGISTER_ENABLE_RINGS = 12
     * }
     */
    public static int IORING_REGISTER_ENABLE_RINGS() {
        return IORING_REGISTER_ENABLE_RINGS;
    }

    private static final int IORING_ASYNC_CANCEL_ALL = (int)1L;
    /**
     * {@snippet lang=c :
     * #define IORING_ASYNC_CANCEL_ALL 1
     * }
     */
    public static int IORING_ASYNC_CANCEL_ALL() {
        return IORING_ASYNC_CANCEL_ALL;
    }

    private static final int IORING_ASYNC_CANCEL_FD = (int)2L;
    /**
     * {@snippet lang=c :
     * #define IORING_ASYNC_CANCEL_FD 2
     * }
     */
    public static int IORING_ASYNC_CANCEL_FD() {
        return IORING_ASYNC_CANCEL_FD;
    }

    private static final int IORING_FEAT_SINGLE_MMAP = (int)1L;
    /**
     * {@snippet lang=c :
     * #define IORING_FEAT_SINGLE_MMAP 1
     * }
     */
    public static int IORING_FEAT_SINGLE_MMAP() {
        return IORING_FEAT_SINGLE_MMAP;
    }

    private static final int IORING_FEAT_NODROP = (int)2L;
    /**
     * {@snippet lang=c :
     * #define IORING_FEAT_NODROP 2
     * }
     */
    public static int IORING_FEAT_NODROP() {
        return IORING_FEAT_NODROP;
    }

    private static final int IORING_FEAT_SUBMIT_STABLE = (int)4L;
    /**
     * {@snippet lang=c :
     * #define IORING_FEAT_SUBMIT_STABLE 4
     * }
     */
    public static int IORING_FEAT_SUBMIT_STABLE() {
        return IORING_FEAT_SUBMIT_STABLE;
    }

    private static final int IORING_FEAT_FAST_POLL = (int)32L;
    /**
     * {@snippet lang=c :
     * #define IORING_FEAT_FAST_POLL 32
     * }
     */
    public static int IORING_FEAT_FAST_POLL() {
        return IORING_FEAT_FAST_POLL;
    }

    private static final int IORING_FEAT_EXT_ARG = (int)256L;
    /**
     * {@snippet lang=c :
     * #define IORING_FEAT_EXT_ARG 256
     * }
     */
    public static int IORING_FEAT_EXT_ARG() {
        return IORING_FEAT_EXT_ARG;
    }

    private static final int IORING_FEAT_NATIVE_WORKERS = (int)512L;
    /**
     * {@snippet lang=c :
     * #define IORING_FEAT_NATIVE_WORKERS 512
     * }
     */
    public static int IORING_FEAT_NATIVE_WORKERS() {
        return IORING_FEAT_NATIVE_WORKERS;
    }

    private static final int IORING_FEAT_CQE_SKIP = (int)2048L;
    /**
     * {@snippet lang=c :
     * #define IORING_FEAT_CQE_SKIP 2048
     * }
     */
    public static int IORING_FEAT_CQE_SKIP() {
        return IORING_FEAT_CQE_SKIP;
    }

    private static final int IORING_FEAT_LINKED_FILE = (int)4096L;
    /**
     * {@snippet lang=c :
     * #define IORING_FEAT_LINKED_FILE 4096
     * }
     */
    public static int IORING_FEAT_LINKED_FILE() {
        return IORING_FEAT_LINKED_FILE;
    }

    private static final int IORING_SQ_NEED_WAKEUP = (int)1L;
    /**
     * {@snippet lang=c :
     * #define IORING_SQ_NEED_WAKEUP 1
     * }
     */
    public static int IORING_SQ_NEED_WAKEUP() {
        return IORING_SQ_NEED_WAKEUP;
    }

    private static final int IORING_SQ_CQ_OVERFLOW = (int)2L;
    /**
     * {@snippet lang=c :
     * #define IORING_SQ_CQ_OVERFLOW 2
     * }
     */
    public static int IORING_SQ_CQ_OVERFLOW() {
        return IORING_SQ_CQ_OVERFLOW;
    }

    private static final int IORING_SQ_TASKRUN = (int)4L;
    /**
     * {@snippet lang=c :
     * #define IORING_SQ_TASKRUN 4
     * }
     */
    public static int IORING_SQ_TASKRUN() {
        return IORING_SQ_TASKRUN;
    }

    private static final int IOSQE_FIXED_FILE = (int)1L;
    /**
     * {@snippet lang=c :
     * #define IOSQE_FIXED_FILE 1
     * }
     */
    public static int IOSQE_FIXED_FILE() {
        return IOSQE_FIXED_FILE;
    }

    private static final int IOSQE_IO_LINK = (int)4L;
    /**
     * {@snippet lang=c :
     * #define IOSQE_IO_LINK 4
     * }
     */
    public static int IOSQE_IO_LINK() {
        return IOSQE_IO_LINK;
    }

    private static final int IOSQE_BUFFER_SELECT = (int)32L;
    /**
     * {@snippet lang=c :
     * #define IOSQE_BUFFER_SELECT 32
     * }
     */
    public static int IOSQE_BUFFER_SELECT() {
        return IOSQE_BUFFER_SELECT;
    }

    private static final int IOSQE_CQE_SKIP_SUCCESS = (int)64L;
    /**
     * {@snippet lang=c :
     * #define IOSQE_CQE_SKIP_SUCCESS 64
     * }
     */
    public static int IOSQE_CQE_SKIP_SUCCESS() {
        return IOSQE_CQE_SKIP_SUCCESS;
    }

    private static final int IORING_CQE_F_BUFFER = (int)1L;
    /**
     * {@snippet lang=c :
     * #define IORING_CQE_F_BUFFER 1
     * }
     */
    public static int IORING_CQE_F_BUFFER() {
        return IORING_CQE_F_BUFFER;
    }

    private static final int IORING_CQE_F_MORE = (int)2L;
    /**
     * {@snippet lang=c :
     * #define IORING_CQE_F_MORE 2
     * }
     */
    public static int IORING_CQE_F_MORE() {
        return IORING_CQE_F_MORE;
    }

    private static final int IORING_CQE_F_SOCK_NONEMPTY = (int)4L;
    /**
     * {@snippet lang=c :
     * #define IORING_CQE_F_SOCK_NONEMPTY 4
     * }
     */
    public static int IORING_CQE_F_SOCK_NONEMPTY() {
        return IORING_CQE_F_SOCK_NONEMPTY;
    }

    private static final int IORING_CQE_F_BUF_MORE = (int)16L;
    /**
     * {@snippet lang=c :
     * #define IORING_CQE_F_BUF_MORE 16
     * }
     */
    public static int IORING_CQE_F_BUF_MORE() {
        return IORING_CQE_F_BUF_MORE;
    }

    private static final int IORING_CQE_BUFFER_SHIFT = (int)16L;
    /**
     * {@snippet lang=c :
     * enum <anonymous>.IORING_CQE_BUFFER_SHIFT = 16
     * }
     */
    public static int IORING_CQE_BUFFER_SHIFT() {
        return IORING_CQE_BUFFER_SHIFT;
    }
}
