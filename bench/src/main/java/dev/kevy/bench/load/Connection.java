package dev.kevy.bench.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection's state: its socket, its buffers, the requests it has in flight, and (in
 * open loop) its send schedule.
 *
 * <p>Replies come back in request order, so the requests in flight form a FIFO: a ring of start
 * times (send time in closed loop, intended send time in open loop) and request kinds. In closed
 * loop one thread does everything. In open loop the sending thread owns {@link #out}, the
 * schedule and {@code tail}; the replying thread owns {@link #in}, the scanner and {@code head}.
 * The ring is then single-producer single-consumer: slots are written before the release store
 * of {@code tail} and read after its acquire load; {@code head} is stored only after the slot
 * has been read, so the sender never overwrites a slot still being read.
 */
final class Connection {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(Connection.class, "head", long.class);
            TAIL = lookup.findVarHandle(Connection.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final SocketChannel channel;
    SelectionKey key;
    /** Bytes from the server not yet scanned into complete replies (kept in write mode). */
    final ByteBuffer in;
    /** Encoded requests not yet accepted by the socket (kept in write mode). */
    final ByteBuffer out;
    final ReplyScanner scanner = new ReplyScanner();

    private final long[] startNs;
    private final boolean[] isGet;
    private final int mask;
    /** Requests answered; written only by the replying thread. */
    private long head;
    /** Requests sent; written only by the sending thread. */
    private long tail;

    /** Open loop: nanoseconds between this connection's intended sends. */
    double intervalNs;
    /** Open loop: intended time of request 0 (connections are staggered across one interval). */
    long firstDueNs;
    /** Open loop: requests intended before the end of the measured window. */
    long intendedTotal;
    /** Open loop: index of the next request to send (sending thread only). */
    long nextIndex;
    /**
     * Open loop: a due request found the window full, so the replying thread must wake the
     * sender when it frees a slot. Volatile: with the volatile store of {@code head} it forms a
     * Dekker pair (sender: store this, load head; replier: store head, load this), so one of the
     * two always sees the other and a freed slot is never missed.
     */
    volatile boolean lateForSlot;

    Connection(SocketChannel channel, int window, int inCapacity, int outCapacity) {
        this.channel = channel;
        int ring = Integer.highestOneBit(Math.max(1, window - 1) << 1);
        this.startNs = new long[ring];
        this.isGet = new boolean[ring];
        this.mask = ring - 1;
        this.in = ByteBuffer.allocateDirect(inCapacity);
        this.out = ByteBuffer.allocateDirect(outCapacity);
    }

    /** Requests sent whose replies have not arrived; callable from either thread. */
    int inFlight() {
        // acquire tail pairs with the release in push; volatile head pairs with the store in pop
        return (int) ((long) TAIL.getAcquire(this) - (long) HEAD.getVolatile(this));
    }

    /** Sending thread: records a request entering flight. */
    void push(long start, boolean get) {
        long t = tail;
        int slot = (int) t & mask;
        startNs[slot] = start;
        isGet[slot] = get;
        TAIL.setRelease(this, t + 1); // release: publishes the slot; pairs with getAcquire in oldest*/inFlight
    }

    /** Replying thread: start time of the oldest request in flight (check inFlight() first). */
    long oldestStartNs() {
        return startNs[(int) head & mask];
    }

    /** Replying thread: whether the oldest request in flight is a GET. */
    boolean oldestIsGet() {
        return isGet[(int) head & mask];
    }

    /** Replying thread: retires the oldest request (its reply arrived). */
    void pop() {
        // volatile: orders the slot reads above before the sender may reuse the slot (pairs with
        // getVolatile in inFlight), and is the store half of the Dekker pair with lateForSlot
        HEAD.setVolatile(this, head + 1);
    }

    /** Start time of the {@code k}-th oldest request in flight; only once both threads stopped. */
    long startNsAt(int k) {
        return startNs[(int) (head + k) & mask];
    }

    /** Open loop: intended send time of the next request. */
    long dueNs() {
        return dueNs(nextIndex);
    }

    /** Open loop: intended send time of request {@code index}. */
    long dueNs(long index) {
        return firstDueNs + (long) (index * intervalNs);
    }

    /** Open loop: how many requests are intended strictly before {@code endNs}. */
    long intendedBefore(long endNs) {
        long n = Math.max(0, (long) Math.ceil((endNs - firstDueNs) / intervalNs));
        while (n > 0 && dueNs(n - 1) >= endNs) {
            n--;
        }
        while (dueNs(n) < endNs) {
            n++;
        }
        return n;
    }
}
