package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.resp.RespParseState;
import dev.kevy.io.resp.RespParser;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;

/**
 * Commands that must be seen whole across shards ({@link CommandHandler#ATOMIC}): run on shard 0,
 * the coordinator, while every other shard is frozen.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>Coordinator: queue the command; if none is running, send {@link Records#FREEZE} to every
 *       other shard.</li>
 *   <li>Each participant, on FREEZE: answer {@link Records#FROZEN}, then execute nothing (requests
 *       from any peer are deferred in arrival order, its connections are not read, its tick does
 *       not run) until {@link Records#THAW}.</li>
 *   <li>Coordinator, on the last FROZEN: run {@link CommandHandler#executeAtomic} with every
 *       shard's handler, send the reply to the origin, THAW every participant, start the next.</li>
 * </ol>
 * Visibility: a participant's last write to its state precedes the release store of the ring
 * tail that publishes its FROZEN; the coordinator's acquire load of that tail precedes its access.
 * The THAW publish orders the coordinator's writes before the participant resumes. There is one
 * coordinator, so two freezes never wait on each other; the coordinator keeps serving everything
 * while it waits, and a frozen shard keeps draining and flushing its rings, so no ring fills for
 * good and the mesh cannot deadlock.
 */
final class Atomics {

    private final int me;
    private final MeshPort port;
    private final CommandHandler[] handlers;
    private final RespParser parser;
    private final RespParseState state = new RespParseState();
    private final OutputBuffer reply;
    /** Queued atomic requests, each a request record with its origin shard in the gather field. */
    private final Scratch queue;
    private long queueHead;
    private int acksPending = -1;
    private final MemorySegment empty;

    /** Participant side: requests deferred while frozen, each a request record plus its origin. */
    private final Scratch deferred;
    private boolean frozen;

    Atomics(int me, MeshPort port, CommandHandler[] handlers, RespParser parser, BufferPool pool, MemorySegment empty) {
        this.me = me;
        this.port = port;
        this.handlers = handlers;
        this.parser = parser;
        this.reply = new OutputBuffer(pool, Long.MAX_VALUE);
        this.queue = new Scratch(pool);
        this.deferred = new Scratch(pool);
        this.empty = empty;
    }

    boolean frozen() {
        return frozen;
    }

    /** Coordinator: an atomic request (record bytes) from {@code origin}; starts it if none runs. */
    void submit(int origin, MemorySegment s, long offset, int length) {
        long at = queue.reserve(8 + length);
        queue.segment().set(Records.INT, at, length);
        queue.segment().set(Records.INT, at + 4, origin);
        MemorySegment.copy(s, offset, queue.segment(), at + 8, length);
        if (acksPending < 0) {
            startNext();
        }
    }

    private void startNext() {
        if (queueHead == queue.position()) {
            queue.clear();
            queueHead = 0;
            acksPending = -1;
            return;
        }
        acksPending = port.shards() - 1;
        for (int shard = 0; shard < port.shards(); shard++) {
            if (shard != me) {
                port.offer(shard, Records.FREEZE, empty, 0, 0);
            }
        }
        if (acksPending == 0) {
            runHead();
        }
    }

    /** Coordinator: a participant acknowledged the freeze. */
    void onFrozen() {
        if (--acksPending == 0) {
            runHead();
        }
    }

    /** Where the coordinator's reply goes when the command came from one of its own connections. */
    interface Completion {
        void local(long token, long seq, OutputBuffer reply);
    }

    private Completion localDone;

    void bind(Completion done) {
        this.localDone = done;
    }

    private void runHead() {
        MemorySegment q = queue.segment();
        long at = queueHead;
        int length = q.get(Records.INT, at);
        int origin = q.get(Records.INT, at + 4);
        long record = at + 8;
        long token = q.get(Records.LONG, record + Records.TOKEN);
        long seq = q.get(Records.LONG, record + Records.SEQ);
        state.reset();
        if (parser.parse(q, record + Records.HEADER, record + length, state) == RespParser.COMMAND) {
            try {
                handlers[me].executeAtomic(parser.command(), handlers, reply);
            } catch (RuntimeException e) {
                reply.clear();
                RespWriter.error(reply, "internal error: " + e); // error() adds the "-ERR "
                ShardLog.error(me, "atomic command failed", e);
            }
        } else {
            RespWriter.error(reply, "internal: malformed atomic request");
        }
        if (origin == me) {
            localDone.local(token, seq, reply);
        } else {
            long out = port.claim(origin, Records.REPLY, (int) (Records.HEADER + reply.size()));
            MemorySegment o = port.claimedSegment();
            Records.writeHeader(o, out, token, seq, -1, 0);
            copy(reply, o, out + Records.HEADER);
            port.commit();
        }
        reply.clear();
        for (int shard = 0; shard < port.shards(); shard++) {
            if (shard != me) {
                port.offer(shard, Records.THAW, empty, 0, 0);
            }
        }
        queueHead = record + length;
        startNext();
    }

    static void copy(OutputBuffer from, MemorySegment to, long at) {
        for (int i = 0; i < from.segmentCount(); i++) {
            long len = from.segmentLength(i);
            MemorySegment.copy(from.segment(i), from.segmentOffset(i), to, at, len);
            at += len;
        }
    }

    /** Participant: FREEZE from the coordinator. */
    void freeze(int coordinator) {
        port.offer(coordinator, Records.FROZEN, empty, 0, 0);
        frozen = true;
    }

    /** Participant, frozen: keep a peer's request for after the thaw. */
    void defer(int origin, MemorySegment s, long offset, int length) {
        long at = deferred.reserve(8 + length);
        deferred.segment().set(Records.INT, at, length);
        deferred.segment().set(Records.INT, at + 4, origin);
        MemorySegment.copy(s, offset, deferred.segment(), at + 8, length);
    }

    /** Runs a deferred request; implemented by the dispatcher. */
    interface Replay {
        void replay(int origin, MemorySegment s, long offset, int length);
    }

    /** Participant: THAW; runs the deferred requests in arrival order. */
    void thaw(Replay replay) {
        frozen = false;
        MemorySegment d = deferred.segment();
        long at = 0;
        long end = deferred.position();
        while (at < end) {
            int length = d.get(Records.INT, at);
            int origin = d.get(Records.INT, at + 4);
            replay.replay(origin, d, at + 8, length);
            at += 8 + length;
        }
        deferred.clear();
    }

    void release() {
        reply.release();
        queue.release();
        deferred.release();
    }
}
