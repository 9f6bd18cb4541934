package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The errno-returning wrappers allocate nothing per call once the JIT has compiled them: each
 * test repeats rounds of {@value #CALLS} calls until one round allocates 0 bytes on this thread
 * (or gives up after {@value #ROUNDS} rounds, and at least 30 seconds, and fails with the last
 * round's figure: on a machine busy with other work the JIT can take that long to compile them).
 */
class ZeroAllocationTest {

    private static final int CALLS = 20_000;
    private static final int ROUNDS = 100;
    private static final long GIVE_UP_NANOS = 30_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One wrapper call (or a fixed pair) whose result is summed, so the JIT cannot drop it. */
    @FunctionalInterface
    private interface Call {
        long run();
    }

    private Arena arena;
    private int efd = -1;
    private int epfd = -1;
    private int listener = -1;
    private final int[] pipe = {-1, -1};

    @BeforeEach
    void open() {
        assumeTrue(Platform.isLinux(), "uses eventfd and epoll");
        arena = Arena.ofConfined();
        efd = SysException.check("eventfd", EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC));
        epfd = SysException.check("epoll_create1", Epoll.create());
        listener = Net.openListener(InetAddress.getLoopbackAddress(), 0, 16, false);
        SysException.check("pipe", Posix.pipe(pipe));
    }

    @AfterEach
    void close() {
        for (int fd : new int[] {efd, epfd, listener, pipe[0], pipe[1]}) {
            if (fd >= 0) {
                Posix.close(fd);
            }
        }
        if (arena != null) {
            arena.close();
        }
    }

    @Test
    void eventfdReadOfAnEmptyCounterAllocatesNothing() {
        assertAllocationFree(() -> EventFd.read(efd), -Errno.EAGAIN);
    }

    @Test
    void posixReadIntoASegmentAllocatesNothing() {
        MemorySegment buffer = arena.allocate(64);
        assertAllocationFree(() -> Posix.read(efd, buffer, 8, 8), -Errno.EAGAIN);
    }

    @Test
    void eventfdWriteThenReadAllocatesNothing() {
        assertAllocationFree(() -> EventFd.write(efd, 1) + EventFd.read(efd), 1);
    }

    @Test
    void pipeWriteThenReadAllocatesNothing() {
        MemorySegment out = arena.allocate(64);
        MemorySegment in = arena.allocate(64);
        assertAllocationFree(() -> Posix.write(pipe[1], out, 3, 16) + Posix.read(pipe[0], in, 5, 32), 32);
    }

    @Test
    void writevThenReadAllocatesNothing() {
        MemorySegment a = arena.allocate(8);
        MemorySegment b = arena.allocate(8);
        MemorySegment in = arena.allocate(64);
        MemorySegment iov = Iovec.allocate(arena, 2);
        assertAllocationFree(() -> {
            Iovec.set(iov, 0, a, 1, 5);
            Iovec.set(iov, 1, b, 0, 8);
            return Posix.writev(pipe[1], iov, 2) + Posix.read(pipe[0], in, 0, 64);
        }, 26);
    }

    @Test
    void epollCtlAndZeroTimeoutWaitAllocateNothing() {
        MemorySegment events = Epoll.allocateEvents(arena, 16);
        SysException.check("epoll_ctl", Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN, 0));
        assertAllocationFree(() -> Epoll.ctl(epfd, Epoll.EPOLL_CTL_MOD, efd, Epoll.EPOLLIN, 7)
                + Epoll.wait(epfd, events, 16, 0), 0);
    }

    @Test
    void acceptOnAnIdleListenerAllocatesNothing() {
        assertAllocationFree(() -> Net.accept(listener), -Errno.EAGAIN);
        MemorySegment peer = arena.allocate(Net.PEER_ADDRESS_BYTES, 8);
        assertAllocationFree(() -> Net.accept(listener, peer) + (Net.isLocalHost(peer) ? 1 : 0), -Errno.EAGAIN);
    }

    @Test
    void getpidAllocatesNothing() {
        int pid = Posix.getpid();
        assertAllocationFree(Posix::getpid, pid);
    }

    private static void assertAllocationFree(Call call, long expectedEach) {
        long bytes = -1;
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        int round = 0;
        for (; bytes != 0 && (round < ROUNDS || System.nanoTime() < deadline); round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += call.run();
            }
            bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertEquals(expectedEach * CALLS, sum, "every call returned " + expectedEach);
        }
        assertEquals(0, bytes, "bytes allocated by " + CALLS + " calls after " + round + " warm-up rounds");
    }
}
