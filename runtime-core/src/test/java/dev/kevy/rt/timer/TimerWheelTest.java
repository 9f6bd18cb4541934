package dev.kevy.rt.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wheel's contract with a fake clock: times are plain numbers handed to {@code expire}. */
class TimerWheelTest {
    @Test
    void firesEachTimerAtItsDeadlineInDeadlineOrder() {
        TimerWheel wheel = new TimerWheel(1000);
        Firings f = new Firings(wheel);
        wheel.schedule(1003, 1);
        wheel.schedule(1001, 2);
        wheel.schedule(1070, 3);
        wheel.schedule(1002, 4);
        wheel.schedule(5000, 5);
        wheel.schedule(1064, 6);
        f.stepTo(6000);
        assertEquals(List.of("2@1001", "4@1002", "1@1003", "6@1064", "3@1070", "5@5000"), f.fired);
        assertEquals(0, wheel.size());
    }

    @Test
    void timersDueInTheSameMillisecondFireInSchedulingOrderWhateverLevelTheyStartedAt() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        wheel.schedule(100_000, 1); // two levels up
        wheel.expire(99_000, f, Integer.MAX_VALUE);
        wheel.schedule(100_000, 2); // one level up
        wheel.schedule(99_999, 0);
        wheel.expire(99_990, f, Integer.MAX_VALUE);
        wheel.schedule(100_000, 3); // same 64 ms block: level 0
        wheel.schedule(100_000, 4);
        f.stepTo(100_001);
        assertEquals(List.of("0@99999", "1@100000", "2@100000", "3@100000", "4@100000"), f.fired);
    }

    @Test
    void deadlineNotAfterTheWheelsTimeFiresOnTheNextExpireInSchedulingOrder() {
        TimerWheel wheel = new TimerWheel(2000);
        Firings f = new Firings(wheel);
        wheel.schedule(1500, 1);
        wheel.schedule(2000, 2);
        wheel.schedule(-7, 3);
        assertEquals(2000, wheel.nextDeadline());
        assertEquals(3, wheel.expire(2000, f, Integer.MAX_VALUE));
        assertEquals(List.of("1@2000", "2@2000", "3@2000"), f.fired);
    }

    @Test
    void cancelledTimerNeverFiresAndFiredOrCancelledIdsCancelNothing() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        long a = wheel.schedule(10, 1);
        long b = wheel.schedule(10, 2);
        long c = wheel.schedule(500, 3);
        assertTrue(wheel.cancel(a));
        assertTrue(wheel.cancel(c));
        assertFalse(wheel.cancel(a));
        assertEquals(1, wheel.size());
        f.stepTo(1000);
        assertEquals(List.of("2@10"), f.fired);
        assertFalse(wheel.cancel(b));
        assertFalse(wheel.isPending(b));
        assertEquals(0, wheel.size());
        assertFalse(wheel.cancel(TimerWheel.NO_TIMER));
        assertFalse(wheel.cancel(-1));
        assertFalse(wheel.cancel((1L << 32) | 1_000_000));
    }

    @Test
    void staleIdIsRejectedAfterItsSlotIsReused() {
        TimerWheel wheel = new TimerWheel(0, 4);
        Firings f = new Firings(wheel);
        long first = wheel.schedule(10, 1);
        wheel.cancel(first);
        long second = wheel.schedule(20, 2);
        assertEquals((int) first, (int) second, "the freed slot is reused");
        assertNotEquals(first, second);
        assertFalse(wheel.cancel(first));
        assertTrue(wheel.isPending(second));
        f.stepTo(20);
        long third = wheel.schedule(30, 3);
        assertEquals((int) second, (int) third);
        assertFalse(wheel.cancel(second), "fired id, slot reused");
        f.stepTo(30);
        assertEquals(List.of("2@20", "3@30"), f.fired);
        assertEquals(List.of(second, third), f.ids);
    }

    @Test
    void callbackCanRescheduleItselfPeriodically() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        f.then = (id, payload) -> wheel.schedule(wheel.time() + 10, payload + 1);
        wheel.schedule(10, 1);
        f.stepTo(35);
        assertEquals(List.of("1@10", "2@20", "3@30"), f.fired);
        assertEquals(40, wheel.nextDeadline());
    }

    @Test
    void timerScheduledByACallbackForNowFiresInTheSameCallAfterThoseAlreadyDue() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        f.then = (id, payload) -> {
            if (payload == 1) {
                wheel.schedule(50, 3);
                wheel.schedule(100, 4);
                wheel.schedule(101, 5);
            }
        };
        wheel.schedule(100, 1);
        wheel.schedule(100, 2);
        assertEquals(4, wheel.expire(100, f, Integer.MAX_VALUE));
        assertEquals(List.of("1@100", "2@100", "3@100", "4@100"), f.fired);
        assertEquals(1, wheel.size());
    }

    @Test
    void callbackCancellingATimerOfTheSameMillisecondStopsItButCannotCancelItself() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        long[] ids = new long[3];
        boolean[] results = new boolean[2];
        f.then = (id, payload) -> {
            if (payload == 0) {
                results[0] = wheel.cancel(id);
                results[1] = wheel.cancel(ids[1]);
            }
        };
        for (int i = 0; i < 3; i++) {
            ids[i] = wheel.schedule(100, i);
        }
        assertEquals(2, wheel.expire(100, f, Integer.MAX_VALUE));
        assertEquals(List.of("0@100", "2@100"), f.fired);
        assertFalse(results[0]);
        assertTrue(results[1]);
    }

    @Test
    void callbackReschedulingWithoutDelayIsBoundedByTheLimit() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        f.then = (id, payload) -> wheel.schedule(wheel.time(), payload + 1);
        wheel.schedule(100, 0);
        assertEquals(5, wheel.expire(100, f, 5));
        assertEquals(5, wheel.expire(100, f, 5));
        assertEquals("9@100", f.fired.get(9));
        assertEquals(1, wheel.size());
        assertEquals(100, wheel.nextDeadline());
    }

    @Test
    void callbackMayClearTheWheel() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        f.then = (id, payload) -> wheel.clear();
        wheel.schedule(100, 1);
        long second = wheel.schedule(100, 2);
        wheel.schedule(5000, 3);
        assertEquals(1, wheel.expire(200, f, Integer.MAX_VALUE));
        assertEquals(List.of("1@100"), f.fired);
        assertEquals(0, wheel.size());
        assertFalse(wheel.isPending(second));
        assertEquals(200, wheel.time());
        assertEquals(Long.MAX_VALUE, wheel.nextDeadline());
    }

    @Test
    void expireFromACallbackThrowsAndLeavesTheWheelUsable() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        f.then = (id, payload) -> wheel.expire(wheel.time(), f, 1);
        wheel.schedule(10, 1);
        wheel.schedule(20, 2);
        assertThrows(IllegalStateException.class, () -> wheel.expire(30, f, Integer.MAX_VALUE));
        f.then = (id, payload) -> { };
        assertEquals(1, wheel.expire(30, f, Integer.MAX_VALUE));
        assertEquals(List.of("1@10", "2@20"), f.fired);
    }

    @Test
    void limitLeavesTheRestDueForTheNextCallFirst() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        for (int i = 0; i < 10; i++) {
            wheel.schedule(100 + i / 2, i);
        }
        wheel.schedule(300, 10);
        assertEquals(3, wheel.expire(200, f, 3));
        assertEquals(101, wheel.time(), "held at the deadline of the timers left due");
        assertEquals(101, wheel.nextDeadline());
        wheel.schedule(0, 11); // counts as the wheel's time, 101: after those already due then
        assertEquals(0, wheel.expire(200, f, 0));
        assertEquals(3, wheel.expire(200, f, 3));
        assertEquals(5, wheel.expire(200, f, 10));
        assertEquals(200, wheel.time());
        assertEquals(List.of("0@100", "1@100", "2@101", "3@101", "11@101", "4@102", "5@102", "6@103",
                "7@103", "8@104", "9@104"), f.fired);
        assertEquals(300, wheel.nextDeadline());
    }

    @Test
    void longJumpVisitsOnlyNonEmptyBuckets() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        wheel.schedule(5, 1);
        wheel.schedule(600_000, 2);
        wheel.schedule(10_800_000, 3);
        assertEquals(2, wheel.expire(600_000, f, Integer.MAX_VALUE));
        // 600,000 ms starts three levels up: spread three times, then fired, plus the 5 ms timer.
        assertEquals(5, wheel.steps());
        assertEquals(10_800_000, wheel.nextDeadline());
        assertEquals(1, wheel.expire(1L << 50, f, Integer.MAX_VALUE));
        assertEquals(List.of("1@5", "2@600000", "3@10800000"), f.fired);
        assertTrue(wheel.steps() <= 5 + 10, "at most one spread per level: " + wheel.steps());
    }

    @Test
    void farFutureAndNegativeDeadlinesFireExactlyOnTime() {
        long start = -10_000; // a clock such as nanoTime()/1e6 may be negative
        long[] deadlines = {-5_000, -1, 0, 3, 86_400_000L, 31_536_000_000L, 1L << 40, 1L << 60,
                Long.MAX_VALUE - 1};
        TimerWheel stepping = new TimerWheel(start); // also asked one millisecond before each
        TimerWheel jumping = new TimerWheel(start); // jumps straight onto each deadline
        Firings stepped = new Firings(stepping);
        Firings jumped = new Firings(jumping);
        for (int i = deadlines.length - 1; i >= 0; i--) {
            stepping.schedule(deadlines[i], i);
            jumping.schedule(deadlines[i], i);
        }
        for (int i = 0; i < deadlines.length; i++) {
            assertEquals(deadlines[i], stepping.nextDeadline());
            assertEquals(deadlines[i], jumping.nextDeadline());
            assertEquals(0, stepping.expire(deadlines[i] - 1, stepped, Integer.MAX_VALUE));
            assertEquals(1, stepping.expire(deadlines[i], stepped, Integer.MAX_VALUE));
            assertEquals(1, jumping.expire(deadlines[i], jumped, Integer.MAX_VALUE));
            assertEquals(i + "@" + deadlines[i], stepped.fired.get(i));
            assertEquals(i + "@" + deadlines[i], jumped.fired.get(i));
        }
        assertEquals(Long.MAX_VALUE, stepping.nextDeadline());
        assertEquals(Long.MAX_VALUE, jumping.nextDeadline());
    }

    @Test
    void nextDeadlineIsExactWithoutCancelsAndAnEarlyBoundAfterCancellingAFarEarliest() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        assertEquals(Long.MAX_VALUE, wheel.nextDeadline());
        long near = wheel.schedule(40, 1);
        wheel.schedule(41, 2);
        long far = wheel.schedule(70_000, 3);
        wheel.schedule(70_500, 4);
        assertEquals(40, wheel.nextDeadline());
        wheel.cancel(near);
        assertEquals(41, wheel.nextDeadline(), "a level-0 bucket holds one deadline only");
        f.stepTo(41);
        assertEquals(70_000, wheel.nextDeadline());
        wheel.cancel(far);
        assertEquals(70_000, wheel.nextDeadline(), "bound kept from the cancelled timer");
        assertEquals(0, wheel.expire(70_000, f, Integer.MAX_VALUE));
        assertEquals(70_500, wheel.nextDeadline(), "exact again once that bucket was spread");
        assertEquals(List.of("2@41"), f.fired);
    }

    @Test
    void nextDeadlineIsAfterNowOnceEverythingDueHasFired() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            wheel.schedule(random.nextInt(1 << 20), i);
        }
        for (long now = 0; wheel.size() > 0; now += 1 + random.nextInt(3_000)) {
            wheel.expire(now, f, Integer.MAX_VALUE);
            long next = wheel.nextDeadline();
            assertTrue(next > now, () -> "next " + next);
        }
    }

    @Test
    void millisUntilNextIsZeroWhenDueAndCappedOtherwise() {
        TimerWheel wheel = new TimerWheel(0);
        assertEquals(100, wheel.millisUntilNext(0, 100));
        wheel.schedule(30, 1);
        assertEquals(30, wheel.millisUntilNext(0, 100));
        assertEquals(5, wheel.millisUntilNext(25, 100));
        assertEquals(0, wheel.millisUntilNext(30, 100));
        assertEquals(0, wheel.millisUntilNext(45, 100));
        assertEquals(10, wheel.millisUntilNext(0, 10));
        TimerWheel far = new TimerWheel(Long.MIN_VALUE + 5);
        far.schedule(Long.MAX_VALUE - 5, 1);
        assertEquals(100, far.millisUntilNext(Long.MIN_VALUE + 5, 100));
    }

    @Test
    void clearDropsEveryTimerAndKeepsTheTime() {
        TimerWheel wheel = new TimerWheel(0);
        Firings f = new Firings(wheel);
        wheel.expire(500, f, Integer.MAX_VALUE);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(wheel.schedule(500 + i * 997L, i));
        }
        wheel.clear();
        assertEquals(0, wheel.size());
        assertEquals(500, wheel.time());
        assertEquals(Long.MAX_VALUE, wheel.nextDeadline());
        for (long id : ids) {
            assertFalse(wheel.cancel(id));
        }
        wheel.schedule(600, 7);
        f.stepTo(1_000_000);
        assertEquals(List.of("7@600"), f.fired);
    }

    @Test
    void nowEarlierThanTheWheelsTimeFiresNothing() {
        TimerWheel wheel = new TimerWheel(100);
        Firings f = new Firings(wheel);
        wheel.schedule(50, 1);
        assertEquals(0, wheel.expire(99, f, Integer.MAX_VALUE));
        assertEquals(0, wheel.expire(Long.MIN_VALUE, f, Integer.MAX_VALUE));
        assertEquals(100, wheel.time());
        assertEquals(1, wheel.expire(100, f, Integer.MAX_VALUE));
    }

    @Test
    void arraysGrowFromOneSlotAndEveryTimerStillFiresInOrder() {
        TimerWheel wheel = new TimerWheel(0, 1);
        Firings f = new Firings(wheel);
        Random random = new Random(11);
        long[] keys = new long[5_000];
        for (int i = 0; i < keys.length; i++) {
            long deadline = random.nextInt(200_000);
            wheel.schedule(deadline, i);
            keys[i] = deadline << 20 | i; // deadline first, then scheduling order
        }
        assertEquals(keys.length, wheel.size());
        java.util.Arrays.sort(keys);
        List<String> expected = new ArrayList<>();
        for (long key : keys) {
            expected.add((key & 0xFFFFF) + "@" + (key >>> 20));
        }
        for (long now = 0; wheel.size() > 0; now = wheel.nextDeadline()) {
            wheel.expire(now, f, Integer.MAX_VALUE);
        }
        assertEquals(expected, f.fired);
    }
}
