package dev.kevy.bench.load;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The open-loop sending thread for a share of the connections: it sleeps until the next intended
 * send time, writes every request that is due, and sleeps again.
 *
 * <p>Connection {@code g} of {@code C} intends request {@code i} at
 * {@code start + (g + i * C) / rate} seconds, whatever the server does, and each request is
 * stamped with that intended time, so a stalled server is charged for every request it delayed
 * (no coordinated omission). A due request waits only for a free pipeline slot (the replying
 * {@link EventLoop} wakes this thread when it frees one) or for room in the socket.
 *
 * <p>Sleeping, not spinning, keeps the generator's CPU proportional to the request rate, which
 * matters when it shares two cores with the server. The thread lowers its timer slack
 * ({@link TimerSlack}) so wake-ups are on time; {@link #sendLag} records how late each request
 * that had a free slot actually went out: the check that the generator kept up.
 */
final class OpenLoopSender implements Runnable {

    /** Retry delay while a socket will not take more bytes (the server is not reading). */
    private static final long OUTPUT_RETRY_NS = 50_000;
    /** Longest sleep: a backstop only, the replying thread's unpark is the wake-up mechanism. */
    private static final long MAX_SLEEP_NS = 10_000_000;

    private final Connection[] connections;
    private final RequestEncoder encoder;
    private final KeyChooser chooser;
    private final double getRatio;
    private final int window;
    private final int maxRequest;
    private final RunClock clock;
    private volatile Thread thread;
    private EventLoop receiver;

    /** Intended-to-actual send delay of recorded requests that had a free slot, ns. */
    final Histogram sendLag = EventLoop.newHistogram();
    /** Recorded requests that went out late because the pipeline or the socket was full. */
    long slotWaits;
    /** CPU time this thread used inside the measured window, ns. */
    long cpuNs;
    /** Whether the kernel accepted the 1 ns timer slack. */
    boolean preciseTimers;
    /** Set when this thread has sent everything it will send (or failed); read by the receiver. */
    volatile boolean done;
    /** First failure, or null. */
    volatile String failure;
    /** Per connection: the last attempt left a due request behind a full window or socket. */
    private final boolean[] late;

    OpenLoopSender(Connection[] connections, LoadOptions options, RequestEncoder encoder, KeyChooser chooser,
                   RunClock clock) {
        this.connections = connections;
        this.encoder = encoder;
        this.chooser = chooser;
        this.getRatio = options.getRatio();
        this.window = options.pipeline();
        this.maxRequest = Math.max(encoder.getSize(), encoder.setSize());
        this.clock = clock;
        this.late = new boolean[connections.length];
    }

    /** Wires the thread that runs this sender and the loop that reads its replies; call before start. */
    void bind(Thread runner, EventLoop replies) {
        this.thread = runner;
        this.receiver = replies;
    }

    /** The thread to unpark when a slot frees up. */
    Thread thread() {
        return thread;
    }

    @Override
    public void run() {
        try {
            preciseTimers = TimerSlack.minimise();
            loop();
        } catch (IOException | RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            done = true;
            receiver.wakeup();
        }
    }

    private void loop() throws IOException {
        RunClock.CpuMeter cpu = new RunClock.CpuMeter(clock);
        clock.waitForStart();
        for (;;) {
            long now = System.nanoTime();
            cpu.sample(now);
            if (now >= clock.drainDeadlineNs) {
                break;
            }
            long next = Math.min(now + MAX_SLEEP_NS, clock.nextBoundary(now));
            boolean left = false;
            for (int k = 0; k < connections.length; k++) {
                Connection c = connections[k];
                next = Math.min(next, sendDue(k, c, now));
                if (c.out.position() > 0) {
                    next = Math.min(next, now + OUTPUT_RETRY_NS);
                    left = true;
                } else if (c.nextIndex < c.intendedTotal) {
                    left = true;
                }
            }
            if (!left) {
                break;
            }
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            }
        }
        cpuNs = cpu.total();
    }

    /**
     * Sends every request of connection {@code k} whose intended time has come, as far as the
     * window and the socket allow.
     *
     * @return when to look at this connection again: the next intended time, {@code now} when a
     *     slot freed while we were giving up on it, or Long.MAX_VALUE when it waits to be woken
     */
    private long sendDue(int k, Connection c, long now) throws IOException {
        boolean wasLate = late[k];
        boolean windowFull = false;
        boolean blocked = false;
        long next = Long.MAX_VALUE;
        long sentAt = System.nanoTime();
        while (c.nextIndex < c.intendedTotal) {
            long due = c.dueNs();
            if (due > now) {
                next = due;
                break;
            }
            if (c.out.remaining() < maxRequest) {
                flushOut(c);
                if (c.out.remaining() < maxRequest) {
                    blocked = true;
                    break;
                }
            }
            if (c.inFlight() >= window) {
                blocked = true;
                windowFull = true;
                break;
            }
            c.push(due, RequestMix.encodeNext(c, encoder, chooser, getRatio));
            c.nextIndex++;
            if (due >= clock.measureStartNs) {
                if (wasLate) {
                    slotWaits++; // held up by the server, not by this thread
                } else {
                    sendLag.recordValue(Math.min(Math.max(0, sentAt - due), EventLoop.MAX_RECORDABLE_NS));
                }
            }
        }
        flushOut(c);
        late[k] = blocked;
        if (windowFull) {
            c.lateForSlot = true; // volatile store, then the volatile load of head in inFlight: Dekker pair with pop
            if (c.inFlight() < window) {
                return now; // the replying thread freed a slot meanwhile and may not have seen the flag
            }
        } else if (c.lateForSlot) {
            c.lateForSlot = false;
        }
        return next;
    }

    /** Writes what the socket takes; the rest waits for the next pass. */
    private static void flushOut(Connection c) throws IOException {
        if (c.out.position() > 0) {
            c.out.flip();
            c.channel.write(c.out);
            c.out.compact();
        }
    }
}
