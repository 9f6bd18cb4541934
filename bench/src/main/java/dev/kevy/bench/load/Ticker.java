package dev.kevy.bench.load;

import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes an open-loop {@link EventLoop}'s selector at its connections' intended send times while
 * the loop is blocked in {@code select}.
 *
 * <p>{@link Selector#select(long)} only takes milliseconds, far too coarse for send times a few
 * microseconds apart, and spinning would take a core from the server on a small machine. So the
 * loop blocks in {@code select()} (replies still wake it at once) and this thread, which knows the
 * send schedule (it is fixed: {@link Connection#dueNs(long)}), sleeps until each intended time
 * with its timer slack lowered to 1 ns ({@link TimerSlack}) and calls {@link Selector#wakeup()}
 * {@link #EARLY_NS} ahead of it, since wake-ups come late; the woken loop polls the last stretch.
 * It also fires at the start and end of the measured window. It owns no connection state.
 *
 * <p>Protocol. The loop stores {@code blockedAtNs} (the time it decided to block, after sending
 * everything due) before {@code select} and clears it after. The ticker wakes the selector only
 * when {@code blockedAtNs} is set. When it finds the loop awake, it goes idle: it stores
 * {@code idle}, then re-reads {@code blockedAtNs} and parks only if the loop is still awake; the
 * loop, after storing {@code blockedAtNs}, reads {@code idle} and unparks the ticker. Both are
 * volatile, so the pair is a Dekker handshake: one side always sees the other, and a loop that
 * blocks is never left without its next tick. The loop blocks only when its next send is more
 * than {@link EventLoop#SPIN_BELOW_NS} (= {@link #EARLY_NS}) away, so its next tick still lies
 * ahead, and an idle ticker resumes from the time the loop blocked, so no tick after that is skipped.
 */
final class Ticker implements Runnable {

    /**
     * The ticker fires this long before each intended time: a sleeping thread wakes tens of
     * microseconds late on a virtual machine, so the loop is woken early and polls the rest of the
     * way ({@link EventLoop#SPIN_BELOW_NS} is the same span), which puts sends on time.
     */
    static final long EARLY_NS = EventLoop.SPIN_BELOW_NS;
    /** Longest idle park: a backstop only, the loop's unpark is the mechanism. */
    private static final long IDLE_PARK_NS = 10_000_000;

    private final Selector selector;
    private final Connection[] connections;
    private final RunClock clock;
    /** When the loop blocked in select (System.nanoTime), or 0 while it is awake. Loop writes. */
    private volatile long blockedAtNs;
    /** The ticker waits for the loop to block. Ticker writes. */
    private volatile boolean idle;
    private volatile boolean stopped;
    private volatile Thread thread;
    /** Whether the kernel accepted the 1 ns timer slack for this thread. */
    volatile boolean preciseTimers;

    /** @param connections the loop's connections, whose schedules are fixed before either thread starts */
    Ticker(Selector selector, Connection[] connections, RunClock clock) {
        this.selector = selector;
        this.connections = connections;
        this.clock = clock;
    }

    /** Sets the thread that runs this ticker; call before either thread starts. */
    void runOn(Thread runner) {
        this.thread = runner;
    }

    /** The thread running this ticker. */
    Thread thread() {
        return thread;
    }

    /** Loop thread, just before a blocking select: everything due up to {@code now} is sent. */
    void loopBlocking(long now) {
        blockedAtNs = now; // volatile store, then the volatile load of idle: Dekker pair with run()
        if (idle) {
            LockSupport.unpark(thread);
        }
    }

    /** Loop thread, just after select returned. */
    void loopAwake() {
        blockedAtNs = 0;
    }

    /** Loop thread: ends the ticker. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        preciseTimers = TimerSlack.minimise();
        long last = Long.MIN_VALUE;
        while (!stopped) {
            long due = nextAfter(last + EARLY_NS);
            long next = due == Long.MAX_VALUE ? due : due - EARLY_NS;
            if (next == Long.MAX_VALUE) {
                LockSupport.parkNanos(IDLE_PARK_NS); // nothing left to schedule; wait for stop()
                continue;
            }
            long left;
            while (!stopped && (left = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
            if (blockedAtNs != 0) { // pairs with the store in loopBlocking
                selector.wakeup();
                // Late wake-ups skip the intended times already past: the woken loop sends them all.
                last = Math.max(next, System.nanoTime());
                continue;
            }
            // The loop is awake and sends what is due by itself; wait until it blocks again.
            idle = true; // volatile store, then the volatile load of blockedAtNs: Dekker pair with loopBlocking
            long blockedAt;
            while ((blockedAt = blockedAtNs) == 0 && !stopped) {
                LockSupport.parkNanos(IDLE_PARK_NS);
            }
            idle = false;
            last = blockedAt - 1; // every intended time after the loop blocked is still to be ticked
        }
    }

    /** The earliest intended send time (or window boundary) strictly after {@code after}. */
    private long nextAfter(long after) {
        long next = Long.MAX_VALUE;
        if (clock.measureStartNs > after) {
            next = clock.measureStartNs;
        } else if (clock.measureEndNs > after) {
            next = clock.measureEndNs;
        }
        for (Connection c : connections) {
            if (c.intendedTotal == 0) {
                continue;
            }
            long i = after < c.firstDueNs ? 0 : Math.max(0, (long) ((after - c.firstDueNs) / c.intervalNs) - 1);
            while (i < c.intendedTotal && c.dueNs(i) <= after) {
                i++;
            }
            if (i < c.intendedTotal) {
                next = Math.min(next, c.dueNs(i));
            }
        }
        return next;
    }
}
