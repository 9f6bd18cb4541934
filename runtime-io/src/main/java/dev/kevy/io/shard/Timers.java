package dev.kevy.io.shard;

import dev.kevy.rt.timer.TimerWheel;

/**
 * A shard's timers: one {@link TimerWheel} per listener, whose timers fire into that listener's
 * handler ({@code CommandHandler.onTimer}), and one for the runtime's own (connect timeouts). A
 * timer id is only meaningful to the wheel, and so the listener, that issued it.
 *
 * <p>The loop fires what is due after each wait, and parks no longer than the next deadline: a
 * shard with a timer due in 3 ms wakes in 3 ms even if nothing else happens. Time is the loop's
 * clock, read once per iteration; a timer fires at the first iteration at or after its deadline.
 */
final class Timers {

    /** Most timers fired per wheel and iteration: a burst of expiries cannot hold the shard for long. */
    static final int FIRE_LIMIT = 4096;

    private final TimerWheel[] wheels;
    private final TimerWheel.Expiry[] expiries;
    private final Counters stats;

    /**
     * @param services the listeners, whose handlers hear of their timers (filled in once the
     *                 handlers exist; read only when a timer fires)
     */
    Timers(int me, Service[] services, Counters stats, long nowMillis) {
        this.stats = stats;
        this.wheels = new TimerWheel[services.length + 1];
        this.expiries = new TimerWheel.Expiry[services.length];
        for (int l = 0; l <= services.length; l++) {
            wheels[l] = new TimerWheel(nowMillis);
        }
        for (int l = 0; l < services.length; l++) {
            int listener = l;
            expiries[l] = (timerId, payload) -> {
                try {
                    services[listener].handler.onTimer(timerId, payload);
                } catch (RuntimeException e) {
                    ShardLog.error(me, "onTimer of listener " + listener + " failed", e);
                }
            };
        }
    }

    /** Schedules a timer of listener {@code listener} ({@code -1}: the runtime's own). */
    long schedule(int listener, long deadlineMillis, long payload) {
        return wheel(listener).schedule(deadlineMillis, payload);
    }

    /** Cancels a timer of listener {@code listener}; {@code false} if it already fired or was cancelled. */
    boolean cancel(int listener, long timerId) {
        return wheel(listener).cancel(timerId);
    }

    private TimerWheel wheel(int listener) {
        return listener < 0 ? wheels[wheels.length - 1] : wheels[listener];
    }

    /**
     * Fires every timer due at {@code nowMillis} (up to a limit per wheel), the runtime's own into
     * {@code runtime}; returns how many.
     */
    int expire(long nowMillis, TimerWheel.Expiry runtime) {
        int fired = 0;
        for (int w = 0; w < wheels.length; w++) {
            if (wheels[w].size() > 0) {
                fired += wheels[w].expire(nowMillis, w < expiries.length ? expiries[w] : runtime, FIRE_LIMIT);
            }
        }
        stats.timersFired += fired;
        return fired;
    }

    /** How long the shard may park at {@code nowMillis}: 0 when a timer is due, at most {@code atMostMillis}. */
    int millisUntilNext(long nowMillis, int atMostMillis) {
        int wait = atMostMillis;
        for (TimerWheel wheel : wheels) {
            if (wheel.size() > 0) {
                wait = Math.min(wait, wheel.millisUntilNext(nowMillis, wait));
            }
        }
        return wait;
    }
}
