package dev.kevy.stress;

import dev.kevy.rt.park.Waker;

/** An in-memory waker for stress tests: a volatile flag the "blocked" thread spins on. */
public final class FlagWaker implements Waker {
    private volatile boolean woken;

    @Override
    public void wake() {
        woken = true;
    }

    /** Whether {@link #wake()} was called. */
    public boolean woken() {
        return woken;
    }
}
