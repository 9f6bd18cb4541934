package dev.kevy.rt.idle;

/**
 * One shard's idle state machine, driven by the work count of each loop iteration.
 *
 * <pre>
 *   work &gt; 0 (any state) ---------------------------------------------&gt; ACTIVE
 *   ACTIVE/SPINNING, idle, n &lt;= spinLimit               : onSpinWait   -&gt; SPINNING
 *   idle, spinLimit &lt; n &lt;= spinLimit + yieldLimit        : yield        -&gt; YIELDING
 *   idle, beyond both limits, no backlog                 : park         -&gt; PARKING
 *   idle, beyond both limits, a backlog is pending       : keep polling (never park)
 * </pre>
 * where {@code n} counts idle iterations in a row.
 *
 * <p>Count honestly: pass the number of things the iteration actually did (events handled,
 * records drained, backlog records moved, timers fired, including a completion nobody waited
 * for), and 0 when it did nothing. Reporting work that was not done keeps a core spinning at idle;
 * failing to report work that was done parks a busy shard and costs a wake per message.
 *
 * <p>A shard with a pending backlog never parks: the peer that will make room in the full ring
 * does not wake producers, so a parked producer would wait out the park timeout. It keeps polling,
 * yielding the core if the policy does not allow busy spinning.
 */
public final class IdleBackoff {
    /** The last iteration did work. */
    public static final int ACTIVE = 0;
    /** Idle, busy-spinning. */
    public static final int SPINNING = 1;
    /** Idle, yielding the core between polls. */
    public static final int YIELDING = 2;
    /** Idle past both limits: the caller parks. */
    public static final int PARKING = 3;

    private final int spinLimit;
    private final long spinAndYieldLimit;
    private int state = ACTIVE;
    private long idleIterations;

    /** A backoff in state {@link #ACTIVE} following {@code policy}'s limits. */
    public IdleBackoff(IdlePolicy policy) {
        this.spinLimit = policy.spinLimit();
        this.spinAndYieldLimit = (long) policy.spinLimit() + policy.yieldLimit();
    }

    /**
     * Records one loop iteration and, if it was idle, waits the way the current state says.
     *
     * @param workCount      what the iteration did; {@code > 0} resets to {@link #ACTIVE}
     * @param backlogPending whether records still wait in a backlog for a full ring
     * @return {@code true} if the caller must now run the park protocol (announce, re-check, block);
     *     {@code false} if it should poll again without blocking
     */
    public boolean idle(int workCount, boolean backlogPending) {
        if (workCount > 0) {
            reset();
            return false;
        }
        long n = ++idleIterations;
        if (n <= spinLimit) {
            state = SPINNING;
            Thread.onSpinWait();
            return false;
        }
        if (n <= spinAndYieldLimit) {
            state = YIELDING;
            Thread.yield();
            return false;
        }
        if (backlogPending) {
            // Must not park; spin only if the policy allows spinning at all.
            if (spinLimit > 0) {
                state = SPINNING;
                Thread.onSpinWait();
            } else {
                state = YIELDING;
                Thread.yield();
            }
            return false;
        }
        state = PARKING;
        return true;
    }

    /** Back to {@link #ACTIVE}, as after an iteration that did work. */
    public void reset() {
        idleIterations = 0;
        state = ACTIVE;
    }

    /** The current state: {@link #ACTIVE}, {@link #SPINNING}, {@link #YIELDING} or {@link #PARKING}. */
    public int state() {
        return state;
    }

    /** Idle iterations in a row so far. */
    public long idleIterations() {
        return idleIterations;
    }
}
