package dev.kevy.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.idle.IdlePolicy;
import org.junit.jupiter.api.Test;

/**
 * The spin guard driven by a fake clock: each iteration advances {@link #now} by the gap a test
 * chooses, so "the scheduler took the core for 200 us" is a number, not a park of the test thread.
 */
class SpinGuardTest {

    private static final IdlePolicy SPINNING = new IdlePolicy(1_000_000, 0, 50_000_000L, 100_000_000L, 256);
    private static final long PREEMPTED = SpinGuard.PREEMPTED_NANOS + 1;
    /**
     * Passed instead of the clock when the guard did not ask for it: a reading this far from
     * {@link #now} would count as a preemption if the guard used it.
     */
    private static final long NOT_READ = Long.MIN_VALUE / 2;

    private long now = 1_000_000_000L;

    /** One loop iteration {@code gapNanos} after the last, calling the guard as the shard does. */
    private boolean iterate(SpinGuard guard, long gapNanos, int work, boolean parked) {
        now += gapNanos;
        return guard.idle(work, false, parked, guard.shouldReadClock(work, parked) ? now : NOT_READ);
    }

    /** An idle spin iteration {@code gapNanos} after the last. */
    private boolean idleSpin(SpinGuard guard, long gapNanos) {
        return iterate(guard, gapNanos, 0, false);
    }

    /** {@code count} preemptions: idle spins, each a preemption's gap after the one before. */
    private void preemptedSpins(SpinGuard guard, int count) {
        idleSpin(guard, 1_000); // the first of a run has nothing before it to measure from
        for (int i = 0; i < count; i++) {
            idleSpin(guard, PREEMPTED);
        }
    }

    @Test
    void spinningIsSuspendedAfterRepeatedPreemptionsWithinATickAndResumesLater() {
        SpinGuard guard = new SpinGuard(SPINNING);
        preemptedSpins(guard, SpinGuard.PREEMPTIONS_PER_TICK);
        guard.tick();
        assertTrue(guard.suspended());
        assertEquals(1, guard.suspensions());
        for (int t = 1; t < SpinGuard.SUSPENDED_TICKS; t++) {
            guard.tick();
            assertTrue(guard.suspended(), "still suspended after " + t + " ticks");
        }
        guard.tick();
        assertFalse(guard.suspended());
        assertEquals(1, guard.suspensions());
    }

    @Test
    void onlyAGapLongerThanThePreemptionThresholdCounts() {
        SpinGuard guard = new SpinGuard(SPINNING);
        idleSpin(guard, 0);
        for (int i = 0; i < 2 * SpinGuard.PREEMPTIONS_PER_TICK; i++) {
            idleSpin(guard, SpinGuard.PREEMPTED_NANOS);
        }
        guard.tick();
        assertFalse(guard.suspended(), "a gap of exactly the threshold is a slow spin, not a preemption");

        preemptedSpins(guard, SpinGuard.PREEMPTIONS_PER_TICK);
        guard.tick();
        assertTrue(guard.suspended(), "one nanosecond more is");
    }

    @Test
    void preemptionsBelowTheThresholdOrGapsAfterAParkDoNotSuspend() {
        SpinGuard guard = new SpinGuard(SPINNING);
        preemptedSpins(guard, SpinGuard.PREEMPTIONS_PER_TICK - 1);
        for (int i = 0; i < 5; i++) {
            iterate(guard, 50_000_000L, 0, true); // a park is long by design and says nothing about the core
            idleSpin(guard, PREEMPTED); // measured from nothing: the park ended the run of spins
        }
        guard.tick();
        assertFalse(guard.suspended());
        assertEquals(0, guard.suspensions());
    }

    @Test
    void gapsAcrossABusyIterationDoNotCount() {
        SpinGuard guard = new SpinGuard(SPINNING);
        for (int i = 0; i < 2 * SpinGuard.PREEMPTIONS_PER_TICK; i++) {
            idleSpin(guard, 1_000);
            iterate(guard, PREEMPTED, 3, false); // a long iteration that did work
            idleSpin(guard, PREEMPTED);
        }
        guard.tick();
        assertFalse(guard.suspended());
    }

    @Test
    void preemptionsAreCountedPerTick() {
        SpinGuard guard = new SpinGuard(SPINNING);
        preemptedSpins(guard, SpinGuard.PREEMPTIONS_PER_TICK - 1);
        guard.tick();
        idleSpin(guard, PREEMPTED); // the first spin after a tick starts a new run: not a preemption
        for (int i = 0; i < SpinGuard.PREEMPTIONS_PER_TICK - 1; i++) {
            idleSpin(guard, PREEMPTED);
        }
        guard.tick();
        assertFalse(guard.suspended(), "twice one short of the threshold, in two ticks");
    }

    @Test
    void theClockIsReadForIdleSpinsOnly() {
        SpinGuard guard = new SpinGuard(SPINNING);
        assertTrue(guard.shouldReadClock(0, false));
        assertFalse(guard.shouldReadClock(1, false), "a busy iteration");
        assertFalse(guard.shouldReadClock(0, true), "a parked iteration");
        assertFalse(guard.shouldReadClock(2, true));
    }

    @Test
    void whileSuspendedTheClockIsNotReadAndTheShardYieldsThenParks() {
        SpinGuard guard = new SpinGuard(SPINNING);
        assertFalse(idleSpin(guard, 1_000));
        preemptedSpins(guard, SpinGuard.PREEMPTIONS_PER_TICK);
        guard.tick();
        assertTrue(guard.suspended());
        assertFalse(guard.shouldReadClock(0, false));
        for (int i = 0; i < IdlePolicy.DEFAULT_YIELD_LIMIT; i++) {
            assertFalse(idleSpin(guard, PREEMPTED), "yield " + i);
        }
        assertTrue(idleSpin(guard, PREEMPTED), "then park, where the spinning policy would spin on");
    }

    @Test
    void aPolicyThatNeverSpinsIsNeverSuspendedNorReadsTheClock() {
        SpinGuard guard = new SpinGuard(IdlePolicy.lowCpu());
        assertFalse(guard.shouldReadClock(0, false));
        preemptedSpins(guard, 2 * SpinGuard.PREEMPTIONS_PER_TICK);
        guard.tick();
        assertFalse(guard.suspended());
        assertEquals(0, guard.suspensions());
    }
}
