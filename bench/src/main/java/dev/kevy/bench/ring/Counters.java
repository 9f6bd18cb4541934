package dev.kevy.bench.ring;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread record counts, reported by JMH as rates: {@code sent} on the producer,
 * {@code received} on the consumer, and the calls that found the ring full or empty. The
 * {@code received} rate is the throughput figure; the primary score only counts method calls.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class Counters {
    /** Records the producer got into the ring. */
    public long sent;
    /** Records the consumer took out. */
    public long received;
    /** Producer calls that found no room at all. */
    public long full;
    /** Consumer calls that found nothing. */
    public long empty;

    /** Clears the counts before each iteration. */
    @Setup(Level.Iteration)
    public void clear() {
        sent = 0;
        received = 0;
        full = 0;
        empty = 0;
    }
}
