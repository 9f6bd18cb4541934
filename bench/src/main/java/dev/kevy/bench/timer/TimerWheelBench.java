package dev.kevy.bench.timer;

import dev.kevy.rt.timer.TimerWheel;
import java.util.concurrent.TimeUnit;
import org.agrona.DeadlineTimerWheel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The shard's timer wheel ({@link TimerWheel}) with {@code live} pending timers, beside Agrona's
 * single-level {@link DeadlineTimerWheel} (1 ms ticks, 512 per rotation) as a baseline.
 * <ul>
 *   <li>{@code scheduleCancel}: a client served before its timeout: cancel the timer of a scattered
 *       pending client, arm a new one (up to 32 s ahead). The pending count stays at {@code live};
 *       time does not move, so nothing fires.</li>
 *   <li>{@code scheduleExpire}: one timer armed per operation (uniformly up to {@code live / 8} ms
 *       ahead, so about {@code live} stay pending), and every 16th operation the clock moves 1 ms
 *       and the due timers fire (about 16 a millisecond): per operation, one schedule and about one
 *       expiry, plus the spreading of far buckets.</li>
 *   <li>{@code nextDeadline}: what the shard asks before each park.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar TimerWheelBench -prof gc}; the allocation
 * rate ({@code gc.alloc.rate.norm}) should be about 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TimerWheelBench {
    private static final int OPS_PER_MS = 16;
    private static final long CANCEL_SPAN_MASK = (1 << 15) - 1; // deadlines up to 32 s ahead
    private static final long STRIDE = 0x9E37_79B9L; // odd: visits every index of a power-of-two range

    /** Pending timers; a power of two. */
    @State(Scope.Thread)
    public static class Live {
        @Param({"1024", "1048576"})
        public int live;

        long random = 0x2545_F491_4F6C_DD1DL;
        long op;

        /** xorshift64: a cheap, allocation-free stream of pseudo-random bits. */
        long nextRandom() {
            long x = random;
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            random = x;
            return x;
        }

        int scatteredIndex() {
            return (int) ((op++ * STRIDE) & (live - 1));
        }
    }

    @State(Scope.Thread)
    public static class KevyCancel extends Live {
        TimerWheel wheel;
        long[] ids;

        @Setup
        public void setUp() {
            wheel = new TimerWheel(0, live * 2);
            ids = new long[live];
            for (int i = 0; i < live; i++) {
                ids[i] = wheel.schedule(1 + (nextRandom() & CANCEL_SPAN_MASK), i);
            }
        }
    }

    @State(Scope.Thread)
    public static class KevyExpire extends Live implements TimerWheel.Expiry {
        TimerWheel wheel;
        long spanMask;
        long now;
        long sum;

        @Setup
        public void setUp() {
            wheel = new TimerWheel(0, live * 2);
            spanMask = live / (OPS_PER_MS / 2) - 1;
            while (now <= spanMask + 1) {
                step(); // run one span long so the pending count and spread are in steady state
            }
        }

        int step() {
            wheel.schedule(now + 1 + (nextRandom() & spanMask), op);
            if ((++op & (OPS_PER_MS - 1)) == 0) {
                return wheel.expire(++now, this, Integer.MAX_VALUE);
            }
            return 0;
        }

        @Override
        public void onTimer(long timerId, long payload) {
            sum += payload;
        }
    }

    @State(Scope.Thread)
    public static class AgronaCancel extends Live {
        DeadlineTimerWheel wheel;
        long[] ids;

        @Setup
        public void setUp() {
            wheel = new DeadlineTimerWheel(TimeUnit.MILLISECONDS, 0, 1, 512, Math.max(16, live / 256));
            ids = new long[live];
            for (int i = 0; i < live; i++) {
                ids[i] = wheel.scheduleTimer(1 + (nextRandom() & CANCEL_SPAN_MASK));
            }
        }
    }

    @State(Scope.Thread)
    public static class AgronaExpire extends Live implements DeadlineTimerWheel.TimerHandler {
        DeadlineTimerWheel wheel;
        long spanMask;
        long now;
        long sum;

        @Setup
        public void setUp() {
            wheel = new DeadlineTimerWheel(TimeUnit.MILLISECONDS, 0, 1, 512, Math.max(16, live / 256));
            spanMask = live / (OPS_PER_MS / 2) - 1;
            while (now <= spanMask + 1) {
                step();
            }
        }

        int step() {
            wheel.scheduleTimer(now + 1 + (nextRandom() & spanMask));
            if ((++op & (OPS_PER_MS - 1)) == 0) {
                return wheel.poll(++now, this, Integer.MAX_VALUE); // one tick per call, as time moves
            }
            return 0;
        }

        @Override
        public boolean onTimerExpiry(TimeUnit timeUnit, long now, long timerId) {
            sum += timerId;
            return true;
        }
    }

    @Benchmark
    public long scheduleCancel(KevyCancel s) {
        int i = s.scatteredIndex();
        s.wheel.cancel(s.ids[i]);
        long id = s.wheel.schedule(1 + (s.nextRandom() & CANCEL_SPAN_MASK), i);
        s.ids[i] = id;
        return id;
    }

    @Benchmark
    public int scheduleExpire(KevyExpire s) {
        return s.step();
    }

    @Benchmark
    public long nextDeadline(KevyExpire s) {
        return s.wheel.nextDeadline();
    }

    @Benchmark
    public long agronaScheduleCancel(AgronaCancel s) {
        int i = s.scatteredIndex();
        s.wheel.cancelTimer(s.ids[i]);
        long id = s.wheel.scheduleTimer(1 + (s.nextRandom() & CANCEL_SPAN_MASK));
        s.ids[i] = id;
        return id;
    }

    @Benchmark
    public int agronaScheduleExpire(AgronaExpire s) {
        return s.step();
    }
}
