package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.freeze.FreezeCoordinator;
import dev.kevy.rt.freeze.FreezeParticipant;
import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;

/**
 * Commands that must be seen whole across shards ({@link CommandHandler#ATOMIC}): queued at the
 * coordinator, shard 0, and run there in batches during a freeze turn (the protocol is in
 * {@code dev.kevy.rt.freeze}: every other shard finishes its iteration, acknowledges, and touches
 * nothing until thawed).
 *
 * <ul>
 *   <li>Coordinator: {@link #enqueue} keeps each request (its record bytes and origin) in arrival
 *       order; {@link #turn} asks for the freeze and says when it is held; the dispatcher then runs
 *       up to {@link #BATCH_LIMIT} queued commands and calls {@link #endTurn}. A long queue is
 *       served over several turns, with every participant serving its clients in between.</li>
 *   <li>Participant: a shard that forwards an atomic command offers to freeze at the end of the
 *       iteration (saving the coordinator's FREEZE hop); while frozen, every record from peers
 *       but the freeze protocol's is {@link #defer deferred} in arrival order and run after the
 *       thaw (requests, replies, handlers' messages, tickets, handed-off connections).</li>
 * </ul>
 */
final class Atomics {

    static final int COORDINATOR = 0;
    /** Most commands run in one turn: bounds how long the other shards stand still. */
    static final int BATCH_LIMIT = 1024;
    /** Bytes before a deferred record's own (see {@link #deferred()}). */
    static final int DEFERRED_HEADER = 16;

    private final FreezeCoordinator coordinator;
    private final FreezeParticipant participant;
    /** Coordinator: queued requests, each {@code int length, int origin, record bytes}. */
    private final Scratch queue;
    private long queueHead;
    private int queued;
    /** Participant: peers' records that arrived while frozen (see {@link #deferred()}). */
    private final Scratch deferred;

    Atomics(int me, MeshPort port, BufferPool pool, MemorySegment empty) {
        this.coordinator = me == COORDINATOR ? new FreezeCoordinator(port, empty) : null;
        this.participant = me == COORDINATOR ? null : new FreezeParticipant(port, COORDINATOR, empty);
        this.queue = new Scratch(pool);
        this.deferred = new Scratch(pool);
    }

    // ---- coordinator ---------------------------------------------------------------------------

    /** Queues an atomic request (record bytes) from {@code origin}. */
    void enqueue(int origin, MemorySegment s, long offset, int length) {
        long at = enqueue(origin, length);
        MemorySegment.copy(s, offset, queue.segment(), at, length);
    }

    /**
     * Queues room for an atomic request of {@code length} record bytes from {@code origin} and
     * returns where in {@link #queueSegment()} the caller writes it (the coordinator's own
     * commands are encoded there directly, with no copy).
     */
    long enqueue(int origin, int length) {
        long at = header(queue, origin, length);
        queued++;
        return at;
    }

    void onFrozen(int shard) {
        coordinator.onFrozen(shard);
    }

    /**
     * Whether the coordinator holds a turn now with work to do; asks for the freeze when it has
     * work and does not hold it. A turn held with nothing queued is given back at once.
     */
    boolean turn() {
        if (coordinator == null) {
            return false;
        }
        if (queued == 0) {
            if (coordinator.holdsAny()) {
                coordinator.release(); // only after a protocol slip: a FROZEN with nothing queued
            }
            return false;
        }
        return coordinator.acquire();
    }

    boolean hasQueued() {
        return queued > 0;
    }

    MemorySegment queueSegment() {
        return queue.segment();
    }

    /** Offset of the oldest queued request's record. */
    long headRecord() {
        return queueHead + 8;
    }

    int headLength() {
        return queue.segment().get(Records.INT, queueHead);
    }

    int headOrigin() {
        return queue.segment().get(Records.INT, queueHead + 4);
    }

    void pop() {
        queueHead += 8 + headLength();
        if (--queued == 0) {
            queue.clear();
            queueHead = 0;
        }
    }

    /** Thaws the participants after a batch; asks again at once if requests are still queued. */
    void endTurn() {
        coordinator.release();
        if (queued > 0) {
            coordinator.acquire();
        }
    }

    long turns() {
        return coordinator == null ? 0 : coordinator.turns();
    }

    // ---- participant ---------------------------------------------------------------------------

    boolean frozen() {
        return participant != null && participant.frozen();
    }

    void onFreeze() {
        participant.onFreeze();
    }

    /** This shard forwarded an atomic command: freeze at the end of the iteration. */
    void forwarded() {
        participant.offerFreeze();
    }

    /** End of an iteration: freezes if wanted; returns whether it did (publish the rings now). */
    boolean freezeIfWanted() {
        return participant != null && participant.freezeIfWanted();
    }

    long freezes() {
        return participant == null ? 0 : participant.freezes();
    }

    /** Frozen: keeps a peer's record for after the thaw. */
    void defer(int origin, int type, MemorySegment s, long offset, int length) {
        long at = deferred.reserve(deferredEntry(length));
        MemorySegment d = deferred.segment();
        d.set(Records.INT, at, length);
        d.set(Records.INT, at + 4, origin);
        d.set(Records.INT, at + 8, type);
        MemorySegment.copy(s, offset, d, at + DEFERRED_HEADER, length);
    }

    /** Bytes of the deferred entry of a record of {@code length}: a multiple of 8, so records stay aligned as in a ring. */
    static long deferredEntry(int length) {
        return (DEFERRED_HEADER + length + 7) & ~7L;
    }

    /** THAW: the shard may touch its state again; the deferred records follow ({@link #deferred()}). */
    void onThaw() {
        participant.onThaw();
    }

    /**
     * The deferred records, read from 0 to its position, each {@code int length, int origin, int
     * type}, padding to {@link #DEFERRED_HEADER}, the record's bytes, padding to a multiple of 8.
     */
    Scratch deferred() {
        return deferred;
    }

    /** Reserves an entry ({@code int length, int origin, bytes}); returns where its bytes go. */
    private static long header(Scratch to, int origin, int length) {
        long at = to.reserve(8 + length);
        to.segment().set(Records.INT, at, length);
        to.segment().set(Records.INT, at + 4, origin);
        return at + 8;
    }

    void release() {
        queue.release();
        deferred.release();
    }
}
