package dev.kevy.io.poll;

import dev.kevy.rt.park.Waker;
import dev.kevy.sys.Kqueue;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * macOS/BSD kqueue with an {@code EVFILT_USER} event as the waker.
 *
 * <p>kqueue registers a filter per direction, so {@link Poller#READ} and {@link Poller#WRITE} are
 * two filters of the same descriptor; both are level-triggered (no {@code EV_CLEAR}), matching
 * the epoll poller. Interest changes are applied at once, one {@code kevent} call each, rather than
 * queued for the next poll: a queued change for a descriptor that is closed and whose number is
 * reused by the next accept would land on the wrong connection.
 *
 * <p>The wake entry ({@code EVFILT_USER}, {@code NOTE_TRIGGER}) is written once at construction and
 * only read afterwards, so any number of threads may pass it to {@code kevent} at the same time.
 * Compiled everywhere, usable only where {@link Kqueue} is; the event translation is unit-tested
 * on every platform through {@link #readiness}.
 */
public final class KqueuePoller implements Poller {

    private static final long WAKE_IDENT = 1L;

    private final Arena arena = Arena.ofShared();
    private final int kq;
    private final MemorySegment events;
    private final MemorySegment change;
    private final int capacity;
    private final Waker waker;

    /** A kqueue able to report {@code capacity} events per poll, with its wake event registered. */
    public KqueuePoller(int capacity) {
        this.capacity = capacity;
        this.events = Kqueue.allocate(arena, capacity);
        this.change = Kqueue.allocate(arena, 1);
        this.kq = SysException.check("kqueue", Kqueue.create());
        Kqueue.set(change, 0, WAKE_IDENT, Kqueue.EVFILT_USER, (short) (Kqueue.EV_ADD | Kqueue.EV_CLEAR), 0, 0, WAKE_TOKEN);
        int r = Kqueue.kevent(kq, change, 1, MemorySegment.NULL, 0, 0);
        if (r < 0) {
            close();
            throw new SysException("kevent(EVFILT_USER)", -r);
        }
        MemorySegment trigger = Kqueue.allocate(arena, 1);
        Kqueue.set(trigger, 0, WAKE_IDENT, Kqueue.EVFILT_USER, (short) 0, Kqueue.NOTE_TRIGGER, 0, WAKE_TOKEN);
        this.waker = new UserEventWaker(kq, trigger);
    }

    /** Translates one kevent (its filter and flags) into {@link Poller} readiness bits. */
    static int readiness(short filter, int flags) {
        if ((flags & Kqueue.EV_ERROR) != 0) {
            return READ | HANGUP; // a failed registration: the read that follows reports the error
        }
        int ready = filter == Kqueue.EVFILT_WRITE ? WRITE : filter == Kqueue.EVFILT_READ ? READ : 0;
        if ((flags & Kqueue.EV_EOF) != 0) {
            // EOF on the read filter: the peer stopped sending, which a read reports (0 bytes);
            // on the write filter: the peer is gone, as epoll's EPOLLHUP says.
            ready |= filter == Kqueue.EVFILT_WRITE ? HANGUP : READ;
        }
        return ready;
    }

    @Override
    public int add(int fd, long token, int interest) {
        int r = apply(fd, Kqueue.EVFILT_READ, (interest & READ) != 0, token, true);
        return r < 0 ? r : apply(fd, Kqueue.EVFILT_WRITE, (interest & WRITE) != 0, token, true);
    }

    @Override
    public int modify(int fd, long token, int interest) {
        int r = apply(fd, Kqueue.EVFILT_READ, (interest & READ) != 0, token, false);
        return r < 0 ? r : apply(fd, Kqueue.EVFILT_WRITE, (interest & WRITE) != 0, token, false);
    }

    @Override
    public int remove(int fd) {
        Kqueue.set(change, 0, fd, Kqueue.EVFILT_READ, Kqueue.EV_DELETE, 0, 0, 0);
        Kqueue.kevent(kq, change, 1, MemorySegment.NULL, 0, 0);
        Kqueue.set(change, 0, fd, Kqueue.EVFILT_WRITE, Kqueue.EV_DELETE, 0, 0, 0);
        Kqueue.kevent(kq, change, 1, MemorySegment.NULL, 0, 0);
        return 0; // a filter that was never added fails with ENOENT, which is what we wanted anyway
    }

    /** Registers the filter (disabled when not wanted), so later changes only enable or disable it. */
    private int apply(int fd, short filter, boolean wanted, long token, boolean adding) {
        short flags = (short) ((adding ? Kqueue.EV_ADD : 0) | (wanted ? Kqueue.EV_ENABLE : Kqueue.EV_DISABLE));
        Kqueue.set(change, 0, fd, filter, flags, 0, 0, token);
        return Kqueue.kevent(kq, change, 1, MemorySegment.NULL, 0, 0);
    }

    @Override
    public int poll(int timeoutMillis) {
        long timeoutNanos = timeoutMillis < 0 ? -1 : timeoutMillis * 1_000_000L;
        return Kqueue.kevent(kq, MemorySegment.NULL, 0, events, capacity, timeoutNanos);
    }

    @Override
    public long token(int i) {
        return Kqueue.udata(events, i);
    }

    @Override
    public int ready(int i) {
        return readiness(Kqueue.filter(events, i), Kqueue.flags(events, i));
    }

    @Override
    public Waker waker() {
        return waker;
    }

    /**
     * kqueue has no second queue watching the same {@code EVFILT_USER} event, so a frozen shard
     * naps 50 us at a time here instead of blocking until the wake (freezes last a ring round trip).
     */
    @Override
    public int awaitWake(int timeoutMillis) {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        return 0;
    }

    @Override
    public String name() {
        return "kqueue";
    }

    @Override
    public void close() {
        Posix.close(kq);
        arena.close();
    }

    /** Triggers the target queue's user event from any thread, with a change entry never written again. */
    private record UserEventWaker(int kq, MemorySegment trigger) implements Waker {
        @Override
        public void wake() {
            Kqueue.kevent(kq, trigger, 1, MemorySegment.NULL, 0, 0);
        }
    }
}
