package dev.kevy.server.persist;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mutual exclusion between an atomic turn's coordinator, which writes the turn's records into
 * several shards' rings and publishes them, and the log writer, which takes every ring's records
 * in one capture: held by each for the whole of its part, so a capture holds all of a turn's
 * records or none of them, and they land in one block (jcstress: {@code dev.kevy.stress.log}).
 *
 * <p>A spin lock: both sides hold it for microseconds, and a parked coordinator would hold every
 * shard still. The successful compare-and-set acquires, the volatile store of 0 releases: what
 * one holder wrote under the lock, the next holder sees.
 */
public final class TurnLock {
    private final AtomicInteger held = new AtomicInteger();
    /** Plain: written by the thread that holds the lock, after acquiring and before releasing it. */
    private Thread holder;

    public void lock() {
        while (!held.compareAndSet(0, 1)) { // acquire: pairs with the release store in unlock()
            Thread.onSpinWait();
        }
        holder = Thread.currentThread();
    }

    public void unlock() {
        holder = null;
        held.set(0); // release: pairs with the next holder's compare-and-set
    }

    /** Releases the lock if this thread holds it; whether it did. */
    public boolean releaseIfHeld() {
        if (holder == Thread.currentThread()) {
            unlock();
            return true;
        }
        return false;
    }
}
