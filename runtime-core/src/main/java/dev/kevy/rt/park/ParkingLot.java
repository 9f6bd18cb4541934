package dev.kevy.rt.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The one piece of shared state beside the rings: a "parked" flag per shard, and each shard's
 * {@link Waker}.
 *
 * <h2>The protocol</h2>
 * A shard that goes to sleep (the consumer side):
 * <ol>
 *   <li>{@link #announcePark(int)}: store {@code parked = 1}, then a full fence;</li>
 *   <li>drain its inbound rings once more; if that found anything, {@link #clearPark(int)} and go
 *       on working;</li>
 *   <li>otherwise block in its poller (with the park timeout as a backstop only), and
 *       {@link #clearPark(int)} when the wait returns.</li>
 * </ol>
 * A shard that sent records (the producer side), once per loop iteration after all its ring
 * publishes: {@link #wakeParked(int[], int)}: a full fence, then for each target it published to,
 * if that target's flag is set, call the target's waker.
 *
 * <p>Why no wake is lost: the two fences order each side's store before its load (the store-load
 * order that even x86 does not keep without a fence). Take any run where the producer's flag load
 * returns 0. Then the producer's fence came before the consumer's, so the producer's release store
 * of the ring's {@code tail}, which precedes that fence, is visible to the consumer's acquire load
 * of {@code tail} in its step-2 drain, which follows its own fence. So either the consumer's last
 * drain sees the record, or the producer sees {@code parked == 1} and wakes it; both missing is
 * impossible. (jcstress: {@code dev.kevy.stress.park}.)
 *
 * <p>A thread outside the shards that hands one shard a task does the same producer step for that
 * one target with {@link #wakeIfParked(int)}, and the parked shard's step-2 re-check includes its
 * task inbox.
 *
 * <p>Wakes are coalesced: the caller passes each touched target once per iteration, and a target
 * that is spinning (flag 0) costs no wake at all.
 *
 * <p>Each flag is alone in a 128-byte region of a heap array so that one shard writing its flag
 * does not slow the others' reads of theirs.
 */
public final class ParkingLot {
    /** Longs per flag region: 16 longs, 128 bytes. */
    private static final int STRIDE = 16;
    private static final VarHandle FLAG = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] flags;
    private final Waker[] wakers;

    /** A lot for {@code wakers.length} shards; shard {@code i} is woken by {@code wakers[i]}. */
    public ParkingLot(Waker... wakers) {
        if (wakers.length == 0) {
            throw new IllegalArgumentException("no shards");
        }
        this.wakers = wakers.clone();
        for (int i = 0; i < this.wakers.length; i++) {
            Objects.requireNonNull(this.wakers[i], "waker of shard " + i);
        }
        // One leading and one trailing region keep the first and last flag off the array header and
        // whatever object follows the array.
        this.flags = new long[(this.wakers.length + 2) * STRIDE];
    }

    /** Number of shards. */
    public int shards() {
        return wakers.length;
    }

    /** The waker of {@code shard}. */
    public Waker waker(int shard) {
        return wakers[shard];
    }

    /**
     * Step 1 of parking: mark {@code shard} parked, then a full fence, so the drain that follows
     * cannot be ordered before the mark. Only {@code shard}'s own thread calls this.
     */
    public void announcePark(int shard) {
        // Opaque: the fence below orders it; opaque keeps the store from being elided or merged.
        FLAG.setOpaque(flags, index(shard), 1L);
        // Full fence: pairs with the full fence in wakeParked (store-load ordering on both sides).
        VarHandle.fullFence();
    }

    /**
     * Marks {@code shard} running again, after its re-check found work or its wait returned. A
     * producer that still sees the old 1 sends one spurious wake, which is harmless.
     */
    public void clearPark(int shard) {
        // Release: pairs with the volatile load in wakeParked; only ever delays a wake decision
        // in the safe direction (an extra wake).
        FLAG.setRelease(flags, index(shard), 0L);
    }

    /** Whether {@code shard} is parked now (a volatile read; for monitoring and tests). */
    public boolean isParked(int shard) {
        return (long) FLAG.getVolatile(flags, index(shard)) != 0L;
    }

    /**
     * The producer's step, once per loop iteration after all ring publishes: a full fence, then
     * {@link Waker#wake()} for each of {@code targets[0 .. count)} whose parked flag is set.
     *
     * @param targets shards published to this iteration, each listed once
     * @return wakes sent
     */
    public int wakeParked(int[] targets, int count) {
        if (count == 0) {
            return 0;
        }
        // Full fence: pairs with the full fence in announcePark; our earlier release stores of the
        // rings' tails are ordered before the flag loads below.
        VarHandle.fullFence();
        int woken = 0;
        for (int i = 0; i < count; i++) {
            int target = targets[i];
            // Volatile load after the fence: sees any announcement made before the peer's fence.
            if ((long) FLAG.getVolatile(flags, index(target)) != 0L) {
                wakers[target].wake();
                woken++;
            }
        }
        return woken;
    }

    /**
     * The producer's step for one target, from any thread (a task submitted from outside the
     * shards, see {@code dev.kevy.rt.task.ShardInbox}): a full fence, then {@link Waker#wake()} if
     * {@code shard}'s parked flag is set. Call it after the release store that made the work
     * visible; the pairing is the same as {@link #wakeParked}'s.
     *
     * @return whether a wake was sent
     */
    public boolean wakeIfParked(int shard) {
        int index = index(shard);
        // Full fence: pairs with the full fence in announcePark; the caller's earlier release store
        // (the task's slot) is ordered before the flag load below.
        VarHandle.fullFence();
        // Volatile load after the fence: sees any announcement made before the peer's fence.
        if ((long) FLAG.getVolatile(flags, index) != 0L) {
            wakers[shard].wake();
            return true;
        }
        return false;
    }

    private int index(int shard) {
        return (Objects.checkIndex(shard, wakers.length) + 1) * STRIDE;
    }
}
