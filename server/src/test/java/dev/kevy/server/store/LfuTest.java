package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Redis's LFU arithmetic: the probabilistic increment, the decay per period, the 16-bit minute clock. */
class LfuTest {

    private static final long MINUTE = 60_000;
    /** A time whose 16-bit minute clock reads 1000 (so a stamp of 1000 minutes is "now"). */
    private static final long AT_1000 = (65_536L * 400 + 1000) * MINUTE;

    @Test
    void incrementIsCertainUpToTheInitialValueThenHasRedisProbability() {
        for (int c = 0; c <= Lfu.INIT; c++) {
            assertEquals(c + 1, Lfu.increment(c, 0.999_999, 10), "counter " + c + ": p = 1 at or below LFU_INIT_VAL");
        }
        // counter 7, factor 10: p = 1 / ((7 - 5) * 10 + 1) = 1/21
        assertEquals(8, Lfu.increment(7, 1.0 / 21 - 1e-12, 10));
        assertEquals(7, Lfu.increment(7, 1.0 / 21, 10));
        // factor 0: every access counts
        assertEquals(101, Lfu.increment(100, 0.999_999, 0));
        assertEquals(255, Lfu.increment(255, 0.0, 0), "saturates at 255");
    }

    @Test
    void counterGrowsLogarithmicallyAsRedisDocumentsForFactorTen() {
        // Redis's table for lfu-log-factor 10: 100 hits -> 10, 1000 -> 18, 100K -> 142, 1M -> 255.
        AccessTracker random = new AccessTracker(42);
        int counter = Lfu.INIT;
        int[] expected = {10, 18, 142, 255};
        int[] at = {100, 1000, 100_000, 1_000_000};
        int hits = 0;
        for (int i = 0; i < at.length; i++) {
            while (hits < at[i]) {
                counter = Lfu.increment(counter, random.nextDouble(), 10);
                hits++;
            }
            int tolerance = expected[i] == 255 ? 0 : Math.max(3, expected[i] / 10);
            assertTrue(Math.abs(counter - expected[i]) <= tolerance,
                    "after " + hits + " hits the counter is " + counter + ", Redis's table says " + expected[i]);
        }
    }

    @Test
    void decayTakesOnePerPeriodElapsedAndStopsAtZero() {
        int stamped = Lfu.bits(1000 - 3, 10); // counter 10, last decremented 3 minutes before AT_1000
        assertEquals(7, Lfu.decayed(stamped, AT_1000, 1));
        assertEquals(9, Lfu.decayed(stamped, AT_1000, 2), "3 minutes hold one 2-minute period");
        assertEquals(10, Lfu.decayed(stamped, AT_1000, 0), "decay time 0: no decay");
        assertEquals(10, Lfu.decayed(stamped, AT_1000, 4));
        assertEquals(0, Lfu.decayed(Lfu.bits(1000 - 30, 10), AT_1000, 1), "never below zero");
        assertEquals(0, Lfu.decayed(Lfu.bits(1000 - 10, 10), AT_1000, 1), "ten periods take all ten");
    }

    @Test
    void minuteClockWrapsAtSixteenBitsAsRedisCountsIt() {
        assertEquals(1000, Lfu.minutes(AT_1000));
        assertEquals(7, Lfu.elapsed(65_530, 2), "Redis's LFUTimeElapsed: 65535 - then + now across the wrap");
        assertEquals(0, Lfu.elapsed(5, 5));
        assertEquals(3, Lfu.elapsed(2, 5));
        long justAfterWrap = 65_536L * 401 * MINUTE + 2 * MINUTE; // minute clock reads 2
        assertEquals(2, Lfu.minutes(justAfterWrap));
        assertEquals(3, Lfu.decayed(Lfu.bits(65_530, 10), justAfterWrap, 1));
    }

    @Test
    void accessBitsKeepTheCounterInTheLowByteAndTheMinuteAboveIt() {
        int bits = Lfu.bits(0xABCD, 200);
        assertEquals(200, Lfu.counter(bits));
        assertEquals(0xABCD, bits >>> 8);
        assertTrue(bits <= 0xFF_FFFF, "24 bits: the top of meta");
    }
}
