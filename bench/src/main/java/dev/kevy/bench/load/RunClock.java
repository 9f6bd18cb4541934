package dev.kevy.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * The phases of a run on the {@link System#nanoTime()} clock, shared by all generator threads:
 * start, warm-up until measureStart, measurement until measureEnd, then draining until the
 * deadline.
 */
final class RunClock {

    final long startNs;
    final long measureStartNs;
    final long measureEndNs;
    final long drainDeadlineNs;

    RunClock(long startNs, double warmupS, double durationS, double drainTimeoutS) {
        this.startNs = startNs;
        this.measureStartNs = startNs + (long) (warmupS * 1e9);
        this.measureEndNs = measureStartNs + (long) (durationS * 1e9);
        this.drainDeadlineNs = measureEndNs + (long) (drainTimeoutS * 1e9);
    }

    /** The next phase boundary after {@code now} (or the deadline once past it). */
    long nextBoundary(long now) {
        return now < measureStartNs ? measureStartNs : now < measureEndNs ? measureEndNs : drainDeadlineNs;
    }

    /** Sleeps, then spins for the last fraction of a millisecond, until the run starts. */
    void waitForStart() {
        long left;
        while ((left = startNs - System.nanoTime()) > 0) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Measures CPU time inside the measured window of the calling thread and, optionally, a helper. */
    static final class CpuMeter {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final RunClock clock;
        private final Thread helper;
        private long atStart = -1;
        private long total;

        /** @param helper a thread whose CPU counts as this one's (the loop's ticker), or null */
        CpuMeter(RunClock clock, Thread helper) {
            this.clock = clock;
            this.helper = helper;
        }

        /** Call often: notes the CPU clocks when the window opens and when it closes. */
        void sample(long now) {
            if (atStart < 0 && now >= clock.measureStartNs) {
                atStart = cpuNow();
            } else if (total == 0 && atStart >= 0 && now >= clock.measureEndNs) {
                total = Math.max(1, cpuNow() - atStart);
            }
        }

        /** CPU ns inside the window (up to now if the window has not closed). */
        long total() {
            if (total == 0 && atStart >= 0) {
                total = Math.max(1, cpuNow() - atStart);
            }
            return total;
        }

        private long cpuNow() {
            long own = THREADS.getCurrentThreadCpuTime();
            long other = helper == null ? 0 : Math.max(0, THREADS.getThreadCpuTime(helper.threadId()));
            return own + other;
        }
    }
}
