package dev.kevy.rt.idle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleBackoffTest {
    private static final IdlePolicy POLICY = new IdlePolicy(3, 2, 1_000_000, 100_000_000, 256);

    @Test
    void spinsThenYieldsThenParks() {
        IdleBackoff backoff = new IdleBackoff(POLICY);
        assertEquals(IdleBackoff.ACTIVE, backoff.state());
        for (int i = 0; i < 3; i++) {
            assertFalse(backoff.idle(0, false));
            assertEquals(IdleBackoff.SPINNING, backoff.state());
        }
        for (int i = 0; i < 2; i++) {
            assertFalse(backoff.idle(0, false));
            assertEquals(IdleBackoff.YIELDING, backoff.state());
        }
        assertTrue(backoff.idle(0, false));
        assertEquals(IdleBackoff.PARKING, backoff.state());
        assertTrue(backoff.idle(0, false), "stays parked while nothing happens");
    }

    @Test
    void anIterationThatDidWorkResetsTheCount() {
        IdleBackoff backoff = new IdleBackoff(POLICY);
        for (int i = 0; i < 4; i++) {
            backoff.idle(0, false);
        }
        assertEquals(4, backoff.idleIterations());
        assertFalse(backoff.idle(1, false));
        assertEquals(IdleBackoff.ACTIVE, backoff.state());
        assertEquals(0, backoff.idleIterations());
    }

    @Test
    void anIdleIterationDoesNotResetTheCount() {
        IdleBackoff backoff = new IdleBackoff(POLICY);
        for (int i = 0; i < 5; i++) {
            backoff.idle(0, false);
        }
        assertEquals(5, backoff.idleIterations());
        assertTrue(backoff.idle(0, false), "idle iterations accumulate to the park");
    }

    @Test
    void aPendingBacklogNeverParksButIsNotCountedAsWork() {
        IdleBackoff backoff = new IdleBackoff(POLICY);
        for (int i = 0; i < 100; i++) {
            assertFalse(backoff.idle(0, true));
        }
        assertEquals(100, backoff.idleIterations());
        assertTrue(backoff.idle(0, false), "parks as soon as the backlog is gone");
    }

    @Test
    void lowCpuParksOnTheFirstIdleIteration() {
        IdleBackoff backoff = new IdleBackoff(IdlePolicy.lowCpu());
        assertTrue(IdlePolicy.lowCpu().neverSpins());
        assertTrue(backoff.idle(0, false));
        assertFalse(backoff.idle(0, true));
        assertEquals(IdleBackoff.YIELDING, backoff.state(), "a low-CPU shard yields rather than spins");
    }

    @Test
    void defaultsSpinOnlyWhenTheShardsLeaveTwoCoresFree() {
        IdlePolicy spare = IdlePolicy.forShards(2, 4);
        assertEquals(IdlePolicy.DEFAULT_SPIN_LIMIT, spare.spinLimit());
        assertEquals(0, spare.yieldLimit());
        IdlePolicy oneFree = IdlePolicy.forShards(3, 4);
        assertEquals(0, oneFree.spinLimit(), "one free core is the client's, not a spinning shard's");
        assertEquals(0, oneFree.yieldLimit(), "nor a yielding one's: it parks at once");
        assertEquals(0, IdlePolicy.forShards(1, 2).spinLimit(), "one shard on two cores must not busy-spin");
        IdlePolicy full = IdlePolicy.forShards(2, 2);
        assertEquals(0, full.spinLimit(), "two shards on two cores must not busy-spin");
        assertEquals(0, full.yieldLimit(), "nor yield: yields cost the open-loop tail");
        assertTrue(full.neverSpins());
        IdlePolicy over = IdlePolicy.forShards(8, 2);
        assertEquals(0, over.spinLimit());
        assertEquals(IdlePolicy.DEFAULT_PARK_TIMEOUT_NANOS, over.parkTimeoutNanos());
        assertTrue(over.parkTimeoutNanos() <= over.tickIntervalNanos());
    }

    @Test
    void policyRejectsAParkTimeoutThatWouldDelayTheTick() {
        assertThrows(IllegalArgumentException.class,
                () -> new IdlePolicy(0, 0, 200_000_000, 100_000_000, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new IdlePolicy(0, 0, 0, 100_000_000, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new IdlePolicy(-1, 0, 1, 100_000_000, 1));
    }
}
