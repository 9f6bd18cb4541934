package dev.kevy.io.shard;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.ring.RecordHandler;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What a shard does with its peers' records, read in place from the rings: runs their requests
 * and sends the replies back, places the replies to its own clients' requests, adopts handed-off
 * connections, follows the freeze protocol, keeps track of deferred replies, and delivers
 * handlers' messages. The coordinator's atomic turns run here too, since their requests arrive
 * as records.
 */
final class Inbound implements RecordHandler {

    private final int me;
    private final MeshPort port;
    private final ConnectionTable connections;
    private final Connections lifecycle;
    private final Dispatcher dispatcher;
    private final Delivery delivery;
    private final Tickets tickets;
    private final Messages messages;
    private final Atomics atomics;
    private final Counters stats;
    private final Service[] services;
    /** The view of atomic requests read from the coordinator's queue. */
    private final Request atomicRequest = new Request();
    private final RemoteSession remote;
    private final OutputBuffer atomicReply;

    Inbound(int me, MeshPort port, ConnectionTable connections, Connections lifecycle, Dispatcher dispatcher,
            Delivery delivery, Tickets tickets, Messages messages, Atomics atomics, BufferPool pool, Counters stats,
            Service[] services) {
        this.me = me;
        this.port = port;
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.delivery = delivery;
        this.tickets = tickets;
        this.messages = messages;
        this.atomics = atomics;
        this.stats = stats;
        this.services = services;
        this.remote = new RemoteSession(me);
        this.atomicReply = new OutputBuffer(pool, Long.MAX_VALUE);
    }

    @Override
    public void onRecord(int type, MemorySegment segment, long offset, int length) {
        int from = port.drainingFrom();
        if (atomics.frozen() && type != Records.THAW && type != Records.FREEZE) {
            atomics.defer(from, type, segment, offset, length); // the handlers stand still for the turn
            return;
        }
        dispatch(from, type, segment, offset, length);
    }

    private void dispatch(int from, int type, MemorySegment segment, long offset, int length) {
        switch (type) {
            case Records.REQUEST -> onRequest(from, segment, offset, length);
            case Records.REPLY -> onReply(from, segment, offset, length);
            case Records.HANDOFF -> lifecycle.adopt(segment.get(Records.INT, offset),
                    services[segment.get(Records.INT, offset + Integer.BYTES)]);
            case Records.FREEZE -> atomics.onFreeze();
            case Records.FROZEN -> atomics.onFrozen(from);
            case Records.THAW -> thaw();
            case Records.DEFERRED -> tickets.onDeferred(from, segment.get(Records.LONG, offset),
                    segment.get(Records.LONG, offset + Long.BYTES), segment.get(Records.LONG, offset + 2 * Long.BYTES));
            case Records.CANCEL -> tickets.onCancel(segment.get(Records.LONG, offset));
            case Records.MESSAGE -> messages.onRecord(from, segment, offset, length);
            default -> throw new IllegalStateException("a record of unknown type " + type + " from shard " + from);
        }
    }

    @Override
    public void onBlock(int type, MemorySegment block, Arena owner) {
        try {
            onRecord(type, block, 0, (int) block.byteSize());
        } finally {
            if (owner != null) {
                owner.close();
            }
        }
    }

    private void onRequest(int origin, MemorySegment s, long offset, int length) {
        if (s.get(Records.INT, offset + Records.GATHER) == Records.ATOMIC) {
            atomics.enqueue(origin, s, offset, length);
        } else {
            replay(origin, s, offset, length);
        }
    }

    /**
     * THAW: the records that came while frozen run now, in arrival order. Every record but the
     * freeze protocol's own waits for the thaw, not only requests: a handler's message, a ticket
     * cancelled or deferred, a reply (which may resume a connection or run a reducer), a handed
     * connection all reach a handler, whose state the coordinator's turn may be writing.
     */
    private void thaw() {
        atomics.onThaw();
        Scratch deferred = atomics.deferred();
        MemorySegment d = deferred.segment();
        long at = 0;
        long end = deferred.position();
        while (at < end) {
            int length = d.get(Records.INT, at);
            dispatch(d.get(Records.INT, at + 4), d.get(Records.INT, at + 8), d, at + Atomics.DEFERRED_HEADER, length);
            at += Atomics.deferredEntry(length);
        }
        deferred.clear();
    }

    /** Runs a peer's request and sends the reply back to {@code origin}, unless the handler deferred it. */
    private void replay(int origin, MemorySegment s, long offset, int length) {
        long token = s.get(Records.LONG, offset + Records.TOKEN);
        long seq = s.get(Records.LONG, offset + Records.SEQ);
        int gather = s.get(Records.INT, offset + Records.GATHER);
        int part = s.get(Records.INT, offset + Records.PART);
        OutputBuffer reply = dispatcher.runDetached(origin, token, seq, gather, part, s, offset + Records.HEADER,
                offset + length, Service.of(services, s, offset));
        stats.executedForPeers++;
        if (reply != null) {
            delivery.send(origin, token, seq, gather, part, reply);
        }
    }

    private void onReply(int from, MemorySegment s, long offset, int length) {
        long token = s.get(Records.LONG, offset + Records.TOKEN);
        long seq = s.get(Records.LONG, offset + Records.SEQ);
        int gather = s.get(Records.INT, offset + Records.GATHER);
        long body = offset + Records.HEADER;
        long bodyLength = length - Records.HEADER;
        if (gather >= 0) {
            delivery.part(gather, s.get(Records.INT, offset + Records.PART), s, body, bodyLength);
            return;
        }
        Connection c = delivery.place(token, seq, s, body, bodyLength);
        if (c == null) {
            return; // the client left; its reply had nowhere to go
        }
        if (gather == Records.ATOMIC) {
            c.atomicsInFlight--;
        } else if (Dispatcher.countsForBarrier(me, from)) {
            c.remoteInFlight--;
        }
        if (c.remoteTicketCount > 0) {
            c.forgetRemoteTicket(seq);
        }
    }

    /**
     * The coordinator's step, after each drain and at the end of each iteration: asks for a freeze
     * while atomic commands are queued, and once every other shard is frozen runs up to
     * {@link Atomics#BATCH_LIMIT} of them in arrival order, then thaws. Returns commands run.
     */
    int runAtomics() {
        if (!atomics.turn()) {
            return 0;
        }
        int ran = 0;
        for (Service service : services) {
            if (service != null) {
                service.handler.turnStarted(service.handlers);
            }
        }
        try {
            while (ran < Atomics.BATCH_LIMIT && atomics.hasQueued()) {
                runAtomic(atomics.headOrigin(), atomics.queueSegment(), atomics.headRecord(), atomics.headLength());
                atomics.pop();
                ran++;
            }
        } finally {
            for (Service service : services) {
                if (service != null) {
                    service.handler.turnEnded(service.handlers); // before the replies leave and the shards thaw
                }
            }
        }
        atomics.endTurn();
        stats.atomicTurns = atomics.turns();
        return ran;
    }

    /**
     * Runs one atomic request with every shard's handler and sends its reply to its origin. No
     * reply may be deferred here: the turn must end with every command answered.
     */
    private void runAtomic(int origin, MemorySegment q, long record, int length) {
        long token = q.get(Records.LONG, record + Records.TOKEN);
        long seq = q.get(Records.LONG, record + Records.SEQ);
        int runOn = q.get(Records.INT, record + Records.PART);
        Service service = Service.of(services, q, record);
        if (Records.readFields(q, record + Records.HEADER, record + length, atomicRequest)) {
            try {
                if (runOn == Records.RUN_ATOMIC) {
                    service.handler.executeAtomic(atomicRequest, service.handlers, atomicReply);
                } else {
                    service.handlers[runOn].execute(atomicRequest, remote, atomicReply);
                }
            } catch (RuntimeException e) {
                atomicReply.clear();
                service.codec.writeInternalError(atomicReply, "internal error: " + e);
                ShardLog.error(me, "atomic command failed", e);
            }
        } else {
            service.codec.writeInternalError(atomicReply, "internal: malformed atomic request");
        }
        if (origin == me) {
            Connection c = delivery.place(token, seq, atomicReply);
            if (c != null) {
                c.atomicsInFlight--;
            }
        } else {
            delivery.send(origin, token, seq, Records.ATOMIC, 0, atomicReply);
        }
        atomicReply.clear();
    }

    /**
     * A participant's end of iteration: freezes if asked or if it forwarded an atomic command.
     * Returns whether it froze (the caller must publish its rings at once).
     */
    boolean freezeIfWanted() {
        if (atomics.freezeIfWanted()) {
            stats.freezes = atomics.freezes();
            return true;
        }
        return false;
    }

    void release() {
        atomicReply.release();
    }
}
