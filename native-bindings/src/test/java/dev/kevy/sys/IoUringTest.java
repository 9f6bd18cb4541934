package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.sys.linux.io_cqring_offsets;
import dev.kevy.sys.linux.io_sqring_offsets;
import dev.kevy.sys.linux.io_uring_buf;
import dev.kevy.sys.linux.io_uring_buf_reg;
import dev.kevy.sys.linux.io_uring_sqe;
import dev.kevy.sys.linux.io_uring_h;
import dev.kevy.sys.linux.io_uring_params;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * io_uring through {@link IoUring} alone, no liburing: a real ring, NOP and READ round trips,
 * and no allocation per submit-and-reap once compiled. Linux only; skipped with the reason
 * {@link IoUring#isSupported()} gives where the kernel or a sandbox refuses io_uring.
 */
class IoUringTest {

    private static final int CALLS = 20_000;
    private static final int ROUNDS = 100;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Arena arena = Arena.ofConfined();
    private final int[] pipe = {-1, -1};
    private Ring ring;

    /** One ring and its three mappings, with the ring offsets read once from the params. */
    private static final class Ring {
        final int fd;
        final int flags;
        final MemorySegment sq;
        final MemorySegment cq;
        final MemorySegment sqes;
        final long sqHead;
        final long sqTail;
        final long sqArray;
        final int sqMask;
        final long cqHead;
        final long cqTail;
        final long cqes;
        final int cqMask;
        /** {@code flags} of the CQE {@link #roundTrip} retired last. */
        int lastFlags;

        Ring(Arena arena, int entries) {
            MemorySegment params = arena.allocate(io_uring_params.layout());
            int wanted = io_uring_h.IORING_SETUP_SINGLE_ISSUER() | io_uring_h.IORING_SETUP_DEFER_TASKRUN();
            io_uring_params.flags(params, wanted);
            int r = IoUring.setup(entries, params);
            if (r == -Errno.EINVAL) { // kernels before 6.1 know neither flag
                params.fill((byte) 0);
                r = IoUring.setup(entries, params);
            }
            fd = SysException.check("io_uring_setup", r);
            flags = io_uring_params.flags(params);
            sq = IoUring.mapSqRing(fd, params, arena);
            cq = IoUring.mapCqRing(fd, params, arena);
            sqes = IoUring.mapSqes(fd, params, arena);
            assertNotEquals(MemorySegment.NULL, sq);
            assertNotEquals(MemorySegment.NULL, cq);
            assertNotEquals(MemorySegment.NULL, sqes);
            sqHead = IoUring.sqOffset(params, io_sqring_offsets.head$offset());
            sqTail = IoUring.sqOffset(params, io_sqring_offsets.tail$offset());
            sqArray = IoUring.sqOffset(params, io_sqring_offsets.array$offset());
            sqMask = sq.get(ValueLayout.JAVA_INT, IoUring.sqOffset(params, io_sqring_offsets.ring_mask$offset()));
            cqHead = IoUring.cqOffset(params, io_cqring_offsets.head$offset());
            cqTail = IoUring.cqOffset(params, io_cqring_offsets.tail$offset());
            cqes = IoUring.cqOffset(params, io_cqring_offsets.cqes$offset());
            cqMask = cq.get(ValueLayout.JAVA_INT, IoUring.cqOffset(params, io_cqring_offsets.ring_mask$offset()));
        }

        /** Writes one SQE at the SQ tail and publishes it; the caller enters the kernel. */
        void push(int opcode, int target, long addr, int len, long offset, long userData) {
            int tail = sq.get(ValueLayout.JAVA_INT, sqTail); // only this thread writes the SQ tail
            assertTrue(tail - IoUring.sqHeadAcquire(sq, sqHead) <= sqMask, "SQ full");
            int slot = tail & sqMask;
            IoUring.prepare(sqes, slot, opcode, target, addr, len, offset, userData);
            sq.set(ValueLayout.JAVA_INT, sqArray + (long) slot * Integer.BYTES, slot);
            IoUring.sqTailRelease(sq, sqTail, tail + 1);
        }

        /** Submits one SQE and waits for one CQE, then checks and retires it; returns its res. */
        int roundTrip(long userData) {
            int entered = IoUring.enter(fd, 1, 1, io_uring_h.IORING_ENTER_GETEVENTS());
            if (entered != 1) {
                throw new AssertionError("io_uring_enter returned " + entered);
            }
            int head = cq.get(ValueLayout.JAVA_INT, cqHead); // only this thread writes the CQ head
            int ready = IoUring.cqTailAcquire(cq, cqTail) - head;
            if (ready != 1) {
                throw new AssertionError(ready + " CQEs ready, expected 1");
            }
            int slot = head & cqMask;
            long data = IoUring.cqeUserData(cq, cqes, slot);
            if (data != userData) {
                throw new AssertionError("CQE user_data " + data + ", expected " + userData);
            }
            int res = IoUring.cqeRes(cq, cqes, slot);
            lastFlags = IoUring.cqeFlags(cq, cqes, slot);
            IoUring.cqHeadRelease(cq, cqHead, head + 1);
            return res;
        }
    }

    @AfterEach
    void close() {
        for (int fd : new int[] {pipe[0], pipe[1], ring == null ? -1 : ring.fd}) {
            if (fd >= 0) {
                Posix.close(fd);
            }
        }
        arena.close();
    }

    private void openRing() {
        assumeTrue(Platform.isLinux(), "io_uring is Linux only; this is " + Platform.describe());
        String reason = IoUring.isSupported();
        assumeTrue(reason == null, reason);
        ring = new Ring(arena, 8);
    }

    @Test
    void isSupportedAgreesWithADirectSetup() {
        assumeTrue(Platform.isLinux(), "io_uring is Linux only; this is " + Platform.describe());
        int fd = IoUring.setup(1, arena.allocate(io_uring_params.layout()));
        if (fd >= 0) {
            Posix.close(fd);
            assertNull(IoUring.isSupported());
        } else {
            String reason = IoUring.isSupported();
            assertTrue(reason != null && reason.contains(Errno.name(-fd)), "reason: " + reason);
        }
    }

    @Test
    void nopComesBackWithItsUserData() {
        openRing();
        System.out.println("io_uring ring set up with flags 0x" + Integer.toHexString(ring.flags)
                + " (SINGLE_ISSUER|DEFER_TASKRUN is 0x3000; 0 after the fallback)");
        ring.push(io_uring_h.IORING_OP_NOP(), -1, 0, 0, 0, 42);
        assertEquals(0, ring.roundTrip(42));
        assertEquals(1, IoUring.sqHeadAcquire(ring.sq, ring.sqHead), "the kernel consumed the SQE");
    }

    @Test
    void readFromAPipeLandsInANativeBuffer() {
        openRing();
        SysException.check("pipe", Posix.pipe(pipe));
        byte[] hello = "hello, ring".getBytes(StandardCharsets.US_ASCII);
        MemorySegment out = arena.allocate(hello.length);
        out.copyFrom(MemorySegment.ofArray(hello));
        assertEquals(hello.length, Posix.write(pipe[1], out, 0, hello.length));

        MemorySegment in = arena.allocate(64);
        ring.push(io_uring_h.IORING_OP_READ(), pipe[0], in.address(), (int) in.byteSize(), -1L, 7);
        assertEquals(hello.length, ring.roundTrip(7));
        assertEquals("hello, ring", new String(in.asSlice(0, hello.length).toArray(ValueLayout.JAVA_BYTE),
                StandardCharsets.US_ASCII));
    }

    /**
     * A provided-buffer ring registered with {@code IOU_PBUF_RING_INC}: a READ with
     * {@code IOSQE_BUFFER_SELECT} takes the one buffer the ring offers, and because it fills only
     * part of it the kernel keeps the buffer and says so with {@code IORING_CQE_F_BUF_MORE}. This
     * proves the two constants the installed 6.1 headers lack against the running kernel.
     */
    @Test
    void readSelectsAnIncrementallyConsumedProvidedBuffer() {
        openRing();
        SysException.check("pipe", Posix.pipe(pipe));
        short group = 3;
        short bid = 5;
        MemorySegment bufRing = Mman.map(Mman.pageSize(), arena); // page-aligned, as the kernel requires
        MemorySegment reg = arena.allocate(io_uring_buf_reg.layout());
        io_uring_buf_reg.ring_addr(reg, bufRing.address());
        io_uring_buf_reg.ring_entries(reg, 8);
        io_uring_buf_reg.bgid(reg, group);
        io_uring_buf_reg.pad(reg, (short) io_uring_h.IOU_PBUF_RING_INC()); // "flags" in 6.12+ headers
        assertEquals(0, IoUring.register(ring.fd, io_uring_h.IORING_REGISTER_PBUF_RING(), reg, 1));

        MemorySegment data = arena.allocate(64);
        io_uring_buf.addr(bufRing, data.address()); // bufs[0]; its resv half-word is the ring tail
        io_uring_buf.len(bufRing, (int) data.byteSize());
        io_uring_buf.bid(bufRing, bid);
        IoUring.bufRingTailRelease(bufRing, (short) 1);

        MemorySegment out = arena.allocate(3);
        out.copyFrom(MemorySegment.ofArray("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(3, Posix.write(pipe[1], out, 0, 3));
        ring.push(io_uring_h.IORING_OP_READ(), pipe[0], 0, 0, -1L, 11);
        long sqe = (ring.sq.get(ValueLayout.JAVA_INT, ring.sqTail) - 1 & ring.sqMask) * IoUring.SQE_SIZE;
        ring.sqes.set(ValueLayout.JAVA_BYTE, sqe + io_uring_sqe.flags$offset(), (byte) io_uring_h.IOSQE_BUFFER_SELECT());
        ring.sqes.set(ValueLayout.JAVA_SHORT, sqe + io_uring_sqe.buf_group$offset(), group);

        assertEquals(3, ring.roundTrip(11));
        int flags = ring.lastFlags;
        assertTrue((flags & io_uring_h.IORING_CQE_F_BUFFER()) != 0, "CQE flags 0x" + Integer.toHexString(flags));
        assertEquals(bid, flags >>> io_uring_h.IORING_CQE_BUFFER_SHIFT());
        assertTrue((flags & io_uring_h.IORING_CQE_F_BUF_MORE()) != 0, "CQE flags 0x" + Integer.toHexString(flags));
        assertEquals("abc", new String(data.asSlice(0, 3).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));

        MemorySegment unreg = arena.allocate(io_uring_buf_reg.layout());
        io_uring_buf_reg.bgid(unreg, group);
        assertEquals(0, IoUring.register(ring.fd, io_uring_h.IORING_UNREGISTER_PBUF_RING(), unreg, 1));
    }

    @Test
    void enterOnADescriptorThatIsNoRingReportsTheErrno() {
        assumeTrue(Platform.isLinux(), "io_uring is Linux only; this is " + Platform.describe());
        SysException.check("pipe", Posix.pipe(pipe));
        // a pipe is not a ring: the waiting form fails, and its retry reports the errno
        assertEquals(-Errno.EOPNOTSUPP, IoUring.enter(pipe[0], 0, 1, io_uring_h.IORING_ENTER_GETEVENTS()));
        assertEquals(-Errno.EBADF, IoUring.enter(-1, 0, 0, 0));
    }

    @Test
    void submitAndReapAllocateNothing() {
        openRing();
        long bytes = -1;
        long seq = 0;
        for (int round = 0; round < ROUNDS && bytes != 0; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                ring.push(io_uring_h.IORING_OP_NOP(), -1, 0, 0, 0, ++seq);
                sum += ring.roundTrip(seq);
            }
            bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertEquals(0, sum, "every NOP completed with res 0");
        }
        assertEquals(0, bytes, "bytes allocated by " + CALLS + " NOP round trips after " + ROUNDS + " warm-up rounds");
    }
}
