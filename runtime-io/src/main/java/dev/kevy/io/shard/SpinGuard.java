package dev.kevy.io.shard;

import dev.kevy.rt.idle.IdleBackoff;
import dev.kevy.rt.idle.IdlePolicy;

/**
 * Suspends a shard's busy spinning while something else needs its core.
 *
 * <p>{@link IdlePolicy#forShards} spins only when the shards leave two cores free, but it cannot see
 * other work on the machine: a co-located client that polls, another service, the kernel's network
 * processing. A spinning shard then holds a core that work is queued for, and on the 2-core
 * machine this project is measured on, an open-loop client at 40,000 requests/s saw the spinning
 * shard fall behind by seconds where a non-spinning one kept up (docs/BENCHMARKS.md).
 *
 * <p>The signal is cheap and direct: consecutive idle spin iterations take a couple of
 * microseconds (one zero-timeout poll); a gap of {@value #PREEMPTED_NANOS} ns between two of them
 * means the scheduler gave the core to another thread. When that happens
 * {@value #PREEMPTIONS_PER_TICK} times within one tick, the shard stops spinning (it yields a few
 * times, then parks) for {@value #SUSPENDED_TICKS} ticks, then tries again. Both backoffs are
 * built up front, so switching allocates nothing.
 *
 * <p>The caller reads the clock, as for {@code TickCadence}, and only when the guard asks: a busy
 * iteration, a parked one, or any while spinning is suspended needs no clock read.
 *
 * <pre>
 *   boolean parked = timeout != 0;
 *   park = guard.idle(work, backlog, parked, guard.shouldReadClock(work, parked) ? System.nanoTime() : 0);
 * </pre>
 */
final class SpinGuard {

    static final long PREEMPTED_NANOS = 100_000;
    static final int PREEMPTIONS_PER_TICK = 10;
    static final int SUSPENDED_TICKS = 50;

    private final IdleBackoff spinning;
    private final IdleBackoff calm;
    private IdleBackoff current;
    private long lastIdleNanos;
    private boolean lastWasIdleSpin;
    private int preemptions;
    private int suspendedTicks;
    private long suspensions;

    SpinGuard(IdlePolicy policy) {
        this.spinning = new IdleBackoff(policy);
        this.calm = policy.spinLimit() == 0 ? spinning : new IdleBackoff(new IdlePolicy(0,
                IdlePolicy.DEFAULT_YIELD_LIMIT, policy.parkTimeoutNanos(), policy.tickIntervalNanos(),
                policy.tickCheckEvery()));
        this.current = spinning;
    }

    /**
     * Whether {@link #idle} needs the clock for this iteration: it was an idle spin (no work, no
     * park) and spinning is not suspended. Gaps are measured between such iterations only.
     */
    boolean shouldReadClock(int work, boolean parkedThisIteration) {
        return work == 0 && !parkedThisIteration && current != calm;
    }

    /**
     * One loop iteration, as {@link IdleBackoff#idle}; true when the shard must run the park protocol.
     *
     * @param nowNanos the clock ({@link System#nanoTime()}) at the end of the iteration when
     *                 {@link #shouldReadClock} said so for the same arguments; ignored otherwise
     */
    boolean idle(int work, boolean backlogPending, boolean parkedThisIteration, long nowNanos) {
        boolean idleSpin = shouldReadClock(work, parkedThisIteration);
        if (idleSpin) {
            if (lastWasIdleSpin && nowNanos - lastIdleNanos > PREEMPTED_NANOS) {
                preemptions++;
            }
            lastIdleNanos = nowNanos;
        }
        lastWasIdleSpin = idleSpin;
        return current.idle(work, backlogPending);
    }

    /** Once per tick: suspend or resume spinning. */
    void tick() {
        if (current == spinning && spinning != calm && preemptions >= PREEMPTIONS_PER_TICK) {
            current = calm;
            calm.reset();
            suspendedTicks = SUSPENDED_TICKS;
            suspensions++;
        } else if (current == calm && spinning != calm && --suspendedTicks <= 0) {
            current = spinning;
            spinning.reset();
        }
        preemptions = 0;
        lastWasIdleSpin = false;
    }

    /** Times spinning was suspended since the shard started. */
    long suspensions() {
        return suspensions;
    }

    /** Whether spinning is suspended now. */
    boolean suspended() {
        return current == calm && spinning != calm;
    }
}
