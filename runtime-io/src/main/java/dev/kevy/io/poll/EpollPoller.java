package dev.kevy.io.poll;

import dev.kevy.rt.park.Waker;
import dev.kevy.sys.Epoll;
import dev.kevy.sys.Errno;
import dev.kevy.sys.EventFd;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Linux epoll, level-triggered for connections, with an edge-triggered eventfd as the waker.
 *
 * <p>A wake is one 8-byte {@code write} on the eventfd, and nothing ever reads it back. The eventfd
 * is registered with {@code EPOLLET}: the kernel's eventfd write wakes the eventfd's wait queue on
 * every successful write, whatever the counter held, and epoll puts an edge-triggered entry on its
 * ready list at each such wake-up and takes it off when it reports it. So each write is one new
 * event, the wait after it blocks again, and the shard saves the {@code read} a level-triggered
 * eventfd needs per wake to stop being reported (pinned by {@code EpollPollerWakeTest} and
 * {@code EpollEventFdTest}). Wakes that arrive while the target is not waiting are not lost: the
 * entry stays on the ready list until a wait takes it, and any number of writes before that wait
 * are one event.
 *
 * <p>The counter grows by one per wake and is never reset, so it reaches its maximum
 * ({@code 0xfffffffffffffffe}) after that many wakes, about 5,800 years at a hundred million
 * wakes a second. A write that would pass the maximum fails with EAGAIN and wakes no one; the waker
 * then resets the counter with one read and writes again, so even that wake is not lost.
 *
 * <p>The eventfd is in two epoll sets, the shard's and one of its own for {@link #awaitWake}, and
 * each set has its own ready list: one write is reported once by {@link #poll} and once by
 * {@link #awaitWake}. A wake taken by one of them ends the other's next wait at once, one empty
 * round that the park protocol absorbs (it looks at the rings and parks again); no wake is lost.
 */
public final class EpollPoller implements Poller {

    private static final int EPOLL_READ = Epoll.EPOLLIN | Epoll.EPOLLRDHUP;
    /** Reported whatever the interest: the connection is dead in both directions. */
    private static final int EPOLL_HANGUP = Epoll.EPOLLHUP | Epoll.EPOLLERR;
    /** The eventfd's registration in both sets: one event per write, none for a counter left unread. */
    private static final int WAKE_INTEREST = Epoll.EPOLLIN | Epoll.EPOLLET;

    private final Arena arena = Arena.ofShared();
    private final int epfd;
    private final int eventFd;
    /** A second epoll set holding the eventfd alone, for {@link #awaitWake}. */
    private final int wakeEpfd;
    private final MemorySegment events;
    private final MemorySegment wakeEvent;
    private final int capacity;
    private final Waker waker;

    /** An epoll set able to report {@code capacity} events per poll, with its eventfd registered. */
    public EpollPoller(int capacity) {
        this.capacity = capacity;
        this.events = Epoll.allocateEvents(arena, capacity);
        this.wakeEvent = Epoll.allocateEvents(arena, 1);
        this.epfd = SysException.check("epoll_create1", Epoll.create());
        int efd = EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC);
        if (efd < 0) {
            Posix.close(epfd);
            throw new SysException("eventfd", -efd);
        }
        this.eventFd = efd;
        int wakeSet = Epoll.create();
        if (wakeSet < 0) {
            Posix.close(eventFd);
            Posix.close(epfd);
            throw new SysException("epoll_create1", -wakeSet);
        }
        this.wakeEpfd = wakeSet;
        int r = Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, eventFd, WAKE_INTEREST, WAKE_TOKEN);
        if (r >= 0) {
            r = Epoll.ctl(wakeEpfd, Epoll.EPOLL_CTL_ADD, eventFd, WAKE_INTEREST, WAKE_TOKEN);
        }
        if (r < 0) {
            close();
            throw new SysException("epoll_ctl(eventfd)", -r);
        }
        this.waker = new EventFdWaker(eventFd);
    }

    /** Translates an epoll event mask into {@link Poller} readiness bits. */
    static int readiness(int epollEvents) {
        int ready = 0;
        if ((epollEvents & (Epoll.EPOLLIN | Epoll.EPOLLRDHUP | EPOLL_HANGUP)) != 0) {
            ready |= READ; // end of stream or an error is learned by reading: 0 bytes or -errno
        }
        if ((epollEvents & Epoll.EPOLLOUT) != 0) {
            ready |= WRITE;
        }
        if ((epollEvents & EPOLL_HANGUP) != 0) {
            ready |= HANGUP;
        }
        return ready;
    }

    static int epollInterest(int interest) {
        return ((interest & READ) != 0 ? EPOLL_READ : 0) | ((interest & WRITE) != 0 ? Epoll.EPOLLOUT : 0);
    }

    @Override
    public int add(int fd, long token, int interest) {
        return Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, fd, epollInterest(interest), token);
    }

    @Override
    public int modify(int fd, long token, int interest) {
        return Epoll.ctl(epfd, Epoll.EPOLL_CTL_MOD, fd, epollInterest(interest), token);
    }

    @Override
    public int remove(int fd) {
        return Epoll.ctl(epfd, Epoll.EPOLL_CTL_DEL, fd, 0, 0L);
    }

    @Override
    public int poll(int timeoutMillis) {
        return Epoll.wait(epfd, events, capacity, timeoutMillis);
    }

    @Override
    public long token(int i) {
        return Epoll.data(events, i);
    }

    @Override
    public int ready(int i) {
        return readiness(Epoll.events(events, i));
    }

    @Override
    public Waker waker() {
        return waker;
    }

    @Override
    public int awaitWake(int timeoutMillis) {
        return Epoll.wait(wakeEpfd, wakeEvent, 1, timeoutMillis);
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public void close() {
        Posix.close(eventFd);
        Posix.close(wakeEpfd);
        Posix.close(epfd);
        arena.close();
    }

    /** Adds one to the target's eventfd counter: each of its two epoll sets reports one new event. */
    public record EventFdWaker(int eventFd) implements Waker {
        @Override
        public void wake() {
            if (EventFd.write(eventFd, 1L) == -Errno.EAGAIN) {
                // The counter is at its maximum after 2^64 - 2 wakes and the write woke no one.
                // Reading resets it (epoll reports only EPOLLIN, not the read's EPOLLOUT wake-up);
                // the second write is the wake. Two wakers racing here both end with a write.
                EventFd.read(eventFd);
                EventFd.write(eventFd, 1L);
            }
        }
    }
}
