package dev.kevy.rt.idle;

/**
 * Decides when a shard runs its housekeeping tick without reading the clock every iteration.
 *
 * <p>A busy loop runs millions of iterations a second; reading the clock on each would cost more
 * than the tick itself. So the clock is read every {@code tickCheckEvery} iterations, and always
 * right after a park (a parked iteration lasts up to the park timeout, so counting iterations
 * would delay an idle shard's tick by {@code tickCheckEvery} park timeouts).
 *
 * <pre>
 *   if (cadence.shouldReadClock(parkedThisIteration) &amp;&amp; cadence.due(System.nanoTime())) {
 *       tick();
 *   }
 * </pre>
 */
public final class TickCadence {
    private final long intervalNanos;
    private final int checkEvery;
    private int iterations;
    private long lastTickNanos;

    /** A cadence following {@code policy}, whose first interval starts at {@code nowNanos}. */
    public TickCadence(IdlePolicy policy, long nowNanos) {
        this.intervalNanos = policy.tickIntervalNanos();
        this.checkEvery = policy.tickCheckEvery();
        this.lastTickNanos = nowNanos;
    }

    /** Counts one iteration; whether this one should read the clock. */
    public boolean shouldReadClock(boolean parkedThisIteration) {
        if (parkedThisIteration || ++iterations >= checkEvery) {
            iterations = 0;
            return true;
        }
        return false;
    }

    /** Whether a tick is due at {@code nowNanos}; if so, the next interval starts now. */
    public boolean due(long nowNanos) {
        if (nowNanos - lastTickNanos >= intervalNanos) {
            lastTickNanos = nowNanos;
            return true;
        }
        return false;
    }
}
