package dev.kevy.io.poll;

import dev.kevy.rt.park.Waker;

/**
 * The readiness seam of a shard: epoll on Linux, kqueue on macOS and the BSDs (io_uring would be a
 * third implementation behind the same methods).
 *
 * <p>Registrations carry a 64-bit token that comes back with every event, so the loop finds a
 * connection by token (slot and generation) without a map. Each poller also owns the shard's wake
 * mechanism, because on kqueue the waker is an event of the queue itself ({@code EVFILT_USER});
 * a wake shows up as an event whose token is {@link #WAKE_TOKEN}.
 *
 * <p>Wakes are edge-triggered (an {@code EPOLLET} eventfd never read, an {@code EV_CLEAR} user
 * event): each wake after the last report is reported once, wakes that arrive while no one waits
 * are kept until the next wait, several of them before a wait are one event, and the wait after a
 * reported wake blocks again. Nothing has to be read to consume a wake.
 *
 * <p>Registrations are level-triggered: a connection that still has unread bytes is reported
 * again on the next poll. The loop reads each ready connection once per iteration, and an
 * edge-triggered design would need one more {@code read} per event to reach {@code EAGAIN}, which
 * on a virtual machine is a microsecond per request. Readiness is never missed either way.
 *
 * <p>Results follow the bindings' convention: {@code >= 0} is a result, a negative value is
 * {@code -errno}. Nothing here allocates after construction. One poller belongs to one thread,
 * except {@link #waker()}, whose {@link Waker#wake()} any thread may call.
 */
public interface Poller extends AutoCloseable {

    /** Interest and readiness: bytes (or end of stream, or an error) to read. */
    int READ = 1;
    /** Interest and readiness: room in the socket's send buffer. */
    int WRITE = 2;
    /** Readiness only: the peer hung up or the socket failed; a read will say which. */
    int HANGUP = 4;

    /** The token of wake events; never used for a registration. */
    long WAKE_TOKEN = -2L;

    /** Registers {@code fd} for {@code interest} ({@link #READ}, {@link #WRITE} or both). */
    int add(int fd, long token, int interest);

    /** Changes the interest of a registered {@code fd}; {@code 0} interest silences it. */
    int modify(int fd, long token, int interest);

    /**
     * Forgets {@code fd}. Closing a descriptor also removes it from epoll and kqueue, so the loop
     * calls this only for descriptors it keeps open.
     */
    int remove(int fd);

    /**
     * Waits up to {@code timeoutMillis} (0 polls without blocking) and returns how many events are
     * ready, readable with {@link #token} and {@link #ready}, or {@code -errno} ({@code -EINTR}
     * when a signal cut the wait short, which callers treat as zero events).
     */
    int poll(int timeoutMillis);

    /** The token registered for event {@code i} of the last {@link #poll}. */
    long token(int i);

    /** The readiness of event {@code i}: a mix of {@link #READ}, {@link #WRITE}, {@link #HANGUP}. */
    int ready(int i);

    /** Makes this poller's current or next {@link #poll} return with a wake event. */
    Waker waker();

    /**
     * Blocks until a wake or {@code timeoutMillis}, whatever the registered descriptors' readiness
     * (a frozen shard reads no connection, and level-triggered readiness would end every
     * {@link #poll} at once). Returns 1 after a wake, 0 after the timeout, or {@code -errno}.
     *
     * <p>A wake may be reported both here and by {@link #poll}, once each (on epoll they are two
     * epoll sets with a ready list each): the wake a poll reported ends the next awaitWake at once,
     * and the other way round. So a wake means "look at the rings again", never "there is new
     * work"; the park protocol treats it so, and the extra round costs one empty iteration. A wake
     * is never lost, and never reported twice by the same method.
     */
    int awaitWake(int timeoutMillis);

    /** The reactor's name for logs and the ready line: {@code epoll} or {@code kqueue}. */
    String name();

    /** Releases the poller and its wake descriptor. */
    @Override
    void close();
}
