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

    /** Measures the calling thread's CPU time inside the measured window. */
    static final class CpuMeter {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final RunClock clock;
        private long atStart = -1;
        private long total;

        CpuMeter(RunClock clock) {
            this.clock = clock;
        }

        /** Call often: notes the CPU clock when the window opens and when it closes. */
        void sample(long now) {
            if (atStart < 0 && now >= clock.measureStartNs) {
                atStart = THREADS.getCurrentThreadCpuTime();
            } else if (total == 0 && atStart >= 0 && now >= clock.measureEndNs) {
                total = Math.max(1, THREADS.getCurrentThreadCpuTime() - atStart);
            }
        }

        /** CPU ns inside the window (up to now if the window has not closed). */
        long total() {
            if (total == 0 && atStart >= 0) {
                total = Math.max(1, THREADS.getCurrentThreadCpuTime() - atStart);
            }
            return total;
        }
    }
}
