package dev.kevy.rt.freeze;

import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;

/**
 * A participant's half of the freeze protocol (see the package documentation). Used by the
 * participant shard's thread only.
 *
 * <p>States: running; running with a freeze wanted (asked by the coordinator, or offered because
 * this shard sent it work needing a turn); frozen. The wanted freeze happens only at the end of an
 * iteration ({@link #freezeIfWanted}), so every participant serves its own clients once between
 * two turns.
 */
public final class FreezeParticipant {

    private final MeshPort port;
    private final int coordinator;
    private final MemorySegment empty;
    private boolean wanted;
    private boolean frozen;
    private long freezes;

    public FreezeParticipant(MeshPort port, int coordinator, MemorySegment empty) {
        this.port = port;
        this.coordinator = coordinator;
        this.empty = empty;
    }

    /** A {@link FreezeRecords#FREEZE}: freeze at the end of this iteration (ignored while frozen). */
    public void onFreeze() {
        if (!frozen) {
            wanted = true;
        }
    }

    /** This shard sent the coordinator work that needs a turn: freeze without waiting to be asked. */
    public void offerFreeze() {
        wanted = true;
    }

    /**
     * End of an iteration: if a freeze is wanted, sends {@link FreezeRecords#FROZEN} and becomes
     * frozen. From this call until {@link #onThaw} the shard must not touch its state: every write
     * it made is published to the coordinator by the ring publish that carries the FROZEN (the
     * release store of the ring's tail, paired with the coordinator's acquire when it drains).
     *
     * @return whether it froze (the caller must publish its rings now)
     */
    public boolean freezeIfWanted() {
        if (!wanted || frozen) {
            return false;
        }
        wanted = false;
        frozen = true;
        freezes++;
        port.offer(coordinator, FreezeRecords.FROZEN, empty, 0, 0);
        return true;
    }

    /**
     * A {@link FreezeRecords#THAW}: the coordinator's writes are visible (its ring publish, a
     * release store, paired with this shard's acquire load of the tail when it drained the THAW).
     */
    public void onThaw() {
        if (!frozen) {
            throw new IllegalStateException("THAW while not frozen");
        }
        frozen = false;
    }

    public boolean frozen() {
        return frozen;
    }

    /** Whether a freeze is pending for the end of this iteration. */
    public boolean wanted() {
        return wanted;
    }

    /** Times this shard froze. */
    public long freezes() {
        return freezes;
    }
}
