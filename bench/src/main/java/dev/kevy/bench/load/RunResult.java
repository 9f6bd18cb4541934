package dev.kevy.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one load-generator run measured, merged over its threads.
 *
 * @param options the settings of the run
 * @param latency latency of every recorded request, in nanoseconds
 * @param sendLag open loop: how late the generator sent requests that had a free slot, in ns
 * @param completedInWindow replies that arrived inside the measured window
 * @param errors error replies
 * @param unexpected replies of the wrong kind for their command
 * @param hits recorded GETs that returned a value
 * @param misses recorded GETs that returned nil
 * @param slotWaits open loop: recorded requests delayed because the pipeline or socket was full
 * @param incomplete measured requests still unanswered at the drain deadline (recorded at their
 *     age then, a lower bound)
 * @param cpuNs generator CPU time inside the measured window, all threads
 * @param failure why the run stopped early, or null
 * @param preciseTimers open loop: the sender threads run with a 1 ns timer slack
 */
public record RunResult(
        LoadOptions options, Histogram latency, Histogram sendLag, long completedInWindow, long errors,
        long unexpected, long hits, long misses, long slotWaits, long incomplete, long cpuNs, String failure,
        boolean preciseTimers) {

    /** Replies per second inside the measured window. */
    public double throughput() {
        return completedInWindow / options.durationS();
    }

    /** Latency at a percentile (0-100), in microseconds. */
    public double latencyUs(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Generator CPU inside the window as a percentage of one core. */
    public double cpuPercent() {
        return 100.0 * cpuNs / (options.durationS() * 1e9);
    }

    /** True when every reply had the kind its command expects and the run did not fail. */
    public boolean clean() {
        return failure == null && errors == 0 && unexpected == 0;
    }
}
