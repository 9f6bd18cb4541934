package dev.kevy.bench.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * One generator thread blocked in a {@link Selector} over a share of the connections, timing
 * every reply as it arrives.
 *
 * <p>Closed loop: every connection keeps {@code pipeline} requests in flight; each reply batch is
 * answered at once by as many new requests, stamped with the time they are written. The thread
 * costs CPU only per reply batch.
 *
 * <p>Open loop: an {@link OpenLoopSender} sends on schedule; this thread only reads, records
 * latency from each request's intended send time, and wakes the sender when it frees a pipeline
 * slot a due request is waiting for. Because this thread blocks in {@code select}, a reply is
 * timestamped as soon as the kernel wakes it, whatever the send schedule.
 *
 * <p>Only requests started in [measureStart, measureEnd) are recorded. After measureEnd no new
 * request starts; the thread stops when every request started has been answered (and, in open
 * loop, every request intended has been sent), or at the drain deadline.
 */
final class EventLoop implements Runnable {

    /** Largest latency recordable; anything longer is recorded as this. */
    static final long MAX_RECORDABLE_NS = 3_600_000_000_000L;

    private final Selector selector;
    private final Connection[] connections;
    private final RequestEncoder encoder;
    private final KeyChooser chooser;
    private final double getRatio;
    private final int window;
    private final int maxRequest;
    /** The open-loop sender of these connections, or null in closed loop. */
    private final OpenLoopSender sender;
    private final RunClock clock;
    private final Consumer<SelectionKey> onReady = this::onReady;

    /** Latency of every recorded request, nanoseconds. */
    final Histogram latency = newHistogram();
    /** Replies that arrived inside the measured window. */
    long completedInWindow;
    /** Error replies ({@code -ERR ...}). */
    long errors;
    /** Replies of the wrong kind for their command. */
    long unexpected;
    /** Recorded GETs answered with a value, and with nil. */
    long hits;
    long misses;
    /** CPU time this thread used inside the measured window, ns. */
    long cpuNs;
    /** First failure (connection closed, protocol error), or null. */
    volatile String failure;

    EventLoop(Selector selector, Connection[] connections, LoadOptions options, RequestEncoder encoder,
              KeyChooser chooser, OpenLoopSender sender, RunClock clock) {
        this.selector = selector;
        this.connections = connections;
        this.encoder = encoder;
        this.chooser = chooser;
        this.getRatio = options.getRatio();
        this.window = options.pipeline();
        this.maxRequest = Math.max(encoder.getSize(), encoder.setSize());
        this.sender = sender;
        this.clock = clock;
    }

    static Histogram newHistogram() {
        return new Histogram(1, MAX_RECORDABLE_NS, 3);
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (IOException | RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void loop() throws IOException {
        RunClock.CpuMeter cpu = new RunClock.CpuMeter(clock);
        clock.waitForStart();
        if (sender == null) {
            long now = System.nanoTime();
            for (Connection c : connections) {
                fillClosed(c, now);
            }
        }
        for (;;) {
            long now = System.nanoTime();
            cpu.sample(now);
            if (now >= clock.measureEndNs && (sender == null || sender.done) && nothingInFlight()) {
                break;
            }
            if (now >= clock.drainDeadlineNs) {
                break;
            }
            long waitNs = clock.nextBoundary(now) - now;
            selector.select(onReady, Math.max(1, (waitNs + 999_999) / 1_000_000));
        }
        cpuNs = cpu.total();
    }

    private boolean nothingInFlight() {
        for (Connection c : connections) {
            if (c.inFlight() != 0) {
                return false;
            }
        }
        return true;
    }

    private void onReady(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                onReadable(c);
            }
            if (sender == null && key.isValid() && key.isWritable()) {
                flush(c);
                fillClosed(c, System.nanoTime());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void onReadable(Connection c) throws IOException {
        if (c.channel.read(c.in) < 0) {
            throw new IOException("the server closed a connection");
        }
        long now = System.nanoTime();
        c.in.flip();
        for (;;) {
            int kind = c.scanner.next(c.in);
            if (kind == ReplyScanner.NEED_MORE) {
                break;
            }
            if (kind == ReplyScanner.PROTOCOL_ERROR) {
                throw new IOException("the server sent bytes that are not RESP");
            }
            if (c.inFlight() == 0) {
                throw new IOException("the server sent a reply nobody asked for");
            }
            complete(c, kind, now);
        }
        c.in.compact();
        if (sender == null) {
            fillClosed(c, System.nanoTime());
        } else if (c.lateForSlot) { // volatile load after pop's volatile store: the Dekker pair
            LockSupport.unpark(sender.thread());
        }
    }

    private void complete(Connection c, int kind, long now) {
        long start = c.oldestStartNs();
        boolean get = c.oldestIsGet();
        c.pop();
        boolean recorded = start >= clock.measureStartNs;
        if (kind == ReplyScanner.ERROR) {
            errors++;
        } else if (get ? kind != ReplyScanner.BULK && kind != ReplyScanner.NIL : kind != ReplyScanner.OK) {
            unexpected++;
        } else if (get && recorded) {
            if (kind == ReplyScanner.BULK) {
                hits++;
            } else {
                misses++;
            }
        }
        if (recorded) {
            latency.recordValue(Math.min(now - start, MAX_RECORDABLE_NS));
        }
        if (now >= clock.measureStartNs && now < clock.measureEndNs) {
            completedInWindow++;
        }
    }

    /** Closed loop: tops the connection's window up with requests stamped {@code now}, then writes. */
    private void fillClosed(Connection c, long now) throws IOException {
        while (now < clock.measureEndNs && c.inFlight() < window) {
            if (c.out.remaining() < maxRequest) {
                flush(c);
                if (c.out.remaining() < maxRequest) {
                    return; // the socket is full; write-readiness resumes the fill
                }
            }
            c.push(now, RequestMix.encodeNext(c, encoder, chooser, getRatio));
        }
        flush(c);
    }

    /** Closed loop: writes what the socket takes; asks for write-readiness only while bytes remain. */
    private static void flush(Connection c) throws IOException {
        if (c.out.position() > 0) {
            c.out.flip();
            c.channel.write(c.out);
            c.out.compact();
        }
        int wanted = c.out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (c.key.interestOps() != wanted) {
            c.key.interestOps(wanted);
        }
    }

    /** Wakes the thread from select (the sender calls it when it has nothing left to send). */
    void wakeup() {
        selector.wakeup();
    }
}
