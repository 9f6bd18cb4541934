package dev.kevy.rt.idle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickCadenceTest {
    private static final IdlePolicy POLICY = new IdlePolicy(0, 0, 50, 100, 4);

    @Test
    void readsTheClockEveryNthIterationOrAfterAPark() {
        TickCadence cadence = new TickCadence(POLICY, 0);
        assertFalse(cadence.shouldReadClock(false));
        assertFalse(cadence.shouldReadClock(false));
        assertFalse(cadence.shouldReadClock(false));
        assertTrue(cadence.shouldReadClock(false), "4th iteration");
        assertFalse(cadence.shouldReadClock(false));
        assertTrue(cadence.shouldReadClock(true), "always right after a park");
        assertFalse(cadence.shouldReadClock(false), "the count restarted");
    }

    @Test
    void tickIsDueOncePerInterval() {
        TickCadence cadence = new TickCadence(POLICY, 1_000);
        assertFalse(cadence.due(1_099));
        assertTrue(cadence.due(1_100));
        assertFalse(cadence.due(1_150));
        assertTrue(cadence.due(1_230));
        assertFalse(cadence.due(1_329), "the interval restarts at the tick that ran");
    }
}
