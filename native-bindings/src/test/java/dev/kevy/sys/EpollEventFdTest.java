package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpollEventFdTest {

    private Arena arena;
    private int epfd = -1;
    private int efd = -1;
    private int efd2 = -1;

    @BeforeEach
    void open() {
        assumeTrue(Platform.isLinux(), "epoll and eventfd are Linux facilities");
        arena = Arena.ofConfined();
        epfd = SysException.check("epoll_create1", Epoll.create());
        efd = SysException.check("eventfd", EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC));
        efd2 = SysException.check("eventfd", EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC));
    }

    @AfterEach
    void close() {
        for (int fd : new int[] {epfd, efd, efd2}) {
            if (fd >= 0) {
                Posix.close(fd);
            }
        }
        if (arena != null) {
            arena.close();
        }
    }

    @Test
    void eventfdWriteWakesEpollAndReturnsTheFull64BitUserValue() {
        long data = 0xCAFE_BABE_DEAD_BEEFL; // high bit set: a truncated or misplaced field would show
        MemorySegment events = Epoll.allocateEvents(arena, 8);
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN, data));
        assertEquals(0, Epoll.wait(epfd, events, 8, 0), "nothing written yet");

        assertEquals(0, EventFd.write(efd, 3));
        assertEquals(1, Epoll.wait(epfd, events, 8, 5_000));
        assertEquals(Epoll.EPOLLIN, Epoll.events(events, 0) & Epoll.EPOLLIN);
        assertEquals(data, Epoll.data(events, 0));

        assertEquals(3, EventFd.read(efd), "the counter accumulates writes and a read resets it");
        assertEquals(0, Epoll.wait(epfd, events, 8, 0), "level-triggered readiness cleared by the read");
    }

    @Test
    void twoReadyDescriptorsFillConsecutiveEventEntries() {
        MemorySegment events = Epoll.allocateEvents(arena, 4);
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN, -1L));
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd2, Epoll.EPOLLIN, 0x0102_0304_0506_0708L));
        assertEquals(0, EventFd.write(efd, 1));
        assertEquals(0, EventFd.write(efd2, 1));

        assertEquals(2, Epoll.wait(epfd, events, 4, 5_000));
        assertEquals(Set.of(-1L, 0x0102_0304_0506_0708L), Set.of(Epoll.data(events, 0), Epoll.data(events, 1)),
                "entries are EVENT_SIZE apart (12 bytes on x86_64, 16 on aarch64)");
    }

    @Test
    void modifiedRegistrationReportsTheNewUserValue() {
        MemorySegment events = Epoll.allocateEvents(arena, 1);
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN, 1));
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_MOD, efd, Epoll.EPOLLIN, 2));
        assertEquals(0, EventFd.write(efd, 1));
        assertEquals(1, Epoll.wait(epfd, events, 1, 5_000));
        assertEquals(2, Epoll.data(events, 0));

        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_DEL, efd, 0, 0));
        assertEquals(0, Epoll.wait(epfd, events, 1, 0), "unregistered: no event although still readable");
        assertEquals(-Errno.ENOENT, Epoll.ctl(epfd, Epoll.EPOLL_CTL_DEL, efd, 0, 0));
    }

    /**
     * The kernel facts the epoll poller's wake rests on: with EPOLLET, every write to an eventfd is
     * a new event even when the counter was already nonzero (eventfd's write wakes its wait queue
     * each time), each epoll set reports it once, and nothing needs to read the counter.
     */
    @Test
    void edgeTriggeredEventfdReportsEachWriteOncePerEpollSetWithoutBeingRead() {
        int epfd2 = SysException.check("epoll_create1", Epoll.create());
        try {
            MemorySegment events = Epoll.allocateEvents(arena, 1);
            assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN | Epoll.EPOLLET, 1));
            assertEquals(0, Epoll.ctl(epfd2, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN | Epoll.EPOLLET, 2));
            for (int write = 1; write <= 3; write++) {
                assertEquals(0, EventFd.write(efd, 1));
                assertEquals(1, Epoll.wait(epfd, events, 1, 5_000), "write " + write);
                assertEquals(0, Epoll.wait(epfd, events, 1, 0), "write " + write + " reported once");
                assertEquals(1, Epoll.wait(epfd2, events, 1, 5_000), "the other set, write " + write);
                assertEquals(2, Epoll.data(events, 0));
                assertEquals(0, Epoll.wait(epfd2, events, 1, 0));
            }
            assertEquals(3, EventFd.read(efd), "the counter was never read until now");
        } finally {
            Posix.close(epfd2);
        }
    }

    @Test
    void aWritePastTheCountersMaximumFailsWithEagain() {
        assertEquals(0, EventFd.write(efd, 0xffff_ffff_ffff_fffeL));
        assertEquals(-Errno.EAGAIN, EventFd.write(efd, 1));
        assertEquals(0xffff_ffff_ffff_fffeL, EventFd.read(efd));
        assertEquals(0, EventFd.write(efd, 1), "room again after the read");
    }

    @Test
    void readingAnEmptyNonblockingEventfdGivesMinusEagain() {
        assertEquals(-Errno.EAGAIN, EventFd.read(efd));
        MemorySegment buffer = arena.allocate(8);
        assertEquals(-Errno.EAGAIN, Posix.read(efd, buffer, 0, 8));
    }

    @Test
    void closingMinusOneGivesMinusEbadf() {
        assertEquals(-Errno.EBADF, Posix.close(-1));
        assertEquals(-Errno.EBADF, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, -1, Epoll.EPOLLIN, 0));
    }

    @Test
    void eventSizeFollowsTheArchitecture() {
        assertEquals(Platform.isX86_64() ? 12 : 16, Epoll.EVENT_SIZE);
    }

    @Test
    void errnoHasSymbolicNamesAndCLibraryMessages() {
        assertEquals("EADDRINUSE", Errno.name(Errno.EADDRINUSE));
        assertEquals("EAGAIN", Errno.name(-Errno.EAGAIN));
        assertEquals("Bad file descriptor", Errno.message(Errno.EBADF));
        assertNotEquals(Errno.EAGAIN, Errno.EINPROGRESS);
        assertTrue(Errno.name(250).startsWith("errno "));
    }
}
