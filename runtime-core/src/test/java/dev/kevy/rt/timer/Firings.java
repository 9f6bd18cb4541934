package dev.kevy.rt.timer;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link TimerWheel.Expiry} that writes down each firing as {@code "payload@time"} (the wheel's
 * time during the callback, which is the timer's deadline), and runs an optional action after it.
 */
class Firings implements TimerWheel.Expiry {
    private final TimerWheel wheel;
    final List<String> fired = new ArrayList<>();
    final List<Long> ids = new ArrayList<>();
    TimerWheel.Expiry then = (id, payload) -> { };

    Firings(TimerWheel wheel) {
        this.wheel = wheel;
    }

    @Override
    public void onTimer(long timerId, long payload) {
        fired.add(payload + "@" + wheel.time());
        ids.add(timerId);
        then.onTimer(timerId, payload);
    }

    /** Calls {@code expire} once per millisecond from the wheel's time to {@code until}. */
    void stepTo(long until) {
        for (long t = wheel.time(); t <= until; t++) {
            wheel.expire(t, this, Integer.MAX_VALUE);
        }
    }
}
