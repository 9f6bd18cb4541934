package dev.kevy.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.idle.IdlePolicy;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class SpinGuardTest {

    private static final IdlePolicy SPINNING = new IdlePolicy(1_000_000, 0, 50_000_000L, 100_000_000L, 256);

    /** Two idle iterations with a gap the scheduler would make: the thread lost its core in between. */
    private static void preemptedSpin(SpinGuard guard) {
        guard.idle(0, false, false);
        LockSupport.parkNanos(2 * SpinGuard.PREEMPTED_NANOS); // stands in for a descheduled spin
        guard.idle(0, false, false);
    }

    @Test
    void spinningIsSuspendedAfterRepeatedPreemptionsWithinATickAndResumesLater() {
        SpinGuard guard = new SpinGuard(SPINNING);
        for (int i = 0; i < SpinGuard.PREEMPTIONS_PER_TICK; i++) {
            preemptedSpin(guard);
        }
        guard.tick();
        assertTrue(guard.suspended());
        assertEquals(1, guard.suspensions());
        for (int t = 1; t < SpinGuard.SUSPENDED_TICKS; t++) {
            guard.tick();
            assertTrue(guard.suspended(), "still suspended after " + t + " ticks");
        }
        guard.tick();
        assertFalse(guard.suspended());
    }

    @Test
    void preemptionsBelowTheThresholdOrGapsAfterAParkDoNotSuspend() {
        SpinGuard guard = new SpinGuard(SPINNING);
        for (int i = 0; i < SpinGuard.PREEMPTIONS_PER_TICK - 1; i++) {
            preemptedSpin(guard);
        }
        for (int i = 0; i < 5; i++) {
            guard.idle(0, false, true); // a park is long by design and says nothing about the core
            LockSupport.parkNanos(2 * SpinGuard.PREEMPTED_NANOS);
            guard.idle(0, false, true);
        }
        guard.tick();
        assertFalse(guard.suspended());
        assertEquals(0, guard.suspensions());
    }

    @Test
    void aPolicyThatNeverSpinsIsNeverSuspended() {
        SpinGuard guard = new SpinGuard(IdlePolicy.lowCpu());
        for (int i = 0; i < 2 * SpinGuard.PREEMPTIONS_PER_TICK; i++) {
            preemptedSpin(guard);
        }
        guard.tick();
        assertFalse(guard.suspended());
    }
}
