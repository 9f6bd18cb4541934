package dev.kevy.rt.park;

import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory waker that counts its wakes. */
public final class CountingWaker implements Waker {
    public final AtomicInteger wakes = new AtomicInteger();

    /** A waker that has not been woken. */
    public CountingWaker() {
    }

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    /** {@code n} fresh wakers. */
    public static CountingWaker[] many(int n) {
        CountingWaker[] wakers = new CountingWaker[n];
        for (int i = 0; i < n; i++) {
            wakers[i] = new CountingWaker();
        }
        return wakers;
    }
}
