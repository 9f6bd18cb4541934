package dev.kevy.rt.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The wheel against a brute-force model, a {@code TreeMap} ordered by (deadline, scheduling
 * order), over seeded random runs: schedules near, far, past and at the end of time; cancels of
 * pending and stale ids; clears; expires with small and huge jumps and small limits; callbacks
 * that schedule, cancel and clear. Every firing, return value, {@code time()}, {@code size()} and
 * {@code nextDeadline()} is compared after every operation.
 */
class TimerWheelModelTest {
    private static final int OPERATIONS = 4_000;

    @Test
    void matchesTheModelWithCancels() {
        for (long seed = 1; seed <= 30; seed++) {
            new Run(seed, true).run();
        }
    }

    @Test
    void nextDeadlineIsExactWhenNothingIsCancelled() {
        for (long seed = 101; seed <= 115; seed++) {
            new Run(seed, false).run();
        }
    }

    /** A pending timer in the model: its effective deadline, then scheduling order. */
    private record Key(long deadline, long seq) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class Run implements TimerWheel.Expiry {
        private final long seed;
        private final boolean cancels;
        private final Random random;
        /** Percent of operations that schedule: 40 to 70, so some runs hold thousands of timers. */
        private final int scheduleShare;
        /** Whether time only steps (by up to 200 ms) and nothing clears: timers pile up. */
        private final boolean calm;
        private final TimerWheel wheel;
        private final TreeMap<Key, long[]> pending = new TreeMap<>(); // key -> {id, payload}
        private final Map<Long, Key> keyOf = new HashMap<>();
        private final List<Long> issued = new ArrayList<>();
        private final Set<Long> everIssued = new HashSet<>();
        private long time;
        private long seq;
        private long now;
        private int firedThisCall;

        Run(long seed, boolean cancels) {
            this.seed = seed;
            this.cancels = cancels;
            this.random = new Random(seed);
            this.scheduleShare = 40 + (int) (seed % 4) * 10;
            this.calm = seed % 2 == 0;
            long start = random.nextBoolean() ? random.nextLong() >> 4 : -random.nextInt(1 << 20);
            this.wheel = new TimerWheel(start, 1 + random.nextInt(8));
            this.time = start;
            this.now = start;
        }

        void run() {
            for (int op = 0; op < OPERATIONS; op++) {
                int dice = random.nextInt(100);
                if (dice < scheduleShare) {
                    schedule(deadline());
                } else if (dice < scheduleShare + 12) {
                    if (cancels) {
                        cancel(pick());
                    }
                } else if (dice < scheduleShare + 13 && !calm && random.nextInt(4) == 0) {
                    clear();
                } else if (dice < scheduleShare + 15) {
                    assertEquals(0, wheel.expire(time - 1 - random.nextInt(100), this, Integer.MAX_VALUE), where());
                } else {
                    expire();
                }
                check();
            }
            for (int round = 0; round < 100_000 && !pending.isEmpty(); round++) {
                now = Math.max(now, wheel.nextDeadline()); // drain, as a shard parking till each deadline
                expire(random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(20));
                check();
            }
            assertEquals(0, wheel.size(), where());
        }

        private long deadline() {
            int dice = random.nextInt(100);
            if (dice < 3) {
                return Long.MAX_VALUE - random.nextInt(1_000);
            }
            long spread = dice < 30 ? 200 : dice < 60 ? 5_000 : dice < 85 ? 1 << 20 : 1L << 36;
            long delta = (long) (random.nextDouble() * spread) - (dice < 30 ? 100 : 0);
            return saturatedAdd(now, delta);
        }

        private void schedule(long deadline) {
            long payload = random.nextLong();
            long id = wheel.schedule(deadline, payload);
            assertNotEquals(TimerWheel.NO_TIMER, id, where());
            assertTrue(everIssued.add(id), () -> where() + ": id " + id + " issued twice");
            Key key = new Key(Math.max(deadline, time), seq++);
            pending.put(key, new long[] {id, payload});
            keyOf.put(id, key);
            issued.add(id);
        }

        private long pick() {
            if (issued.isEmpty()) {
                return TimerWheel.NO_TIMER;
            }
            int from = Math.max(0, issued.size() - 2_000);
            return issued.get(from + random.nextInt(issued.size() - from));
        }

        private void cancel(long id) {
            Key key = keyOf.remove(id);
            assertEquals(key != null, wheel.cancel(id), where());
            if (key != null) {
                pending.remove(key);
            }
        }

        private void clear() {
            wheel.clear();
            pending.clear();
            keyOf.clear();
        }

        private void expire() {
            long next = wheel.nextDeadline();
            if (random.nextInt(100) < (calm ? 1 : 5) && next != Long.MAX_VALUE) {
                now = Math.max(now, next); // straight onto it, as a shard after a park
            } else {
                now = saturatedAdd(now, jump());
            }
            expire(random.nextBoolean() ? Integer.MAX_VALUE : random.nextInt(20));
        }

        private void expire(int limit) {
            firedThisCall = 0;
            int fired = wheel.expire(now, this, limit);
            assertEquals(firedThisCall, fired, where());
            boolean dueLeft = !pending.isEmpty() && pending.firstKey().deadline <= now;
            if (fired < limit) {
                assertTrue(!dueLeft, where());
            }
            time = dueLeft ? pending.firstKey().deadline : Math.max(time, now);
            assertEquals(time, wheel.time(), where());
            if (!dueLeft && !pending.isEmpty()) {
                assertTrue(wheel.nextDeadline() > now, where());
            }
        }

        /** How far an expire moves time: mostly steps, sometimes leaps (never when calm). */
        private long jump() {
            int dice = calm ? random.nextInt(70) : random.nextInt(100);
            return dice < 40 ? random.nextInt(4) : dice < 70 ? random.nextInt(200)
                    : dice < 90 ? random.nextInt(100_000) : dice < 98 ? random.nextInt(1 << 30) : 1L << 40;
        }

        @Override
        public void onTimer(long timerId, long payload) {
            firedThisCall++;
            Map.Entry<Key, long[]> first = pending.pollFirstEntry();
            assertTrue(first != null && first.getKey().deadline <= now, where());
            assertEquals(first.getValue()[0], timerId, where());
            assertEquals(first.getValue()[1], payload, where());
            keyOf.remove(timerId);
            time = first.getKey().deadline;
            assertEquals(time, wheel.time(), where());
            int dice = random.nextInt(100);
            if (dice < 20) {
                schedule(saturatedAdd(time, random.nextInt(60) - 5));
            } else if (dice < 30 && cancels) {
                cancel(random.nextBoolean() ? timerId : pick());
            } else if (dice == 30 && !calm && random.nextInt(10) == 0) {
                clear();
            }
        }

        private void check() {
            assertEquals(pending.size(), wheel.size(), where());
            assertEquals(time, wheel.time(), where());
            long next = wheel.nextDeadline();
            if (pending.isEmpty()) {
                assertEquals(Long.MAX_VALUE, next, where());
                return;
            }
            long earliest = pending.firstKey().deadline;
            if (cancels) {
                assertTrue(next <= earliest && next >= time, () -> where() + " next " + next + " earliest " + earliest);
            } else {
                assertEquals(earliest, next, where());
            }
        }

        private String where() {
            return "seed " + seed + ", operation at now " + now + ", model time " + time;
        }

        private static long saturatedAdd(long a, long b) {
            long r = a + b;
            return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
        }
    }
}
