package dev.kevy.sys;

import dev.kevy.sys.linux.io_cqring_offsets;
import dev.kevy.sys.linux.io_sqring_offsets;
import dev.kevy.sys.linux.io_uring_buf_ring;
import dev.kevy.sys.linux.io_uring_cqe;
import dev.kevy.sys.linux.io_uring_h;
import dev.kevy.sys.linux.io_uring_params;
import dev.kevy.sys.linux.io_uring_sqe;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Linux io_uring without liburing: the three system calls, the ring mappings, and the ordered
 * accesses to the ring indexes the kernel shares with this process. Results follow the module's
 * convention ({@code >= 0} result, {@code -errno}); the per-request calls allocate nothing.
 *
 * <p><b>Why no liburing.</b> Its submission and completion helpers are {@code static inline}
 * functions in a header: there is no symbol to bind. What they do is small, and it is done here:
 * fill a 64-byte SQE ({@link #prepare}), publish the SQ tail with a release store
 * ({@link #sqTailRelease}), enter the kernel ({@link #enter}), read the CQ tail with an acquire load
 * ({@link #cqTailAcquire}), read the CQEs, and retire them with a release store of the CQ head
 * ({@link #cqHeadRelease}). The layouts come from the generated {@code dev.kevy.sys.linux} classes
 * ({@code io_uring_params}, {@code io_uring_sqe}, {@code io_uring_cqe}, ...), which the ABI test
 * proves against {@code linux/io_uring.h} on x86_64 and aarch64.
 *
 * <p><b>How the system calls are made.</b> glibc has no wrappers for them, so they go through
 * glibc's {@code long syscall(long number, ...)}, bound as a variadic function with one call
 * shape per system call: every argument is passed as a {@code long}, which is what
 * {@code syscall} reads each one as ({@code va_arg(ap, long)}) before loading it into a register;
 * the kernel then truncates to the parameter's C type. A fixed (non-variadic) descriptor of
 * {@code syscall} would happen to work on x86_64 and aarch64 Linux, whose variadic and fixed
 * conventions agree for integer arguments, but it would be a lie to the linker; the variadic form
 * says what the C declaration says. {@code syscall} returns -1 and sets errno on failure, so errno
 * is captured as for any other call. The system call numbers (425, 426, 427) are the same on both
 * architectures (both use the generic table here) and the ABI test proves that too.
 *
 * <p><b>Which calls may block.</b> {@link #enter} with {@code minComplete == 0} never waits:
 * io_uring issues each request non-blocking and hands anything that would block to its own
 * workers, so that form is a critical downcall, like a zero-timeout {@code epoll_wait}. With
 * {@code minComplete > 0} the thread may sleep in the kernel, so that form is a normal downcall
 * without errno capture (a capturing normal downcall allocates on every call); when it fails, the
 * same call is repeated with {@code minComplete = 0} in the critical, capturing form, which reports
 * the errno if the failure persists (a bad descriptor, a full CQ) or submits and returns if a
 * signal cut the wait short. This is safe to repeat because a failed {@code io_uring_enter}
 * consumed no SQEs: once any SQE is submitted, the call returns that count instead of an error.
 * {@link #setup} and {@link #register} are normal capturing downcalls: they pin memory, allocate
 * kernel objects and run once per ring, not per request.
 *
 * <p><b>Ordering.</b> The SQ and CQ head and tail words live in pages mapped from the ring
 * descriptor and are read and written concurrently by the kernel. Each access here is an
 * acquire load or release store through a {@code VarHandle} on the mapped segment, named after
 * the kernel code it pairs with (io_uring/io_uring.c and io_uring/kbuf.c). Plain accesses are
 * right only for what one side alone writes: the SQE and buffer-ring contents before the release
 * that publishes them, and the CQE contents after the acquire that reveals them.
 *
 * <p>On macOS the class loads (its constants are readable) but {@link #isSupported()} gives the
 * reason and every system call throws {@link UnsupportedOperationException}.
 */
public final class IoUring {

    /** {@code sizeof(struct io_uring_params)}: 120 bytes. */
    public static final long PARAMS_SIZE = io_uring_params.sizeof();
    /** {@code sizeof(struct io_uring_sqe)} without {@code IORING_SETUP_SQE128}: 64 bytes. */
    public static final long SQE_SIZE = io_uring_sqe.sizeof();
    /** {@code sizeof(struct io_uring_cqe)} without {@code IORING_SETUP_CQE32}: 16 bytes. */
    public static final long CQE_SIZE = io_uring_cqe.sizeof();

    private static final boolean LINUX = Platform.isLinux();

    private static final long NR_SETUP = io_uring_h.__NR_io_uring_setup();
    private static final long NR_ENTER = io_uring_h.__NR_io_uring_enter();
    private static final long NR_REGISTER = io_uring_h.__NR_io_uring_register();

    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG;
    /** syscall(nr, entries, params). */
    private static final FunctionDescriptor SYSCALL_2 = FunctionDescriptor.of(L, L, L, L);
    /** syscall(nr, fd, opcode, arg, nr_args). */
    private static final FunctionDescriptor SYSCALL_4 = FunctionDescriptor.of(L, L, L, L, L, L);
    /** syscall(nr, fd, to_submit, min_complete, flags, sig, sigsz). */
    private static final FunctionDescriptor SYSCALL_6 = FunctionDescriptor.of(L, L, L, L, L, L, L, L);

    private static final MethodHandle SETUP = LINUX
            ? Downcalls.variadic(io_uring_h.syscall.address(), SYSCALL_2, 1) : null;
    private static final MethodHandle REGISTER = LINUX
            ? Downcalls.variadic(io_uring_h.syscall.address(), SYSCALL_4, 1) : null;
    /** Does not wait ({@code min_complete == 0}): critical. */
    private static final MethodHandle ENTER_NOW = LINUX
            ? Downcalls.variadicCritical(io_uring_h.syscall.address(), SYSCALL_6, 1) : null;
    /** {@link #ENTER_NOW} without errno capture, tried first (see {@link Downcalls#criticalNoErrno}). */
    private static final MethodHandle ENTER_NOW_NO_ERRNO = LINUX
            ? Downcalls.variadicCriticalNoErrno(io_uring_h.syscall.address(), SYSCALL_6, 1) : null;
    /** May sleep in the kernel: normal, no errno capture, so a wait allocates nothing. */
    private static final MethodHandle ENTER_WAIT = LINUX
            ? Downcalls.variadicNoErrno(io_uring_h.syscall.address(), SYSCALL_6, 1) : null;

    /** {@code (MemorySegment, long offset) -> int}, for the 32-bit ring indexes. */
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    /** {@code (MemorySegment, long offset) -> short}, for the 16-bit provided-buffer ring tail. */
    private static final VarHandle SHORT = ValueLayout.JAVA_SHORT.varHandle();

    private static final long BUF_RING_TAIL = io_uring_buf_ring.tail$offset();

    /** The answer of {@link #isSupported()}, computed on first use: a reason, or "" for supported. */
    private static volatile String support;

    private IoUring() {}

    /**
     * {@code io_uring_setup(entries, params)}: a new ring of at least {@code entries} SQEs.
     * {@code params} is a native {@link #PARAMS_SIZE}-byte {@code struct io_uring_params}: the
     * caller sets {@code flags} (and {@code cq_entries} with {@code IORING_SETUP_CQSIZE}), zeroes
     * the rest; the kernel fills in the sizes, features and the ring offsets. Returns the ring's
     * descriptor or {@code -errno}.
     */
    public static int setup(int entries, MemorySegment params) {
        if (!LINUX) {
            throw Downcalls.unsupported("io_uring_setup");
        }
        long address = Downcalls.address(params, 0, PARAMS_SIZE);
        MemorySegment state = CallState.current();
        try {
            long r = (long) SETUP.invokeExact(state, NR_SETUP, (long) entries, address);
            return r >= 0 ? (int) r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * {@code io_uring_enter(fd, toSubmit, minComplete, flags, NULL, 0)}: submits up to
     * {@code toSubmit} SQEs published with {@link #sqTailRelease} and, with
     * {@code IORING_ENTER_GETEVENTS}, waits until {@code minComplete} CQEs are ready (see the class
     * comment for which downcall each form uses). Returns the number of SQEs consumed or
     * {@code -errno}; allocates nothing.
     */
    public static int enter(int fd, int toSubmit, int minComplete, int flags) {
        return enter(fd, toSubmit, minComplete, flags, 0L, 0L);
    }

    /**
     * {@code io_uring_enter} with its last two arguments: with {@code IORING_ENTER_EXT_ARG} in
     * {@code flags}, {@code arg} is the address of a {@code struct io_uring_getevents_arg} (whose
     * {@code ts} points to a {@code struct __kernel_timespec}: the longest wait) and {@code argSize}
     * its size. Otherwise the same as {@link #enter(int, int, int, int)}. The caller keeps both
     * structs in native memory it owns; nothing is allocated here.
     */
    public static int enter(int fd, int toSubmit, int minComplete, int flags, long arg, long argSize) {
        if (!LINUX) {
            throw Downcalls.unsupported("io_uring_enter");
        }
        long submit = Integer.toUnsignedLong(toSubmit);
        long f = Integer.toUnsignedLong(flags);
        try {
            if (minComplete != 0) {
                long n = (long) ENTER_WAIT.invokeExact(NR_ENTER, (long) fd, submit,
                        Integer.toUnsignedLong(minComplete), f, arg, argSize);
                if (n >= 0) {
                    return (int) n;
                }
                // Failed, errno not captured, and nothing was consumed (see the class comment):
                // repeat without waiting, which reports the error if it persists.
            }
            // Without waiting and without errno capture first (a wait that timed out, ETIME at each
            // park timeout, lands here too); only a failure of this call is repeated capturing.
            long n = (long) ENTER_NOW_NO_ERRNO.invokeExact(NR_ENTER, (long) fd, submit, 0L, f, arg, argSize);
            return n >= 0 ? (int) n : enterNowForErrno(fd, submit, f, arg, argSize);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * A failed {@code io_uring_enter} without a wait, again (nothing was consumed), capturing its
     * errno; its own method, see {@link Downcalls#criticalNoErrno}.
     */
    private static int enterNowForErrno(int fd, long submit, long flags, long arg, long argSize) {
        MemorySegment state = CallState.current();
        try {
            long n = (long) ENTER_NOW.invokeExact(state, NR_ENTER, (long) fd, submit, 0L, flags, arg, argSize);
            return n >= 0 ? (int) n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * {@code io_uring_register(fd, opcode, arg, nrArgs)}: registers resources with the ring, for
     * example a provided-buffer ring ({@code IORING_REGISTER_PBUF_RING}, {@code arg} a
     * {@code struct io_uring_buf_reg}, {@code nrArgs} 1) or the ring's own descriptor
     * ({@code IORING_REGISTER_RING_FDS}). {@code arg} is native memory, or
     * {@link MemorySegment#NULL} for opcodes without one. Returns the opcode's result or
     * {@code -errno}.
     */
    public static int register(int fd, int opcode, MemorySegment arg, int nrArgs) {
        if (!LINUX) {
            throw Downcalls.unsupported("io_uring_register");
        }
        long address = arg.equals(MemorySegment.NULL) ? 0L : Downcalls.address(arg, 0, arg.byteSize());
        MemorySegment state = CallState.current();
        try {
            long r = (long) REGISTER.invokeExact(state, NR_REGISTER, (long) fd, Integer.toUnsignedLong(opcode),
                    address, Integer.toUnsignedLong(nrArgs));
            return r >= 0 ? (int) r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * Null when io_uring works here, otherwise why not, in words fit for a log line. Decided once
     * per process by setting up and closing a one-entry ring: {@code ENOSYS} (kernel built without
     * it), {@code EPERM} (disabled by {@code kernel.io_uring_disabled} or refused by a seccomp
     * filter, as container runtimes do by default), {@code ENOMEM} (the rings could not be pinned:
     * {@code RLIMIT_MEMLOCK} on kernels before 5.12), {@code EMFILE}/{@code ENFILE} (no descriptor).
     */
    public static String isSupported() {
        String s = support;
        if (s == null) {
            s = probe();
            support = s;
        }
        return s.isEmpty() ? null : s;
    }

    private static String probe() {
        if (!LINUX) {
            return "io_uring exists on Linux only; this is " + Platform.describe();
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = setup(1, arena.allocate(io_uring_params.layout()));
            if (fd >= 0) {
                Posix.close(fd);
                return "";
            }
            int errno = -fd;
            String disabled = sysctlDisabled();
            if (errno == Errno.ENOSYS) {
                return "io_uring_setup: ENOSYS, the kernel is built without io_uring";
            } else if (errno == Errno.EPERM) {
                return "io_uring_setup: EPERM, " + ("0".equals(disabled)
                        ? "refused by a seccomp filter (container runtimes block io_uring by default)"
                        : "disabled by sysctl kernel.io_uring_disabled=" + disabled);
            } else if (errno == Errno.ENOMEM) {
                return "io_uring_setup: ENOMEM, the rings could not be locked in memory (RLIMIT_MEMLOCK)";
            } else if (errno == Errno.EMFILE || errno == Errno.ENFILE) {
                return "io_uring_setup: " + Errno.name(errno) + ", no file descriptor left";
            }
            return "io_uring_setup: " + Errno.name(errno) + " (" + Errno.message(errno) + ")";
        }
    }

    /** {@code /proc/sys/kernel/io_uring_disabled} (0, 1 or 2), or "unknown" if it cannot be read. */
    private static String sysctlDisabled() {
        int fd = Fs.open("/proc/sys/kernel/io_uring_disabled", Fs.O_RDONLY, 0);
        if (fd < 0) {
            return "unknown";
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(16);
            long n = Fs.read(fd, buffer, 0, buffer.byteSize() - 1); // keeps a terminating zero
            return n > 0 ? buffer.getString(0).strip() : "unknown";
        } finally {
            Posix.close(fd);
        }
    }

    /**
     * Maps the SQ ring (head, tail, mask, flags, the index array) of ring {@code fd} set up with
     * {@code params}, unmapped when {@code owner} closes. {@link MemorySegment#NULL} if the kernel
     * refuses. The offsets inside come from {@code params.sq_off}.
     */
    public static MemorySegment mapSqRing(int fd, MemorySegment params, Arena owner) {
        long length = sqOffset(params, io_sqring_offsets.array$offset())
                + Integer.toUnsignedLong(io_uring_params.sq_entries(params)) * Integer.BYTES;
        return Mman.mapShared(fd, io_uring_h.IORING_OFF_SQ_RING(), length, owner);
    }

    /**
     * Maps the CQ ring (head, tail, mask, overflow, the CQE array) of ring {@code fd}. Kernels with
     * {@code IORING_FEAT_SINGLE_MMAP} back it with the same pages as the SQ ring; mapping it
     * separately is still valid there and keeps one code path.
     */
    public static MemorySegment mapCqRing(int fd, MemorySegment params, Arena owner) {
        long length = cqOffset(params, io_cqring_offsets.cqes$offset())
                + Integer.toUnsignedLong(io_uring_params.cq_entries(params)) * CQE_SIZE;
        return Mman.mapShared(fd, io_uring_h.IORING_OFF_CQ_RING(), length, owner);
    }

    /** Maps the SQE array ({@code sq_entries} entries of {@link #SQE_SIZE} bytes) of ring {@code fd}. */
    public static MemorySegment mapSqes(int fd, MemorySegment params, Arena owner) {
        long length = Integer.toUnsignedLong(io_uring_params.sq_entries(params)) * SQE_SIZE;
        return Mman.mapShared(fd, io_uring_h.IORING_OFF_SQES(), length, owner);
    }

    /** {@code params.sq_off.<field>}: the byte offset of an SQ ring word, e.g. {@code io_sqring_offsets.tail$offset()}. */
    public static long sqOffset(MemorySegment params, long fieldOffset) {
        return Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, io_uring_params.sq_off$offset() + fieldOffset));
    }

    /** {@code params.cq_off.<field>}: the byte offset of a CQ ring word, e.g. {@code io_cqring_offsets.head$offset()}. */
    public static long cqOffset(MemorySegment params, long fieldOffset) {
        return Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, io_uring_params.cq_off$offset() + fieldOffset));
    }

    /**
     * Acquire load of the SQ head: the first SQE the kernel has not consumed yet. Pairs with the
     * kernel's {@code smp_store_release(&rings->sq.head, ...)} in {@code io_commit_sqring}, which
     * follows its last read of the consumed SQEs: after this load, those slots may be rewritten.
     */
    public static int sqHeadAcquire(MemorySegment sqRing, long headOffset) {
        return (int) INT.getAcquire(sqRing, headOffset);
    }

    /**
     * Release store of the SQ tail, publishing the SQEs and index-array slots written before it.
     * Pairs with the kernel's {@code smp_load_acquire(&rings->sq.tail)} in
     * {@code io_sqring_entries}, called from {@code io_submit_sqes}.
     */
    public static void sqTailRelease(MemorySegment sqRing, long tailOffset, int tail) {
        INT.setRelease(sqRing, tailOffset, tail);
    }

    /**
     * Opaque load of the SQ flags word ({@code IORING_SQ_TASKRUN}, {@code IORING_SQ_NEED_WAKEUP},
     * {@code IORING_SQ_CQ_OVERFLOW}): a fresh value, ordered with nothing. Pairs with the kernel's
     * {@code atomic_or}/{@code atomic_andnot} of {@code rings->sq_flags}; a hint to enter the kernel,
     * not a guard for any other data.
     */
    public static int sqFlagsOpaque(MemorySegment sqRing, long flagsOffset) {
        return (int) INT.getOpaque(sqRing, flagsOffset);
    }

    /**
     * Acquire load of the CQ tail: CQEs below it are complete and may be read. Pairs with the
     * kernel's {@code smp_store_release(&rings->cq.tail, ...)} in {@code io_commit_cqring}, which
     * follows its writes of those CQEs.
     */
    public static int cqTailAcquire(MemorySegment cqRing, long tailOffset) {
        return (int) INT.getAcquire(cqRing, tailOffset);
    }

    /**
     * Release store of the CQ head, retiring the CQEs read before it so the kernel may reuse their
     * slots. Pairs with the kernel's {@code READ_ONCE(rings->cq.head)} in
     * {@code __io_cqring_events}, whose result the kernel's next CQE write depends on (a control
     * dependency; the kernel's io_uring.c names the application's release store as its partner).
     */
    public static void cqHeadRelease(MemorySegment cqRing, long headOffset, int head) {
        INT.setRelease(cqRing, headOffset, head);
    }

    /**
     * Release store of a provided-buffer ring's 16-bit tail, publishing the {@code io_uring_buf}
     * entries written before it. Pairs with the kernel's {@code smp_load_acquire(&br->tail)} in
     * io_uring/kbuf.c ({@code io_ring_buffer_select}, {@code io_ring_buffers_peek}).
     */
    public static void bufRingTailRelease(MemorySegment bufRing, short tail) {
        SHORT.setRelease(bufRing, BUF_RING_TAIL, tail);
    }

    /**
     * Writes SQE {@code index} of {@code sqes}: zeroes its {@link #SQE_SIZE} bytes, then sets the
     * fields most operations use. The other fields (per-op flags, buffer group, ...) are set after
     * this with the {@code io_uring_sqe} offsets. Plain stores: {@link #sqTailRelease} publishes them.
     */
    public static void prepare(MemorySegment sqes, int index, int opcode, int fd, long addr, int len,
                               long offset, long userData) {
        long base = index * SQE_SIZE;
        for (long i = 0; i < SQE_SIZE; i += Long.BYTES) {
            sqes.set(ValueLayout.JAVA_LONG, base + i, 0L);
        }
        sqes.set(ValueLayout.JAVA_BYTE, base + io_uring_sqe.opcode$offset(), (byte) opcode);
        sqes.set(ValueLayout.JAVA_INT, base + io_uring_sqe.fd$offset(), fd);
        sqes.set(ValueLayout.JAVA_LONG, base + io_uring_sqe.off$offset(), offset);
        sqes.set(ValueLayout.JAVA_LONG, base + io_uring_sqe.addr$offset(), addr);
        sqes.set(ValueLayout.JAVA_INT, base + io_uring_sqe.len$offset(), len);
        sqes.set(ValueLayout.JAVA_LONG, base + io_uring_sqe.user_data$offset(), userData);
    }

    /** {@code user_data} of CQE slot {@code index} (already masked) of the CQE array at {@code cqesOffset}. */
    public static long cqeUserData(MemorySegment cqRing, long cqesOffset, int index) {
        return cqRing.get(ValueLayout.JAVA_LONG, cqesOffset + index * CQE_SIZE + io_uring_cqe.user_data$offset());
    }

    /** {@code res} of CQE slot {@code index}: the operation's result, or {@code -errno}. */
    public static int cqeRes(MemorySegment cqRing, long cqesOffset, int index) {
        return cqRing.get(ValueLayout.JAVA_INT, cqesOffset + index * CQE_SIZE + io_uring_cqe.res$offset());
    }

    /** {@code flags} of CQE slot {@code index} ({@code IORING_CQE_F_*}, buffer id in the upper 16 bits). */
    public static int cqeFlags(MemorySegment cqRing, long cqesOffset, int index) {
        return cqRing.get(ValueLayout.JAVA_INT, cqesOffset + index * CQE_SIZE + io_uring_cqe.flags$offset());
    }
}
