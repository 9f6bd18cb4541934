package dev.kevy.rt.timer;

import java.util.Arrays;

/**
 * One shard's timers: deadlines in milliseconds, each carrying a {@code long} payload, fired by
 * {@link #expire} once the caller's clock reaches them. Single-threaded; it never reads a clock
 * (the caller passes the time, so tests drive it with plain numbers). The design, levels of 64
 * buckets with cascading, is explained in the {@linkplain dev.kevy.rt.timer package summary}.
 *
 * <pre>
 *   long id = wheel.schedule(now + timeoutMillis, connectionIndex);
 *   ...
 *   wheel.cancel(id);                                  // served in time
 *   ...
 *   int parkMillis = wheel.millisUntilNext(now, parkTimeoutMillis);
 *   ...
 *   wheel.expire(now, this, 1024);                     // this implements TimerWheel.Expiry
 * </pre>
 *
 * <p><b>Time.</b> The wheel keeps its own {@linkplain #time() time}: the last {@code now} given to
 * {@code expire}, or, when that call stopped at its limit, the deadline of the timers it left due.
 * A deadline earlier than that time counts as that time: it fires on the next {@code expire}.
 * Times are any {@code long} (a {@code System.nanoTime()}-based clock may be negative); a
 * {@code now} earlier than the wheel's time fires nothing and changes nothing.
 *
 * <p><b>Order.</b> Timers fire in deadline order, and timers due in the same millisecond in the
 * order they were scheduled.
 *
 * <p><b>Ids.</b> An id names one scheduling: its slot in the arrays and that slot's generation,
 * which changes each time the slot is reused. Cancelling an id whose timer fired, was cancelled or
 * was cleared returns {@code false}, even after its slot was reused (until a slot has been reused
 * 2<sup>32</sup> times). {@link #NO_TIMER} is never an id.
 *
 * <p><b>Callbacks.</b> {@link Expiry#onTimer} may schedule and cancel timers, and call
 * {@link #clear}. A timer it schedules for a time not after {@code now} fires in the same call, in
 * deadline order (after the timers already due in its millisecond), so {@code limit} also bounds a
 * callback that keeps rescheduling itself without a delay. A timer is removed before its callback
 * runs: cancelling it there returns {@code false}. During the callback {@link #time()} is the
 * timer's deadline (as clamped above). Calling {@code expire} from a callback throws.
 *
 * <p><b>Cost.</b> {@code schedule} and {@code cancel} are O(1). {@code expire} costs one step per
 * timer fired and per non-empty bucket it spreads into lower levels, however far time moved; each
 * timer is moved at most once per level below its first (a 30 s timeout twice). {@code
 * nextDeadline} is O(1). Memory: 32 bytes a timer plus 11 KiB of buckets; no allocation once the
 * arrays have grown to the peak number of live timers.
 */
public final class TimerWheel {
    /** An id {@link #schedule} never returns, for callers that keep "no timer" in a {@code long}. */
    public static final long NO_TIMER = 0;

    /** Receives fired timers; implemented once by the caller, so firing allocates nothing. */
    @FunctionalInterface
    public interface Expiry {
        /** Timer {@code timerId}, scheduled with {@code payload}, is due; it is no longer pending. */
        void onTimer(long timerId, long payload);
    }

    /** Bits of time each level covers: 64 buckets, so one {@code long} holds a level's occupancy. */
    private static final int LEVEL_BITS = 6;
    private static final int BUCKET_MASK = (1 << LEVEL_BITS) - 1;
    /** 11 x 6 = 66 bits: room for every relative time, an unsigned 64-bit number. */
    private static final int LEVELS = 11;
    private static final int NIL = -1;
    /** The bucket of a slot on the free list; a pending timer's bucket is never negative. */
    private static final int FREE = -1;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final int DEFAULT_CAPACITY = 256;

    /**
     * The caller's time that the wheel counts from. Times inside are {@code t - origin}, unsigned:
     * every {@code long} from the origin on has a place, in order, and a deadline before it is
     * clamped (a due deadline counts as the wheel's time anyway). Compare them with
     * {@link Long#compareUnsigned}.
     */
    private final long origin;
    /** The wheel's time, relative to {@code origin}; every pending timer is placed relative to it. */
    private long time;

    private final int[] head = new int[LEVELS << LEVEL_BITS];
    private final int[] tail = new int[LEVELS << LEVEL_BITS];
    /** The smallest deadline put in each bucket since it was last empty: a bound on its earliest. */
    private final long[] bucketMin = new long[LEVELS << LEVEL_BITS];
    /** Per level, bit {@code b} is set while bucket {@code b} of that level holds a timer. */
    private final long[] occupied = new long[LEVELS];
    /** Bit {@code L} is set while {@code occupied[L] != 0}. */
    private int occupiedLevels;

    // One timer per slot; a slot's arrays grow together.
    private long[] deadline;
    private long[] payload;
    private int[] next;
    private int[] prev;
    private int[] bucket;
    private int[] generation;
    private int free = NIL;
    private int size;

    private boolean expiring;
    /** Buckets spread plus timers fired by {@code expire} since construction (tests read it). */
    private long steps;

    /** A wheel whose time starts at {@code startMillis}, with room for 256 timers before growing. */
    public TimerWheel(long startMillis) {
        this(startMillis, DEFAULT_CAPACITY);
    }

    /**
     * A wheel whose time starts at {@code startMillis}, with room for {@code initialCapacity}
     * timers before its arrays grow. Size it for the expected peak to avoid growing while serving.
     */
    public TimerWheel(long startMillis, int initialCapacity) {
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("initialCapacity must be in [1, 2^30]: " + initialCapacity);
        }
        this.origin = startMillis;
        Arrays.fill(head, NIL);
        Arrays.fill(tail, NIL);
        deadline = new long[initialCapacity];
        payload = new long[initialCapacity];
        next = new int[initialCapacity];
        prev = new int[initialCapacity];
        bucket = new int[initialCapacity];
        generation = new int[initialCapacity];
        addFreeSlots(0, initialCapacity);
    }

    /**
     * Schedules a timer for {@code deadlineMillis} carrying {@code payload}; returns its id. A
     * deadline not after the wheel's {@linkplain #time() time} fires on the next {@link #expire}.
     * Allocates only when more timers are pending than ever before (the arrays double).
     *
     * @throws IllegalStateException if 2<sup>30</sup> timers are already pending
     */
    public long schedule(long deadlineMillis, long payload) {
        if (free == NIL) {
            grow();
        }
        int slot = free;
        free = next[slot];
        int g = generation[slot] + 1;
        if (g == 0) {
            g = 1; // generation 0 is never issued, so no id is NO_TIMER
        }
        generation[slot] = g;
        long d = relative(deadlineMillis);
        this.deadline[slot] = Long.compareUnsigned(d, time) < 0 ? time : d;
        this.payload[slot] = payload;
        place(slot);
        size++;
        return ((long) g << 32) | slot;
    }

    /**
     * Cancels timer {@code timerId}; returns whether it was pending. An id that already fired, was
     * cancelled or cleared, or was never issued, is a no-op returning {@code false}.
     */
    public boolean cancel(long timerId) {
        int slot = pendingSlot(timerId);
        if (slot == NIL) {
            return false;
        }
        unlink(slot);
        release(slot);
        return true;
    }

    /** Whether timer {@code timerId} is scheduled and has neither fired nor been cancelled. */
    public boolean isPending(long timerId) {
        return pendingSlot(timerId) != NIL;
    }

    /**
     * Fires, in deadline order, up to {@code limit} timers due at or before {@code nowMillis},
     * calling {@code expiry} for each; returns how many fired. Timers still due after the limit
     * fire on the next call, first. Costs one step per fired timer and per bucket spread, not per
     * elapsed millisecond (see the class comment).
     *
     * @throws IllegalStateException if called from one of its own callbacks
     */
    public int expire(long nowMillis, Expiry expiry, int limit) {
        if (expiring) {
            throw new IllegalStateException("expire called from a timer callback");
        }
        if (nowMillis < time()) {
            return 0; // time never goes back (and relative() would clamp a now before the origin)
        }
        long until = relative(nowMillis);
        int fired = 0;
        expiring = true;
        try {
            while (occupiedLevels != 0) {
                int level = Integer.numberOfTrailingZeros(occupiedLevels);
                int index = Long.numberOfTrailingZeros(occupied[level]);
                long start = bucketStart(level, index);
                if (Long.compareUnsigned(start, until) > 0) {
                    break; // every other bucket starts later still
                }
                int b = (level << LEVEL_BITS) | index;
                time = start; // the earliest bucket: moving here leaves every other timer in place
                if (level > 0) {
                    steps++;
                    cascade(b);
                } else if (fired >= limit) {
                    return fired; // time stays at the deadline of the timers left due
                } else {
                    steps++;
                    int slot = head[b];
                    unlink(slot);
                    long id = idOf(slot);
                    long p = payload[slot];
                    release(slot);
                    fired++;
                    expiry.onTimer(id, p); // may schedule, cancel or clear: state is re-read above
                }
            }
            if (Long.compareUnsigned(until, time) > 0) {
                time = until; // before the earliest bucket's start: no timer changes place
            }
            return fired;
        } finally {
            expiring = false;
        }
    }

    /**
     * The earliest pending deadline, or {@code Long.MAX_VALUE} when none is pending. Never later
     * than the real earliest (a deadline that had passed when scheduled counts as the wheel's time
     * then), and never earlier than the wheel's time; exact unless the earliest timer of a far
     * bucket was cancelled, when it may be that cancelled deadline. O(1): call it before each park.
     */
    public long nextDeadline() {
        if (occupiedLevels == 0) {
            return Long.MAX_VALUE;
        }
        int level = Integer.numberOfTrailingZeros(occupiedLevels);
        int index = Long.numberOfTrailingZeros(occupied[level]);
        return origin + bucketMin[(level << LEVEL_BITS) | index];
    }

    /**
     * How long a shard at {@code nowMillis} may park before the next deadline: 0 when one is due,
     * at most {@code atMostMillis} (also when no timer is pending).
     */
    public int millisUntilNext(long nowMillis, int atMostMillis) {
        long next = nextDeadline();
        if (next <= nowMillis) {
            return 0;
        }
        long wait = next - nowMillis;
        return wait < 0 || wait > atMostMillis ? atMostMillis : (int) wait; // wait < 0: overflowed, far away
    }

    /**
     * The wheel's time: every timer due at or before it has fired, except those a limit held back,
     * which are due exactly at it. Starts at the constructor's {@code startMillis}.
     */
    public long time() {
        return origin + time;
    }

    /** How many timers are pending. */
    public int size() {
        return size;
    }

    /** Drops every pending timer without firing it; their ids become stale. Time is unchanged. */
    public void clear() {
        while (occupiedLevels != 0) {
            int level = Integer.numberOfTrailingZeros(occupiedLevels);
            int b = (level << LEVEL_BITS) | Long.numberOfTrailingZeros(occupied[level]);
            int slot = detach(b);
            while (slot != NIL) {
                int after = next[slot];
                release(slot);
                slot = after;
            }
        }
    }

    /** Steps {@code expire} has taken: buckets spread into lower levels plus timers fired. */
    long steps() {
        return steps;
    }

    /** {@code t - origin} as an unsigned number; 0 for a time before the origin. */
    private long relative(long t) {
        return t < origin ? 0 : t - origin; // may wrap past Long.MAX_VALUE: read unsigned
    }

    /**
     * Where bucket {@code index} of {@code level} starts: the time's bits above this level, then
     * the bucket's six bits, then zeros. Never before the time (see the package summary).
     */
    private long bucketStart(int level, int index) {
        int shift = level * LEVEL_BITS;
        int above = shift + LEVEL_BITS;
        long upper = above >= Long.SIZE ? 0 : (time >>> above) << above; // Java shifts are mod 64
        return upper | ((long) index << shift);
    }

    /** Appends pending {@code slot} to the bucket its deadline has relative to the wheel's time. */
    private void place(int slot) {
        long d = deadline[slot];
        int level = (Long.SIZE - 1 - Long.numberOfLeadingZeros((d ^ time) | 1)) / LEVEL_BITS;
        int index = (int) (d >>> (level * LEVEL_BITS)) & BUCKET_MASK;
        int b = (level << LEVEL_BITS) | index;
        int last = tail[b];
        next[slot] = NIL;
        prev[slot] = last;
        bucket[slot] = b;
        tail[b] = slot;
        if (last == NIL) {
            head[b] = slot;
            bucketMin[b] = d;
            occupied[level] |= 1L << index;
            occupiedLevels |= 1 << level;
        } else {
            next[last] = slot;
            if (Long.compareUnsigned(d, bucketMin[b]) < 0) {
                bucketMin[b] = d;
            }
        }
    }

    /** Spreads the timers of bucket {@code b}, which starts at the time, into lower levels. */
    private void cascade(int b) {
        int slot = detach(b);
        while (slot != NIL) {
            int after = next[slot];
            place(slot); // list order kept: same-millisecond timers stay in scheduling order
            slot = after;
        }
    }

    /** Empties bucket {@code b} and returns its old head; the chain keeps its {@code next} links. */
    private int detach(int b) {
        int first = head[b];
        head[b] = NIL;
        tail[b] = NIL;
        markEmpty(b);
        return first;
    }

    private void unlink(int slot) {
        int b = bucket[slot];
        int before = prev[slot];
        int after = next[slot];
        if (before == NIL) {
            head[b] = after;
        } else {
            next[before] = after;
        }
        if (after == NIL) {
            tail[b] = before;
        } else {
            prev[after] = before;
        }
        if (head[b] == NIL) {
            markEmpty(b);
        }
    }

    private void markEmpty(int b) {
        int level = b >>> LEVEL_BITS;
        long left = occupied[level] & ~(1L << (b & BUCKET_MASK));
        occupied[level] = left;
        if (left == 0) {
            occupiedLevels &= ~(1 << level);
        }
    }

    /** Returns an unlinked slot to the free list; its generation changes when it is next used. */
    private void release(int slot) {
        bucket[slot] = FREE;
        next[slot] = free;
        free = slot;
        size--;
    }

    private long idOf(int slot) {
        return ((long) generation[slot] << 32) | slot;
    }

    /** The slot of a pending timer {@code timerId}, or {@code NIL}. */
    private int pendingSlot(long timerId) {
        int slot = (int) timerId;
        if (slot < 0 || slot >= bucket.length || bucket[slot] == FREE
                || generation[slot] != (int) (timerId >>> 32)) {
            return NIL;
        }
        return slot;
    }

    private void grow() {
        int old = deadline.length;
        if (old >= MAX_CAPACITY) {
            throw new IllegalStateException("timer wheel full: " + old + " timers pending");
        }
        int capacity = (int) Math.min((long) old * 2, MAX_CAPACITY);
        deadline = Arrays.copyOf(deadline, capacity);
        payload = Arrays.copyOf(payload, capacity);
        next = Arrays.copyOf(next, capacity);
        prev = Arrays.copyOf(prev, capacity);
        bucket = Arrays.copyOf(bucket, capacity);
        generation = Arrays.copyOf(generation, capacity);
        addFreeSlots(old, capacity);
    }

    /** Pushes slots {@code [from, to)} on the free list, lowest on top. */
    private void addFreeSlots(int from, int to) {
        for (int slot = to - 1; slot >= from; slot--) {
            bucket[slot] = FREE;
            next[slot] = free;
            free = slot;
        }
    }
}
