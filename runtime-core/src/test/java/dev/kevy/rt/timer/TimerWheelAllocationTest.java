package dev.kevy.rt.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.ring.AllocationMeter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Scheduling, cancelling and expiring allocate nothing once the wheel's arrays have grown to the
 * peak number of pending timers. A shard-like loop schedules one timer per operation (deadlines up
 * to 30 s ahead, every level of the wheel in use), cancels half of them, advances the clock by
 * 1 ms every 16 operations and expires; callbacks reschedule and cancel re-entrantly. After the
 * warm-up rounds (the JIT has compiled the loop and the pending count has levelled off near
 * 110,000), the last round must allocate exactly 0 bytes.
 */
class TimerWheelAllocationTest {
    private static final int ROUNDS = 12;
    private static final int PER_ROUND = 200_000;

    @Test
    void scheduleCancelAndExpireAllocateNothingAfterWarmUp() {
        Loop loop = new Loop(new TimerWheel(0, 64));
        long[] bytes = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long before = AllocationMeter.allocatedBytes();
            loop.run(PER_ROUND);
            bytes[round] = AllocationMeter.allocatedBytes() - before;
        }
        assertEquals(0, bytes[ROUNDS - 1], () -> "bytes per round: " + Arrays.toString(bytes));
        assertTrue(loop.fired > (long) ROUNDS * PER_ROUND / 4, "timers fired: " + loop.fired);
        assertTrue(loop.wheel.size() > 50_000, "pending: " + loop.wheel.size());
    }

    /** The meter is not blind: the same loop allocates while the wheel is still growing. */
    @Test
    void growingTheWheelIsSeenByTheMeter() {
        Loop loop = new Loop(new TimerWheel(0, 64));
        long before = AllocationMeter.allocatedBytes();
        loop.run(PER_ROUND);
        long grown = AllocationMeter.allocatedBytes() - before;
        assertTrue(grown >= 32L * 64 * 1024, "bytes while growing past 64k pending timers: " + grown);
    }

    private static final class Loop implements TimerWheel.Expiry {
        final TimerWheel wheel;
        final long[] recent = new long[1024];
        long now;
        long fired;
        int op;

        Loop(TimerWheel wheel) {
            this.wheel = wheel;
        }

        void run(int operations) {
            for (int i = 0; i < operations; i++, op++) {
                long id = wheel.schedule(now + 1 + (op * 7_919L) % 30_000, op);
                if ((op & 1) == 1) {
                    wheel.cancel(recent[(op * 31) & 1023]); // often pending, sometimes fired or stale
                }
                recent[op & 1023] = id;
                if ((op & 15) == 15) {
                    now++;
                    wheel.expire(now, this, 256);
                }
            }
        }

        @Override
        public void onTimer(long timerId, long payload) {
            fired++;
            if ((payload & 7) == 0) {
                recent[(int) payload & 1023] = wheel.schedule(now + 100, payload + 1);
            } else if ((payload & 7) == 1) {
                wheel.cancel(recent[(int) (payload >>> 3) & 1023]);
            }
        }
    }
}
