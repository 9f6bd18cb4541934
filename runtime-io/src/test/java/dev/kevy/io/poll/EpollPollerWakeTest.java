package dev.kevy.io.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.sys.Epoll;
import dev.kevy.sys.EventFd;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The epoll poller's wake, an edge-triggered eventfd that is never read: each wake is one event,
 * none is lost, and the wait after a reported wake blocks. "Blocks" is observed, not slept on: a
 * poll of {@value #QUIET_MILLIS} ms that returns 0 waited out its timeout, where a wake still
 * pending would have ended it with 1.
 */
class EpollPollerWakeTest {

    private static final int QUIET_MILLIS = 100;
    /** A timeout that a passing test never reaches; it only bounds a failing one. */
    private static final int LONG_MILLIS = 30_000;

    private EpollPoller poller;

    @BeforeEach
    void open() {
        assumeTrue(dev.kevy.sys.Platform.isLinux(), "epoll");
        poller = new EpollPoller(8);
    }

    @AfterEach
    void close() {
        if (poller != null) {
            poller.close();
        }
    }

    private void assertOneWake(int n) {
        assertEquals(1, n, "one event");
        assertEquals(Poller.WAKE_TOKEN, poller.token(0));
    }

    @Test
    void aWakeFromAnotherThreadEndsAPollBlockedInTheKernel() throws Exception {
        poller.poll(1); // links the downcall, so the thread below blocks in epoll_wait and nowhere else
        CompletableFuture<Long> tid = new CompletableFuture<>();
        CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> {
            tid.complete(KernelThread.currentId());
            return poller.poll(LONG_MILLIS);
        }, command -> new Thread(command, "wake-target").start());
        KernelThread.awaitBlockedInEpoll(tid.get(LONG_MILLIS, TimeUnit.MILLISECONDS));
        poller.waker().wake();
        assertOneWake(polled.get(LONG_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void afterAReportedWakeThePollBlocksAgainWithoutAnyRead() {
        for (int round = 0; round < 3; round++) {
            poller.waker().wake();
            assertOneWake(poller.poll(LONG_MILLIS));
            assertEquals(0, poller.poll(QUIET_MILLIS), "round " + round + ": no wake, no event");
        }
    }

    @Test
    void wakesBeforeThePollAreKeptAndReportedAsOneEvent() {
        poller.waker().wake();
        poller.waker().wake();
        poller.waker().wake();
        assertOneWake(poller.poll(0));
        assertEquals(0, poller.poll(QUIET_MILLIS), "three wakes, one event");
        poller.waker().wake();
        assertOneWake(poller.poll(0)); // the counter is 4 now: a write to a nonzero counter is an edge
    }

    @Test
    void aWakeIsReportedOnceByPollAndOnceByAwaitWake() {
        poller.waker().wake();
        assertOneWake(poller.poll(0));
        assertEquals(1, poller.awaitWake(0), "the wake set has its own ready list");
        assertEquals(0, poller.awaitWake(QUIET_MILLIS));
        assertEquals(0, poller.poll(QUIET_MILLIS));

        poller.waker().wake();
        assertEquals(1, poller.awaitWake(LONG_MILLIS));
        assertOneWake(poller.poll(0));
        assertEquals(0, poller.poll(QUIET_MILLIS));
        assertEquals(0, poller.awaitWake(QUIET_MILLIS));
    }

    @Test
    void awaitWakeIgnoresReadableConnections() {
        int[] pipe = {-1, -1};
        try (Arena arena = Arena.ofConfined()) {
            SysException.check("pipe", Posix.pipe(pipe));
            MemorySegment bytes = arena.allocate(8);
            assertEquals(8, Posix.write(pipe[1], bytes, 0, 8));
            assertEquals(0, poller.add(pipe[0], 7, Poller.READ));
            assertEquals(1, poller.poll(0));
            assertEquals(7, poller.token(0));
            assertEquals(0, poller.awaitWake(QUIET_MILLIS), "a readable connection is not a wake");
            poller.waker().wake();
            assertEquals(1, poller.awaitWake(LONG_MILLIS));
        } finally {
            for (int fd : pipe) {
                if (fd >= 0) {
                    Posix.close(fd);
                }
            }
        }
    }

    @Test
    void aWakeAtTheCountersMaximumResetsItAndStillWakes() {
        int efd = SysException.check("eventfd", EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC));
        int epfd = SysException.check("epoll_create1", Epoll.create());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = Epoll.allocateEvents(arena, 1);
            assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN | Epoll.EPOLLET, 1));
            assertEquals(0, EventFd.write(efd, 0xffff_ffff_ffff_fffeL), "the largest count an eventfd holds");
            assertEquals(1, Epoll.wait(epfd, events, 1, 0));
            assertEquals(0, Epoll.wait(epfd, events, 1, 0), "edge taken");

            new EpollPoller.EventFdWaker(efd).wake();
            assertEquals(1, Epoll.wait(epfd, events, 1, LONG_MILLIS), "the wake at the maximum is not lost");
            assertEquals(1, EventFd.read(efd), "the counter was reset, then the wake wrote 1");
        } finally {
            Posix.close(epfd);
            Posix.close(efd);
        }
    }

    /** What Linux says about a thread of this process, through /proc. */
    private static final class KernelThread {

        /** The kernel's id of the calling thread. */
        static long currentId() {
            try {
                Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
                return Long.parseLong(self.getFileName().toString());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        /** Returns once thread {@code tid} is asleep in epoll_wait; fails after {@value #LONG_MILLIS} ms. */
        static void awaitBlockedInEpoll(long tid) throws IOException {
            Path task = Path.of("/proc/self/task/" + tid);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LONG_MILLIS);
            String wchan = "";
            while (System.nanoTime() < deadline) {
                String stat = Files.readString(task.resolve("stat"));
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                wchan = Files.readString(task.resolve("wchan"));
                if (state == 'S' && (wchan.contains("epoll") || wchan.startsWith("ep_poll"))) { // by kernel version
                    return;
                }
                Thread.yield();
            }
            fail("thread " + tid + " never blocked in epoll_wait; last wchan " + wchan);
        }
    }
}
