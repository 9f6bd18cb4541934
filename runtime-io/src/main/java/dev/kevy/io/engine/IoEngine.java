package dev.kevy.io.engine;

import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.park.Waker;

/**
 * A shard's I/O, shaped as submissions and completions: the shard asks for an operation on a
 * socket (accept, receive, send, connect, close) and later learns its result from a completion,
 * whatever the engine does underneath. {@link ReadinessEngine} does it over epoll or kqueue (it
 * waits for readiness, then makes the syscall); a completion engine (io_uring) hands the operation
 * to the kernel and reads the result from its completion queue. The shard's connection code sees
 * the same completions either way and keeps no readiness state of its own.
 *
 * <h2>Buffers</h2>
 * A buffer given to an operation is the engine's until that operation completes:
 * <ul>
 *   <li>{@link #receive}: the connection's {@link InputBuffer}. The engine appends the bytes it
 *       receives ({@code prepareRead}, then {@code advanceWriteIndex}); the connection reads,
 *       consumes or releases nothing in it until the receive completes or is cancelled. A
 *       completion engine may also append, inside {@link #await}, bytes that arrived after the
 *       receive completed or was cancelled (they are announced by the next receive), through
 *       {@code prepareRead} like any receive, which takes a block again if the connection
 *       released its own. The shard holds no view of the input across {@link #await}, so this
 *       moves nothing under its feet. The engine forgets the input in {@link #close}.</li>
 *   <li>{@link #send}: the connection's {@link OutputBuffer}. The engine writes from its head and
 *       never consumes; the connection consumes what a completion reports sent, and may append
 *       more meanwhile, but moves and releases nothing that is unsent.</li>
 * </ul>
 *
 * <h2>Completions</h2>
 * {@link #await} runs the engine for up to a timeout and returns how many completions are ready;
 * each has a {@link #token}, a {@link #kind} and a {@link #result} (a count, a descriptor, or
 * {@code -errno}). Some operations may finish inside the call that submits them (a readiness
 * engine writes at once when the socket has room): {@link #send} and {@link #connect} then return
 * the result directly, and return {@link #PENDING} when it will come as a completion.
 *
 * <p>Tokens are the shard's: a connection's is {@code generation << 32 | slot} (never negative),
 * a listener's is negative. One engine belongs to one shard thread, except {@link #waker()}.
 * Nothing here allocates per operation.
 */
public interface IoEngine extends AutoCloseable {

    /** Returned by a submission whose result will arrive as a completion. */
    long PENDING = Long.MIN_VALUE;

    /** A listener accepted a socket: {@link #result} is its descriptor (or {@code -errno}); see {@link #peerIsLocal}. */
    int ACCEPTED = 1;
    /** A receive finished: {@link #result} is the bytes appended, 0 at end of stream, or {@code -errno}. */
    int RECEIVED = 2;
    /** A send made progress: {@link #result} is the bytes written from the buffer's head, or {@code -errno}. */
    int SENT = 3;
    /** A connect finished: {@link #result} is 0 or {@code -errno}. */
    int CONNECTED = 4;
    /**
     * The peer is gone (a reset or an error) while nothing was being received: close, nothing
     * more can arrive. A peer that only ended its stream is not reported here: the next receive
     * reports it (0), since that peer may still read what it is owed.
     */
    int HUNG_UP = 5;
    /** The shard was woken ({@link #waker()}): look at the rings and queues. */
    int WOKEN = 6;
    /**
     * A connection {@link #close} left held is let go: no operation of it is in the kernel any
     * more, so its buffers and its slot may be reused.
     */
    int RELEASED = 7;

    /** {@link #RECEIVED}'s result when the input buffer is full of one unfinished request at its limit. */
    long NO_ROOM = Long.MIN_VALUE + 1;

    /**
     * {@link #RECEIVED}'s result when the completion turned out empty: the receive was cancelled
     * meanwhile, or the socket had nothing after all (the receive goes on). Ignore it.
     */
    long NOTHING = Long.MIN_VALUE + 2;

    /**
     * Called once on the shard thread before any other operation (a completion engine makes that
     * thread its ring's only submitter here).
     */
    void attach();

    /**
     * Called once on the shard thread when it stops, after every connection and listener was
     * closed: waits (at most about a second) until no operation is left in the kernel, so that
     * the memory the shard frees next is nobody's. Returns the operations still left (0).
     */
    int detach();

    /** Starts accepting on listening socket {@code fd}; each socket accepted is an {@link #ACCEPTED} completion. */
    int listen(long token, int fd);

    /** Stops or resumes accepting on a listener (out of descriptors: retried on the next tick). */
    int pauseListening(long token, int fd, boolean paused);

    /**
     * Starts watching connection {@code fd} (just accepted or connected). No operation is running
     * on it until the shard submits one.
     */
    int open(long token, int fd);

    /**
     * Receives into {@code in} once; completes as {@link #RECEIVED}. {@code pendingBytes} is the
     * codec's lower bound on the request being read (see {@code Decoder.pendingBytes}), so the
     * buffer can grow once for a large one.
     */
    void receive(long token, int fd, InputBuffer in, long pendingBytes);

    /**
     * Cancels the receive running on {@code fd}, if any (backpressure: the shard stops reading
     * the connection). A completion engine may still deliver bytes it had received.
     */
    void cancelReceive(long token, int fd);

    /**
     * Sends from the head of {@code out}. Returns the bytes written before returning (0 and more
     * may follow), or {@link #PENDING}; while {@code out} is not empty after the bytes reported so
     * far are consumed, the engine goes on and reports progress as {@link #SENT} completions.
     * Submit again only after the last report left bytes unsent and {@link #isSending} is false.
     */
    long send(long token, int fd, OutputBuffer out);

    /** Whether a send on {@code token} is still running (the engine will report more). */
    boolean isSending(long token);

    /**
     * Starts connecting {@code fd} (a new nonblocking socket) to {@code address:port}. Returns 0
     * (connected at once), {@code -errno}, or {@link #PENDING} (a {@link #CONNECTED} completion follows).
     */
    long connect(long token, int fd, java.net.InetAddress address, int port);

    /**
     * Closes {@code fd}, cancelling whatever runs on it. Returns {@code false} when the engine
     * holds no buffer of the connection any more, {@code true} when an operation still in the
     * kernel may read or write its buffers: they must stay as they are until a {@link #RELEASED}
     * completion for {@code token}.
     */
    boolean close(long token, int fd);

    /** Runs the engine for at most {@code timeoutMillis} (0: no wait); returns completions ready. */
    int await(int timeoutMillis);

    /** The token of completion {@code i} of the last {@link #await}. */
    long token(int i);

    /** The kind of completion {@code i}. */
    int kind(int i);

    /**
     * The result of completion {@code i}. A readiness engine makes a receive's {@code read} here,
     * when the shard asks, so a shard that takes completions one at a time holds one read's
     * worth of buffers at a time (ten thousand ready connections must not each take a buffer
     * before the first is decoded); ask once per completion, in order.
     */
    long result(int i);

    /**
     * For an {@link #ACCEPTED} completion: whether the peer is exactly 127.0.0.1 or ::1. A
     * readiness engine has the address from {@code accept}; a completion engine asks the kernel
     * ({@code getpeername}, a syscall), so ask only when the answer matters.
     */
    boolean peerIsLocal(int i);

    /** Wakes the shard's current or next {@link #await}; any thread. */
    Waker waker();

    /**
     * Blocks until a wake or {@code timeoutMillis}, ignoring sockets (a frozen shard serves no
     * connection). Returns 1 after a wake, 0 after the timeout, or {@code -errno}.
     */
    int awaitWake(int timeoutMillis);

    /** The mechanism's name for logs and the ready line ({@code epoll}, {@code kqueue}, {@code io_uring}). */
    String name();

    /** Releases the engine. */
    @Override
    void close();
}
