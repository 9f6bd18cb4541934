package dev.kevy.io.poll;

import dev.kevy.rt.park.Waker;
import dev.kevy.sys.Epoll;
import dev.kevy.sys.EventFd;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Linux epoll, level-triggered, with an eventfd as the waker.
 *
 * <p>A wake is one 8-byte {@code write} on the eventfd; the target's {@code epoll_wait} returns
 * with the eventfd readable, and {@link #clearWake()} reads the counter back to zero. Wakes that
 * arrive while the target is not waiting are not lost: the eventfd stays readable, so the next
 * wait returns at once.
 */
public final class EpollPoller implements Poller {

    private static final int EPOLL_READ = Epoll.EPOLLIN | Epoll.EPOLLRDHUP;
    /** Reported whatever the interest: the connection is dead in both directions. */
    private static final int EPOLL_HANGUP = Epoll.EPOLLHUP | Epoll.EPOLLERR;

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
        int r = Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, eventFd, Epoll.EPOLLIN, WAKE_TOKEN);
        if (r >= 0) {
            r = Epoll.ctl(wakeEpfd, Epoll.EPOLL_CTL_ADD, eventFd, Epoll.EPOLLIN, WAKE_TOKEN);
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
    public void clearWake() {
        EventFd.read(eventFd); // -EAGAIN when another clear already took the count: nothing to do
    }

    @Override
    public int awaitWake(int timeoutMillis) {
        int n = Epoll.wait(wakeEpfd, wakeEvent, 1, timeoutMillis);
        if (n > 0) {
            clearWake();
        }
        return n;
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

    /** Adds one to the target's eventfd counter: its epoll set reports the eventfd readable. */
    private record EventFdWaker(int eventFd) implements Waker {
        @Override
        public void wake() {
            // -EAGAIN only if the counter is about to overflow, i.e. the wake is already pending.
            EventFd.write(eventFd, 1L);
        }
    }
}
