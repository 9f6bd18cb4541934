package dev.kevy.bench.load;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection's state: its socket, its buffers, the requests it has in flight, and (in
 * open loop) its send schedule. Owned by exactly one {@link EventLoop} thread.
 *
 * <p>Replies come back in request order, so the requests in flight form a FIFO: a ring of start
 * times (send time in closed loop, intended send time in open loop) and request kinds.
 */
final class Connection {

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
    /** Requests answered. */
    private long head;
    /** Requests sent. */
    private long tail;

    /** Open loop: nanoseconds between this connection's intended sends. */
    double intervalNs;
    /** Open loop: intended time of request 0 (connections are staggered across one interval). */
    long firstDueNs;
    /** Open loop: requests intended before the end of the measured window. */
    long intendedTotal;
    /** Open loop: index of the next request to send. */
    long nextIndex;
    /** Open loop: the last attempt left a due request behind a full window or socket. */
    boolean late;

    Connection(SocketChannel channel, int window, int inCapacity, int outCapacity) {
        this.channel = channel;
        int ring = Integer.highestOneBit(Math.max(1, window - 1) << 1);
        this.startNs = new long[ring];
        this.isGet = new boolean[ring];
        this.mask = ring - 1;
        this.in = ByteBuffer.allocateDirect(inCapacity);
        this.out = ByteBuffer.allocateDirect(outCapacity);
    }

    /** Requests sent whose replies have not arrived. */
    int inFlight() {
        return (int) (tail - head);
    }

    /** Records a request entering flight. */
    void push(long start, boolean get) {
        int slot = (int) tail & mask;
        startNs[slot] = start;
        isGet[slot] = get;
        tail++;
    }

    /** Start time of the oldest request in flight (check inFlight() first). */
    long oldestStartNs() {
        return startNs[(int) head & mask];
    }

    /** Whether the oldest request in flight is a GET. */
    boolean oldestIsGet() {
        return isGet[(int) head & mask];
    }

    /** Retires the oldest request (its reply arrived). */
    void pop() {
        head++;
    }

    /** Start time of the {@code k}-th oldest request in flight (0 = oldest). */
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
