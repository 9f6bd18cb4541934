package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Reducer;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.ring.RecordHandler;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Where a shard's commands go and where its peers' records land.
 *
 * <p>A command read from a connection takes a sequence number in that connection's reply order,
 * then runs here, travels to its owner shard as a {@link Records#REQUEST}, or fans out. Inbound,
 * a request from a peer runs against this shard's handler and its reply travels back as a
 * {@link Records#REPLY}; a reply fills its sequence slot, or its gather's part.
 *
 * <p>Every request from this shard to a peer, single-key or fan-out part, goes through the same
 * {@link MeshPort} FIFO, so commands of one connection reach each shard in the order they were
 * sent, whichever path they took.
 *
 * <p>Atomic commands travel another path (to the coordinator's queue, run during a freeze turn),
 * so each connection keeps an order barrier around them:
 * <ul>
 *   <li>an atomic command waits until the connection's earlier forwarded and fanned-out commands
 *       have been answered (they may still be in a ring the turn does not wait for), except those
 *       forwarded to the coordinator itself, which run as it drains, before the turn;</li>
 *   <li>keyed commands behind an unanswered atomic one join the coordinator's queue too (they run
 *       during the turn, by their owner's handler), as do further atomic commands: the queue is
 *       FIFO, so they keep their order without waiting;</li>
 *   <li>commands that need the client's session ({@code HERE}) and fan-outs behind an unanswered
 *       atomic command wait for its reply.</li>
 * </ul>
 * A command that must wait is copied aside ({@link Connection#stash}) and the connection stops
 * being read until it can go.
 */
final class Dispatcher implements RecordHandler, Gathers.Completion {

    private final int me;
    private final MeshPort port;
    private final ConnectionTable connections;
    private final Gathers gathers;
    private final PartEncoder encoder;
    /** The view of requests read from rings and scratch areas (peers' requests, local parts). */
    private final Request peerRequest = new Request();
    private final OutputBuffer partReply;
    private final RemoteSession remote;
    private final Counters stats;
    private final Atomics atomics;
    /** This shard's listeners, by index (records name theirs). */
    private final Service[] services;
    private final OutputBuffer atomicReply;
    private ConnectionIo io;

    Dispatcher(int me, MeshPort port, ConnectionTable connections, BufferPool pool, Counters stats,
               Service[] services, MemorySegment empty) {
        this.me = me;
        this.port = port;
        this.connections = connections;
        this.gathers = new Gathers(pool);
        this.encoder = new PartEncoder(me, port, pool);
        this.partReply = new OutputBuffer(pool, Long.MAX_VALUE);
        this.remote = new RemoteSession(me);
        this.stats = stats;
        this.atomics = new Atomics(me, port, pool, empty);
        this.services = services;
        this.atomicReply = new OutputBuffer(pool, Long.MAX_VALUE);
    }

    /** Whether this shard is frozen for another shard's atomic command (execute nothing). */
    boolean frozen() {
        return atomics.frozen();
    }

    /** The connection side, made after this (it dispatches through it). */
    void bind(ConnectionIo io) {
        this.io = io;
    }

    /**
     * Runs, forwards or fans out one command of {@code c}; the caller made sure a reply slot is
     * free. Returns {@code false}, having done nothing, when the connection's order barrier holds
     * the command back (see the class comment): the caller keeps it and tries again later.
     */
    boolean dispatch(Connection c, Request command) {
        Service service = c.service;
        CommandHandler handler = service.handler;
        int route = handler.route(command, c);
        boolean keyed = route >= 0 && route < port.shards(); // HERE needs the session: it waits
        if (route == CommandHandler.ATOMIC ? c.remoteInFlight > 0 : c.atomicsInFlight > 0 && !keyed) {
            return false;
        }
        long seq = c.replies.open();
        stats.commands++;
        if (route == CommandHandler.ATOMIC) {
            c.atomicsInFlight++;
            atomic(c.token, seq, command, Records.RUN_ATOMIC, service.index);
        } else if (c.atomicsInFlight > 0) {
            // Behind an atomic command: through the turn too, run there by its owner's handler.
            c.atomicsInFlight++;
            atomic(c.token, seq, command, route, service.index);
        } else if (route == CommandHandler.HERE || route == me) {
            OutputBuffer out = c.replies.begin(seq);
            handler.execute(command, c, out);
            c.replies.complete(seq);
            io.markDirty(c);
        } else if (keyed) {
            if (countsForBarrier(route)) {
                c.remoteInFlight++;
            }
            forward(route, c.token, seq, command, -1, 0, service.index);
        } else if (route == CommandHandler.FAN_OUT) {
            c.remoteInFlight++;
            fanOut(c, seq, command, service);
        } else {
            throw new IllegalStateException("route() returned " + route + " with " + port.shards() + " shards");
        }
        return true;
    }

    /**
     * Whether a command forwarded to {@code target} must be answered before an atomic command of
     * the same connection may go. Not when it goes to the coordinator from another shard: it
     * travels the ring the atomic command will take, and the coordinator runs it as it drains
     * (it is never frozen), before the atomic command's turn.
     */
    private boolean countsForBarrier(int target) {
        return target != Atomics.COORDINATOR || me == Atomics.COORDINATOR;
    }

    /**
     * Queues a command for the coordinator's turn (here, or through the ring to it): an atomic
     * command ({@code runOn} = {@link Records#RUN_ATOMIC}), or a keyed command behind one, to run
     * there by shard {@code runOn}'s handler.
     */
    private void atomic(long token, long seq, Request command, int runOn, int listener) {
        if (me != Atomics.COORDINATOR) {
            forward(Atomics.COORDINATOR, token, seq, command, Records.ATOMIC, runOn, listener);
            atomics.forwarded();
            return;
        }
        long at = atomics.enqueue(me, (int) (Records.HEADER + Records.fieldsLength(command)));
        MemorySegment q = atomics.queueSegment();
        Records.writeHeader(q, at, token, seq, Records.ATOMIC, runOn, listener);
        Records.writeFields(q, at + Records.HEADER, command);
    }

    /** Writes the request's fields in place into a request record for {@code target}. */
    private void forward(int target, long token, long seq, Request command, int gather, int part, int listener) {
        long body = Records.fieldsLength(command);
        long length = Records.HEADER + body;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalStateException("command of " + length + " bytes is too large to forward");
        }
        long at = port.claim(target, Records.REQUEST, (int) length);
        MemorySegment s = port.claimedSegment();
        Records.writeHeader(s, at, token, seq, gather, part, listener);
        Records.writeFields(s, at + Records.HEADER, command);
        port.commit();
        stats.forwarded++;
    }

    private void fanOut(Connection c, long seq, Request command, Service service) {
        int gather = gathers.open(c.token, seq);
        encoder.begin(c.token, seq, gather, service.index);
        service.handler.fanOut(command, c, encoder);
        int parts = encoder.finish();
        Reducer reducer = encoder.reducer();
        stats.forwarded += parts - encoder.localCount();
        MemorySegment local = encoder.local.segment();
        for (int i = 0; i < encoder.localCount(); i++) {
            long start = encoder.localStart(i);
            int part = local.get(Records.INT, start + Records.PART);
            runPart(local, start + Records.HEADER, encoder.localEnd(i), service);
            gathers.deliver(gather, part, partReply, this);
            partReply.clear();
        }
        gathers.seal(gather, parts, reducer, this);
    }

    /** Reads the request's fields at {@code [from, to)} and runs it with the remote session into {@link #partReply}. */
    private void runPart(MemorySegment segment, long from, long to, Service service) {
        if (!Records.readFields(segment, from, to, peerRequest)) {
            service.codec.writeInternalError(partReply, "internal: malformed forwarded request");
            return;
        }
        try {
            service.handler.execute(peerRequest, remote, partReply);
        } catch (RuntimeException e) {
            partReply.clear();
            service.codec.writeInternalError(partReply, "internal error: " + e);
            ShardLog.error(me, "command failed", e);
        }
    }

    /** The listener a record names; a record naming none is a bug in the sender. */
    private Service serviceOf(MemorySegment s, long record) {
        int listener = s.get(Records.INT, record + Records.LISTENER);
        if (listener < 0 || listener >= services.length) {
            throw new IllegalStateException("a record for listener " + listener + " of " + services.length);
        }
        return services[listener];
    }

    @Override
    public void onRecord(int type, MemorySegment segment, long offset, int length) {
        switch (type) {
            case Records.REQUEST -> onRequest(segment, offset, length);
            case Records.REPLY -> onReply(segment, offset, length);
            case Records.HANDOFF -> io.adopt(segment.get(Records.INT, offset),
                    services[segment.get(Records.INT, offset + Integer.BYTES)]);
            case Records.FREEZE -> atomics.onFreeze();
            case Records.FROZEN -> atomics.onFrozen(port.drainingFrom());
            case Records.THAW -> thaw();
            default -> throw new IllegalStateException("a record of unknown type " + type + " from shard "
                    + port.drainingFrom());
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

    private void onRequest(MemorySegment s, long offset, int length) {
        int origin = port.drainingFrom();
        if (s.get(Records.INT, offset + Records.GATHER) == Records.ATOMIC) {
            atomics.enqueue(origin, s, offset, length);
        } else if (atomics.frozen()) {
            atomics.defer(origin, s, offset, length);
        } else {
            replay(origin, s, offset, length);
        }
    }

    /** THAW: runs the requests deferred while frozen, in arrival order. */
    private void thaw() {
        atomics.onThaw();
        Scratch deferred = atomics.deferred();
        MemorySegment d = deferred.segment();
        long at = 0;
        long end = deferred.position();
        while (at < end) {
            int length = d.get(Records.INT, at);
            int origin = d.get(Records.INT, at + 4);
            replay(origin, d, at + 8, length);
            at += 8 + length;
        }
        deferred.clear();
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
        while (ran < Atomics.BATCH_LIMIT && atomics.hasQueued()) {
            runAtomic(atomics.headOrigin(), atomics.queueSegment(), atomics.headRecord(), atomics.headLength());
            atomics.pop();
            ran++;
        }
        atomics.endTurn();
        stats.atomicTurns = atomics.turns();
        return ran;
    }

    /** Runs one atomic request with every shard's handler and sends its reply to its origin. */
    private void runAtomic(int origin, MemorySegment q, long record, int length) {
        long token = q.get(Records.LONG, record + Records.TOKEN);
        long seq = q.get(Records.LONG, record + Records.SEQ);
        int runOn = q.get(Records.INT, record + Records.PART);
        Service service = serviceOf(q, record);
        if (Records.readFields(q, record + Records.HEADER, record + length, peerRequest)) {
            try {
                if (runOn == Records.RUN_ATOMIC) {
                    service.handler.executeAtomic(peerRequest, service.handlers, atomicReply);
                } else {
                    service.handlers[runOn].execute(peerRequest, remote, atomicReply);
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
            Connection c = connections.get(token);
            if (c != null) {
                c.atomicsInFlight--;
                place(c, seq, atomicReply);
            }
        } else {
            sendReply(origin, token, seq, Records.ATOMIC, 0, atomicReply);
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

    /** Runs a peer's request and sends the reply back to {@code origin}. */
    private void replay(int origin, MemorySegment s, long offset, int length) {
        long token = s.get(Records.LONG, offset + Records.TOKEN);
        long seq = s.get(Records.LONG, offset + Records.SEQ);
        int gather = s.get(Records.INT, offset + Records.GATHER);
        int partIndex = s.get(Records.INT, offset + Records.PART);
        runPart(s, offset + Records.HEADER, offset + length, serviceOf(s, offset));
        stats.executedForPeers++;
        sendReply(origin, token, seq, gather, partIndex, partReply);
        partReply.clear();
    }

    private void sendReply(int origin, long token, long seq, int gather, int part, OutputBuffer reply) {
        long at = port.claim(origin, Records.REPLY, (int) (Records.HEADER + reply.size()));
        MemorySegment out = port.claimedSegment();
        Records.writeHeader(out, at, token, seq, gather, part, -1); // a reply goes to its connection
        at += Records.HEADER;
        for (int i = 0; i < reply.segmentCount(); i++) {
            long len = reply.segmentLength(i);
            MemorySegment.copy(reply.segment(i), reply.segmentOffset(i), out, at, len);
            at += len;
        }
        port.commit();
    }

    private void onReply(MemorySegment s, long offset, int length) {
        long token = s.get(Records.LONG, offset + Records.TOKEN);
        long seq = s.get(Records.LONG, offset + Records.SEQ);
        int gather = s.get(Records.INT, offset + Records.GATHER);
        long body = offset + Records.HEADER;
        long bodyLength = length - Records.HEADER;
        if (gather >= 0) {
            int part = s.get(Records.INT, offset + Records.PART);
            gathers.deliver(gather, part, s, body, bodyLength, this);
            return;
        }
        Connection c = connections.get(token);
        if (c == null) {
            return; // the client left; its reply has nowhere to go
        }
        if (gather == Records.ATOMIC) {
            c.atomicsInFlight--;
        } else if (countsForBarrier(port.drainingFrom())) {
            c.remoteInFlight--;
        }
        c.replies.begin(seq).writeBytes(s, body, bodyLength);
        c.replies.complete(seq);
        io.markDirty(c);
    }

    private void place(Connection c, long seq, OutputBuffer reply) {
        c.replies.begin(seq).copyFrom(reply, 0, reply.size());
        c.replies.complete(seq);
        io.markDirty(c);
    }

    @Override
    public void complete(long token, long seq, Reducer reducer, Reducer.Parts parts) {
        Connection c = connections.get(token);
        if (c == null) {
            return;
        }
        c.remoteInFlight--;
        OutputBuffer out = c.replies.begin(seq);
        try {
            reducer.reduce(parts, out);
        } catch (RuntimeException e) {
            ShardLog.error(me, "closing client " + c.id() + " after a reducer failed", e);
            c.replies.complete(seq);
            io.close(c); // part of a reply may be written: the stream cannot be trusted any more
            return;
        }
        c.replies.complete(seq);
        io.markDirty(c);
    }

    /** Fan-outs still waiting for parts (for a clean shutdown and for tests). */
    int pendingGathers() {
        return gathers.pending();
    }

    void release() {
        atomics.release();
        atomicReply.release();
        gathers.release();
        encoder.release();
        partReply.release();
    }
}
