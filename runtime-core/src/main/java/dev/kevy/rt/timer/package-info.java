/**
 * The per-shard timer wheel: millisecond deadlines for handler timers (blocking-command timeouts,
 * connect timeouts of outbound connections, replies a timer completes), kept without allocating
 * and without reading the clock.
 *
 * <h2>What the shard needs from it</h2>
 * One thread schedules and cancels timers, often (a blocked client arms a timeout and cancels it
 * when served), and holds from a handful to millions of them. Before parking, the shard asks when
 * the next one is due, so it blocks for {@code min(parkTimeout, next - now)}: that answer must be
 * cheap, and never later than the real deadline, or a timer fires late. After a long park, time
 * may have moved by minutes; catching up must cost what is due, not one step per elapsed
 * millisecond.
 *
 * <h2>Design: levels of 64 buckets, placed by the highest bit that differs</h2>
 * {@link dev.kevy.rt.timer.TimerWheel} keeps eleven levels of 64 buckets. A bucket of level
 * {@code L} spans 64<sup>L</sup> ms: level 0 has one bucket per millisecond, level 1 one per
 * 64 ms, level 2 one per 4.096 s, and level 10 reaches past 2<sup>64</sup> ms: counted from the
 * wheel's start as unsigned numbers, every {@code long} deadline after the start has a place. A timer goes to the level of the highest bit in which its
 * deadline differs from the wheel's time ({@code 63 - numberOfLeadingZeros(deadline ^ time)},
 * divided by 6), in the bucket named by its deadline's six bits of that level. Two facts follow:
 * <ul>
 *   <li>every timer of a lower level is due before every timer of a higher one, and within a level
 *       a lower bucket before a higher one (no wrap-around: a bucket's bits are above the time's
 *       bits at that level, and all higher bits equal the time's). So the earliest non-empty
 *       bucket is the lowest set bit of the lowest non-empty level: two trailing-zero counts over
 *       one {@code long} of occupancy per level and one {@code int} of non-empty levels;</li>
 *   <li>time can jump to that bucket's start, or to any time before it, without moving any other
 *       timer. When it reaches the start of a bucket above level 0, that bucket's timers now share
 *       one more level's bits with the time and are spread into lower levels ("cascaded"), in
 *       list order. A level-0 bucket holds timers of one millisecond only, fired from its head.</li>
 * </ul>
 * So {@code expire} visits only non-empty buckets however far time moved, and a timer is moved at
 * most once per level below its first one: a 30 s timeout twice, a one-day timeout four times.
 * {@code nextDeadline} is the smallest deadline ever put in the earliest bucket since it was last
 * empty: exact, except after the earliest timer of a bucket above level 0 was cancelled, when it
 * is the cancelled deadline, an early bound that costs one spurious wake.
 *
 * <h2>Why not one wheel with rounds</h2>
 * A single hashed wheel (Netty's {@code HashedWheelTimer}, Agrona's {@code DeadlineTimerWheel})
 * keeps a timer beyond one rotation in its bucket and skips it until its round comes. With a
 * million 30 s timeouts on 512 buckets of 1 ms, each tick walks about 2,000 timers to fire about
 * 33, and no bucket is ever empty, so the earliest deadline is unknown without walking them: a
 * shard holding such timers could never park longer than a tick. The levels here cost at most
 * ten moves per timer instead and keep an exact answer for the park.
 *
 * <h2>Memory</h2>
 * Timers live in parallel primitive arrays indexed by slot (deadline, payload, the two links of
 * their bucket's doubly linked list, the bucket, a generation), 32 bytes a timer, with a free list
 * threaded through the free slots. The arrays double when full (that allocates); once the wheel
 * has held its peak number of timers, scheduling, cancelling and expiring allocate nothing. One
 * four-{@code long} record per timer (a timer in one cache line instead of six arrays) was tried
 * and measured with a million timers: it was not faster (cancelling the same, expiring slower),
 * so the parallel arrays stayed.
 */
package dev.kevy.rt.timer;
