package dev.kevy.bench.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * One generator thread: a {@link Selector} over a share of the connections, sending requests and
 * timing every reply as it arrives.
 *
 * <p>Closed loop: every connection keeps {@code pipeline} requests in flight; each reply batch is
 * answered at once by as many new requests, stamped with the time they are written. The thread
 * blocks in {@code select} between batches, so it costs CPU only per reply batch.
 *
 * <p>Open loop: connection {@code g} of {@code C} intends request {@code i} at
 * {@code start + (g + i * C) / rate} seconds, whatever the server does, and each request is
 * stamped with that intended time, so a stalled server is charged for every request it delayed
 * (no coordinated omission). A due request waits only for a free pipeline slot or room in the
 * socket; the reply that frees the slot sends it at once, in this thread. Between events the
 * thread blocks in {@code select}; a {@link Ticker} wakes it at the next intended send time (or it
 * polls when that is under {@link #SPIN_BELOW_NS} away).
 * {@link #sendLag} records how late each request that had a free slot actually went out: the
 * check that the generator kept up.
 *
 * <p>Only requests started in [measureStart, measureEnd) are recorded. After measureEnd no new
 * request starts; the thread stops once every request started has been answered (and, in open
 * loop, every request intended before measureEnd has been sent), or at the drain deadline.
 */
final class EventLoop implements Runnable {

    /** Largest latency recordable; anything longer is recorded as this. */
    static final long MAX_RECORDABLE_NS = 3_600_000_000_000L;
    /**
     * Open loop: a send due sooner than this is polled for rather than slept for. Sleeping and
     * being woken costs tens of microseconds of CPU and latency on a virtual machine (measured:
     * docs/LATENCY-HARNESS.md), so for shorter gaps it saves nothing and only makes sends late.
     * Above about 1/SPIN_BELOW_NS = 10,000 requests/s per loop the loop therefore polls
     * continuously and uses one core.
     */
    static final long SPIN_BELOW_NS = 100_000;
    /** Open loop: longest select while waiting for the ticker (a backstop, never the mechanism). */
    private static final long OPEN_SELECT_BACKSTOP_MS = 100;

    private final Selector selector;
    private final Connection[] connections;
    private final RequestEncoder encoder;
    private final KeyChooser chooser;
    private final double getRatio;
    private final int window;
    private final int maxRequest;
    /** Wakes this loop for open-loop sends; null in closed loop. */
    private final Ticker ticker;
    private final RunClock clock;
    private final Consumer<SelectionKey> onReady = this::onReady;

    /** Latency of every recorded request, nanoseconds. */
    final Histogram latency = newHistogram();
    /** Open loop: intended-to-actual send delay of recorded requests that had a free slot, ns. */
    final Histogram sendLag = newHistogram();
    /** Replies that arrived inside the measured window. */
    long completedInWindow;
    /** Error replies ({@code -ERR ...}). */
    long errors;
    /** Replies of the wrong kind for their command. */
    long unexpected;
    /** Recorded GETs answered with a value, and with nil. */
    long hits;
    long misses;
    /** Open loop: recorded requests sent late because the pipeline or the socket was full. */
    long slotWaits;
    /** CPU time this thread (and its ticker) used inside the measured window, ns. */
    long cpuNs;
    /** First failure (connection closed, protocol error), or null. */
    volatile String failure;

    EventLoop(Selector selector, Connection[] connections, LoadOptions options, RequestEncoder encoder,
              KeyChooser chooser, Ticker ticker, RunClock clock) {
        this.selector = selector;
        this.connections = connections;
        this.encoder = encoder;
        this.chooser = chooser;
        this.getRatio = options.getRatio();
        this.window = options.pipeline();
        this.maxRequest = Math.max(encoder.getSize(), encoder.setSize());
        this.ticker = ticker;
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
        } finally {
            if (ticker != null) {
                ticker.stop();
            }
        }
    }

    private void loop() throws IOException {
        RunClock.CpuMeter cpu = new RunClock.CpuMeter(clock, ticker == null ? null : ticker.thread());
        clock.waitForStart();
        if (ticker == null) {
            long now = System.nanoTime();
            for (Connection c : connections) {
                fillClosed(c, now);
            }
        }
        for (;;) {
            long now = System.nanoTime();
            cpu.sample(now);
            if ((now >= clock.measureEndNs && nothingOwed()) || now >= clock.drainDeadlineNs) {
                break;
            }
            long wakeAt = clock.nextBoundary(now);
            if (ticker == null) {
                long waitNs = wakeAt - now;
                selector.select(onReady, Math.max(1, (waitNs + 999_999) / 1_000_000));
                continue;
            }
            for (Connection c : connections) {
                wakeAt = Math.min(wakeAt, sendDue(c, now));
            }
            long waitNs = wakeAt - now;
            if (waitNs <= SPIN_BELOW_NS) {
                // Closer than a sleep-and-wake round trip costs: poll instead.
                if (selector.selectNow(onReady) == 0 && waitNs > 0) {
                    Thread.onSpinWait();
                }
            } else {
                ticker.loopBlocking(now); // everything due by now is sent; tick me at the next send
                selector.select(onReady, OPEN_SELECT_BACKSTOP_MS);
                ticker.loopAwake();
            }
        }
        cpuNs = cpu.total();
    }

    /** True when every request started is answered and, in open loop, every intended one sent. */
    private boolean nothingOwed() {
        for (Connection c : connections) {
            if (c.inFlight() != 0 || (ticker != null && c.nextIndex < c.intendedTotal)) {
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
            if (key.isValid() && key.isWritable()) {
                flush(c);
                if (ticker == null) {
                    fillClosed(c, System.nanoTime());
                } else {
                    sendDue(c, System.nanoTime());
                }
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
        if (ticker == null) {
            fillClosed(c, System.nanoTime());
        } else if (c.late) {
            sendDue(c, System.nanoTime()); // a slot freed: the overdue requests go now
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

    /**
     * Open loop: sends every request whose intended time has come, as far as the window and the
     * socket allow, then writes.
     *
     * @return the intended time of the connection's next request, or Long.MAX_VALUE when it
     *     waits for a reply or the socket (those events resume it) or has nothing left to send
     */
    private long sendDue(Connection c, long now) throws IOException {
        boolean wasLate = c.late;
        boolean blocked = false;
        long next = Long.MAX_VALUE;
        while (c.nextIndex < c.intendedTotal) {
            long due = c.dueNs();
            if (due > now) {
                next = due;
                break;
            }
            if (c.out.remaining() < maxRequest) {
                flush(c);
            }
            if (c.inFlight() >= window || c.out.remaining() < maxRequest) {
                blocked = true;
                break;
            }
            c.push(due, RequestMix.encodeNext(c, encoder, chooser, getRatio));
            c.nextIndex++;
            if (due >= clock.measureStartNs) {
                if (wasLate) {
                    slotWaits++; // held up by the server, not by this thread
                } else {
                    sendLag.recordValue(Math.min(now - due, MAX_RECORDABLE_NS));
                }
            }
        }
        c.late = blocked;
        flush(c);
        return next;
    }

    /** Writes what the socket takes; asks for write-readiness only while bytes remain. */
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
}
