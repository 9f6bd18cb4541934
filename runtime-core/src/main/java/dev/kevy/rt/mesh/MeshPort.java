package dev.kevy.rt.mesh;

import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.ring.RecordDescriptor;
import dev.kevy.rt.ring.RecordHandler;
import dev.kevy.rt.ring.RingConsumer;
import dev.kevy.rt.ring.RingProducer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * One shard's view of the {@link Mesh}: an outbound ring and a backlog to every peer, an inbound
 * ring from every peer. Only the shard's own thread uses it.
 *
 * <h2>One FIFO per peer</h2>
 * Every record to a target takes the same path: into the ring while that target's backlog is
 * empty, else to the back of the backlog, which {@link #flushBacklogs()} moves into the ring
 * before anything newer can enter it. Messages larger than {@link #maxRecordLength()} become
 * blocks on that same path. There is no second, "immediate" path that could overtake.
 *
 * <h2>Per loop iteration</h2>
 * <pre>
 *   work += port.drainInbound(handler, limitPerPeer);   // may offer replies from inside the handler
 *   work += port.flushBacklogs();                        // before this iteration's new records
 *   ... port.offer(..) / port.claim(..) + commit() for each outgoing message ...
 *   port.publishAll();                                   // one release store per ring written
 *   port.wakeParkedPeers();                              // one fence, at most one wake per target
 *   park = backoff.idle(work, port.hasBacklog());
 * </pre>
 *
 * <h2>Allocation</h2>
 * None per record in steady state. A message above the inline limit allocates its block (a shared
 * arena and its memory, closed by the receiver), and a backlog allocates when it grows.
 */
public final class MeshPort {
    private static final int NO_CLAIM = 0;
    private static final int RING_CLAIM = 1;
    private static final int BACKLOG_CLAIM = 2;
    private static final int BLOCK_CLAIM = 3;

    private final int shard;
    private final RingProducer[] outbound;
    private final RingConsumer[] inbound;
    private final Backlog[] backlogs;
    private final ParkingLot parking;
    private final int maxRecordLength;

    private final boolean[] unpublished;
    private final int[] unpublishedTargets;
    private int unpublishedCount;
    private final boolean[] touched;
    private final int[] touchedTargets;
    private int touchedCount;
    private int backlogTargets;
    private int source = -1;

    private int claimKind = NO_CLAIM;
    private int claimTarget;
    private int claimType;
    private int claimLength;
    private MemorySegment claimSegment;
    private Arena claimArena;

    MeshPort(int shard, RingProducer[] outbound, RingConsumer[] inbound, Backlog[] backlogs,
             ParkingLot parking, int maxRecordLength) {
        int shards = outbound.length;
        this.shard = shard;
        this.outbound = outbound;
        this.inbound = inbound;
        this.backlogs = backlogs;
        this.parking = parking;
        this.maxRecordLength = maxRecordLength;
        this.unpublished = new boolean[shards];
        this.unpublishedTargets = new int[shards];
        this.touched = new boolean[shards];
        this.touchedTargets = new int[shards];
    }

    /** This shard's id. */
    public int shard() {
        return shard;
    }

    /** Number of shards in the mesh. */
    public int shards() {
        return outbound.length;
    }

    /** The parked flags and wakers shared by the mesh; this shard parks through it. */
    public ParkingLot parking() {
        return parking;
    }

    /** Largest payload sent inline; larger ones travel as blocks. */
    public int maxRecordLength() {
        return maxRecordLength;
    }

    /**
     * Sends a copy of {@code length} bytes of {@code src} to {@code target}: into its ring, its
     * backlog, or (above {@link #maxRecordLength()}) a newly allocated block. Never fails for lack
     * of space and never blocks.
     */
    public void offer(int target, int type, MemorySegment src, long srcOffset, int length) {
        checkTarget(target);
        checkNoClaim();
        RecordDescriptor.checkUserType(type);
        if (length > maxRecordLength) {
            Arena arena = Arena.ofShared();
            MemorySegment block = arena.allocate(length, Long.BYTES);
            MemorySegment.copy(src, srcOffset, block, 0, length);
            sendBlock(target, type, block, arena);
            return;
        }
        Backlog backlog = backlogs[target];
        if (backlog.isEmpty() && outbound[target].offer(type, src, srcOffset, length)) {
            markUnpublished(target);
            return;
        }
        boolean wasEmpty = backlog.isEmpty();
        backlog.offer(type, src, srcOffset, length);
        countBacklog(wasEmpty);
    }

    /**
     * Hands {@code block} to {@code target} without copying; the target's handler receives it in
     * {@link RecordHandler#onBlock} and must close {@code owner}. After this call the sender must
     * not touch the block.
     */
    public void offerBlock(int target, int type, MemorySegment block, Arena owner) {
        checkTarget(target);
        checkNoClaim();
        RecordDescriptor.checkUserType(type);
        sendBlock(target, type, block, owner);
    }

    /**
     * Reserves a record of {@code length} payload bytes to {@code target} for the caller to write
     * in place: at the returned offset of {@link #claimedSegment()}, then {@link #commit()}. The
     * space is in the target's ring, its backlog, or (above {@link #maxRecordLength()}) a new
     * block; the caller need not know which. Never fails for lack of space.
     *
     * @return the payload offset in {@link #claimedSegment()}
     */
    public long claim(int target, int type, int length) {
        checkTarget(target);
        checkNoClaim();
        RecordDescriptor.checkUserType(type);
        claimTarget = target;
        claimType = type;
        claimLength = length;
        if (length > maxRecordLength) {
            claimArena = Arena.ofShared();
            claimSegment = claimArena.allocate(length, Long.BYTES);
            claimKind = BLOCK_CLAIM;
            return 0;
        }
        Backlog backlog = backlogs[target];
        if (backlog.isEmpty()) {
            RingProducer ring = outbound[target];
            long offset = ring.claim(type, length);
            if (offset != RingProducer.FULL) {
                claimSegment = ring.segment();
                claimKind = RING_CLAIM;
                return offset;
            }
        }
        long offset = backlog.claim(type, length);
        claimSegment = backlog.segment();
        claimKind = BACKLOG_CLAIM;
        return offset;
    }

    /** The segment the open claim's offset points into; valid until {@link #commit()} or {@link #abort()}. */
    public MemorySegment claimedSegment() {
        return claimSegment;
    }

    /** Sends the open claim's record with its claimed length. */
    public void commit() {
        commit(claimLength);
    }

    /** Sends the open claim's record with {@code length <= claimed} payload bytes. */
    public void commit(int length) {
        int kind = claimKind;
        int target = claimTarget;
        switch (kind) {
            case RING_CLAIM -> {
                outbound[target].commit(length);
                markUnpublished(target);
            }
            case BACKLOG_CLAIM -> {
                Backlog backlog = backlogs[target];
                boolean wasEmpty = backlog.isEmpty();
                backlog.commit(length);
                countBacklog(wasEmpty);
            }
            case BLOCK_CLAIM -> {
                if (length < 0 || length > claimLength) {
                    throw new IllegalArgumentException("commit length " + length + " outside [0, " + claimLength + "]");
                }
                MemorySegment block = length == claimLength ? claimSegment : claimSegment.asSlice(0, length);
                Arena owner = claimArena;
                clearClaim();
                sendBlock(target, claimType, block, owner);
                return;
            }
            default -> throw new IllegalStateException("no open claim");
        }
        clearClaim();
    }

    /** Drops the open claim (a block claim's memory is freed). */
    public void abort() {
        switch (claimKind) {
            case RING_CLAIM -> outbound[claimTarget].abort();
            case BACKLOG_CLAIM -> backlogs[claimTarget].abort();
            case BLOCK_CLAIM -> claimArena.close();
            default -> throw new IllegalStateException("no open claim");
        }
        clearClaim();
    }

    /**
     * Moves backlogged records into rings that have room again, oldest first; targets that took
     * some are published by the next {@link #publishAll()}.
     *
     * @return records moved (work, for the idle count)
     */
    public int flushBacklogs() {
        if (backlogTargets == 0) {
            return 0;
        }
        checkNoClaim();
        int moved = 0;
        for (int target = 0; target < backlogs.length; target++) {
            Backlog backlog = backlogs[target];
            if (backlog == null || backlog.isEmpty()) {
                continue;
            }
            int n = backlog.flushTo(outbound[target]);
            if (n > 0) {
                moved += n;
                markUnpublished(target);
            }
            if (backlog.isEmpty()) {
                backlogTargets--;
            }
        }
        return moved;
    }

    /**
     * Bytes this shard has sent that no peer has consumed yet: its outbound rings' occupied bytes
     * plus its backlogs' committed bytes. A gauge for metrics, read on the shard's own thread.
     */
    public long outboundBytes() {
        long bytes = 0;
        for (int i = 0; i < outbound.length; i++) {
            if (outbound[i] != null) {
                bytes += outbound[i].occupiedBytes();
            }
            if (backlogs[i] != null) {
                bytes += backlogs[i].committedBytes();
            }
        }
        return bytes;
    }

    /** Whether any target has records waiting in its backlog (then the shard must not park). */
    public boolean hasBacklog() {
        return backlogTargets != 0;
    }

    /** Records waiting in the backlog to {@code target}. */
    public int backlogSize(int target) {
        checkTarget(target);
        return backlogs[target].size();
    }

    /**
     * Publishes every ring written since the last call, one release store each, and adds those
     * targets to the touched set that {@link #wakeParkedPeers()} consumes.
     *
     * @return rings published
     */
    public int publishAll() {
        int published = 0;
        for (int i = 0; i < unpublishedCount; i++) {
            int target = unpublishedTargets[i];
            unpublished[target] = false;
            if (outbound[target].publish()) {
                published++;
                if (!touched[target]) {
                    touched[target] = true;
                    touchedTargets[touchedCount++] = target;
                }
            }
        }
        unpublishedCount = 0;
        return published;
    }

    /** Targets published to since the last {@link #wakeParkedPeers()}. */
    public int touchedCount() {
        return touchedCount;
    }

    /** The {@code i}-th touched target, {@code 0 <= i < touchedCount()}. */
    public int touchedTarget(int i) {
        return touchedTargets[Objects.checkIndex(i, touchedCount)];
    }

    /**
     * The producer's half of park/wake: one full fence, then a wake for each touched target that
     * is parked (see {@link ParkingLot#wakeParked}). Call once per iteration, after
     * {@link #publishAll()}. Clears the touched set.
     *
     * @return wakes sent
     */
    public int wakeParkedPeers() {
        int count = touchedCount;
        if (count == 0) {
            return 0;
        }
        int woken = parking.wakeParked(touchedTargets, count);
        for (int i = 0; i < count; i++) {
            touched[touchedTargets[i]] = false;
        }
        touchedCount = 0;
        return woken;
    }

    /**
     * Drains every inbound ring, up to {@code limitPerPeer} records from each, into {@code handler}.
     * During a callback {@link #drainingFrom()} names the sending shard. The handler may send (offer,
     * claim) through this port.
     *
     * @return records delivered
     */
    public int drainInbound(RecordHandler handler, int limitPerPeer) {
        int total = 0;
        try {
            for (int peer = 0; peer < inbound.length; peer++) {
                RingConsumer ring = inbound[peer];
                if (ring != null) {
                    source = peer;
                    total += ring.drain(handler, limitPerPeer);
                }
            }
        } finally {
            source = -1;
        }
        return total;
    }

    /** The shard whose record is being delivered, or -1 outside {@link #drainInbound}. */
    public int drainingFrom() {
        return source;
    }

    private void sendBlock(int target, int type, MemorySegment block, Arena owner) {
        Backlog backlog = backlogs[target];
        if (backlog.isEmpty() && outbound[target].offerBlock(type, block, owner)) {
            markUnpublished(target);
            return;
        }
        boolean wasEmpty = backlog.isEmpty();
        backlog.offerBlock(type, block, owner);
        countBacklog(wasEmpty);
    }

    private void markUnpublished(int target) {
        if (!unpublished[target]) {
            unpublished[target] = true;
            unpublishedTargets[unpublishedCount++] = target;
        }
    }

    private void countBacklog(boolean wasEmpty) {
        if (wasEmpty) {
            backlogTargets++;
        }
    }

    private void clearClaim() {
        claimKind = NO_CLAIM;
        claimSegment = null;
        claimArena = null;
    }

    private void checkTarget(int target) {
        if (target == shard || outbound[Objects.checkIndex(target, outbound.length)] == null) {
            throw new IllegalArgumentException("shard " + shard + " has no ring to " + target);
        }
    }

    private void checkNoClaim() {
        if (claimKind != NO_CLAIM) {
            throw new IllegalStateException("a claim is open");
        }
    }
}
