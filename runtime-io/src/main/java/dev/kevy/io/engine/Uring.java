package dev.kevy.io.engine;

import dev.kevy.sys.Errno;
import dev.kevy.sys.IoUring;
import dev.kevy.sys.Mman;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import dev.kevy.sys.linux.__kernel_timespec;
import dev.kevy.sys.linux.io_cqring_offsets;
import dev.kevy.sys.linux.io_sqring_offsets;
import dev.kevy.sys.linux.io_uring_getevents_arg;
import dev.kevy.sys.linux.io_uring_h;
import dev.kevy.sys.linux.io_uring_params;
import dev.kevy.sys.linux.io_uring_rsrc_update;
import dev.kevy.sys.linux.io_uring_sqe;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One io_uring instance as a shard uses it: the three shared mappings, a local SQ tail that is
 * published once per {@link #enter}, and the CQ read in batches. Built on any thread with the
 * ring disabled; {@link #enable()} on the shard thread makes that thread its single issuer
 * ({@code IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN}: completions are posted only
 * while that thread is inside {@code io_uring_enter}, so nothing runs behind its back) and
 * registers the ring's descriptor, so each enter skips the descriptor-table lookup.
 *
 * <p>Ordering (the kernel is the other party of every shared index; see {@link IoUring}): the SQ
 * tail is published with a release store in {@link #enter}, after the SQEs it covers; the CQ tail
 * is read with an acquire load in {@link #ready()} before the CQEs below it; the CQ head is retired
 * with a release store in {@link #retire} after the CQEs were read. The SQ head is read with an
 * acquire load only when the local tail could overrun it.
 */
final class Uring implements AutoCloseable {

    private static final int SETUP_FLAGS = io_uring_h.IORING_SETUP_SINGLE_ISSUER()
            | io_uring_h.IORING_SETUP_DEFER_TASKRUN() | io_uring_h.IORING_SETUP_TASKRUN_FLAG()
            | io_uring_h.IORING_SETUP_R_DISABLED() | io_uring_h.IORING_SETUP_SUBMIT_ALL()
            | io_uring_h.IORING_SETUP_CQSIZE();
    private static final int GETEVENTS = io_uring_h.IORING_ENTER_GETEVENTS();
    private static final int EXT_ARG = io_uring_h.IORING_ENTER_EXT_ARG();
    private static final int TASKRUN = io_uring_h.IORING_SQ_TASKRUN();
    private static final int CQ_OVERFLOW = io_uring_h.IORING_SQ_CQ_OVERFLOW();

    private final Arena arena = Arena.ofShared();
    private final int fd;
    private final MemorySegment sq;
    private final MemorySegment cq;
    private final MemorySegment sqes;
    private final long sqHeadAt;
    private final long sqTailAt;
    private final long sqFlagsAt;
    private final int sqMask;
    private final int sqEntries;
    private final long cqHeadAt;
    private final long cqTailAt;
    private final long cqesAt;
    private final int cqMask;
    /** {@code struct io_uring_getevents_arg} pointing at {@link #timespec}: the wait's limit. */
    private final MemorySegment waitArg;
    private final MemorySegment timespec;

    /** The descriptor enter names: the ring's fd, or its registered index once registered. */
    private int enterFd;
    private int enterFlags;
    /** SQEs written locally; published to the kernel by {@link #enter}. */
    private int sqTail;
    /** The SQ head as last read: the kernel has consumed every SQE below it. */
    private int sqHead;
    private int sqPublished;
    private int cqHead;

    /**
     * Sets up a disabled ring of {@code entries} SQEs and {@code cqEntries} CQEs.
     *
     * @throws SysException naming the step that failed (the reason {@code auto} falls back)
     */
    Uring(int entries, int cqEntries) {
        MemorySegment params = arena.allocate(io_uring_params.layout());
        io_uring_params.flags(params, SETUP_FLAGS);
        io_uring_params.cq_entries(params, cqEntries);
        int r = IoUring.setup(entries, params);
        if (r < 0) {
            arena.close();
            throw new SysException("io_uring_setup", -r);
        }
        fd = r;
        enterFd = r;
        sq = IoUring.mapSqRing(fd, params, arena);
        cq = IoUring.mapCqRing(fd, params, arena);
        sqes = IoUring.mapSqes(fd, params, arena);
        if (sq.equals(MemorySegment.NULL) || cq.equals(MemorySegment.NULL) || sqes.equals(MemorySegment.NULL)) {
            close();
            throw new SysException("mmap of the io_uring rings", Errno.ENOMEM);
        }
        sqHeadAt = IoUring.sqOffset(params, io_sqring_offsets.head$offset());
        sqTailAt = IoUring.sqOffset(params, io_sqring_offsets.tail$offset());
        sqFlagsAt = IoUring.sqOffset(params, io_sqring_offsets.flags$offset());
        sqMask = sq.get(ValueLayout.JAVA_INT, IoUring.sqOffset(params, io_sqring_offsets.ring_mask$offset()));
        sqEntries = io_uring_params.sq_entries(params);
        long array = IoUring.sqOffset(params, io_sqring_offsets.array$offset());
        for (int i = 0; i < sqEntries; i++) {
            sq.set(ValueLayout.JAVA_INT, array + (long) i * Integer.BYTES, i); // SQE i always sits in slot i
        }
        cqHeadAt = IoUring.cqOffset(params, io_cqring_offsets.head$offset());
        cqTailAt = IoUring.cqOffset(params, io_cqring_offsets.tail$offset());
        cqesAt = IoUring.cqOffset(params, io_cqring_offsets.cqes$offset());
        cqMask = cq.get(ValueLayout.JAVA_INT, IoUring.cqOffset(params, io_cqring_offsets.ring_mask$offset()));
        sqTail = sq.get(ValueLayout.JAVA_INT, sqTailAt);
        sqHead = sqTail; // a new ring: nothing queued
        sqPublished = sqTail;
        cqHead = cq.get(ValueLayout.JAVA_INT, cqHeadAt);
        timespec = arena.allocate(__kernel_timespec.layout());
        waitArg = arena.allocate(io_uring_getevents_arg.layout());
        io_uring_getevents_arg.ts(waitArg, timespec.address());
    }

    /**
     * On the thread that will submit: enables the ring (that thread becomes its single issuer) and
     * registers its descriptor. Returns 0 or {@code -errno}; without the registration the ring
     * still works, entered by its descriptor.
     */
    int enable() {
        int r = IoUring.register(fd, io_uring_h.IORING_REGISTER_ENABLE_RINGS(), MemorySegment.NULL, 0);
        if (r < 0) {
            return r;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment update = a.allocate(io_uring_rsrc_update.layout());
            io_uring_rsrc_update.offset(update, -1); // any free slot: the kernel writes back which
            io_uring_rsrc_update.data(update, fd);
            if (IoUring.register(fd, io_uring_h.IORING_REGISTER_RING_FDS(), update, 1) == 1) {
                enterFd = io_uring_rsrc_update.offset(update);
                enterFlags = io_uring_h.IORING_ENTER_REGISTERED_RING();
            }
        }
        return 0;
    }

    int fd() {
        return fd;
    }

    /**
     * Writes the next SQE (zeroed, then the common fields) and returns its byte offset in the SQE
     * array, for the per-operation fields ({@link #sqeFlags}, {@link #sqeOpFlags}, ...). When the
     * SQ is full the queued SQEs are submitted first, without waiting.
     */
    long prepare(int opcode, int target, long addr, int len, long offset, long userData) {
        if (sqTail - sqHead == sqEntries) {
            makeRoom();
        }
        int index = sqTail & sqMask;
        IoUring.prepare(sqes, index, opcode, target, addr, len, offset, userData);
        sqTail++;
        return index * IoUring.SQE_SIZE;
    }

    /**
     * The SQ looked full by the head last read: read it again (acquire: pairs with the kernel's
     * release store in io_commit_sqring, after which consumed slots may be rewritten), and if the
     * kernel has not consumed any, submit what is queued.
     */
    private void makeRoom() {
        sqHead = IoUring.sqHeadAcquire(sq, sqHeadAt);
        if (sqTail - sqHead < sqEntries) {
            return;
        }
        int r = enter(0, 0);
        sqHead = IoUring.sqHeadAcquire(sq, sqHeadAt);
        if (sqTail - sqHead == sqEntries) {
            throw new IllegalStateException("io_uring: the submission queue is full and the kernel takes none of it ("
                    + (r < 0 ? Errno.name(r) : r + " submitted") + ")");
        }
    }

    void sqeFlags(long sqe, int flags) {
        sqes.set(ValueLayout.JAVA_BYTE, sqe + io_uring_sqe.flags$offset(), (byte) flags);
    }

    void sqeIoprio(long sqe, int ioprio) {
        sqes.set(ValueLayout.JAVA_SHORT, sqe + io_uring_sqe.ioprio$offset(), (short) ioprio);
    }

    /** The 32-bit per-operation flags word ({@code rw_flags}, {@code poll32_events}, {@code accept_flags}, ...). */
    void sqeOpFlags(long sqe, int flags) {
        sqes.set(ValueLayout.JAVA_INT, sqe + io_uring_sqe.rw_flags$offset(), flags);
    }

    void sqeBufferGroup(long sqe, int group) {
        sqes.set(ValueLayout.JAVA_SHORT, sqe + io_uring_sqe.buf_group$offset(), (short) group);
    }

    /**
     * Queues an {@code IORING_OP_ASYNC_CANCEL} of the operation whose SQE carried {@code userData}.
     * Its own completion is skipped on success ({@code IOSQE_CQE_SKIP_SUCCESS}); a failure (the
     * operation had finished) posts under {@link Ops#CANCEL} and changes nothing.
     */
    void cancel(long userData) {
        long sqe = prepare(io_uring_h.IORING_OP_ASYNC_CANCEL(), -1, userData, 0, 0, Ops.data(Ops.CANCEL, 0));
        sqeFlags(sqe, io_uring_h.IOSQE_CQE_SKIP_SUCCESS());
    }

    /**
     * Whether entering the kernel could bring completions or submit anything: SQEs queued, CQEs
     * ready, or deferred completion work flagged ({@code IORING_SQ_TASKRUN}, set by the kernel
     * when it queues work for this thread) or an overflowed CQ.
     */
    boolean worthEntering() {
        return sqTail != sqPublished || ready() > 0
                || (IoUring.sqFlagsOpaque(sq, sqFlagsAt) & (TASKRUN | CQ_OVERFLOW)) != 0;
    }

    /**
     * Publishes the queued SQEs and enters the kernel once: submits them, runs the completion work
     * deferred to this thread, and with {@code waitNanos > 0} waits until one CQE is ready or the
     * time passes. Returns the SQEs submitted or {@code -errno} ({@code -ETIME} and
     * {@code -EINTR} are ordinary ends of a wait).
     */
    int enter(int minComplete, long waitNanos) {
        int toSubmit = sqTail - sqPublished;
        if (toSubmit > 0) {
            IoUring.sqTailRelease(sq, sqTailAt, sqTail); // publishes the SQEs written before: pairs with the kernel's acquire of sq.tail
            sqPublished = sqTail;
        }
        int r;
        if (minComplete > 0 && waitNanos > 0) {
            __kernel_timespec.tv_sec(timespec, waitNanos / 1_000_000_000L);
            __kernel_timespec.tv_nsec(timespec, waitNanos % 1_000_000_000L);
            r = IoUring.enter(enterFd, toSubmit, minComplete, GETEVENTS | EXT_ARG | enterFlags,
                    waitArg.address(), waitArg.byteSize());
        } else {
            r = IoUring.enter(enterFd, toSubmit, 0, GETEVENTS | enterFlags);
        }
        return r;
    }

    /** CQEs ready to read (acquire load of the CQ tail: pairs with the kernel's release in io_commit_cqring). */
    int ready() {
        return IoUring.cqTailAcquire(cq, cqTailAt) - cqHead;
    }

    long userData(int i) {
        return IoUring.cqeUserData(cq, cqesAt, cqHead + i & cqMask);
    }

    int res(int i) {
        return IoUring.cqeRes(cq, cqesAt, cqHead + i & cqMask);
    }

    int flags(int i) {
        return IoUring.cqeFlags(cq, cqesAt, cqHead + i & cqMask);
    }

    /** Retires the first {@code n} ready CQEs (release store of the CQ head, after reading them). */
    void retire(int n) {
        cqHead += n;
        IoUring.cqHeadRelease(cq, cqHeadAt, cqHead);
    }

    @Override
    public void close() {
        Posix.close(fd);
        arena.close();
    }

    /** A page-aligned native segment of {@code bytes} (rounded up to pages) that lives as long as the ring. */
    MemorySegment mapPages(long bytes) {
        long page = Mman.pageSize();
        return Mman.map((bytes + page - 1) / page * page, arena);
    }
}
