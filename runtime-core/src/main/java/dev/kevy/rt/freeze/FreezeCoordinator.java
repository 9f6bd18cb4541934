package dev.kevy.rt.freeze;

import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;

/**
 * The coordinator's half of the freeze protocol (see the package documentation). Used by one
 * thread, the coordinator shard's; it only sends records through that shard's {@link MeshPort}
 * and counts acknowledgements, so it neither blocks nor allocates.
 */
public final class FreezeCoordinator {

    private final MeshPort port;
    private final MemorySegment empty;
    /** A participant acknowledged (FROZEN arrived) and has not been thawed. */
    private final boolean[] frozen;
    /** FREEZE sent, FROZEN not yet arrived. */
    private final boolean[] asked;
    private final int participants;
    private int frozenCount;
    private long turns;

    /** @param empty any segment; records of this protocol carry no payload */
    public FreezeCoordinator(MeshPort port, MemorySegment empty) {
        this.port = port;
        this.empty = empty;
        this.frozen = new boolean[port.shards()];
        this.asked = new boolean[port.shards()];
        this.participants = port.shards() - 1;
    }

    /** A {@link FreezeRecords#FROZEN} from {@code shard}, asked for or not. */
    public void onFrozen(int shard) {
        if (frozen[shard] || shard == port.shard()) {
            throw new IllegalStateException("FROZEN from shard " + shard + ", which is already frozen or is us");
        }
        frozen[shard] = true;
        asked[shard] = false;
        frozenCount++;
    }

    /**
     * Asks every participant that is neither frozen nor asked to freeze; returns whether all are
     * frozen now, i.e. whether the caller holds the turn and may touch every shard's state until
     * {@link #release}.
     */
    public boolean acquire() {
        if (frozenCount == participants) {
            return true;
        }
        for (int shard = 0; shard < frozen.length; shard++) {
            if (shard != port.shard() && !frozen[shard] && !asked[shard]) {
                asked[shard] = true;
                port.offer(shard, FreezeRecords.FREEZE, empty, 0, 0);
            }
        }
        return false;
    }

    /** Whether any participant is frozen now. */
    public boolean holdsAny() {
        return frozenCount > 0;
    }

    /**
     * Thaws every frozen participant. The caller's writes to their state must all be done: the
     * THAW records' publish (a release store of each ring's tail) is what makes them visible.
     */
    public void release() {
        for (int shard = 0; shard < frozen.length; shard++) {
            if (frozen[shard]) {
                frozen[shard] = false;
                port.offer(shard, FreezeRecords.THAW, empty, 0, 0);
            }
        }
        if (frozenCount == participants) {
            turns++;
        }
        frozenCount = 0;
    }

    /** Turns held and released so far (every participant frozen at once). */
    public long turns() {
        return turns;
    }
}
