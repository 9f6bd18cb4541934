package dev.kevy.bench.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes an open-loop {@link EventLoop}'s selector at the loop's next intended send time.
 *
 * <p>{@link Selector#select(long)} only takes milliseconds, far too coarse for send times a few
 * microseconds apart, and spinning would take a core from the server on a small machine. So the
 * loop blocks in {@code select()} (replies still wake it at once) and publishes when it next has
 * something to send; this thread sleeps until then, with its timer slack lowered to 1 ns
 * ({@link TimerSlack}), and calls {@link Selector#wakeup()}. It owns no connection state.
 *
 * <p>Protocol on {@code wakeAtNs}: the loop swaps in its next send time ({@link #wakeAt}) and
 * unparks this thread when the new time is earlier than the one it replaced; this thread re-reads
 * the field after every sleep and, when the time has come, clears it with a CAS (so a newer time
 * the loop published meanwhile is not lost) and wakes the selector.
 */
final class Ticker implements Runnable {

    private static final long NONE = Long.MAX_VALUE;
    /** Longest sleep while nothing is scheduled: a backstop, the loop's unpark is the mechanism. */
    private static final long IDLE_PARK_NS = 10_000_000;
    private static final VarHandle WAKE_AT;

    static {
        try {
            WAKE_AT = MethodHandles.lookup().findVarHandle(Ticker.class, "wakeAtNs", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Selector selector;
    /** When to wake the selector (System.nanoTime), or NONE. Written by both threads via WAKE_AT. */
    @SuppressWarnings("unused") // accessed through WAKE_AT
    private volatile long wakeAtNs = NONE;
    private volatile boolean stopped;
    private volatile Thread thread;
    /** Whether the kernel accepted the 1 ns timer slack for this thread. */
    volatile boolean preciseTimers;

    Ticker(Selector selector) {
        this.selector = selector;
    }

    /** Sets the thread that runs this ticker; call before either thread starts. */
    void runOn(Thread runner) {
        this.thread = runner;
    }

    /** The thread running this ticker. */
    Thread thread() {
        return thread;
    }

    /** Loop thread: asks for a selector wake-up at {@code deadlineNs}. */
    void wakeAt(long deadlineNs) {
        // volatile swap: pairs with the volatile read and the CAS in run()
        long previous = (long) WAKE_AT.getAndSet(this, deadlineNs);
        if (deadlineNs < previous) {
            LockSupport.unpark(thread); // it may be sleeping towards the later time
        }
    }

    /** Loop thread: ends the ticker. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        preciseTimers = TimerSlack.minimise();
        while (!stopped) {
            long target = (long) WAKE_AT.getVolatile(this); // pairs with the swap in wakeAt
            if (target == NONE) {
                LockSupport.parkNanos(IDLE_PARK_NS);
                continue;
            }
            long left = target - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(left);
                continue;
            }
            // CAS: only clear the time we acted on; an earlier or later one published since stays.
            if (WAKE_AT.compareAndSet(this, target, NONE)) {
                selector.wakeup();
            }
        }
    }
}
